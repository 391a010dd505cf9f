/**
 * Tests for the date recogniser (src/pipeline/extract/dates.ts): every rule's own example, then
 * sentences written for these tests in the styles of AP, AFP (machine-translated from French),
 * Reuters, Anadolu, SOHR and SNHR, read against publication dates that exercise the awkward cases:
 * a year boundary, a publication day that is itself the weekday named, no publication date.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  BACKGROUND_DATE_RULES,
  COMPOSITE_DATE_RULES,
  DATE_RULES,
  DateInputError,
  addMonths,
  findDates,
  isBackgroundDateRule,
  mostRecentWeekday,
  nextWeekday,
  normalisePublished,
  resolveDatePhrase,
  resolveMonthDay,
  weekdayOf,
} from '../../src/pipeline/extract/dates.ts';

const ALL_RULES = [...COMPOSITE_DATE_RULES, ...DATE_RULES];

describe('date rules (data)', () => {
  test('ids are unique', () => {
    const ids = ALL_RULES.map((r) => r.id);
    assert.equal(new Set(ids).size, ids.length);
  });

  test('background rules exist', () => {
    const ids = new Set(ALL_RULES.map((r) => r.id));
    for (const id of BACKGROUND_DATE_RULES) assert.ok(ids.has(id), id);
  });

  for (const rule of ALL_RULES) {
    test(`${rule.id}: "${rule.example}" (published ${rule.examplePublished}) is recognised by its own rule`, () => {
      const resolved = resolveDatePhrase(rule.example, rule.examplePublished);
      assert.ok(resolved, 'no rule recognised the example');
      assert.equal(resolved.rule, rule.id);
      assert.deepEqual(resolved.range && [resolved.range.start, resolved.range.end], rule.exampleRange);
      if (!rule.pointOnly) {
        const found = findDates(rule.example, 0, rule.examplePublished);
        assert.deepEqual(
          found.map((d) => [d.rule, d.text]),
          [[rule.id, rule.example]],
        );
      }
    });
  }
});

/** [text of the mention, rule id, start, end] — start/end null for an unresolved mention. */
type Row = [string, string, string | null, string | null];

