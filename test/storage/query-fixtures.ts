/**
 * Incidents for the query part of the store contract, and a plain TypeScript reading of
 * IncidentFilter to compare the databases' answers with. The set mixes everything the filters
 * look at: dates with ties (so ids break them), a long date range, governorates in two spellings
 * of case, places without coordinates, zero, one and two perpetrators, every kind of killed
 * figure, several claimants, review statuses and documents, names and quotes in French and
 * Arabic written for these tests (none copied from an article), and incidents of unknown date
 * (no report gave a day) spread over the filters' values, including one no filter but the
 * perpetrator-free and document ones can reach.
 */
import type { Incident, ReviewStatus } from '../../src/domain/types.ts';
import type { IncidentFilter } from '../../src/storage/incident-store.ts';
import { headlineCount } from '../../src/domain/headline-figure.ts';
import { makeClaim, makeIncident, makePlace, range } from './domain-fixtures.ts';

const GOVERNORATES = [
  { admin1: 'Idlib', lat: 35.9, lon: 36.6 },
  { admin1: 'Aleppo', lat: 36.2, lon: 37.1 },
  { admin1: 'Hama', lat: 35.1, lon: 36.7 },
  { admin1: 'IDLIB', lat: 35.7, lon: 36.7 },
];
const EVENT_TYPES = ['air_strike', 'shelling', 'armed_clash', 'explosion', 'attack'] as const;
const PERPETRATORS = [['russia'], ['syrian-government', 'russia'], []];
const STATUSES: ReviewStatus[] = ['unreviewed', 'confirmed', 'rejected', 'edited'];
const CLAIMANTS = ['sohr', 'white-helmets'];

function isoDay(offset: number): string {
  return new Date(Date.UTC(2019, 10, 1) + offset * 86_400_000).toISOString().slice(0, 10);
}

function killedPattern(i: number): Incident['killed'] {
  switch (i % 6) {
    case 0:
      return { total: range(i + 1, i + 1, i + 3) };
    case 1:
      return { civilians: range(2), fighters: range(3, 3, 4) };
    case 2:
      return {};
    case 3:
      return { total: range(0) };
    case 4:
      return { civilians: range(i) };
    default:
      return { children: range(2), women: range(3) };
  }
}

function generated(i: number): Incident {
  const gov = GOVERNORATES[i % 4];
  const day = isoDay((i * 5) % 60);
  const placed = i % 11 !== 10;
  const town = `Kafr Query ${i}`;
  const location = placed ? makePlace({ name: town, admin1: gov.admin1, admin2: null, lat: gov.lat + i / 1000, lon: gov.lon + i / 1000 }) : null;
  const claimant = CLAIMANTS[i % 2];
  return makeIncident({
    id: `q-${String(i).padStart(2, '0')}`,
    eventType: EVENT_TYPES[i % 5],
    date: { start: day, end: day, precision: 'day' },
    location,
    places: location ? [location] : [],
    perpetrators: PERPETRATORS[i % 3],
    perpetratorsDisputed: i % 3 === 1,
    killed: killedPattern(i),
    injured: {},
    targets: i % 2 ? ['residential'] : [],
    claims: [makeClaim({ claimant, document: `doc-q-${i % 8}`, documents: [`doc-q-${i % 8}`], quote: `Strikes on ${town} killed people, the monitor said.`, killed: {} })],
    documents: [`doc-q-${i % 8}`, ...(i % 5 === 0 ? ['doc-q-shared'] : [])],
    mentionIds: [`doc-q-${i % 8}#${i}`],
    review: { status: STATUSES[i % 7 % 4] },
  });
}

const special: Incident[] = [
  makeIncident({
    id: 'q-long',
    eventType: 'armed_clash',
    date: { start: '2019-01-01', end: '2019-12-31', precision: 'range' },
    location: makePlace({ name: 'Deir ez-Zor', admin1: 'Deir ez-Zor', admin2: null, lat: 35.33, lon: 40.14, precision: 'admin1' }),
    places: [],
    perpetrators: ['isis'],
    killed: { fighters: range(40, 35, 44) },
    injured: {},
    targets: [],
    claims: [makeClaim({ claimant: 'sohr', document: 'doc-q-long', documents: ['doc-q-long'], quote: 'Fighting through the year left 40 fighters dead.', killed: { fighters: 40 } })],
    documents: ['doc-q-long'],
    mentionIds: ['doc-q-long#0'],
    review: { status: 'confirmed' },
  }),
  makeIncident({
    id: 'q-maarat',
    date: { start: '2019-11-20', end: '2019-11-20', precision: 'day' },
    location: makePlace({ name: 'Maʿarrat al-Nuʿmān', admin1: 'Idlib', lat: 35.64, lon: 36.67 }),
    places: [],
    perpetrators: ['russia'],
    killed: { total: range(9) },
    claims: [
      makeClaim({
        claimant: 'snhr',
        document: 'doc-q-fr',
        documents: ['doc-q-fr'],
        outlet: 'Dépêche Exemple',
        quote: 'Le réseau a recensé neuf civils tués à Maarrat al-Nouman, selon ses équipes.',
        killed: { total: 9 },
      }),
    ],
    documents: ['doc-q-fr'],
    mentionIds: ['doc-q-fr#0'],
  }),
  makeIncident({
    id: 'q-arabic',
    date: { start: '2019-11-21', end: '2019-11-22', precision: 'range' },
    location: makePlace({ name: 'أريحا', admin1: 'Idlib', lat: 35.81, lon: 36.61 }),
    places: [],
    perpetrators: [],
    killed: { civilians: range(4) },
    claims: [makeClaim({ claimant: 'sana', document: 'doc-q-ar', documents: ['doc-q-ar'], outlet: null, quote: 'قصف على حَلَب وأريحا أدى إلى مقتل أربعة مدنيين', killed: { civilians: 4 } })],
    documents: ['doc-q-ar'],
    mentionIds: ['doc-q-ar#0'],
  }),
];

