/**
 * The `incident_day_stats` table (migration 2, ./store-migrations.ts): casualties summed per start
 * day, end day, governorate, event type, review status and perpetrator (scope 0: each incident once;
 * 1: once under each of its perpetrators; 2: once, under its only perpetrator or SHARED_PERPETRATORS;
 * migration 7 added scope 2), written with the incidents
 * so statistics and counts over a million incidents read thousands of rows instead of all of them.
 * A filter on date, governorate, event type, review status and perpetrator only (the dashboard's
 * timeline and most counts) is answered here; any other condition (bounding box, minimum killed,
 * claimant, text, document) needs the incidents themselves. Both ways give the same answer; the
 * contract suite checks that on every filter it tries. Incidents of unknown date have rows with
 * null days: counts include them unless a date range is given (NULL never compares true), day,
 * week and month buckets leave them out, perpetrator buckets and the undated totals include them.
 */
import { monthStartDay } from '../domain/days.ts';
import type { RawBuilder } from 'kysely';
import { sql } from './kysely-runtime.ts';
import { SHARED_PERPETRATORS, type PerpetratorSplit, type StatsBucket } from './incident-store.ts';
import type { ParsedFilter } from './incident-query-plan.ts';
import type { IncidentDayStatsTable } from './store-schema.ts';

/** What replaceIncidents knows of each incident, from its row and its distinct perpetrators. */
export interface DayStatsInput {
  /** Null for an incident of unknown date: counted, but in no day, week or month. */
  start_day: number | null;
  end_day: number | null;
  admin1_key: string | null;
  event_type: string;
  review_status: string;
  killed_best: number | null;
  civilians_killed: number | null;
  perpetrators: readonly string[];
}

/** Day number of the first of the month holding `day`. */
export { monthStartDay };

/** The summed rows, in a deterministic order (first appearance of each key). */
export function dayStatsRows(incidents: Iterable<DayStatsInput>): IncidentDayStatsTable[] {
  const rows = new Map<string, IncidentDayStatsTable>();
  const add = (x: DayStatsInput, scope: number, perpetrator: string | null) => {
    const key = JSON.stringify([scope, perpetrator, x.admin1_key, x.start_day, x.end_day, x.event_type, x.review_status]);
    let row = rows.get(key);
    if (!row) {
      row = {
        scope,
        perpetrator,
        admin1_key: x.admin1_key,
        start_day: x.start_day,
        end_day: x.end_day,
        month_day: x.start_day === null ? null : monthStartDay(x.start_day),
        event_type: x.event_type,
        review_status: x.review_status,
        incidents: 0,
        killed: 0,
        civilians: 0,
      };
      rows.set(key, row);
    }
    row.incidents += 1;
    row.killed += x.killed_best ?? 0;
    row.civilians += x.civilians_killed ?? 0;
  };
  for (const x of incidents) {
    add(x, 0, null);
    const perpetrators = [...new Set(x.perpetrators)];
    if (perpetrators.length === 0) add(x, 1, null);
    for (const p of perpetrators) add(x, 1, p);
    add(x, 2, perpetrators.length === 0 ? null : perpetrators.length === 1 ? perpetrators[0] : SHARED_PERPETRATORS);
  }
  return [...rows.values()];
}

/** Filter fields the table can answer; a filter with any other one needs the incidents. */
const ANSWERABLE: ReadonlySet<keyof ParsedFilter> = new Set(['fromDay', 'toDay', 'admin1', 'eventType', 'reviewStatus', 'perpetrator']);

/**
 * The table answers `f`: its fields only, and no perpetrator filter on `sole` perpetrator rows (a
 * shared incident's sole row does not say which perpetrators it holds).
 */
export function answerableFromDayStats(f: ParsedFilter, soleRows = false): boolean {
  if (soleRows && f.perpetrator !== undefined) return false;
  return (Object.keys(f) as (keyof ParsedFilter)[]).every((k) => f[k] === undefined || ANSWERABLE.has(k));
}

/**
 * WHERE clause over incident_day_stats AS s for `f`: rows per perpetrator when `perPerpetrator`
 * (scope 1, each incident under each of its perpetrators; scope 2 with `sole`, once).
 */
