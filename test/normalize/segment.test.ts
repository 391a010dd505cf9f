import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { normalizeText } from '../../src/pipeline/normalize/normalize-text.ts';
import { type Segment, type SegmentKind, segment } from '../../src/pipeline/normalize/segment.ts';
import { headlineRule } from '../../src/pipeline/normalize/headline.ts';

type Row = { name: string; input: string; expected: [SegmentKind, string][] };
const S = (text: string): [SegmentKind, string] => ['sentence', text];
const H = (text: string): [SegmentKind, string] => ['headline', text];
const B = (text: string): [SegmentKind, string] => ['boilerplate', text];

/** Offsets are consistent with the text: the invariant every caller relies on. */
function checkInvariants(input: string, segments: Segment[]): void {
  let last = 0;
  for (const s of segments) {
    assert.equal(s.text, input.slice(s.start, s.end));
    assert.ok(s.start >= last, `segments in order and not overlapping at ${s.start}`);
    assert.ok(s.end > s.start);
    assert.equal(s.text.trim(), s.text, `no surrounding whitespace: ${JSON.stringify(s.text)}`);
    assert.equal(/[\n\r]/.test(s.text), false, 'a segment never crosses a line break');
    last = s.end;
  }
}

function check(rows: Row[], prepare: (s: string) => string = normalizeText): void {
  for (const r of rows) {
    test(r.name, () => {
      const input = prepare(r.input);
      const got = segment(input);
      checkInvariants(input, got);
      assert.deepEqual(got.map((s) => [s.kind, s.text]), r.expected);
    });
  }
}

