/**
 * The CSV export in ACLED's columns (../shared/docs/export-format.md): one row per incident,
 * ACLED's column names where the meaning matches, then this system's own columns. Conventions
 * follow the ACLED Codebook:
 * - `fatalities` is the conservative figure: the lowest total any claim gave (./headline-counts.ts
 *   says how a total is formed when only categories were stated), 0 when no figure was stated, as
 *   ACLED codes unreported fatalities. Our own `killed_min`/`killed_max` stay blank in that case.
 * - `time_precision` 1 = the day is known; 2 = a span of at most 7 days; 3 = a longer span, or
 *   only the publication day (`reported`: the event may be older than the report), or no day at
 *   all (`unknown`). `event_date` is the first day of the span; it and `year` are blank when the
 *   date is unknown.
 * - `geo_precision` 1 = a locality, 2 = a district (admin2), 3 = a governorate or the country.
 * - `actor1` is the first perpetrator; `actor2` the second in a battle, else "Civilians (Syria)"
 *   when civilians were the victims or the target, else blank.
 * - `source_scale` is left blank: it needs a classification of outlets this system does not keep.
 * Text is RFC 4180 (./rfc4180.ts). Free text in `notes` is built from the incident and its claims'
 * exact quotes, so it may hold commas, quotes and line breaks.
 */
import { daysBetween } from '../domain/days.ts';
import { createHash } from 'node:crypto';
import { COUNT_CATEGORIES } from '../domain/types.ts';
import type { CountSummary, GeoPrecision, Incident, IncidentDate } from '../domain/types.ts';
import {
  acledActorName,
  acledCountry,
  acledDisorderType,
  acledEventType,
  acledSubEventType,
  CIVILIANS_ACTOR,
  claimantName,
  DEFAULT_COUNTRY_CODE,
} from './acled-vocabulary.ts';
import { unixSeconds, type ExportInput } from './export-input.ts';
import { headlineCount } from '../domain/headline-figure.ts';
import { acledFatalities } from './headline-counts.ts';
import { csvDocument, type CsvValue } from './rfc4180.ts';

export const ACLED_COLUMNS = [
  'event_id_cnty',
  'event_date',
  'year',
  'time_precision',
  'disorder_type',
  'event_type',
  'sub_event_type',
  'actor1',
  'actor2',
  'civilian_targeting',
  'iso',
  'country',
  'admin1',
  'admin2',
  'location',
  'latitude',
  'longitude',
  'geo_precision',
  'source',
  'source_scale',
  'notes',
  'fatalities',
  'timestamp',
  'killed_min',
  'killed_max',
  'civilians_killed',
  'children_killed',
  'women_killed',
  'injured',
  'claimants',
  'documents',
  'review_status',
  'reviewed_by',
  'reviewed_at',
] as const;

export type AcledColumn = (typeof ACLED_COLUMNS)[number];
export type AcledRow = Record<AcledColumn, CsvValue>;

/** Targets whose hit makes an event civilian targeting (annotation-guide.md target ids). */
const CIVILIAN_TARGETS = new Set(['hospital', 'school', 'market', 'residential', 'camp', 'mosque', 'bakery']);
const BATTLE_TYPES = new Set<Incident['eventType']>(['armed_clash', 'territory_change']);

export function acledTimePrecision(date: IncidentDate): 1 | 2 | 3 {
  if (date.precision === 'day') return 1;
  if (date.precision === 'range') {
    const days = daysBetween(date.start, date.end) + 1;
    return days <= 7 ? 2 : 3;
  }
  return 3;
}

const GEO_PRECISION: Record<GeoPrecision, 1 | 2 | 3> = { locality: 1, admin2: 2, admin1: 3, country: 3 };

/** "SYR" (the country's alpha-3) + the first 10 hex digits of sha256(id), upper-case: short and stable. */
export function acledEventId(incidentId: string, iso3: string): string {
  return iso3 + createHash('sha256').update(incidentId, 'utf8').digest('hex').slice(0, 10).toUpperCase();
}

function civiliansHarmed(incident: Incident): boolean {
  if (incident.eventType === 'attack') return true;
  const victims = (s: CountSummary) => [s.civilians, s.children, s.women].some((c) => c !== undefined && c.max > 0);
  if (victims(incident.killed) || victims(incident.injured)) return true;
  return incident.targets.some((t) => CIVILIAN_TARGETS.has(t));
}

function distinct(values: readonly (string | null)[]): string[] {
  return [...new Set(values.filter((v): v is string => v !== null && v.length > 0))];
}

