/**
 * Tests for the quantity recogniser (src/pipeline/extract/numbers.ts): how phrases become
 * conservative figures, what NUMBER_PATTERN matches when embedded in a casualty regex, and which
 * numbers in running text are not counts. Sentences are written for these tests in the styles of
 * wire copy (AP, AFP, Reuters, Anadolu), monitors' reports (SOHR, SNHR) and machine translation.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  NON_COUNT_CONTEXTS,
  NUMBER_PATTERN,
  findQuantities,
  nonCountContext,
  parseNumber,
  parseQuantity,
} from '../../src/pipeline/extract/numbers.ts';
import { QUALIFIER_WORDS, VAGUE_QUANTITIES } from '../../src/pipeline/extract/lexicons/number-words.ts';
import type { Qualifier } from '../../src/domain/types.ts';

type Expect = [value: number, min: number, max: number, qualifier: Qualifier, approximate: boolean, additional: boolean];

const PHRASES: [string, Expect][] = [
  ['7', [7, 7, 7, 'exact', false, false]],
  ['1,600', [1600, 1600, 1600, 'exact', false, false]],
  ['1.600', [1600, 1600, 1600, 'exact', false, false]],
  ['1\u00a0600', [1600, 1600, 1600, 'exact', false, false]],
  ['seven', [7, 7, 7, 'exact', false, false]],
  ['Seventeen', [17, 17, 17, 'exact', false, false]],
  ['twenty', [20, 20, 20, 'exact', false, false]],
  ['twenty-one', [21, 21, 21, 'exact', false, false]],
  ['twenty one', [21, 21, 21, 'exact', false, false]],
  ['one hundred and twelve', [112, 112, 112, 'exact', false, false]],
  ['a hundred', [100, 100, 100, 'exact', false, false]],
  ['a thousand', [1000, 1000, 1000, 'exact', false, false]],
  ['two thousand', [2000, 2000, 2000, 'exact', false, false]],
  ['two hundred thousand', [200000, 200000, 200000, 'exact', false, false]],
  ['4 million', [4000000, 4000000, 4000000, 'exact', false, false]],
  ['1.5 million', [1500000, 1500000, 1500000, 'exact', false, false]],
  ['at least six', [6, 6, 6, 'at_least', false, false]],
  ['no fewer than 20', [20, 20, 20, 'at_least', false, false]],
  ['more than 50', [50, 50, 50, 'more_than', false, false]],
  ['over 30', [30, 30, 30, 'more_than', false, false]],
  ['More than a dozen', [12, 12, 12, 'more_than', true, false]],
  ['nearly a thousand', [1000, 900, 1000, 'nearly', true, false]],
  ['almost 40', [40, 36, 40, 'nearly', true, false]],
  ['about fifty', [50, 45, 55, 'about', true, false]],
  ['around 200', [200, 180, 220, 'about', true, false]],
  ['some 4 million', [4000000, 3600000, 4400000, 'about', true, false]],
  ['an estimated 300', [300, 270, 330, 'about', true, false]],
  ['up to 30', [30, 1, 30, 'up_to', true, false]],
  ['as many as 150', [150, 1, 150, 'up_to', true, false]],
  ['less than 10', [9, 1, 9, 'up_to', true, false]],
  ['a total of 21', [21, 21, 21, 'exact', false, false]],
  ['12-15', [12, 12, 15, 'about', true, false]],
  ['12 – 15', [12, 12, 15, 'about', true, false]],
  ['12 to 15', [12, 12, 15, 'about', true, false]],
  ['between 12 and 15', [12, 12, 15, 'about', true, false]],
  ['seven or eight', [7, 7, 8, 'about', true, false]],
  ['five to seven', [5, 5, 7, 'about', true, false]],
  ['a dozen', [12, 12, 12, 'exact', true, false]],
  ['two dozen', [24, 24, 24, 'exact', true, false]],
  ['half a dozen', [6, 6, 6, 'exact', true, false]],
  ['dozens', [24, 24, 99, 'approx_plural', true, false]],
  ['dozens of', [24, 24, 99, 'approx_plural', true, false]],
  ['tens of', [20, 20, 99, 'approx_plural', true, false]],
  ['scores of', [40, 40, 99, 'approx_plural', true, false]],
  ['hundreds', [200, 200, 999, 'approx_plural', true, false]],
  ['hundreds of thousands', [200000, 200000, 999999, 'approx_plural', true, false]],
  ['several', [3, 3, 9, 'approx_plural', true, false]],
  ['a few', [2, 2, 5, 'approx_plural', true, false]],
  ['a number of', [2, 2, 20, 'approx_plural', true, false]],
  ['a', [1, 1, 1, 'exact', false, false]],
  ['an', [1, 1, 1, 'exact', false, false]],
  ['one', [1, 1, 1, 'exact', false, false]],
  ['a single', [1, 1, 1, 'exact', false, false]],
  ['another', [1, 1, 1, 'exact', false, true]],
  ['a further', [1, 1, 1, 'exact', false, true]],
  ['one more', [1, 1, 1, 'exact', false, true]],
  ['two more', [2, 2, 2, 'exact', false, true]],
  ['three other', [3, 3, 3, 'exact', false, true]],
  ['28 others', [28, 28, 28, 'exact', false, true]],
  ['another 35', [35, 35, 35, 'exact', false, true]],
  ['dozens more', [24, 24, 99, 'approx_plural', true, true]],
];

describe('parseQuantity', () => {
  for (const [phrase, [value, min, max, qualifier, approximate, additional]] of PHRASES) {
    test(JSON.stringify(phrase), () => {
      const q = parseQuantity(phrase);
      assert.ok(q, `no quantity for ${phrase}`);
      assert.deepEqual(
        { value: q.value, min: q.min, max: q.max, qualifier: q.qualifier, approximate: q.approximate, additional: q.additional },
        { value, min, max, qualifier, approximate, additional },
      );
    });
  }

  for (const phrase of ['', 'civilians', 'some', 'at least', 'seven civilians', 'a an', 'hundred']) {
    test(`not a quantity: ${JSON.stringify(phrase)}`, () => {
      assert.equal(parseQuantity(phrase), null);
    });
  }

  test('every qualifier word parses in front of a figure with its qualifier', () => {
    for (const q of QUALIFIER_WORDS) {
      const parsed = parseQuantity(`${q.phrase} 20`);
      assert.ok(parsed, q.phrase);
      assert.equal(parsed.qualifier, q.qualifier, q.phrase);
      assert.ok(parsed.min <= parsed.value && parsed.value <= parsed.max, q.phrase);
    }
  });

  test('records which reading produced the figure', () => {
    assert.equal(parseQuantity('1,600')?.rule, 'digits');
    assert.equal(parseQuantity('twenty-one')?.rule, 'number-words');
    assert.equal(parseQuantity('12-15')?.rule, 'range');
    assert.equal(parseQuantity('dozens of')?.rule, 'vague:dozens');
    assert.equal(parseQuantity('another')?.rule, 'singular');
  });
});

describe('parseNumber', () => {
  const rows: [string, number | null][] = [
    ['14,455', 14455],
    ['370,000', 370000],
    ['1.600', 1600],
    ['ninety-nine', 99],
    ['a hundred and twenty', 120],
    ['two thousand five hundred', 2500],
    ['12 thousand', 12000],
    ['3.5', null],
    ['seven civilians', null],
  ];
  for (const [words, expected] of rows) {
    test(JSON.stringify(words), () => assert.equal(parseNumber(words), expected));
  }
});

describe('NUMBER_PATTERN embedded in a casualty regex', () => {
  test('has no capturing groups of its own', () => {
    const m = new RegExp(`${NUMBER_PATTERN}|$`, 'i').exec('');
    assert.equal(m?.length, 1);
  });

  const killed = new RegExp(`(${NUMBER_PATTERN})\\s+(?:civilians?|people|children|fighters)\\b`, 'gi');
  const rows: [string, string[]][] = [
    ['At least six civilians were killed when warplanes struck Idlib on Wednesday.', ['At least six']],
    ['More than 1,600 civilians have been killed since the offensive began.', ['More than 1,600']],
    ['The strikes killed 12-15 civilians and wounded dozens of people.', ['12-15', 'dozens of']],
    ['Another civilian was killed in a regime raid, the OSDH said.', ['Another']],
    ['A civilian was killed and two more people were wounded.', ['A', 'two more']],
    ['Three children of the same family were killed, said the Observatory.', ['Three']],
    ['Nearly a thousand civilians perished during the offensive.', ['Nearly a thousand']],
    ['Des dizaines: tens of civilians were wounded, said the civil defence.', ['tens of']],
    ['Some 4 million people live in the province.', ['Some 4 million']],
    ['Twenty-one people died, up to 30 civilians according to RBSS.', ['Twenty-one', 'up to 30']],
    ['Assad forces killed civilians in the tension-filled town.', []],
    ['A Su-24 jet killed people near the 4th Division base.', []],
  ];
  for (const [sentence, expected] of rows) {
    test(sentence, () => {
      assert.deepEqual(
        [...sentence.matchAll(killed)].map((m) => m[1]),
        expected,
      );
    });
  }

  const whole = new RegExp(`^(?:${NUMBER_PATTERN})$`, 'i');
  for (const word of ['Assad', 'tension', 'tens', 'another', 'an', 'Another', '4th', '20km', '3.5', 'anti']) {
    const expected = ['tens', 'another', 'an', 'Another'].includes(word);
    test(`${expected ? 'is' : 'is not'} a whole quantity: ${word}`, () => {
      assert.equal(whole.test(word), expected);
    });
  }
});

describe('findQuantities', () => {
  const rows: [string, [string, number][]][] = [
    [
      // AFP, machine-translated from French
      'Eight civilians were killed on Wednesday, November 6, in northwestern Syria; the strikes left seven dead and twenty wounded.',
      [['Eight', 8], ['seven', 7], ['twenty', 20]],
    ],
    [
      // SOHR style
      '7 civilians including 2 women and a child were killed by warplanes on al-Rami village at 14:45.',
      [['7', 7], ['2', 2]],
    ],
    [
      // Anadolu style
      'At least 12 civilians, including five children, were killed in 2020 airstrikes, while some 40,000 fled.',
      [['At least 12', 12], ['five', 5], ['some 40,000', 40000]],
    ],
    [
      // AP style with ages, years, measures
      'A 12-year-old boy and his father, aged 40, were among 9 killed 20 km south of the city since 2011.',
      [['9', 9]],
    ],
    [
      // Reuters style with a range and an additional figure
      'Rescuers said 10 to 12 people died and another 35 were hurt; no one was arrested.',
      [['10 to 12', 10], ['another 35', 35]],
    ],
    [
      // SNHR style
      'The report documented the killing of 277 civilians, including 72 children and 32 women, in November 2019.',
      [['277', 277], ['72', 72], ['32', 32]],
    ],
    [
      'Residents said about 45 people were injured and several others were trapped under the rubble for 48 hours.',
      [['about 45', 45], ['several others', 3]],
    ],
  ];
  for (const [sentence, expected] of rows) {
    test(sentence, () => {
      assert.deepEqual(
        findQuantities(sentence).map((m) => [m.text, m.quantity.value]),
        expected,
      );
    });
  }

  test('offsets point into the text and are shifted by the offset argument', () => {
    const text = 'Officials said at least 46 people died.';
    const [m] = findQuantities(text, 100);
    assert.equal(m.text, 'at least 46');
    assert.equal(m.start, 100 + text.indexOf('at least 46'));
    assert.equal(m.end - m.start, 'at least 46'.length);
  });

  test('mentions do not overlap and come left to right', () => {
    const found = findQuantities('Two more died, then dozens of others, hundreds of thousands fled and 1,600 stayed.');
    for (let i = 1; i < found.length; i++) assert.ok(found[i].start >= found[i - 1].end);
    assert.deepEqual(found.map((m) => m.text), ['Two more', 'dozens of others', 'hundreds of thousands', '1,600']);
  });

  test('bare "a"/"an" are not reported', () => {
    assert.deepEqual(findQuantities('A child and an elderly man were killed in a strike.'), []);
  });

  test('"May"/"March" as months exclude the day; as ordinary words they do not', () => {
    assert.deepEqual(findQuantities('Strikes on May 12 hit the town.'), []);
    assert.deepEqual(findQuantities('Officials fear 12 may be dead.').map((m) => m.text), ['12']);
  });
});

describe('vague quantity words (lexicon data)', () => {
  test('ids are unique', () => {
    const ids = VAGUE_QUANTITIES.map((v) => v.id);
    assert.equal(new Set(ids).size, ids.length);
  });
  for (const v of VAGUE_QUANTITIES) {
    test(`${v.id}: "${v.example}" is read by its own entry`, () => {
      const [first] = findQuantities(v.example);
      assert.ok(first, `nothing found in "${v.example}"`);
      assert.equal(first.start, 0);
      assert.equal(first.quantity.rule, `vague:${v.id}`);
      assert.ok(v.min <= v.value && v.value <= v.max);
    });
  }
});

describe('non-count contexts', () => {
  test('ids are unique', () => {
    const ids = NON_COUNT_CONTEXTS.map((c) => c.id);
    assert.equal(new Set(ids).size, ids.length);
  });
  for (const c of NON_COUNT_CONTEXTS) {
    test(`${c.id}: "${c.number}" in "${c.example}" is a ${c.kind}, not a count`, () => {
      const at = c.example.indexOf(c.number);
      assert.ok(at >= 0, 'example must contain its number');
      assert.ok(nonCountContext(c.example, at, at + c.number.length), 'context not recognised');
      assert.ok(!findQuantities(c.example).some((m) => m.text === c.number), 'reported as a count');
    });
  }
});