const SENTENCES: { style: string; published: string | null; text: string; expected: Row[] }[] = [
  {
    style: 'AFP machine-translated, published on the weekday it names',
    published: '2019-11-06', // a Wednesday
    text: 'Eight civilians were killed on Wednesday, November 6, in northwestern Syria, while on Saturday six civilians died in raids on southern Idlib.',
    expected: [
      ['on Wednesday, November 6', 'month-day', '2019-11-06', '2019-11-06'],
      ['on Saturday', 'weekday', '2019-11-02', '2019-11-02'],
    ],
  },
  {
    style: 'AP, weekday equal to the publication day',
    published: '2019-11-06',
    text: 'Syrian government warplanes struck a market on Wednesday, activists said.',
    expected: [['on Wednesday', 'weekday', '2019-11-06', '2019-11-06']],
  },
  {
    style: 'Anadolu, "late Monday" and "Since Saturday"',
    published: '2020-03-03', // a Tuesday
    text: 'At least nine civilians were killed in airstrikes late Monday, civil defense groups said. Since Saturday, opposition groups have retaken three villages.',
    expected: [
      ['late Monday', 'weekday', '2020-03-02', '2020-03-02'],
      ['Since Saturday', 'since', '2020-02-29', '2020-03-03'],
    ],
  },
  {
    style: 'Daily Sabah, last weekend and a bare duration',
    published: '2019-12-05', // a Thursday
    text: 'Last weekend was particularly violent in Idlib, with 96 people killed in 48 hours in clashes, the monitor said.',
    expected: [
      ['Last weekend', 'weekend', '2019-11-30', '2019-12-01'],
      ['in 48 hours', 'in-hours', '2019-12-03', '2019-12-05'],
    ],
  },
  {
    style: 'SOHR report',
    published: '2019-11-07',
    text: 'Since the second of this month, the Russian warplanes have carried out raids; yesterday they targeted a hospital in Kafr Nabl, and on the 4th of November they resumed their bombardment.',
    expected: [
      ['Since the second of this month', 'since', '2019-11-02', '2019-11-07'],
      ['yesterday', 'yesterday', '2019-11-06', '2019-11-06'],
      ['on the 4th of November', 'day-month', '2019-11-04', '2019-11-04'],
    ],
  },
  {
    style: 'SNHR monthly report',
    published: '2019-12-02',
    text: 'SNHR documented 277 civilian deaths in November 2019, 48 of them since the start of November in Idlib, and 112 in the first half of November.',
    expected: [
      ['in November 2019', 'month-year', '2019-11-01', '2019-11-30'],
      ['since the start of November', 'since', '2019-11-01', '2019-12-02'],
      ['in the first half of November', 'month-part', '2019-11-01', '2019-11-15'],
    ],
  },
  {
    style: 'year boundary: December dates and weekdays in a January article',
    published: '2020-01-03', // a Friday
    text: 'Raids on December 28 killed five people; on Tuesday, 31 December, a car bomb exploded, and last week the shelling did not stop. On Monday, clashes resumed.',
    expected: [
      ['on December 28', 'month-day', '2019-12-28', '2019-12-28'],
      ['on Tuesday, 31 December', 'day-month', '2019-12-31', '2019-12-31'],
      ['last week', 'last-week', '2019-12-23', '2019-12-29'],
      ['On Monday', 'weekday', '2019-12-30', '2019-12-30'],
    ],
  },
  {
    style: 'year boundary: "last month" and "in December" read in January',
    published: '2020-01-10',
    text: 'More than 200 were killed last month, most of them in December in southern Idlib.',
    expected: [
      ['last month', 'last-month', '2019-12-01', '2019-12-31'],
      ['in December', 'in-month', '2019-12-01', '2019-12-31'],
    ],
  },
  {
    style: 'no publication date: relative dates do not resolve, dated ones do',
    published: null,
    text: 'A Turkish drone attack on Tuesday afternoon killed four fighters; on Aug. 6, one fighter died, and on April 27, 2016 the hospital was hit.',
    expected: [
      ['on Tuesday afternoon', 'weekday', null, null],
      ['on Aug. 6', 'month-day', null, null],
      ['on April 27, 2016', 'month-day', '2016-04-27', '2016-04-27'],
    ],
  },
  {
    style: 'Reuters, explicit formats',
    published: '2019-11-08',
    text: 'The attack happened on 6 November 2019 (06/11/2019 in the UN log, 2019-11-06 in the dataset), not on Nov. 5.',
    expected: [
      ['on 6 November 2019', 'day-month', '2019-11-06', '2019-11-06'],
      ['06/11/2019', 'numeric-date', '2019-11-06', '2019-11-06'],
      ['2019-11-06', 'iso-date', '2019-11-06', '2019-11-06'],
      ['on Nov. 5', 'month-day', '2019-11-05', '2019-11-05'],
    ],
  },
  {
    style: 'background years',
    published: '2019-11-06',
    text: 'Since 2011, the war has killed more than 370,000 people; in 2016 the city was retaken, and between 2012 and 2015 it was besieged.',
    expected: [
      ['Since 2011', 'since-year', '2011-01-01', '2019-11-06'],
      ['in 2016', 'year-in', '2016-01-01', '2016-12-31'],
      ['between 2012 and 2015', 'between-years', '2012-01-01', '2015-12-31'],
    ],
  },
  {
    style: 'AFP, spans between two points',
    published: '2019-11-06',
    text: 'Between the end of April and the end of August, the region was pounded by raids, then a truce was announced at the end of August.',
    expected: [
      ['Between the end of April and the end of August', 'between', '2019-04-21', '2019-08-31'],
      ['at the end of August', 'month-part', '2019-08-21', '2019-08-31'],
    ],
  },
  {
    style: 'Kurdish outlets: today, this week, since the beginning of this year',
    published: '2022-08-09', // a Tuesday
    text: 'At least five people were killed today, and 35 since the beginning of this year; earlier this week drones hit Amude. Over the past 24 hours, shelling continued.',
    expected: [
      ['today', 'today', '2022-08-09', '2022-08-09'],
      ['since the beginning of this year', 'since', '2022-01-01', '2022-08-09'],
      ['earlier this week', 'this-week', '2022-08-08', '2022-08-09'],
      ['Over the past 24 hours', 'past-period', '2022-08-08', '2022-08-09'],
    ],
  },
  {
    style: 'month spans and parts',
    published: '2019-11-20',
    text: 'In November, early November and late October saw the heaviest raids, during the month of September fewer, and in the second half of this month more.',
    expected: [
      ['In November', 'in-month', '2019-11-01', '2019-11-20'],
      ['early November', 'month-part', '2019-11-01', '2019-11-10'],
      ['late October', 'month-part', '2019-10-21', '2019-10-31'],
      ['during the month of September', 'in-month', '2019-09-01', '2019-09-30'],
      ['in the second half of this month', 'month-part', '2019-11-16', '2019-11-20'],
    ],
  },
  {
    style: 'overnight, last night, the day before yesterday, days ago',
    published: '2018-04-07',
    text: 'Overnight, barrel bombs fell on Douma; last night a clinic was hit, the day before yesterday a school, and two days ago a bakery.',
    expected: [
      ['Overnight', 'overnight', '2018-04-06', '2018-04-06'],
      ['last night', 'yesterday', '2018-04-06', '2018-04-06'],
      ['the day before yesterday', 'day-before-yesterday', '2018-04-05', '2018-04-05'],
      ['two days ago', 'days-ago', '2018-04-05', '2018-04-05'],
    ],
  },
  {
    style: 'published as a date-time',
    published: '2023-10-06T14:30:00Z', // a Friday
    text: 'Families buried their dead on Friday, 6 October, after shelling late Thursday night.',
    expected: [
      ['on Friday, 6 October', 'day-month', '2023-10-06', '2023-10-06'],
      ['late Thursday night', 'weekday', '2023-10-05', '2023-10-05'],
    ],
  },
];

