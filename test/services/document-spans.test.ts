/**
 * mentionFields: every extracted value of a mention with a span becomes one field (rule, offsets,
 * matched text), in text order, without repeats; values without provenance (a date from the
 * publication day) are left out because there is nothing to highlight.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Mention, Provenance } from '../../src/domain/types.ts';
import { mentionFields, mentionSpans } from '../../src/services/document-spans.ts';

const TEXT = 'Government shelling killed four civilians, including two children, in the village of Kafr Nabl on Monday, the Syrian Observatory said, while 1,200 people fled toward Idlib.';

/** Provenance of the first occurrence of `text` in TEXT. */
function at(rule: string, text: string): Provenance {
  const start = TEXT.indexOf(text);
  assert.ok(start >= 0, `${text} is in the sentence`);
  return { rule, span: { start, end: start + text.length }, text };
}

function mention(overrides: Partial<Mention> = {}): Mention {
  return {
    id: 'doc#0',
    docId: 'doc',
    kind: 'incident',
    span: { start: 0, end: TEXT.length },
    quote: TEXT,
    eventType: { value: 'shelling', prov: at('event.shelling', 'shelling') },
    date: { start: '2019-09-16', end: '2019-09-16', precision: 'day', prov: at('weekday', 'on Monday') },
    places: [
      { name: 'Kafr Nabl', role: 'event', adminHint: null, prov: at('place.village-of', 'Kafr Nabl') },
      { name: 'Idlib', role: 'area', adminHint: null, prov: at('place.toward', 'Idlib') },
    ],
    resolvedPlaces: [],
    perpetrators: [{ value: 'syrian-government', prov: at('perp.government', 'Government') }],
    claimants: [{ value: 'sohr', prov: at('claimant.sohr', 'Syrian Observatory') }],
    killed: {
      civilians: { value: 4, min: 4, max: 4, qualifier: 'exact', prov: at('cas.num-cat', 'four civilians') },
      children: { value: 2, min: 2, max: 2, qualifier: 'exact', prov: at('cas.including', 'two children') },
    },
    injured: {},
    displaced: { value: 1200, min: 1200, max: 1200, qualifier: 'exact', prov: at('displaced.fled', '1,200 people fled') },
    targets: [],
    ...overrides,
  };
}

describe('mentionFields', () => {
  test('lists every value with its rule and span, in text order', () => {
    const fields = mentionFields(mention());
    assert.deepEqual(
      fields.map((f) => [f.field, f.value, f.rule, f.text]),
      [
        ['perpetrator', 'syrian-government', 'perp.government', 'Government'],
        ['event_type', 'shelling', 'event.shelling', 'shelling'],
        ['killed.civilians', 4, 'cas.num-cat', 'four civilians'],
        ['killed.children', 2, 'cas.including', 'two children'],
        ['place', 'Kafr Nabl', 'place.village-of', 'Kafr Nabl'],
        ['date', '2019-09-16', 'weekday', 'on Monday'],
        ['claimant', 'sohr', 'claimant.sohr', 'Syrian Observatory'],
        ['displaced', 1200, 'displaced.fled', '1,200 people fled'],
        ['place.area', 'Idlib', 'place.toward', 'Idlib'],
      ],
    );
    for (const f of fields) assert.equal(TEXT.slice(f.start, f.end), f.text);
  });

  const cases: [string, Partial<Mention>, (fields: ReturnType<typeof mentionFields>) => void][] = [
    [
      'a date from the publication day has no span and is left out',
      { date: { start: '2019-09-17', end: '2019-09-17', precision: 'reported', prov: null } },
      (fields) => assert.equal(fields.some((f) => f.field === 'date'), false),
    ],
    [
      'a date range is written start/end',
      { date: { start: '2019-09-14', end: '2019-09-15', precision: 'range', prov: at('weekend', 'on Monday') } },
      (fields) => assert.equal(fields.find((f) => f.field === 'date')?.value, '2019-09-14/2019-09-15'),
    ],
    [
      'figures of another source in the same mention are prefixed statement.',
      {
        statements: [
          {
            claimants: [{ value: 'white-helmets', prov: at('claimant.wh', 'the Syrian') }],
            span: { start: 0, end: 10 },
            quote: 'x',
            killed: { total: { value: 4, min: 4, max: 4, qualifier: 'exact', prov: at('cas.num', 'four') } },
            injured: {},
          },
        ],
      },
      (fields) =>
        assert.deepEqual(
          fields.filter((f) => f.field.startsWith('statement.')).map((f) => [f.field, f.value]),
          [
            ['statement.killed.total', 4],
            ['statement.claimant', 'white-helmets'],
          ],
        ),
    ],
    [
      'the same value from the same rule and span is listed once',
      { perpetrators: [{ value: 'syrian-government', prov: at('perp.government', 'Government') }, { value: 'syrian-government', prov: at('perp.government', 'Government') }] },
      (fields) => assert.equal(fields.filter((f) => f.field === 'perpetrator').length, 1),
    ],
    [
      'no event type, no figures: nothing is invented',
      { eventType: null, killed: {}, displaced: null },
      (fields) => assert.equal(fields.some((f) => f.field === 'event_type' || f.field.startsWith('killed') || f.field === 'displaced'), false),
    ],
  ];
  for (const [what, overrides, check] of cases) test(what, () => check(mentionFields(mention(overrides))));

  test('mentionSpans keeps the mention id, kind, sentence span and quote', () => {
    const spans = mentionSpans(mention({ kind: 'tally' }));
    assert.deepEqual({ ...spans, fields: spans.fields.length }, { id: 'doc#0', kind: 'tally', start: 0, end: TEXT.length, quote: TEXT, fields: 9 });
  });
});
