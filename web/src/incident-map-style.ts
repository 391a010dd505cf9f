/**
 * How incidents look on the map, kept apart from Leaflet so it can be tested in Node: marker
 * diameter grows with the square root of the killed figure (so a marker's area, not its width, is
 * proportional to the count, and one large event does not swamp the map), and a cluster's ring
 * shows its perpetrator mix as slices of a conic gradient.
 */
import { perpetratorStyle } from './perpetrator-palette.ts';

/** Diameter in CSS pixels; incidents with no stated figure get the smallest (drawn hollow). */
export function markerDiameter(killed: number | null): number {
  if (killed === null || killed <= 0) return 14;
  return Math.min(64, Math.round(12 + 5 * Math.sqrt(killed)));
}

/** A conic gradient with one slice per perpetrator, sized by its share of the cluster's incidents. */
export function perpetratorMix(ids: readonly string[]): string {
  const counts = new Map<string, number>();
  for (const id of ids) counts.set(id, (counts.get(id) ?? 0) + 1);
  let at = 0;
  const stops: string[] = [];
  for (const [id, n] of counts) {
    const next = at + (n / ids.length) * 360;
    const colour = perpetratorStyle(id).colour;
    stops.push(`${colour} ${at.toFixed(1)}deg ${next.toFixed(1)}deg`);
    at = next;
  }
  return `conic-gradient(${stops.join(', ')})`;
}
