/**
 * Weighted vocabularies the synthetic benchmark corpora draw from (event types, perpetrators,
 * targets), shared so the linking and API suites generate data of the same make-up.
 */
import type { EventType } from '../src/domain/types.ts';

export const EVENT_TYPE_WEIGHTS: readonly [EventType, number][] = [
  ['air_strike', 45],
  ['shelling', 30],
  ['armed_clash', 10],
  ['explosion', 8],
  ['attack', 5],
  ['other', 2],
];

export const PERPETRATOR_WEIGHTS: readonly [string, number][] = [
  ['russia', 25],
  ['syrian-government', 30],
  ['opposition', 8],
  ['hts', 6],
  ['turkey', 8],
  ['isis', 6],
  ['sdf', 4],
  ['us-coalition', 5],
  ['iran-backed', 3],
  ['unknown', 5],
];

export const TARGETS: readonly string[] = ['hospital', 'school', 'market', 'residential', 'camp', 'mosque', 'bakery', 'military'];
