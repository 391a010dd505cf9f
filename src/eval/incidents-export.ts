/**
 * The system side of an evaluation: the `incidents/1` export (../shared/docs/export-format.md) as
 * far as the scorer reads it. The types are deliberately loose — read-only, with optional fields
 * where the export may leave something out — so that the exporter's own objects can be passed in
 * directly, and `parseIncidentsExport` validates a saved export file (untrusted JSON) once at the
 * boundary, naming the JSON path of every problem.
 */
import type { CountCategory, DatePrecision, GeoPrecision } from '../domain/types.ts';
import { JsonShapeError, ShapeCheck, pathIndex, pathKey } from './json-shape.ts';

export const INCIDENTS_FORMAT = 'incidents/1';

export interface ExportCountRange {
  readonly best: number;
  readonly min?: number;
  readonly max?: number;
}
export type ExportCounts = Readonly<Partial<Record<CountCategory, ExportCountRange>>>;

export interface ExportPlace {
  readonly name: string;
  readonly lat: number | null;
  readonly lon: number | null;
  readonly admin1?: string | null;
  readonly admin2?: string | null;
  readonly precision?: GeoPrecision | null;
  readonly gazetteer_id?: string | null;
}

export interface ExportClaim {
  readonly claimant: string;
  readonly document: string;
  readonly quote: string;
  /** Character offsets of `quote` in the document's text. */
  readonly start?: number | null;
  readonly end?: number | null;
}

export interface ExportIncident {
  readonly id: string;
  readonly event_type: string;
  readonly date: { readonly start: string; readonly end: string; readonly precision: DatePrecision } | null;
  readonly location: ExportPlace | null;
  readonly places: readonly ExportPlace[];
  readonly perpetrators: readonly string[];
  readonly killed: ExportCounts;
  readonly injured: ExportCounts;
  readonly claims: readonly ExportClaim[];
  readonly documents: readonly string[];
}

export interface ExportTally {
  readonly id: string;
  readonly document: string;
  readonly claimant: string | null;
  readonly period: { readonly start: string; readonly end: string } | null;
  readonly killed: Readonly<Partial<Record<CountCategory, number>>>;
  readonly quote: string;
  readonly start?: number | null;
  readonly end?: number | null;
}

export interface IncidentsExport {
  readonly format: string;
  readonly incidents: readonly ExportIncident[];
  readonly tallies: readonly ExportTally[];
}

/** A saved export that does not follow `incidents/1`; `problems` names each JSON path at fault. */
export class IncidentsExportError extends JsonShapeError {
  constructor(where: string, problems: ConstructorParameters<typeof JsonShapeError>[2]) {
    super(where, `${INCIDENTS_FORMAT} export`, problems);
    this.name = 'IncidentsExportError';
  }
}

const DATE_PRECISIONS: readonly DatePrecision[] = ['day', 'range', 'reported'];
const GEO_PRECISIONS: readonly GeoPrecision[] = ['locality', 'admin2', 'admin1', 'country'];

function readCounts(check: ShapeCheck, value: unknown, path: string): ExportCounts {
  const obj = check.optObject(value, path);
  const out: Partial<Record<CountCategory, ExportCountRange>> = {};
  if (!obj) return out;
  for (const [key, v] of Object.entries(obj)) {
    const at = pathKey(path, key);
    const range = check.object(v, at);
    if (!range) continue;
    const best = check.count(range.best, pathKey(at, 'best'));
    const min = check.optCount(range.min, pathKey(at, 'min'));
    const max = check.optCount(range.max, pathKey(at, 'max'));
    out[key as CountCategory] = { best, ...(min === null ? {} : { min }), ...(max === null ? {} : { max }) };
  }
  return out;
}

function readPlace(check: ShapeCheck, value: unknown, path: string): ExportPlace {
  const obj = check.object(value, path) ?? {};
  return {
    name: check.string(obj.name, pathKey(path, 'name')),
    lat: check.optNumber(obj.lat, pathKey(path, 'lat')),
    lon: check.optNumber(obj.lon, pathKey(path, 'lon')),
    admin1: check.optString(obj.admin1, pathKey(path, 'admin1')),
    precision: obj.precision === undefined || obj.precision === null ? null : check.oneOf(obj.precision, pathKey(path, 'precision'), GEO_PRECISIONS),
  };
}

