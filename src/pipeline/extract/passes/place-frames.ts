/**
 * Pass 3, place: resolves each frame's place mentions against the gazetteer and fixes its date.
 * A governorate named as an area stays an admin-1 place; a village is resolved with the governorate
 * the text gives (its own statement refuses a same-named place elsewhere; one carried from another
 * sentence only ranks candidates); a name the gazetteer lacks keeps its name, falls back to the
 * governorate's position and is reported as a warning. A district named "in" a town is placed within
 * that town (the town itself when the gazetteer has no such part near it); a town named only as a
 * reference point ("north of X") places an event that names no other town, marked `near`. A frame with no place of its own takes a
 * local dateline's city (its state when the town is not in the gazetteer), else the smallest admin
 * area the text gives.
 */
import type { PlaceMention, ResolvedPlace, Warning } from '../../../domain/types.ts';
import type { PlaceResolving } from '../../../domain/place-lookup.ts';
import { distanceKm } from '../../../domain/geo.ts';
import type { DateMention } from '../dates.ts';
import type { Frame, SentenceInfo } from '../frames.ts';
import type { DocumentReading, FrameDate, PlacedFrame } from './extraction-state.ts';

export function placeFrames(doc: DocumentReading, frames: readonly Frame[], resolver: PlaceResolving): { placed: PlacedFrame[]; warnings: Warning[] } {
  const warnings: Warning[] = [];
  const dateline = datelinePlace(doc, resolver);
  const placed = frames.map((f) => placeFrame(f, doc.sentences[f.sentence], doc, resolver, dateline, warnings));
  return { placed, warnings };
}

/**
 * A local dateline's city ("LAKEVILLE, Ohio — A man was shot …"): the town the report is from, most
 * often the event's. A dateline with no state or province counts when everything in the text is in
 * one country; a bureau's ("BEIRUT (Wire) —" over a story from another country) says only where the
 * writer was.
 */
function datelinePlace(doc: DocumentReading, resolver: PlaceResolving): ResolvedPlace | null {
  const city = doc.geo.datelineCity;
  if (!city) return null;
  const area = doc.geo.datelineRegion ? resolver.admin1Name(doc.geo.datelineRegion) : null;
  if (!area && !(doc.geo.context.countries.length === 1 && !doc.geo.namesOtherCountries)) return null;
  const at = Math.max(0, doc.article.text.indexOf(city.toUpperCase()));
  const mention: PlaceMention = { name: city, role: 'event', adminHint: area, prov: { rule: 'place.dateline', span: { start: at, end: at + city.length }, text: city } };
  // A town too small for the gazetteer ("HOLLOWAY, N.C. —") still says the state.
  return resolver.resolve(mention, area, undefined, true) ?? (area ? resolver.resolveAdmin1Place(area, mention) : null);
}

function placeFrame(f: Frame, s: SentenceInfo, doc: DocumentReading, resolver: PlaceResolving, dateline: ResolvedPlace | null, warnings: Warning[]): PlacedFrame {
  const hint = f.adminHints[0] ?? null;
  const resolved: ResolvedPlace[] = [];
  const localities: ResolvedPlace[] = [];
  /** Towns named as reference points ("north of X"): the event's place when it names no other. */
  const references: PlaceMention[] = [];
  for (const p of f.places) {
    if (p.role === 'origin') continue;
    const adminName = resolver.admin1Name(p.name);
    if (p.role === 'area' || (adminName && !/city|town|village/i.test(s.text.slice(p.prov.span.end - s.start, p.prov.span.end - s.start + 12)) && isAreaUse(s.text, p, s.start))) {
      const a = resolver.resolveAdmin1Place(adminName ?? p.name, p);
      if (a) resolved.push(a);
      else if (p.role === 'area' && !adminName) references.push(p);
      continue;
    }
    // A governorate carried from another sentence only ranks candidates; the sentence's own
    // statement of the governorate refuses a same-named place elsewhere.
    const r =
      partOfTown(p, f.places, s, hint, resolver) ??
      resolver.resolve(p, hint, undefined, !f.hintsCarried) ??
      (hint ? null : f.softHints.length ? resolver.resolve(p, f.softHints[0], undefined, false) : null);
    // Parts of one town placed at the town are one place.
    if (r && r.gazetteerId !== null && resolved.some((x) => x.gazetteerId === r.gazetteerId)) continue;
    if (r && r.precision === 'locality') {
      resolved.push(r);
      localities.push(r);
    } else if (r) {
      resolved.push(r);
    } else {
      warnings.push({ code: 'place-not-found', message: `place "${p.name}" not found in the gazetteer`, source: `${doc.article.id}@${p.prov.span.start}` });
      const fallback = hint ? resolver.resolveAdmin1Place(hint) : null;
      const unresolved: ResolvedPlace = { name: p.name, gazetteerId: null, lat: fallback?.lat ?? null, lon: fallback?.lon ?? null, admin1: fallback?.admin1 ?? null, admin2: null, precision: fallback ? 'admin1' : 'country', mention: p };
      resolved.push(unresolved);
      if (p.prov.rule !== 'place.prep-name') localities.push(unresolved);
    }
  }
  if (!localities.length) {
    // "Shells fell north of X": the event is near X, placed at X and marked so (ACLED's "near").
    const near = references.map((p) => resolver.resolve(p, hint, undefined, !f.hintsCarried)).find((r) => r?.precision === 'locality');
    if (near) {
      const at: ResolvedPlace = { ...near, relation: 'near' };
      resolved.push(at);
      localities.push(at);
    }
  }
  if (!resolved.some((r) => r.lat !== null) && !hint && dateline) {
    // No place of its own and no area named: the local dateline's city.
    resolved.push(dateline);
    if (dateline.precision === 'locality') localities.push(dateline);
  }
  if (!resolved.some((r) => r.lat !== null) && hint) {
    // No place of its own: the smallest admin area the text gives.
    const a = resolver.resolveAdmin1Place(hint);
    if (a) resolved.push(a);
  }
  const admin1 = localities.find((l) => l.admin1)?.admin1 ?? (hint ? resolver.admin1Name(hint) : null) ?? resolved.find((r) => r.admin1)?.admin1 ?? null;
  return { frame: f, date: frameDate(f.date, doc.published), resolved, localities, admin1 };
}