function countsText(label: string, summary: CountSummary): string | null {
  const parts = COUNT_CATEGORIES.flatMap((category) => {
    const c = summary[category];
    if (!c) return [];
    const spread = c.min === c.max ? '' : ` (${c.min}-${c.max})`;
    return [`${category} ${c.best}${spread}`];
  });
  return parts.length > 0 ? `${label}: ${parts.join(', ')}.` : null;
}

function dateText(date: IncidentDate): string {
  if (date.precision === 'unknown') return 'On an unknown date';
  if (date.precision === 'range') return `Between ${date.start} and ${date.end}`;
  if (date.precision === 'reported') return `Reported on ${date.start}`;
  return `On ${date.start}`;
}

/** A neutral summary of the incident followed by each claim's exact quote. */
function notesText(incident: Incident, subEventType: string): string {
  const places = distinct(incident.places.length > 0 ? incident.places.map((p) => p.name) : [incident.location?.name ?? null]);
  const where = places.length > 0 ? places.join(', ') : 'an unstated place';
  const admin1 = incident.location?.admin1 ? ` (${incident.location.admin1})` : '';
  const by = incident.perpetrators.length > 0 ? `, attributed to ${incident.perpetrators.join(', ')}${incident.perpetratorsDisputed ? ' (disputed)' : ''}` : '';
  const sentences = [
    `${dateText(incident.date)}: ${subEventType} in ${where}${admin1}${by}.`,
    countsText('Killed', incident.killed),
    countsText('Injured', incident.injured),
    ...incident.claims.map((c) => `${claimantName(c.claimant)} via ${c.outlet ?? c.document}: "${c.quote}"`),
  ];
  return sentences.filter((s): s is string => s !== null).join(' ');
}

export function acledRow(incident: Incident, input: Pick<ExportInput, 'countryByGazetteerId'>, timestamp: number): AcledRow {
  const loc = incident.location;
  const countryCode = (loc?.gazetteerId ? input.countryByGazetteerId?.get(loc.gazetteerId) : undefined) ?? DEFAULT_COUNTRY_CODE;
  const country = acledCountry(countryCode);
  const subEventType = acledSubEventType(incident);
  const date = incident.date.start;
  const [first, second] = incident.perpetrators;
  const harmed = civiliansHarmed(incident);
  const actor2 = BATTLE_TYPES.has(incident.eventType) && second !== undefined ? acledActorName(second, date) : harmed ? CIVILIANS_ACTOR : null;
  return {
    event_id_cnty: acledEventId(incident.id, country?.iso3 ?? countryCode.toUpperCase()),
    event_date: date,
    year: date === null ? null : Number(date.slice(0, 4)),
    time_precision: acledTimePrecision(incident.date),
    disorder_type: acledDisorderType(incident.eventType),
    event_type: acledEventType(incident.eventType),
    sub_event_type: subEventType,
    actor1: acledActorName(first ?? 'unknown', date),
    actor2,
    civilian_targeting: harmed ? 'Civilian targeting' : null,
    iso: country?.iso ?? null,
    country: country?.name ?? countryCode,
    admin1: loc?.admin1 ?? null,
    admin2: loc?.admin2 ?? null,
    location: loc?.name ?? null,
    latitude: loc?.lat ?? null,
    longitude: loc?.lon ?? null,
    geo_precision: GEO_PRECISION[loc?.precision ?? 'country'],
    source: distinct([...incident.claims.map((c) => claimantName(c.claimant)), ...incident.claims.map((c) => c.outlet)]).join('; '),
    source_scale: null,
    notes: notesText(incident, subEventType),
    fatalities: acledFatalities(incident.killed),
    timestamp,
    killed_min: headlineCount(incident.killed, 'min'),
    killed_max: headlineCount(incident.killed, 'max'),
    civilians_killed: incident.killed.civilians?.best ?? null,
    children_killed: incident.killed.children?.best ?? null,
    women_killed: incident.killed.women?.best ?? null,
    injured: headlineCount(incident.injured, 'best'),
    claimants: distinct(incident.claims.map((c) => c.claimant)).join('; '),
    documents: incident.documents.join('; '),
    review_status: incident.review.status,
    reviewed_by: incident.review.reviewedBy ?? null,
    reviewed_at: incident.review.reviewedAt ?? null,
  };
}

/** The whole CSV: header, then one row per incident in the order given. */
export function toAcledCsv(input: ExportInput): string {
  const timestamp = unixSeconds(input.generatedAt);
  const rows = input.incidents.map((incident) => {
    const row = acledRow(incident, input, timestamp);
    return ACLED_COLUMNS.map((column) => row[column]);
  });
  return csvDocument(ACLED_COLUMNS, rows);
}