describe('segment: sentence boundaries', () => {
  check([
    {
      name: 'AP-style lead and follow-up',
      input: 'BEIRUT (AP) - Airstrikes on a market in the northwestern town of Ariha killed at least 11 people on Monday, activists said. The Britain-based Syrian Observatory for Human Rights said the dead included three children.',
      expected: [
        S('BEIRUT (AP) - Airstrikes on a market in the northwestern town of Ariha killed at least 11 people on Monday, activists said.'),
        S('The Britain-based Syrian Observatory for Human Rights said the dead included three children.'),
      ],
    },
    {
      name: 'titles and ranks do not end sentences',
      input: 'Lt. Col. Ahmad al-Hassan and Maj. Gen. Sami Khalil met Mr. Doe and Dr. Roe near St. Simeon. Capt. Omar and Sgt. Bilal were wounded.',
      expected: [
        S('Lt. Col. Ahmad al-Hassan and Maj. Gen. Sami Khalil met Mr. Doe and Dr. Roe near St. Simeon.'),
        S('Capt. Omar and Sgt. Bilal were wounded.'),
      ],
    },
    {
      name: 'U.S., U.N., U.K. before names; split when a sentence opener follows',
      input: 'Forces backed by the U.S. Central Command and a U.N. Security Council envoy were there. The strikes were carried out by the U.S. The coalition later confirmed it. The U.K. Foreign Office was silent.',
      expected: [
        S('Forces backed by the U.S. Central Command and a U.N. Security Council envoy were there.'),
        S('The strikes were carried out by the U.S.'),
        S('The coalition later confirmed it.'),
        S('The U.K. Foreign Office was silent.'),
      ],
    },
    {
      name: 'e.g., i.e., vs., approx. and etc.',
      input: 'Several towns, e.g. Ariha and Saraqib, were hit, i.e. Idlib\'s south. The match was Hama vs. Homs at approx. 5 p.m. local time. Bakeries, schools, etc. The list is long. Markets, clinics, etc. were also hit.',
      expected: [
        S('Several towns, e.g. Ariha and Saraqib, were hit, i.e. Idlib\'s south.'),
        S('The match was Hama vs. Homs at approx. 5 p.m. local time.'),
        S('Bakeries, schools, etc.'),
        S('The list is long.'),
        S('Markets, clinics, etc. were also hit.'),
      ],
    },
    {
      name: 'months and numbers after abbreviations',
      input: 'On Sept. 12 the strikes resumed and on Oct. 3 they stopped. Resolution No. 2254 was cited. It was adopted in Dec. 2015.',
      expected: [
        S('On Sept. 12 the strikes resumed and on Oct. 3 they stopped.'),
        S('Resolution No. 2254 was cited.'),
        S('It was adopted in Dec. 2015.'),
      ],
    },
    {
      name: 'initials',
      input: 'Spokesman John F. Kennedy Jr. said five people died. The airport is named after John F. Kennedy. Rescuers said the toll could rise.',
      expected: [
        S('Spokesman John F. Kennedy Jr. said five people died.'),
        S('The airport is named after John F. Kennedy.'),
        S('Rescuers said the toll could rise.'),
      ],
    },
    {
      name: 'decimals and thousands separators',
      input: 'The blast was felt 1.5 km away. Some 3.000 people fled, and 2,500 more left on Friday. The toll was 7. 10 others were injured.',
      expected: [
        S('The blast was felt 1.5 km away.'),
        S('Some 3.000 people fled, and 2,500 more left on Friday.'),
        S('The toll was 7.'),
        S('10 others were injured.'),
      ],
    },
    {
      name: 'quotes: after the closing quote, not before it; not inside "..., he said"',
      input: '"Five people were killed," he said. "We will respond." The minister added that the army was ready. He asked: "Why?" and left. "Where were they?" Nobody answered.',
      expected: [
        S('"Five people were killed," he said.'),
        S('"We will respond."'),
        S('The minister added that the army was ready.'),
        S('He asked: "Why?" and left.'),
        S('"Where were they?"'),
        S('Nobody answered.'),
      ],
    },
    {
      name: 'parentheses',
      input: 'Eight civilians were killed (five of them children). (The toll was later raised to nine.) Rescuers kept digging.',
      expected: [
        S('Eight civilians were killed (five of them children).'),
        S('(The toll was later raised to nine.)'),
        S('Rescuers kept digging.'),
      ],
    },
    {
      name: '?!, ... and the ellipsis character',
      input: 'Who is responsible?! Nobody knows. The toll keeps rising... The hospital is full\u2026 Doctors are exhausted. It rose... and rose.',
      expected: [
        S('Who is responsible?!'),
        S('Nobody knows.'),
        S('The toll keeps rising...'),
        S('The hospital is full\u2026'),
        S('Doctors are exhausted.'),
        S('It rose... and rose.'),
      ],
    },
    {
      name: 'a missing space after a full stop between words',
      input: 'Two people were killed.The strike hit a house. See example.com for more.',
      expected: [S('Two people were killed.'), S('The strike hit a house.'), S('See example.com for more.')],
    },
    {
      name: 'Anadolu style with U.S. and a dateline',
      input: 'IDLIB, Syria - At least six civilians were killed when regime warplanes struck a market in Idlib, according to the White Helmets. The U.S.-backed SDF did not comment.',
      expected: [
        S('IDLIB, Syria - At least six civilians were killed when regime warplanes struck a market in Idlib, according to the White Helmets.'),
        S('The U.S.-backed SDF did not comment.'),
      ],
    },
    {
      name: 'SOHR style',
      input: 'SOHR activists have documented the death of 4 civilians, including a child, in Russian airstrikes on Idlib countryside. Accordingly, the death toll has risen to 27 since Oct. 30.',
      expected: [
        S('SOHR activists have documented the death of 4 civilians, including a child, in Russian airstrikes on Idlib countryside.'),
        S('Accordingly, the death toll has risen to 27 since Oct. 30.'),
      ],
    },
    {
      name: 'lower case after a stop does not start a sentence',
      input: 'The strikes hit Kafr Nabl. at dawn, witnesses said.',
      expected: [S('The strikes hit Kafr Nabl. at dawn, witnesses said.')],
    },
  ]);
});

