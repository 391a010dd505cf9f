/**
 * Hand-built domain objects for the store and export tests: articles, mentions, incidents,
 * tallies and gazetteer entries with every field filled, overridable per test. All sentences are
 * written for these tests in the style of wire and monitor reports; none is copied from an article.
 */
import type {
  Article,
  Claim,
  CountRange,
  Incident,
  Mention,
  Provenance,
  ResolvedPlace,
  Tally,
} from '../../src/domain/types.ts';
import type { GazetteerEntry } from '../../src/domain/gazetteer-entry.ts';

export function makeArticle(overrides: Partial<Article> = {}): Article {
  return {
    id: 'doc-1',
    text: 'Warplanes struck the town of Saraqib on Tuesday, killing seven civilians including a child, a monitor said.',
    published: '2019-11-06',
    url: 'https://example.org/news/1',
    outlet: 'Example Wire',
    title: 'Strikes hit Idlib town',
    language: 'en',
    ...overrides,
  };
}

export function prov(rule: string, start: number, text: string): Provenance {
  return { rule, span: { start, end: start + text.length }, text };
}

export function makeMention(docId: string, index: number, overrides: Partial<Mention> = {}): Mention {
  const quote = `Air raids on Saraqib killed ${index + 2} people, the Syrian Observatory said.`;
  return {
    id: `${docId}#${index}`,
    docId,
    kind: 'incident',
    span: { start: index * 100, end: index * 100 + quote.length },
    quote,
    eventType: { value: 'air_strike', prov: prov('event.air-raid', index * 100, 'Air raids') },
    date: { start: '2019-11-05', end: '2019-11-05', precision: 'day', prov: prov('date.weekday', 10, 'on Tuesday') },
    places: [{ name: 'Saraqib', role: 'event', adminHint: 'Idlib', prov: prov('place.on', 13, 'Saraqib') }],
    resolvedPlaces: [
      {
        name: 'Saraqib',
        gazetteerId: 'geonames:163345',
        lat: 35.86447,
        lon: 36.80591,
        admin1: 'Idlib',
        admin2: 'Idlib District',
        precision: 'locality',
        mention: { name: 'Saraqib', role: 'event', adminHint: null, prov: prov('place.on', 13, 'Saraqib') },
      },
    ],
    perpetrators: [{ value: 'russia', prov: prov('actor.russian-jets', 0, 'Russian jets') }],
    claimants: [{ value: 'sohr', prov: prov('claimant.observatory', 60, 'the Syrian Observatory') }],
    killed: {
      total: { value: index + 2, min: index + 2, max: index + 2, qualifier: 'exact', prov: prov('count.killed', 30, `${index + 2}`) },
    },
    injured: {},
    displaced: null,
    targets: [],
    ...overrides,
  };
}

export function makePlace(overrides: Partial<ResolvedPlace> = {}): ResolvedPlace {
  return {
    name: 'Saraqib',
    gazetteerId: 'geonames:163345',
    lat: 35.86447,
    lon: 36.80591,
    admin1: 'Idlib',
    admin2: 'Idlib District',
    precision: 'locality',
    ...overrides,
  };
}

export function range(best: number, min = best, max = best): CountRange {
  return { best, min, max };
}

export function makeClaim(overrides: Partial<Claim> = {}): Claim {
  return {
    claimant: 'sohr',
    document: 'doc-1',
    documents: ['doc-1'],
    outlet: 'Example Wire',
    published: '2019-11-06',
    quote: 'Russian warplanes killed seven civilians, among them a child, in Saraqib on Tuesday, the Observatory said.',
    start: 0,
    end: 104,
    killed: { total: 7, civilians: 7, children: 1 },
    injured: {},
    rules: ['count.killed', 'claimant.observatory'],
    ...overrides,
  };
}

export function makeIncident(overrides: Partial<Incident> = {}): Incident {
  return {
    id: 'inc-2019-11-05-saraqib',
    eventType: 'air_strike',
    date: { start: '2019-11-05', end: '2019-11-05', precision: 'day' },
    location: makePlace(),
    places: [makePlace()],
    perpetrators: ['russia'],
    perpetratorsDisputed: false,
    killed: { total: range(7, 7, 8), civilians: range(7), children: range(1) },
    injured: { total: range(20) },
    targets: ['residential'],
    claims: [makeClaim()],
    documents: ['doc-1'],
    mentionIds: ['doc-1#0'],
    review: { status: 'unreviewed' },
    ...overrides,
  };
}

export function makeTally(overrides: Partial<Tally> = {}): Tally {
  return {
    id: 'tally-snhr-2019-11',
    document: 'doc-2',
    claimant: 'snhr',
    period: { start: '2019-11-01', end: '2019-11-30' },
    area: 'Syria',
    perpetrator: null,
    killed: { civilians: 277, children: 72, women: 32 },
    injured: {},
    displaced: null,
    quote: 'The network documented the killing of 277 civilians in November, 72 of them children and 32 women.',
    start: 0,
    end: 98,
    ...overrides,
  };
}

export function makeGazetteerEntry(n: number, overrides: Partial<GazetteerEntry> = {}): GazetteerEntry {
  return {
    id: `geonames:${100000 + n}`,
    name: `Kafr Test ${n}`,
    asciiName: `Kafr Test ${n}`,
    alternateNames: [`Kfar Test ${n}`, `كفر تست ${n}`, `Test, Kafr ${n}`],
    lat: 35 + (n % 1000) / 1000,
    lon: 36 + (n % 997) / 1000,
    featureClass: 'P',
    featureCode: 'PPL',
    countryCode: 'SY',
    admin1Code: '11',
    admin1Name: 'Idlib',
    admin2Code: n % 2 === 0 ? 'SY0700' : null,
    admin2Name: n % 2 === 0 ? 'Ariha District' : null,
    population: n * 10,
    ...overrides,
  };
}
