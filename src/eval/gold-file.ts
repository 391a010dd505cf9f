/**
 * The gold file (`incident-gold/1`): hand annotation of a set of articles following
 * ../shared/docs/annotation-guide.md, against which `tally eval` scores the pipeline. This module
 * holds its types and `parseGoldFile`, which validates untrusted JSON once at the boundary and
 * names the JSON path of every problem. The format is loose where annotators are loose: notes,
 * location notes and other commentary fields are optional, an incident may be `optional` (it may be
 * found or not without penalty) and so may a mention (a document that may or may not be linked).
 * Fields the scorer does not use (`perpetrator_claims`, `neutralized`, …) are accepted and dropped.
 */
import { COUNT_CATEGORIES, EVENT_TYPES, type CountCategory, type EventType } from '../domain/types.ts';
import { JsonShapeError, ShapeCheck, pathIndex, pathKey, type JsonObject } from './json-shape.ts';

export const GOLD_FORMAT = 'incident-gold/1';

/** The range a correct best estimate must fall in. */
export interface GoldRange {
  min: number;
  max: number;
}
export type GoldCounts = Partial<Record<CountCategory, GoldRange>>;

export interface GoldDocument {
  id: string;
  outlet: string | null;
  url: string | null;
  /** ISO date or date-time, null when the article gives none. */
  published: string | null;
  language: string | null;
}

export interface GoldMention {
  doc: string;
  /** The exact sentence(s) of the document stating the incident. */
  quote: string;
  /** A document that may or may not be linked to the incident without penalty. */
  optional: boolean;
}

export interface GoldIncident {
  id: string;
  /** May be found or not without penalty. */
  optional: boolean;
  event_type: EventType;
  /** Inclusive day range; gold dates carry no precision. */
  date: { start: string; end: string };
  /** Localities named for the event; empty when no locality is named. */
  places: string[];
  /** Governorate, when known. */
  admin1: string | null;
  /** Gazetteer points of the places found in the gazetteer, keyed by a name in `places`. */
  coords: Record<string, { lat: number; lon: number }>;
  perpetrators: string[];
  perpetrators_disputed: boolean;
  killed: GoldCounts;
  injured: GoldCounts;
  claimants: string[];
  targets: string[];
  mentions: GoldMention[];
  location_note: string | null;
  note: string | null;
}

export interface GoldTally {
  id: string;
  doc: string;
  claimant: string | null;
  period: { start: string; end: string } | null;
  area: string | null;
  perpetrator: string | null;
  killed: Partial<Record<CountCategory, number>>;
  injured: Partial<Record<CountCategory, number>>;
  /** "more than", "at least", "nearly", … as written by the annotator. */
  qualifier: string | null;
  quote: string;
  note: string | null;
}

export interface GoldFile {
  format: typeof GOLD_FORMAT;
  about: string | null;
  documents: GoldDocument[];
  incidents: GoldIncident[];
  tallies: GoldTally[];
}

/** A gold file that does not follow `incident-gold/1`; `problems` names each JSON path at fault. */
export class GoldFileError extends JsonShapeError {
  constructor(where: string, problems: ConstructorParameters<typeof JsonShapeError>[2]) {
    super(where, `gold file (${GOLD_FORMAT})`, problems);
    this.name = 'GoldFileError';
  }
}

function readRange(check: ShapeCheck, value: unknown, path: string): GoldRange {
  const obj = check.object(value, path);
  if (!obj) return { min: 0, max: 0 };
  const before = check.problems.length;
  const min = check.count(obj.min, pathKey(path, 'min'));
  const max = check.count(obj.max, pathKey(path, 'max'));
  if (check.problems.length === before && min > max) check.fail(path, `min ${min} is greater than max ${max}`);
  return { min, max };
}

function categoryKeys(check: ShapeCheck, obj: JsonObject, path: string): CountCategory[] {
  const keys: CountCategory[] = [];
  for (const key of Object.keys(obj)) {
    if ((COUNT_CATEGORIES as readonly string[]).includes(key)) keys.push(key as CountCategory);
    else check.fail(pathKey(path, key), `unknown count category; expected one of ${COUNT_CATEGORIES.join(', ')}`);
  }
  return keys;
}

