/**
 * Table-driven tests for the clause splitter (src/pipeline/extract/clauses.ts): separate figures for
 * separate places must end up in separate statements ("Five died in X while the other four were
 * killed in Y"), and a figure with its own sub-counts or its injured figure must stay in one
 * ("killing 4 civilians, injuring 10 others"). Anchors come from the real casualty rules, as in the
 * frame builder. Rows the rules get wrong are kept as `todo` with what goes wrong.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { findCasualtyAnchors } from '../../src/pipeline/extract/casualties.ts';
import { splitClauses } from '../../src/pipeline/extract/clauses.ts';

interface Row {
  text: string;
  /** The statements, trimmed of surrounding spaces and punctuation. */
  statements: string[];
  todo?: string;
}

const EDGE = /^[\s,;.]+|[\s,;.]+$/g;
/** Connectives left between two cuts carry no statement of their own. */
const CONNECTIVE_ONLY = /^(?:and|while|whereas|meanwhile|separately|but)?$/i;

/** Split a sentence that starts at `base` in its document, as the frame builder does. */
function statements(text: string, base = 0): string[] {
  const anchors = findCasualtyAnchors(text, base);
  return splitClauses(text, anchors, base)
    .map((c) => text.slice(c.start, c.end).replace(EDGE, ''))
    .filter((t) => !CONNECTIVE_ONLY.test(t));
}

const ROWS: Row[] = [
  // Strong separators.
  {
    text: 'Five died in Al-Malaja while the other four were killed in Saraqeb.',
    statements: ['Five died in Al-Malaja', 'while the other four were killed in Saraqeb'],
  },
  {
    text: 'Five of the victims, including four women, died in Al-Malaja while the other four were killed in Saraqib.',
    statements: ['Five of the victims, including four women, died in Al-Malaja', 'while the other four were killed in Saraqib'],
  },
  {
    text: 'Two civilians were killed in Saraqib; three more died in Sarmin.',
    statements: ['Two civilians were killed in Saraqib', 'three more died in Sarmin'],
  },
  {
    text: 'Four people were killed in Douma, whereas two were killed in Harasta.',
    statements: ['Four people were killed in Douma', 'whereas two were killed in Harasta'],
  },
  {
    text: 'Three civilians were killed in Atarib, meanwhile, a child died in Darat Izza.',
    statements: ['Three civilians were killed in Atarib', 'a child died in Darat Izza'],
  },
  {
    text: 'A woman was killed in Ariha before another civilian died in Saraqib.',
    statements: ['A woman was killed in Ariha', 'before another civilian died in Saraqib'],
  },
  // The event a strike answers, with its own toll, is another statement (clause.retaliation)…
  {
    text: 'The army shelled the town on Friday in response to rebel rocket fire that killed three people in the city.',
    statements: ['The army shelled the town on Friday', 'in response to rebel rocket fire that killed three people in the city'],
  },
  // …but not when the toll is the strike's own.
  {
    text: 'Jets killed five people in the town in retaliation for an ambush on a convoy.',
    statements: ['Jets killed five people in the town in retaliation for an ambush on a convoy'],
  },

  // A weak separator before a second head count that has room for its own place.
  {
    text: 'Seven civilians were killed in Kafr Nabl, and two more died in Hass.',
    statements: ['Seven civilians were killed in Kafr Nabl', 'and two more died in Hass'],
  },
  {
    text: 'Two civilians were killed in Saraqib, and three others died in Sarmin.',
    statements: ['Two civilians were killed in Saraqib', 'and three others died in Sarmin'],
  },

  // One statement: killed and injured of one event, sub-counts, one joint figure for several places.
  { text: 'The shelling killed 4 civilians, injuring 10 others.', statements: ['The shelling killed 4 civilians, injuring 10 others'] },
  { text: 'Seven civilians were killed and 20 others wounded in Ariha.', statements: ['Seven civilians were killed and 20 others wounded in Ariha'] },
  {
    text: 'Nine people were killed, including four children, in the raids on Maarat al-Numan.',
    statements: ['Nine people were killed, including four children, in the raids on Maarat al-Numan'],
  },
  {
    text: 'The strikes killed 12 people in Idlib city, Binnish and Sahl al-Ruj.',
    statements: ['The strikes killed 12 people in Idlib city, Binnish and Sahl al-Ruj'],
  },
  {
    text: 'According to the rescue group, the strikes of Moscow left seven dead and twenty wounded in Ariha.',
    statements: ['According to the rescue group, the strikes of Moscow left seven dead and twenty wounded in Ariha'],
  },
  {
    text: 'The regime forces, which were shelling Kafr Nabl, killed three civilians.',
    statements: ['The regime forces, which were shelling Kafr Nabl, killed three civilians'],
  },

  // SOHR's breakdown of a total into places.
  {
    text: 'Russian warplanes killed 13 civilians in Idlib countryside, they are 7 civilians, including 2 children, in the village of al-Sahara, and 6 civilians in Jabbala.',
    statements: [
      'Russian warplanes killed 13 civilians in Idlib countryside',
      'they are 7 civilians, including 2 children, in the village of al-Sahara',
      'and 6 civilians in Jabbala',
    ],
  },
  {
    text: 'Two civilians were killed in Saraqib, three others in Sarmin.',
    statements: ['Two civilians were killed in Saraqib', 'three others in Sarmin'],
  },
];

describe('splitClauses', () => {
  for (const row of ROWS) {
    test(row.text, row.todo ? { todo: row.todo } : {}, () => {
      assert.deepEqual(statements(row.text), row.statements);
    });
  }

  test('clauses are offsets into the sentence and cover it without gaps', () => {
    const text = 'Five died in Al-Malaja while the other four were killed in Saraqeb.';
    const base = 250;
    const clauses = splitClauses(text, findCasualtyAnchors(text, base), base);
    assert.equal(clauses[0].start, 0);
    assert.equal(clauses[clauses.length - 1].end, text.length);
    for (let i = 1; i < clauses.length; i++) assert.equal(clauses[i].start, clauses[i - 1].end);
  });

  test('the split does not depend on where the sentence sits in the document', () => {
    const text = 'Seven civilians were killed in Kafr Nabl, and two more died in Hass.';
    assert.deepEqual(statements(text, 0), statements(text, 1234));
  });

  test('a sentence without figures is one clause unless a strong separator cuts it', () => {
    assert.deepEqual(splitClauses('Warplanes struck Ariha and Saraqib at dawn.', [], 0), [{ start: 0, end: 43 }]);
  });
});