/** Reported with no date anywhere: their dates are unknown. Ids sort among and around each other. */
const undated: Incident[] = [
  makeIncident({
    id: 'q-nodate-b',
    eventType: 'air_strike',
    date: { start: null, end: null, precision: 'unknown' },
    location: makePlace({ name: 'Kafr Sans Date', admin1: 'Idlib', admin2: null, lat: 35.95, lon: 36.64 }),
    places: [],
    perpetrators: ['russia'],
    killed: { total: range(5, 5, 6) },
    injured: {},
    claims: [makeClaim({ claimant: 'sohr', document: 'doc-q-shared', documents: ['doc-q-shared'], quote: 'Raids on Kafr Sans Date killed five, the monitor said.', killed: { total: 5 } })],
    documents: ['doc-q-shared'],
    mentionIds: ['doc-q-shared#9'],
    review: { status: 'unreviewed' },
  }),
  makeIncident({
    id: 'q-nodate-a',
    eventType: 'shelling',
    date: { start: null, end: null, precision: 'unknown' },
    location: null,
    places: [],
    perpetrators: [],
    killed: { civilians: range(2) },
    injured: {},
    claims: [makeClaim({ claimant: 'white-helmets', document: 'doc-q-undated', documents: ['doc-q-undated'], quote: 'Two civilians died when shells fell on the market.', killed: { civilians: 2 } })],
    documents: ['doc-q-undated'],
    mentionIds: ['doc-q-undated#0'],
    review: { status: 'edited' },
  }),
  makeIncident({
    id: 'q-nodate-c',
    eventType: 'shelling',
    date: { start: null, end: null, precision: 'unknown' },
    location: makePlace({ name: 'Tell Sans Jour', admin1: 'Aleppo', admin2: null, lat: 36.3, lon: 37.2 }),
    places: [],
    perpetrators: ['syrian-government'],
    killed: {},
    injured: { total: range(3) },
    claims: [makeClaim({ claimant: 'sohr', document: 'doc-q-undated', documents: ['doc-q-undated'], quote: 'Three people were wounded by shells on Tell Sans Jour.', killed: {} })],
    documents: ['doc-q-undated'],
    mentionIds: ['doc-q-undated#1'],
    review: { status: 'unreviewed' },
  }),
];

/** Dated incidents first, as the linker orders them, then those of unknown date. */
export const QUERY_INCIDENTS: readonly Incident[] = [...Array.from({ length: 36 }, (_, i) => generated(i)), ...special, ...undated];

/**
 * The list order: start date descending, then id descending (byte order; ids here are ASCII);
 * incidents of unknown date after every dated one, id descending.
 */
export function listOrder(incidents: readonly Incident[]): Incident[] {
  const byId = (a: Incident, b: Incident) => (a.id < b.id ? 1 : a.id > b.id ? -1 : 0);
  return [...incidents].sort((a, b) => {
    if (a.date.start === null || b.date.start === null) return a.date.start === b.date.start ? byId(a, b) : a.date.start === null ? 1 : -1;
    return a.date.start !== b.date.start ? (a.date.start < b.date.start ? 1 : -1) : byId(a, b);
  });
}

/** The incidents a day, week or month statistic can hold: those with a date. */
export function dated(incidents: readonly Incident[]): Incident[] {
  return incidents.filter((i) => i.date.start !== null);
}

/** IncidentFilter read directly off the domain objects (everything but `q`, which tests spell out). */
export function matchesFilter(incident: Incident, f: IncidentFilter): boolean {
  const loc = incident.location;
  // An incident of unknown date has no day in any range.
  if ((f.from !== undefined || f.to !== undefined) && incident.date.start === null) return false;
  if (f.from !== undefined && incident.date.end !== null && incident.date.end < f.from) return false;
  if (f.to !== undefined && incident.date.start !== null && incident.date.start > f.to) return false;
  if (f.bbox !== undefined) {
    const [west, south, east, north] = f.bbox;
    if (loc?.lat == null || loc.lon == null || loc.lat < south || loc.lat > north || loc.lon < west || loc.lon > east) return false;
  }
  if (f.admin1 !== undefined && loc?.admin1?.toLowerCase() !== f.admin1.toLowerCase()) return false;
  if (f.perpetrator !== undefined && !incident.perpetrators.includes(f.perpetrator)) return false;
  if (f.eventType !== undefined && incident.eventType !== f.eventType) return false;
  if (f.minKilled !== undefined && !((headlineCount(incident.killed, 'best') ?? -Infinity) >= f.minKilled)) return false;
  if (f.claimant !== undefined && !incident.claims.some((c) => c.claimant === f.claimant)) return false;
  if (f.reviewStatus !== undefined && incident.review.status !== f.reviewStatus) return false;
  if (f.document !== undefined && !incident.documents.includes(f.document)) return false;
  if (f.q !== undefined) throw new Error('matchesFilter does not read q; spell the expected ids out');
  return true;
}
