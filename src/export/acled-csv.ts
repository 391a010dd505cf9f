/**
 * The CSV export in ACLED's columns (../shared/docs/export-format.md): one row per incident, every
 * column of ACLED's current export in ACLED's order (its codebook's column table), then this
 * system's own columns. Conventions follow the ACLED Codebook:
 * - `fatalities` is the conservative figure: the lowest total any claim gave, vague words coded as
 *   ACLED codes them ("dozens" 12), categories capped at the total (./headline-counts.ts,
 *   ./figure-rule.ts), 0 when no figure was stated, as ACLED codes unreported fatalities. Our own
 *   `killed_min`/`killed_max` keep Tally's range ("dozens" 24-99) and stay blank when nothing was
 *   stated; `civilians_killed`, `children_killed`, `women_killed` are on the footing of
 *   `fatalities`, so none exceeds it.
 * - `time_precision` 1 = the day is known; 2 = a span of at most 7 days; 3 = a longer span, or
 *   only the publication day (`reported`: the event may be older than the report), or no day at
 *   all (`unknown`). `event_date` is the first day of the span; it and `year` are blank when the
 *   date is unknown.
 * - `geo_precision` 1 = a locality, 2 = a district (admin2) or near a named town ("north of X"),
 *   3 = a governorate or the country.
 * - `actor1` is the first perpetrator; `actor2` the second in a battle, else "Civilians (Syria)"
 *   when civilians were the victims or the target, else blank. `assoc_actor_1` lists the other
 *   perpetrators; `inter1`/`inter2` are the actors' inter codes and `interaction` their two-digit
 *   combination, lower code first (./acled-vocabulary.ts).
 * - `admin3`, `source_scale` and `tags` are left blank: Tally keeps no third admin level, no
 *   classification of outlets and none of ACLED's tags.
 * - `timestamp` is the incident's last change as Unix seconds (ExportInput.lastChange), not the
 *   time of the export, so a job fetching updates sees only rows that changed.
 * - `tally_id` is the incident's own stable id (decision 0017), the key of the HTTP API;
 *   `event_id_cnty` is a short code derived from it, which the API also resolves.
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
  acledInterCode,
  acledInteraction,
  acledSubEventType,
  CIVILIANS_ACTOR,
  claimantName,
  DEFAULT_COUNTRY_CODE,
  INTER_CIVILIANS,
} from './acled-vocabulary.ts';
import { lastChangeOf, unixSeconds, type ExportInput } from './export-input.ts';
import { headlineCount } from '../domain/headline-figure.ts';
import { acledKilled } from './headline-counts.ts';
import { csvDocument, csvRecord, type CsvValue } from './rfc4180.ts';

/** ACLED's own columns, in its order (the codebook's column table); ours follow them in ACLED_COLUMNS. */
export const ACLED_CODEBOOK_COLUMNS = [
  'event_id_cnty', 'event_date', 'year', 'time_precision', 'disorder_type', 'event_type', 'sub_event_type',
  'actor1', 'assoc_actor_1', 'inter1', 'actor2', 'assoc_actor_2', 'inter2', 'interaction', 'civilian_targeting',
  'iso', 'region', 'country', 'admin1', 'admin2', 'admin3', 'location', 'latitude', 'longitude', 'geo_precision',
  'source', 'source_scale', 'notes', 'fatalities', 'tags', 'timestamp',
] as const;

