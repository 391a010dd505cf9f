/**
 * Gold tables that give figures, not annotated incidents: per-article killed and injured counts
 * (`../shared/corpus/gvdb/counts.csv`: `id, killed, injured, …`) and incidents with the ids of their
 * reports (`../shared/corpus/gva/incidents.csv`: `incident_id, date, …, killed, injured, documents`).
 * Each is read once at the boundary into typed values; every bad value is named by line and column
 * in one error. Columns the scorers do not use (state, city) are accepted and dropped.
 */
import { csvRows, type CsvRow } from './csv-records.ts';
import { JsonShapeError, isIsoDate, type ShapeProblem } from './json-shape.ts';

/** The gold figures of one article (gvdb) or one report (gva). */
export interface CountGold {
  id: string;
  killed: number;
  injured: number;
  /** The gold incident a report is filed under (per-report gold only). */
  incident?: string;
}

/** One gold incident and the reports filed under it. */
export interface ReportedIncident {
  id: string;
  date: string;
  killed: number;
  injured: number;
  /** Report (document) ids, in file order. */
  documents: string[];
}

/** A gold table with bad values; each problem's `path` is `line N, column`. */
export class CountGoldError extends JsonShapeError {
  constructor(where: string, what: string, problems: readonly ShapeProblem[]) {
    super(where, what, problems);
    this.name = 'CountGoldError';
  }
}

class RowCheck {
  readonly problems: ShapeProblem[] = [];

  count(row: CsvRow, column: string): number {
    const raw = row.values[column].trim();
    if (/^\d+$/.test(raw)) return Number(raw);
    this.problems.push({ path: `line ${row.line}, ${column}`, message: `expected a whole number ≥ 0, got ${JSON.stringify(raw)}` });
    return 0;
  }

  id(row: CsvRow, column: string, seen: Set<string>): string {
    const id = row.values[column].trim();
    if (!id) this.problems.push({ path: `line ${row.line}, ${column}`, message: 'expected an id, got an empty field' });
    else if (seen.has(id)) this.problems.push({ path: `line ${row.line}, ${column}`, message: `id ${id} appears twice` });
    seen.add(id);
    return id;
  }
}

const COUNTS_WHAT = 'per-article counts table (id, killed, injured)';

/** `counts.csv`: one row per article. */
export function parseCountsCsv(text: string, where: string): CountGold[] {
  const check = new RowCheck();
  const seen = new Set<string>();
  const out = csvRows(text, where, ['id', 'killed', 'injured']).map((row) => ({
    id: check.id(row, 'id', seen),
    killed: check.count(row, 'killed'),
    injured: check.count(row, 'injured'),
  }));
  if (check.problems.length) throw new CountGoldError(where, COUNTS_WHAT, check.problems);
  return out;
}

const INCIDENTS_WHAT = 'incidents table (incident_id, date, killed, injured, documents)';

/** `incidents.csv`: one row per incident, `documents` space-separated report ids. */
export function parseIncidentsCsv(text: string, where: string): ReportedIncident[] {
  const check = new RowCheck();
  const seen = new Set<string>();
  const out = csvRows(text, where, ['incident_id', 'date', 'killed', 'injured', 'documents']).map((row) => {
    const date = row.values.date.trim();
    if (!isIsoDate(date)) check.problems.push({ path: `line ${row.line}, date`, message: `expected a date YYYY-MM-DD, got ${JSON.stringify(date)}` });
    const documents = row.values.documents.split(/\s+/).filter(Boolean);
    if (documents.length === 0) check.problems.push({ path: `line ${row.line}, documents`, message: 'expected at least one report id' });
    return { id: check.id(row, 'incident_id', seen), date, killed: check.count(row, 'killed'), injured: check.count(row, 'injured'), documents };
  });
  if (check.problems.length) throw new CountGoldError(where, INCIDENTS_WHAT, check.problems);
  return out;
}

/**
 * Per-report gold figures: each report carries its incident's killed and injured. A report filed
 * under two incidents (the archive does this for a few follow-ups) takes the first in file order.
 */
export function reportCounts(incidents: readonly ReportedIncident[]): CountGold[] {
  const byReport = new Map<string, CountGold>();
  for (const inc of incidents) {
    for (const doc of inc.documents) if (!byReport.has(doc)) byReport.set(doc, { id: doc, killed: inc.killed, injured: inc.injured, incident: inc.id });
  }
  return [...byReport.values()];
}
