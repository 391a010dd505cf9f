/**
 * Builders for tiny hand-made gold and system incidents used by the evaluation tests: each
 * returns a complete, valid object with neutral defaults (one document "a1", one day, one named
 * place in Idlib) that a test overrides field by field, so each case shows only what it is about.
 * The article sentences here are written for the tests, in the style of wire reports.
 */
import type { GoldFile, GoldIncident, GoldTally } from '../../src/eval/gold-file.ts';
import type { ExportIncident, ExportTally, IncidentsExport } from '../../src/eval/incidents-export.ts';

export const ARTICLE_A1 =
  'Warplanes struck the town of Kafr Hamra on Tuesday, killing four civilians, the civil defence said. ' +
  'The war monitor said 30 civilians had been killed across the province since the start of the month. ' +
  'In a separate raid, two people were wounded in Binnish.';

export const ARTICLES = [
  { id: 'a1', text: ARTICLE_A1 },
  { id: 'a2', text: 'A market in Kafr Hamra was hit by air strikes on Tuesday; four civilians died, according to rescuers.' },
];

export const SENTENCE_STRIKE = 'Warplanes struck the town of Kafr Hamra on Tuesday, killing four civilians, the civil defence said.';
export const SENTENCE_TALLY = 'The war monitor said 30 civilians had been killed across the province since the start of the month.';

/** The offsets of a sentence of ARTICLE_A1. */
export function spanOf(sentence: string, text = ARTICLE_A1): { start: number; end: number } {
  const start = text.indexOf(sentence);
  if (start < 0) throw new Error(`test sentence not in article: ${sentence}`);
  return { start, end: start + sentence.length };
}

export function goldIncident(over: Partial<GoldIncident> & { id: string }): GoldIncident {
  return {
    optional: false,
    event_type: 'air_strike',
    date: { start: '2020-02-11', end: '2020-02-11' },
    places: ['Kafr Hamra'],
    admin1: 'Idlib',
    coords: {},
    perpetrators: ['russia'],
    perpetrators_disputed: false,
    killed: {},
    injured: {},
    claimants: ['white-helmets'],
    targets: [],
    mentions: [{ doc: 'a1', quote: SENTENCE_STRIKE, optional: false }],
    location_note: null,
    note: null,
    ...over,
  };
}

export function systemIncident(over: Partial<ExportIncident> & { id: string }): ExportIncident {
  return {
    event_type: 'air_strike',
    date: { start: '2020-02-11', end: '2020-02-11', precision: 'day' },
    location: { name: 'Kafr Hamra', lat: null, lon: null, admin1: 'Idlib', precision: 'locality' },
    places: [],
    perpetrators: ['russia'],
    killed: {},
    injured: {},
    claims: [{ claimant: 'white-helmets', document: 'a1', quote: SENTENCE_STRIKE, ...spanOf(SENTENCE_STRIKE) }],
    documents: ['a1'],
    ...over,
  };
}

export function goldTally(over: Partial<GoldTally> & { id: string }): GoldTally {
  return {
    doc: 'a1',
    claimant: 'sohr',
    period: { start: '2020-02-01', end: '2020-02-11' },
    area: 'Idlib',
    perpetrator: null,
    killed: { civilians: 30 },
    injured: {},
    qualifier: null,
    quote: SENTENCE_TALLY,
    note: null,
    ...over,
  };
}

export function systemTally(over: Partial<ExportTally> & { id: string }): ExportTally {
  return {
    document: 'a1',
    claimant: 'sohr',
    period: { start: '2020-02-01', end: '2020-02-11' },
    killed: { civilians: 30 },
    quote: SENTENCE_TALLY,
    ...over,
  };
}

export function goldFile(incidents: GoldIncident[], tallies: GoldTally[] = []): GoldFile {
  return { format: 'incident-gold/1', about: null, documents: [], incidents, tallies };
}

export function systemExport(incidents: ExportIncident[], tallies: ExportTally[] = []): IncidentsExport {
  return { format: 'incidents/1', incidents, tallies };
}
