/**
 * Pass 4b, document town: a local report names its town once and tells the shooting in sentences
 * that name none ("It happened outside a bar in Lakeville." / "Lakeville police are investigating."
 * beside "A man was shot and killed early Sunday."). When every place the document names in an event
 * role (outside background sentences) resolves to one locality, or to localities a few km apart (a
 * neighbourhood and its city), an incident frame with no locality of its own is placed there, with
 * the rule `place.document-town`. A document naming two towns gives no such place; tallies and
 * background keep the places they had, so a round-up's total never becomes an event in one town.
 */
import type { ResolvedPlace } from '../../../domain/types.ts';
import type { PlaceResolving } from '../../../domain/place-lookup.ts';
import { distanceKm } from '../../../domain/geo.ts';
import type { ClassifiedFrame, DocumentReading } from './extraction-state.ts';

/** A neighbourhood and the city it is in lie a few km apart in a gazetteer. */
const SAME_TOWN_KM = 6;

export function placeInDocumentTown(doc: DocumentReading, frames: readonly ClassifiedFrame[], resolver: PlaceResolving): ClassifiedFrame[] {
  const needs = (f: ClassifiedFrame) => f.kind === 'incident' && f.localities.length === 0;
  if (!frames.some(needs)) return [...frames];
  const town = documentTown(doc, resolver);
  if (!town) return [...frames];
  return frames.map((f) => {
    if (!needs(f) || (f.admin1 !== null && f.admin1 !== town.admin1)) return f;
    const resolved = [...f.resolved.filter((r) => r.precision === 'locality' || r.lat === null), town];
    return { ...f, resolved, localities: [town], admin1: town.admin1 };
  });
}

/** The one locality the document's event places resolve to, or null when it names none or several. */
export function documentTown(doc: DocumentReading, resolver: PlaceResolving): ResolvedPlace | null {
  let first: ResolvedPlace | null = null;
  for (const s of doc.sentences) {
    if (s.background) continue;
    for (const p of s.places) {
      if (p.role !== 'event') continue;
      const r = resolver.resolve(p, p.adminHint ?? s.adminHints[0]?.name ?? null, undefined, false);
      if (!r || r.precision !== 'locality' || r.lat === null || r.lon === null) continue;
      if (!first) first = r;
      else if (r.gazetteerId !== first.gazetteerId && distanceKm({ lat: r.lat, lon: r.lon }, { lat: first.lat!, lon: first.lon! }) > SAME_TOWN_KM) return null;
    }
  }
  if (!first?.mention) return first;
  return { ...first, mention: { ...first.mention, prov: { ...first.mention.prov, rule: 'place.document-town' } } };
}