describe('segment: machine-translated French', () => {
  check([
    {
      name: 'stray ") ." after the stop stays with its sentence',
      input: 'Eight civilians were killed on Wednesday, the Syrian Observatory for Human Rights (OSDH) reported. ). The strikes hit the village of Al-Sahara.',
      expected: [
        S('Eight civilians were killed on Wednesday, the Syrian Observatory for Human Rights (OSDH) reported. ).'),
        S('The strikes hit the village of Al-Sahara.'),
      ],
    },
    {
      name: 'a space before the stop',
      input: 'The toll is 12 dead , according to the OSDH . The strikes continue .',
      expected: [S('The toll is 12 dead , according to the OSDH .'), S('The strikes continue .')],
    },
    {
      name: 'guillemets with inner spaces, normalised',
      input: '\u00AB Nous allons riposter. \u00BB Le ministre a parl\u00E9. \u00AB Le bilan est lourd \u00BB, a-t-il dit.',
      expected: [S('" Nous allons riposter. "'), S('Le ministre a parl\u00E9.'), S('" Le bilan est lourd ", a-t-il dit.')],
    },
  ]);
  check(
    [
      {
        name: 'guillemets with inner spaces, not normalised',
        input: '\u00AB Nous allons riposter. \u00BB Le ministre a parl\u00E9.',
        expected: [S('\u00AB Nous allons riposter. \u00BB'), S('Le ministre a parl\u00E9.')],
      },
      {
        name: 'curly quotes, not normalised',
        input: '\u201CWe will respond.\u201D The minister added nothing.',
        expected: [S('\u201CWe will respond.\u201D'), S('The minister added nothing.')],
      },
    ],
    (s) => s,
  );
});

describe('segment: lines, bullets, headlines', () => {
  check([
    {
      name: 'line breaks end segments; bullet markers are not part of the text',
      input: '\u2022 Three civilians were killed in Ariha.\n- Two more died in Binnish\n* A child was injured\n\u2013 Four homes were destroyed.\n1. Shelling continued in Kafr Nabl.\n12) Two children were injured.',
      expected: [
        S('Three civilians were killed in Ariha.'),
        S('Two more died in Binnish'),
        S('A child was injured'),
        S('Four homes were destroyed.'),
        S('Shelling continued in Kafr Nabl.'),
        S('Two children were injured.'),
      ],
    },
    {
      name: 'Title Case and sentence-case headlines without a final stop',
      input: 'Russian Strikes Kill 11 in Idlib Market\nAt least 11 people were killed on Sunday.\nTurkish drone kills three civilians near Qamishli\nThe drone struck a car.\nUnrelenting attacks\nThe shelling went on.',
      expected: [
        H('Russian Strikes Kill 11 in Idlib Market'),
        S('At least 11 people were killed on Sunday.'),
        H('Turkish drone kills three civilians near Qamishli'),
        S('The drone struck a car.'),
        H('Unrelenting attacks'),
        S('The shelling went on.'),
      ],
    },
    {
      name: 'unpunctuated lines that read as sentences stay sentences',
      input: 'Moreover, another drone hit a house near the border town of Amude\nThe Observatory said the toll was 4 and could rise as rescuers searched through the rubble of the market today\nThree people were killed.\nThe monitor said the toll could ri',
      expected: [
        S('Moreover, another drone hit a house near the border town of Amude'),
        S('The Observatory said the toll was 4 and could rise as rescuers searched through the rubble of the market today'),
        S('Three people were killed.'),
        S('The monitor said the toll could ri'),
      ],
    },
    {
      name: 'a quoted pull-head',
      input: '"The sky is falling"\nThe hospital was hit twice.',
      expected: [H('"The sky is falling"'), S('The hospital was hit twice.')],
    },
  ]);

  test('paragraph counts non-blank lines; CRLF and blank lines do not count', () => {
    const input = 'Syria Strike Toll Rises\r\n\r\nFive died in Ariha. Two in Binnish.\r\n\r\n\r\nRescuers searched.';
    assert.deepEqual(
      segment(input).map((s) => [s.paragraph, s.text]),
      [
        [0, 'Syria Strike Toll Rises'],
        [1, 'Five died in Ariha.'],
        [1, 'Two in Binnish.'],
        [2, 'Rescuers searched.'],
      ],
    );
  });

  test('headline and boilerplate segments carry the rule that classified them', () => {
    const got = segment('Russian Strikes Kill 11 in Idlib\nAdvertisement\nFive died.');
    assert.deepEqual(
      got.map((s) => [s.kind, s.rule]),
      [
        ['headline', 'headline-title-case'],
        ['boilerplate', 'advertisement'],
        ['sentence', undefined],
      ],
    );
  });

  test('empty and whitespace-only text give no segments', () => {
    assert.deepEqual(segment(''), []);
    assert.deepEqual(segment(' \n\t\n '), []);
  });
});