describe('findDates on news sentences', () => {
  for (const s of SENTENCES) {
    test(`${s.style} (published ${s.published})`, () => {
      const found = findDates(s.text, 0, s.published);
      assert.deepEqual(
        found.map((d): Row => [d.text, d.rule, d.range?.start ?? null, d.range?.end ?? null]),
        s.expected,
      );
      for (const d of found) {
        assert.equal(s.text.slice(d.start, d.end), d.text);
        if (d.range) assert.equal(d.range.precision, d.range.start === d.range.end ? 'day' : 'range');
      }
    });
  }

  test('offsets are shifted by the offset argument', () => {
    const [d] = findDates('Strikes hit Saraqib on Sunday.', 500, '2019-11-17');
    assert.equal(d.start, 500 + 'Strikes hit Saraqib '.length);
    assert.equal(d.end, d.start + 'on Sunday'.length);
  });

  test('"may" and "march" as ordinary words are not months', () => {
    assert.deepEqual(findDates('Officials said 12 may be dead after a march on the town.', 0, '2019-05-20'), []);
    assert.deepEqual(
      findDates('Clashes on May 12 and in March killed dozens.', 0, '2019-05-20').map((d) => d.rule),
      ['month-day', 'in-month'],
    );
  });

  test('a duration with a future marker is not a date', () => {
    assert.deepEqual(findDates('The ceasefire will take effect in 48 hours.', 0, '2019-11-06'), []);
  });

  test('"last weekend" in a weekend article is the weekend before; "over the weekend" the current one', () => {
    const sunday = '2019-12-01';
    assert.deepEqual(resolveDatePhrase('last weekend', sunday)?.range, {
      start: '2019-11-23',
      end: '2019-11-24',
      precision: 'range',
    });
    assert.deepEqual(resolveDatePhrase('over the weekend', sunday)?.range, {
      start: '2019-11-30',
      end: '2019-12-01',
      precision: 'range',
    });
  });

  test('"last Wednesday" on a Wednesday is the week before', () => {
    assert.equal(resolveDatePhrase('last Wednesday', '2019-11-06')?.range?.start, '2019-10-30');
  });

  test('"tomorrow, Saturday" and "next Friday" resolve forwards', () => {
    assert.equal(resolveDatePhrase('tomorrow, Saturday', '2018-04-06')?.range?.start, '2018-04-07');
    assert.equal(resolveDatePhrase('next Friday', '2018-04-06')?.range?.start, '2018-04-13');
  });

  test('a yearless date a few days after publication stays in the same year (updated pages)', () => {
    const [d] = findDates('Update 14:45 29 April', 0, '2016-04-28');
    assert.equal(d.range?.start, '2016-04-29');
  });

  test('background rules are flagged', () => {
    const rules = findDates('In 2011 protests began; since 2011 thousands died; last year too.', 0, '2019-11-06').map(
      (d) => d.rule,
    );
    assert.deepEqual(rules, ['year-in', 'since-year', 'last-year']);
    assert.ok(rules.every(isBackgroundDateRule));
    assert.equal(isBackgroundDateRule('weekday'), false);
  });

  test('an invalid publication date is rejected with the value named', () => {
    assert.throws(
      () => findDates('on Wednesday', 0, '06/11/2019'),
      (e: unknown) => e instanceof DateInputError && e.message.includes('"06/11/2019"'),
    );
    assert.throws(() => normalisePublished('2019-02-30'), DateInputError);
  });
});

