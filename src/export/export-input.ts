/**
 * What every exporter takes: the incidents, tallies and documents to write, the clock value to
 * stamp them with (injected, never read from the system, so exports are reproducible) and optional
 * context. Exporters are pure functions of this value; reading the store and writing files is the
 * caller's job.
 */
import type { Article, Incident, Tally } from '../domain/types.ts';

/** The document metadata exports list (an Article or a StoredDocument fits). */
export type ExportDocument = Pick<Article, 'id' | 'url' | 'outlet' | 'published' | 'title' | 'provenance'>;

export interface ExportInput {
  incidents: readonly Incident[];
  tallies: readonly Tally[];
  documents: readonly ExportDocument[];
  /** ISO date-time the export is stamped with (`generated_at`). */
  generatedAt: string;
  /**
   * When each incident last changed (incident id → ISO date-time): the CSV `timestamp`. An
   * incident missing from it counts as changed at its latest review decision, else at
   * `generatedAt`. (The streamed exports, src/services/export-stream.ts, read each incident's
   * change time from the store with the incident and pass it to acledCsvRecord.)
   */
  lastChange?: ReadonlyMap<string, string>;
  /** Name of the linking/estimation policy that produced the incidents, when the caller knows it. */
  policy?: string;
  /**
   * ISO 3166-1 alpha-2 country code of gazetteer entries, for the CSV `iso`/`country` columns
   * (a ResolvedPlace does not carry its country). Places absent from the map count as Syria.
   */
  countryByGazetteerId?: ReadonlyMap<string, string>;
}

/** The export input itself is unusable (e.g. a generatedAt that is not a date-time). */
export class ExportInputError extends Error {
  override name = 'ExportInputError';
  constructor(
    readonly field: string,
    readonly value: unknown,
    expected: string,
  ) {
    super(`export input ${field}: ${JSON.stringify(value)} is not valid; expected ${expected}`);
  }
}

const ISO_DATE_TIME = /^\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/;

/** Whole seconds since the Unix epoch of an ISO date-time (`field` names it in the error); one without a zone is read as UTC. */
export function unixSeconds(dateTime: string, field = 'generatedAt'): number {
  const trimmed = dateTime.trim();
  const hasZone = /(?:Z|[+-]\d{2}:?\d{2})$/.test(trimmed) || /^\d{4}-\d{2}-\d{2}$/.test(trimmed);
  const ms = ISO_DATE_TIME.test(trimmed) ? Date.parse(hasZone ? trimmed : `${trimmed}Z`) : NaN;
  if (Number.isNaN(ms)) throw new ExportInputError(field, dateTime, 'an ISO 8601 date-time such as 2026-11-21T10:00:00Z');
  return Math.floor(ms / 1000);
}

/** When `incident` last changed, as far as `input` says (see ExportInput.lastChange). */
export function lastChangeOf(input: Pick<ExportInput, 'lastChange' | 'generatedAt'>, incident: Incident): string {
  return input.lastChange?.get(incident.id) ?? incident.review.reviewedAt ?? input.generatedAt;
}