/** A district of a town lies within this distance of the town's point in the gazetteer. */
const PART_OF_TOWN_KM = 10;
/** "the neighbourhoods of A, B and C", "the district of A": the names that follow are parts of a town. */
const PARTS_BEFORE_RE = /\b(?:neighbou?rhoods?|districts?|quarters?)\s+of\s+[^.;:]{0,80}$/i;
/** What may stand between a part and "in <town>": more parts of a list ("A, B and C in …"). */
const PARTS_TO_TOWN_RE = /^(?:\s+(?:neighbou?rhoods?|districts?|quarters?))?(?:(?:\s*,\s*(?:and\s+)?|\s+and\s+)(?:the\s+)?[\p{L}][^,.;:]{0,40}?)*\s+in\s+(?:the\s+)?(?:(?:city|town) of\s+)?$/u;

/**
 * "the district of al-Sukkar in Lakeville", "the neighbourhoods of A, B and C in Lakeville city": a
 * part of the town named after it. The part is the gazetteer's place of that name within a few km
 * of the town; when there is none (districts are seldom in a gazetteer, and a village of the same
 * name lies elsewhere), it is the town itself. Null when the mention is not so placed.
 */
function partOfTown(p: PlaceMention, places: readonly PlaceMention[], s: SentenceInfo, hint: string | null, resolver: PlaceResolving): ResolvedPlace | null {
  const at = p.prov.span.start - s.start;
  if (!PARTS_BEFORE_RE.test(s.text.slice(Math.max(0, at - 120), at))) return null;
  const town = places.find((t) => t !== p && t.role !== 'origin' && t.prov.span.start > p.prov.span.end && PARTS_TO_TOWN_RE.test(s.text.slice(p.prov.span.end - s.start, t.prov.span.start - s.start)));
  if (!town) return null;
  const where = resolver.resolve({ ...town, role: 'event' }, hint, undefined, false);
  if (!where || where.precision !== 'locality' || where.lat === null || where.lon === null) return null;
  const own = resolver.resolve(p, hint, { lat: where.lat, lon: where.lon }, false);
  if (own && own.precision === 'locality' && own.lat !== null && own.lon !== null && distanceKm({ lat: own.lat, lon: own.lon }, { lat: where.lat, lon: where.lon }) <= PART_OF_TOWN_KM) return own;
  return { ...where, mention: p, rejected: undefined };
}

/**
 * "Idlib" after "province of", before "province", or as "Syria's Idlib" is the governorate; before
 * "city"/"town" or after "the city of" it is the town of that name.
 */
function isAreaUse(text: string, p: PlaceMention, base: number): boolean {
  const s = p.prov.span.start - base;
  const before = text.slice(Math.max(0, s - 40), s);
  const after = text.slice(s + p.name.length, s + p.name.length + 40);
  if (/^\s*(?:city|town|village|center|centre|neighbou?rhood)/i.test(after) || /(?:city|town|village|metropolis|capital) of\s+$/i.test(before)) return false;
  // A bare "in Idlib" is read as the governorate (the conservative, coarser reading); linking
  // treats a bare governorate name and the city of that name as the same place.
  return true;
}

/** The frame's own or carried date; else the publication day (precision `reported`); else none. */
export function frameDate(d: DateMention | null, published: string | null): FrameDate {
  if (d && d.range) {
    return { start: d.range.start, end: d.range.end, precision: d.range.precision, prov: { rule: d.rule, span: { start: d.start, end: d.end }, text: d.text } };
  }
  if (published) return { start: published, end: published, precision: 'reported', prov: null };
  return null;
}
