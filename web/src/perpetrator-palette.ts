/**
 * Fixed colours and labels for perpetrator ids (annotation-guide.md's list), so a colour means the
 * same side on the map, the timeline and the legend in every session. Ids outside the list (a
 * future lexicon entry) share one "other" colour rather than getting a random one. Colours are
 * distinct in hue and lightness so the common pairs (Russia / government, HTS / opposition) stay
 * apart for colour-blind readers as well; markers also carry the label in text.
 */

import { actorName } from '../../src/pipeline/extract/lexicons/actor-names.ts';

export interface PerpetratorStyle {
  id: string;
  label: string;
  colour: string;
}

/** Palette order and colours; labels are the lexicons' names (actorName). */
const COLOURS: readonly [string, string][] = [
  ['russia', '#c0392b'],
  ['syrian-government', '#1f4e9c'],
  ['opposition', '#2e9e44'],
  ['hts', '#7b3fa8'],
  ['turkey', '#e67e22'],
  ['iran-backed', '#8c564b'],
  ['isis', '#262626'],
  ['sdf', '#c9a100'],
  ['us-coalition', '#1aa3b8'],
  ['israel', '#5b6fd6'],
  // Statistics count an incident with several perpetrators once, under this id.
  ['shared', '#6b6b3a'],
  ['unknown', '#9a9a9a'],
];

export const PERPETRATORS: readonly PerpetratorStyle[] = COLOURS.map(([id, colour]) => ({ id, label: actorName(id), colour }));

export const OTHER_COLOUR = '#e377c2';

const BY_ID = new Map(PERPETRATORS.map((p) => [p.id, p]));

export function perpetratorStyle(id: string | undefined): PerpetratorStyle {
  if (id === undefined) return BY_ID.get('unknown')!;
  return BY_ID.get(id) ?? { id, label: actorName(id), colour: OTHER_COLOUR };
}

/** Known ids in palette order, then any others in alphabetical order. */
export function orderPerpetrators(ids: Iterable<string>): string[] {
  const seen = new Set(ids);
  const known = PERPETRATORS.map((p) => p.id).filter((id) => seen.has(id));
  const others = [...seen].filter((id) => !BY_ID.has(id)).sort();
  return [...known, ...others];
}