function readGoldCounts(check: ShapeCheck, value: unknown, path: string): GoldCounts {
  const obj = check.optObject(value, path);
  const out: GoldCounts = {};
  if (!obj) return out;
  for (const key of categoryKeys(check, obj, path)) out[key] = readRange(check, obj[key], pathKey(path, key));
  return out;
}

function readTallyCounts(check: ShapeCheck, value: unknown, path: string): Partial<Record<CountCategory, number>> {
  const obj = check.optObject(value, path);
  const out: Partial<Record<CountCategory, number>> = {};
  if (!obj) return out;
  for (const key of categoryKeys(check, obj, path)) out[key] = check.count(obj[key], pathKey(path, key));
  return out;
}

function readDayRange(check: ShapeCheck, value: unknown, path: string): { start: string; end: string } {
  const obj = check.object(value, path);
  if (!obj) return { start: '0000-01-01', end: '0000-01-01' };
  const before = check.problems.length;
  const start = check.isoDate(obj.start, pathKey(path, 'start'));
  const end = check.isoDate(obj.end, pathKey(path, 'end'));
  // Compare only real dates, not the placeholders left by a problem just recorded.
  if (check.problems.length === before && start > end) check.fail(path, `start ${start} is after end ${end}`);
  return { start, end };
}

function readDocument(check: ShapeCheck, value: unknown, path: string): GoldDocument {
  const obj = check.object(value, path) ?? {};
  return {
    id: check.string(obj.id, pathKey(path, 'id'), { nonEmpty: true }),
    outlet: check.optString(obj.outlet, pathKey(path, 'outlet')),
    url: check.optString(obj.url, pathKey(path, 'url')),
    published: check.optString(obj.published, pathKey(path, 'published')),
    language: check.optString(obj.language, pathKey(path, 'language')),
  };
}

function readMention(check: ShapeCheck, value: unknown, path: string): GoldMention {
  const obj = check.object(value, path) ?? {};
  return {
    doc: check.string(obj.doc, pathKey(path, 'doc'), { nonEmpty: true }),
    quote: check.string(obj.quote, pathKey(path, 'quote'), { nonEmpty: true }),
    optional: check.boolean(obj.optional, pathKey(path, 'optional'), false),
  };
}

function readCoords(check: ShapeCheck, value: unknown, path: string, places: readonly string[]): GoldIncident['coords'] {
  const obj = check.optObject(value, path);
  const out: GoldIncident['coords'] = {};
  if (!obj) return out;
  for (const [name, point] of Object.entries(obj)) {
    const at = pathKey(path, name);
    // A key that names no listed place would silently disable the 3 km match for that place.
    if (!places.includes(name)) check.fail(at, `names a place not listed in places (${places.map((p) => JSON.stringify(p)).join(', ') || 'none'})`);
    const p = check.object(point, at);
    if (!p) continue;
    const lat = check.number(p.lat, pathKey(at, 'lat'));
    const lon = check.number(p.lon, pathKey(at, 'lon'));
    if (lat < -90 || lat > 90) check.fail(pathKey(at, 'lat'), `latitude ${lat} is outside -90..90`);
    if (lon < -180 || lon > 180) check.fail(pathKey(at, 'lon'), `longitude ${lon} is outside -180..180`);
    out[name] = { lat, lon };
  }
  return out;
}