function where(f: ParsedFilter, perPerpetrator: boolean, extra: RawBuilder<unknown>[] = [], split: PerpetratorSplit = 'each'): RawBuilder<unknown> {
  const scope = perPerpetrator && split === 'sole' ? 2 : perPerpetrator || f.perpetrator !== undefined ? 1 : 0;
  const out: RawBuilder<unknown>[] = [sql`s.scope = ${scope}`, ...extra];
  if (f.admin1 !== undefined) out.push(sql`s.admin1_key = ${f.admin1}`);
  if (f.toDay !== undefined) out.push(sql`s.start_day <= ${f.toDay}`);
  if (f.fromDay !== undefined) {
    out.push(sql`s.end_day >= ${f.fromDay}`);
    // Redundant but bounding, as in ./incident-query-plan.ts: nothing starting before from − (the
    // longest span) reaches from, so the index is read over a range instead of from its start.
    out.push(sql`s.start_day >= ${f.fromDay} - (SELECT coalesce(max(span_days), 0) FROM incidents)`);
  }
  if (f.perpetrator !== undefined) out.push(sql`s.perpetrator = ${f.perpetrator}`);
  if (f.eventType !== undefined) out.push(sql`s.event_type = ${f.eventType}`);
  if (f.reviewStatus !== undefined) out.push(sql`s.review_status = ${f.reviewStatus}`);
  return sql`WHERE ${sql.join(out, sql` AND `)}`;
}

/** Incidents matching `f` (which answerableFromDayStats accepted). */
export function dayStatsCount(f: ParsedFilter): RawBuilder<{ n: number | string }> {
  return sql<{ n: number | string }>`SELECT coalesce(sum(s.incidents), 0) AS n FROM incident_day_stats AS s ${where(f, false)}`;
}

export interface StatsQueryRow {
  key: number | string;
  perpetrator: string | null;
  incidents: number | string;
  killed: number | string;
  civilians: number | string;
}

/**
 * The statistics query of KyselyIncidentStore.stats over the table: the same buckets, sums and
 * order. Day, week and month keys come back as day numbers (a month as its first day), perpetrator
 * keys as the perpetrator ('unknown' for none).
 */
export function dayStatsQuery(f: ParsedFilter, groupBy: Exclude<StatsBucket, 'year'> | 'perpetrator', withPerpetrator: boolean, split: PerpetratorSplit = 'each'): RawBuilder<StatsQueryRow> {
  const perpetratorKey = sql.raw(`coalesce(s.perpetrator, 'unknown')`);
  const bucket =
    groupBy === 'day'
      ? sql.raw('s.start_day')
      : groupBy === 'week'
        ? sql.raw('s.start_day - ((s.start_day + 3) % 7 + 7) % 7')
        : groupBy === 'month'
          ? sql.raw('s.month_day')
          : perpetratorKey;
  const groups = withPerpetrator ? sql`${bucket}, ${perpetratorKey}` : bucket;
  // Time buckets have no place for an incident without a day.
  const dated = groupBy === 'perpetrator' ? [] : [sql`s.start_day IS NOT NULL`];
  return sql<StatsQueryRow>`
    SELECT ${bucket} AS key, ${withPerpetrator ? perpetratorKey : sql.raw('NULL')} AS perpetrator, coalesce(sum(s.incidents), 0) AS incidents,
      coalesce(sum(s.killed), 0) AS killed, coalesce(sum(s.civilians), 0) AS civilians
    FROM incident_day_stats AS s ${where(f, groupBy === 'perpetrator' || withPerpetrator, dated, split)}
    GROUP BY ${groups} ORDER BY ${groups}`;
}

/** Incidents of unknown date matching `f` (no date range), with their killed and civilians killed. */
export function dayStatsUndated(f: ParsedFilter): RawBuilder<Omit<StatsQueryRow, 'key' | 'perpetrator'>> {
  return sql<Omit<StatsQueryRow, 'key' | 'perpetrator'>>`
    SELECT coalesce(sum(s.incidents), 0) AS incidents, coalesce(sum(s.killed), 0) AS killed, coalesce(sum(s.civilians), 0) AS civilians
    FROM incident_day_stats AS s ${where(f, false, [sql`s.start_day IS NULL`])}`;
}