describe('day helpers', () => {
  test('weekdayOf', () => {
    assert.equal(weekdayOf('2019-11-06'), 3);
    assert.equal(weekdayOf('2020-02-29'), 6);
  });

  const weekdayRows: [string, number, boolean, string][] = [
    ['2019-11-06', 3, false, '2019-11-06'],
    ['2019-11-06', 3, true, '2019-10-30'],
    ['2019-11-06', 6, false, '2019-11-02'],
    ['2020-01-01', 1, false, '2019-12-30'],
  ];
  for (const [published, weekday, strict, expected] of weekdayRows) {
    test(`mostRecentWeekday(${published}, ${weekday}, ${strict})`, () => {
      assert.equal(mostRecentWeekday(published, weekday, strict), expected);
    });
  }

  test('nextWeekday', () => {
    assert.equal(nextWeekday('2019-11-06', 3), '2019-11-13');
    assert.equal(nextWeekday('2019-12-30', 3), '2020-01-01');
  });

  test('addMonths clamps to the month length and crosses years', () => {
    assert.equal(addMonths('2020-03-31', -1), '2020-02-29');
    assert.equal(addMonths('2020-01-15', -1), '2019-12-15');
    assert.equal(addMonths('2019-12-15', 1), '2020-01-15');
  });

  const monthDayRows: [number, number, number | null, string | null, string | null | undefined][] = [
    [11, 6, null, '2019-11-07', '2019-11-06'],
    [12, 28, null, '2020-01-03', '2019-12-28'],
    [1, 5, null, '2020-01-03', '2020-01-05'],
    [2, 29, null, '2021-03-01', '2020-02-29'],
    [11, 6, 2016, null, '2016-11-06'],
    [11, 6, null, null, null],
    [2, 30, 2019, null, undefined],
  ];
  for (const [month, day, year, published, expected] of monthDayRows) {
    test(`resolveMonthDay(${month}, ${day}, ${year}, ${published})`, () => {
      assert.equal(resolveMonthDay(month, day, year, published), expected);
    });
  }
});