describe('segment: boilerplate lines of scraped pages', () => {
  check([
    {
      name: 'AP page furniture around the report',
      input: 'By Jane Doe and John Roe, AP\n3 min read\nUpdate 14:45 29 April\nAt least five people were killed in Jisr al-Shughur, rescuers said.\nAdvertisement\nRead more: Syria\'s war explained\nShare this:\nTwitter Post\n\u00A9 2024 Example Wire. All rights reserved.',
      expected: [
        B('By Jane Doe and John Roe, AP'),
        B('3 min read'),
        B('Update 14:45 29 April'),
        S('At least five people were killed in Jisr al-Shughur, rescuers said.'),
        B('Advertisement'),
        B("Read more: Syria's war explained"),
        B('Share this:'),
        B('Twitter Post'),
        B('\u00A9 2024 Example Wire. All rights reserved.'),
      ],
    },
    {
      name: 'Reuters and AFP credits, photo lines, dates',
      input: 'November 6, 2019\nSmoke rises over Ariha after an airstrike. REUTERS/Jane Doe\n(AFP Photo)\nPhoto: AFP / Syrian Civil Defence\nThe White Helmets said nine people died.\n(Reporting by Jane Doe; Editing by John Roe)\nRelated Articles\nDiscussion about this post',
      expected: [
        B('November 6, 2019'),
        B('Smoke rises over Ariha after an airstrike. REUTERS/Jane Doe'),
        B('(AFP Photo)'),
        B('Photo: AFP / Syrian Civil Defence'),
        S('The White Helmets said nine people died.'),
        B('(Reporting by Jane Doe; Editing by John Roe)'),
        B('Related Articles'),
        B('Discussion about this post'),
      ],
    },
    {
      name: 'a sentence that merely starts like a byline is kept',
      input: 'By Tuesday evening, the death toll had risen to 20. SNHR documented 92 civilian deaths in June 2022, including 19 children and 16 women.',
      expected: [
        S('By Tuesday evening, the death toll had risen to 20.'),
        S('SNHR documented 92 civilian deaths in June 2022, including 19 children and 16 women.'),
      ],
    },
  ]);
});

describe('headlineRule', () => {
  const rows: [string, boolean, string | null][] = [
    ['Syrian Regime Strikes Kill 5 in Idlib', false, 'headline-title-case'],
    ['Incident date', false, 'headline-short'],
    ['Families bury relatives after strikes on Idlib market kill nine civilians', false, 'headline-unpunctuated'],
    ['Russian Strikes Kill 11 in Idlib', true, null],
    ['Five people were killed.', false, null],
    ['Why Did the Hospital Burn?', false, null],
    ['The victims were:', false, null],
    ['The PKK has waged a', false, null],
    ['three civilians killed in idlib', false, null],
    ['On Tuesday, three civilians were killed in a strike on a market in Idlib', false, null],
  ];
  for (const [line, last, expected] of rows) {
    test(`${JSON.stringify(line)}${last ? ' (last line)' : ''} -> ${expected}`, () => assert.equal(headlineRule(line, last), expected));
  }
});