function readIncident(check: ShapeCheck, value: unknown, path: string): ExportIncident {
  const obj = check.object(value, path) ?? {};
  const dateObj = check.optObject(obj.date, pathKey(path, 'date'));
  const datePath = pathKey(path, 'date');
  const date = dateObj
    ? {
        start: check.isoDate(dateObj.start, pathKey(datePath, 'start')),
        end: check.isoDate(dateObj.end, pathKey(datePath, 'end')),
        precision: check.oneOf(dateObj.precision, pathKey(datePath, 'precision'), DATE_PRECISIONS),
      }
    : null;
  const claimsPath = pathKey(path, 'claims');
  const placesPath = pathKey(path, 'places');
  return {
    id: check.string(obj.id, pathKey(path, 'id'), { nonEmpty: true }),
    event_type: check.string(obj.event_type, pathKey(path, 'event_type')),
    date,
    location: obj.location === undefined || obj.location === null ? null : readPlace(check, obj.location, pathKey(path, 'location')),
    places: check.optArray(obj.places, placesPath).map((p, i) => readPlace(check, p, pathIndex(placesPath, i))),
    perpetrators: check.stringArray(obj.perpetrators, pathKey(path, 'perpetrators'), { optional: true }),
    killed: readCounts(check, obj.killed, pathKey(path, 'killed')),
    injured: readCounts(check, obj.injured, pathKey(path, 'injured')),
    claims: check.optArray(obj.claims, claimsPath).map((c, i) => {
      const at = pathIndex(claimsPath, i);
      const claim = check.object(c, at) ?? {};
      return {
        claimant: check.string(claim.claimant, pathKey(at, 'claimant')),
        document: check.string(claim.document, pathKey(at, 'document'), { nonEmpty: true }),
        quote: check.string(claim.quote, pathKey(at, 'quote')),
        start: check.optCount(claim.start, pathKey(at, 'start')),
        end: check.optCount(claim.end, pathKey(at, 'end')),
      };
    }),
    documents: check.stringArray(obj.documents, pathKey(path, 'documents'), { optional: true }),
  };
}

function readTally(check: ShapeCheck, value: unknown, path: string): ExportTally {
  const obj = check.object(value, path) ?? {};
  const periodObj = check.optObject(obj.period, pathKey(path, 'period'));
  const killedObj = check.optObject(obj.killed, pathKey(path, 'killed')) ?? {};
  const killed: Partial<Record<CountCategory, number>> = {};
  for (const [key, v] of Object.entries(killedObj)) {
    if (v !== null && v !== undefined) killed[key as CountCategory] = check.count(v, pathKey(pathKey(path, 'killed'), key));
  }
  return {
    id: check.string(obj.id, pathKey(path, 'id'), { nonEmpty: true }),
    document: check.string(obj.document, pathKey(path, 'document'), { nonEmpty: true }),
    claimant: check.optString(obj.claimant, pathKey(path, 'claimant')),
    period: periodObj
      ? { start: check.isoDate(periodObj.start, pathKey(pathKey(path, 'period'), 'start')), end: check.isoDate(periodObj.end, pathKey(pathKey(path, 'period'), 'end')) }
      : null,
    killed,
    quote: check.string(obj.quote, pathKey(path, 'quote')),
    start: check.optCount(obj.start, pathKey(path, 'start')),
    end: check.optCount(obj.end, pathKey(path, 'end')),
  };
}

/**
 * Validate untrusted JSON (a saved `tally export --format json`) as far as the scorer reads it.
 * Throws IncidentsExportError listing every problem with its JSON path.
 */
export function parseIncidentsExport(x: unknown, where: string): IncidentsExport {
  const check = new ShapeCheck();
  const root = check.object(x, '');
  if (!root) throw new IncidentsExportError(where, check.problems);
  if (root.format !== INCIDENTS_FORMAT) check.expected('format', JSON.stringify(INCIDENTS_FORMAT), root.format);
  const incidents = check.array(root.incidents, 'incidents').map((v, i) => readIncident(check, v, pathIndex('incidents', i)));
  const tallies = check.optArray(root.tallies, 'tallies').map((v, i) => readTally(check, v, pathIndex('tallies', i)));
  check.uniqueIds(incidents.map((d) => d.id), 'incidents');
  check.uniqueIds(tallies.map((d) => d.id), 'tallies');
  if (check.problems.length > 0) throw new IncidentsExportError(where, check.problems);
  return { format: INCIDENTS_FORMAT, incidents, tallies };
}