function readIncident(check: ShapeCheck, value: unknown, path: string): GoldIncident {
  const obj = check.object(value, path) ?? {};
  const places = check.stringArray(obj.places, pathKey(path, 'places'), { optional: true });
  const mentionsPath = pathKey(path, 'mentions');
  const mentions = check.array(obj.mentions, mentionsPath).map((m, i) => readMention(check, m, pathIndex(mentionsPath, i)));
  if (Array.isArray(obj.mentions) && mentions.length === 0) check.fail(mentionsPath, 'expected at least one mention');
  return {
    id: check.string(obj.id, pathKey(path, 'id'), { nonEmpty: true }),
    optional: check.boolean(obj.optional, pathKey(path, 'optional'), false),
    event_type: check.oneOf(obj.event_type, pathKey(path, 'event_type'), EVENT_TYPES),
    date: readDayRange(check, obj.date, pathKey(path, 'date')),
    places,
    admin1: check.optString(obj.admin1, pathKey(path, 'admin1')),
    coords: readCoords(check, obj.coords, pathKey(path, 'coords'), places),
    perpetrators: check.stringArray(obj.perpetrators, pathKey(path, 'perpetrators'), { optional: true }),
    perpetrators_disputed: check.boolean(obj.perpetrators_disputed, pathKey(path, 'perpetrators_disputed'), false),
    killed: readGoldCounts(check, obj.killed, pathKey(path, 'killed')),
    injured: readGoldCounts(check, obj.injured, pathKey(path, 'injured')),
    claimants: check.stringArray(obj.claimants, pathKey(path, 'claimants'), { optional: true }),
    targets: check.stringArray(obj.targets, pathKey(path, 'targets'), { optional: true }),
    mentions,
    location_note: check.optString(obj.location_note, pathKey(path, 'location_note')),
    note: check.optString(obj.note, pathKey(path, 'note')),
  };
}

function readTally(check: ShapeCheck, value: unknown, path: string): GoldTally {
  const obj = check.object(value, path) ?? {};
  const period = obj.period === undefined || obj.period === null ? null : readDayRange(check, obj.period, pathKey(path, 'period'));
  return {
    id: check.string(obj.id, pathKey(path, 'id'), { nonEmpty: true }),
    doc: check.string(obj.doc, pathKey(path, 'doc'), { nonEmpty: true }),
    claimant: check.optString(obj.claimant, pathKey(path, 'claimant')),
    period,
    area: check.optString(obj.area, pathKey(path, 'area')),
    perpetrator: check.optString(obj.perpetrator, pathKey(path, 'perpetrator')),
    killed: readTallyCounts(check, obj.killed, pathKey(path, 'killed')),
    injured: readTallyCounts(check, obj.injured, pathKey(path, 'injured')),
    qualifier: check.optString(obj.qualifier, pathKey(path, 'qualifier')),
    quote: check.string(obj.quote, pathKey(path, 'quote'), { nonEmpty: true }),
    note: check.optString(obj.note, pathKey(path, 'note')),
  };
}

/**
 * Validate untrusted JSON as a gold file. `where` names the input (a file path) in errors.
 * Throws GoldFileError listing every problem with its JSON path.
 */
export function parseGoldFile(x: unknown, where: string): GoldFile {
  const check = new ShapeCheck();
  const root = check.object(x, '');
  if (!root) throw new GoldFileError(where, check.problems);
  if (root.format !== GOLD_FORMAT) check.expected('format', JSON.stringify(GOLD_FORMAT), root.format);
  const about = check.optString(root.about, 'about');

  const documents = check.optArray(root.documents, 'documents').map((d, i) => readDocument(check, d, pathIndex('documents', i)));
  const incidents = check.array(root.incidents, 'incidents').map((v, i) => readIncident(check, v, pathIndex('incidents', i)));
  const tallies = check.optArray(root.tallies, 'tallies').map((v, i) => readTally(check, v, pathIndex('tallies', i)));

  check.uniqueIds(documents.map((d) => d.id), 'documents');
  check.uniqueIds(incidents.map((d) => d.id), 'incidents');
  check.uniqueIds(tallies.map((d) => d.id), 'tallies');

  // Every document an annotation points at must be declared, when the file declares any.
  if (documents.length > 0) {
    const declared = new Set(documents.map((d) => d.id));
    incidents.forEach((inc, i) =>
      inc.mentions.forEach((m, j) => {
        if (m.doc && !declared.has(m.doc)) check.fail(`incidents[${i}].mentions[${j}].doc`, `document ${JSON.stringify(m.doc)} is not in documents`);
      }),
    );
    tallies.forEach((t, i) => {
      if (t.doc && !declared.has(t.doc)) check.fail(`tallies[${i}].doc`, `document ${JSON.stringify(t.doc)} is not in documents`);
    });
  }

  if (check.problems.length > 0) throw new GoldFileError(where, check.problems);
  return { format: GOLD_FORMAT, about, documents, incidents, tallies };
}