export const ACLED_COLUMNS = [
  'event_id_cnty',
  'event_date',
  'year',
  'time_precision',
  'disorder_type',
  'event_type',
  'sub_event_type',
  'actor1',
  'assoc_actor_1',
  'inter1',
  'actor2',
  'assoc_actor_2',
  'inter2',
  'interaction',
  'civilian_targeting',
  'iso',
  'region',
  'country',
  'admin1',
  'admin2',
  'admin3',
  'location',
  'latitude',
  'longitude',
  'geo_precision',
  'source',
  'source_scale',
  'notes',
  'fatalities',
  'tags',
  'timestamp',
  'tally_id',
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

/** What a row needs besides its incident: countries of gazetteer entries, the time it last changed. */
export interface AcledRowContext {
  countryByGazetteerId?: ExportInput['countryByGazetteerId'];
  /** The incident's last change, ISO date-time (`timestamp`). */
  changedAt: string;
}

export function acledRow(incident: Incident, context: AcledRowContext): AcledRow {
  const loc = incident.location;
  const countryCode = (loc?.gazetteerId ? context.countryByGazetteerId?.get(loc.gazetteerId) : undefined) ?? DEFAULT_COUNTRY_CODE;
  const country = acledCountry(countryCode);
  const subEventType = acledSubEventType(incident);
  const date = incident.date.start;
  const [first = 'unknown', ...others] = incident.perpetrators;
  const harmed = civiliansHarmed(incident);
  const battle = BATTLE_TYPES.has(incident.eventType) && others.length > 0;
  const second = battle ? others[0] : null;
  const inter1 = acledInterCode(first);
  const inter2 = second !== null ? acledInterCode(second) : harmed ? INTER_CIVILIANS : null;
  const killed = acledKilled(incident);
  return {
    event_id_cnty: acledEventId(incident.id, country?.iso3 ?? countryCode.toUpperCase()),
    event_date: date,
    year: date === null ? null : Number(date.slice(0, 4)),
    time_precision: acledTimePrecision(incident.date),
    disorder_type: acledDisorderType(incident.eventType),
    event_type: acledEventType(incident.eventType),
    sub_event_type: subEventType,
    actor1: acledActorName(first, date),
    assoc_actor_1: (battle ? others.slice(1) : others).map((p) => acledActorName(p, date)).join('; '),
    inter1,
    actor2: second !== null ? acledActorName(second, date) : harmed ? CIVILIANS_ACTOR : null,
    assoc_actor_2: null,
    inter2,
    interaction: acledInteraction(inter1, inter2),
    civilian_targeting: harmed ? 'Civilian targeting' : null,
    iso: country?.iso ?? null,
    region: country?.region ?? null,
    country: country?.name ?? countryCode,
    admin1: loc?.admin1 ?? null,
    admin2: loc?.admin2 ?? null,
    admin3: null,
    location: loc?.name ?? null,
    latitude: loc?.lat ?? null,
    longitude: loc?.lon ?? null,
    // ACLED's 2 is also "near" a named town, as a place told only as a reference point is.
    geo_precision: loc?.relation === 'near' ? 2 : GEO_PRECISION[loc?.precision ?? 'country'],
    source: distinct([...incident.claims.map((c) => claimantName(c.claimant)), ...incident.claims.map((c) => c.outlet)]).join('; '),
    source_scale: null,
    notes: notesText(incident, subEventType),
    fatalities: killed.fatalities,
    tags: null,
    timestamp: unixSeconds(context.changedAt, 'lastChange'),
    tally_id: incident.id,
    killed_min: headlineCount(incident.killed, 'min'),
    killed_max: headlineCount(incident.killed, 'max'),
    civilians_killed: killed.categories.civilians ?? null,
    children_killed: killed.categories.children ?? null,
    women_killed: killed.categories.women ?? null,
    injured: headlineCount(incident.injured, 'best'),
    claimants: distinct(incident.claims.map((c) => c.claimant)).join('; '),
    documents: incident.documents.join('; '),
    review_status: incident.review.status,
    reviewed_by: incident.review.reviewedBy ?? null,
    reviewed_at: incident.review.reviewedAt ?? null,
  };
}

/** The header record, CRLF-terminated: the first chunk of a streamed CSV. */
export function acledCsvHeader(): string {
  return csvRecord(ACLED_COLUMNS);
}

/** One incident's record, CRLF-terminated. */
export function acledCsvRecord(incident: Incident, context: AcledRowContext): string {
  const row = acledRow(incident, context);
  return csvRecord(ACLED_COLUMNS.map((column) => row[column]));
}

/** The whole CSV: header, then one row per incident in the order given. */
export function toAcledCsv(input: ExportInput): string {
  // Checked even when every incident has its own change time: a bad stamp is the caller's error.
  unixSeconds(input.generatedAt);
  const rows = input.incidents.map((incident) => {
    const row = acledRow(incident, { countryByGazetteerId: input.countryByGazetteerId, changedAt: lastChangeOf(input, incident) });
    return ACLED_COLUMNS.map((column) => row[column]);
  });
  return csvDocument(ACLED_COLUMNS, rows);
}
