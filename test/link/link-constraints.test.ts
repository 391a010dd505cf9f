/**
 * Analysts' must-link and cannot-link pairs inside linkMentions (docs/decisions/0018-review-decisions-and-audit.md):
 * a table of cases over mentions built in code — three reports of one air strike on Saraqib (which
 * the machine links), one of a strike on another day elsewhere, and an undated report. Each row gives
 * the constraints and the clusters expected (as sorted lists of mention ids). The first row, with no
 * constraints, is the machine's own linking; constraints must not change anything they do not name.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { linkMentions, NO_CONSTRAINTS, type LinkConstraints } from '../../src/pipeline/link/link-mentions.ts';
import type { Mention } from '../../src/domain/types.ts';
import { makeMention, makePlace } from '../storage/domain-fixtures.ts';

const docs = new Map(['a', 'b', 'c', 'd', 'u'].map((id) => [id, { outlet: `outlet ${id}`, published: '2019-11-06' }]));

const MENTIONS: Mention[] = [
  makeMention('a', 0),
  makeMention('b', 0),
  makeMention('c', 0),
  makeMention('d', 0, {
    date: { start: '2019-12-20', end: '2019-12-20', precision: 'day', prov: null },
    resolvedPlaces: [makePlace({ name: 'Douma', gazetteerId: 'geonames:170654', lat: 33.5711, lon: 36.4017, admin1: 'Rif Dimashq', admin2: null })],
  }),
  makeMention('u', 0, {
    date: null,
    resolvedPlaces: [makePlace({ name: 'Azaz', gazetteerId: 'geonames:174448', lat: 36.5862, lon: 37.0463, admin1: 'Aleppo', admin2: null })],
  }),
];

const clustersOf = (constraints: LinkConstraints) =>
  linkMentions(MENTIONS, docs, 'latest', new Map(), constraints)
    .incidents.map((i) => [...i.mentionIds].sort().join(' '))
    .sort();

const CASES: [string, LinkConstraints, string[]][] = [
  ['no constraints: the machine links the three Saraqib reports', NO_CONSTRAINTS, ['a#0 b#0 c#0', 'd#0', 'u#0']],
  ['cannot-link a-b: b leaves a (c may go with either, not both)', { mustLink: [], cannotLink: [['a#0', 'b#0']] }, ['a#0 c#0', 'b#0', 'd#0', 'u#0']],
  ['must-link a-d: another day and town joins on the analyst\'s word', { mustLink: [['a#0', 'd#0']], cannotLink: [] }, ['a#0 b#0 c#0 d#0', 'u#0']],
  ['must-link d-u: an undated report joins a dated incident', { mustLink: [['d#0', 'u#0']], cannotLink: [] }, ['a#0 b#0 c#0', 'd#0 u#0']],
  ['split c off: must-link nothing, cannot-link c with a and b', { mustLink: [], cannotLink: [['c#0', 'a#0'], ['c#0', 'b#0']] }, ['a#0 b#0', 'c#0', 'd#0', 'u#0']],
  ['constraints naming mentions that do not exist change nothing', { mustLink: [['x#0', 'y#0']], cannotLink: [['x#0', 'a#0']] }, ['a#0 b#0 c#0', 'd#0', 'u#0']],
];

describe('linkMentions obeys must-link and cannot-link', () => {
  for (const [name, constraints, expected] of CASES) {
    test(name, () => assert.deepEqual(clustersOf(constraints), expected));
  }

  test('an analyst join is recorded as link evidence with its reason', () => {
    const { links } = linkMentions(MENTIONS, docs, 'latest', new Map(), { mustLink: [['a#0', 'd#0']], cannotLink: [] });
    assert.deepEqual(links.find((l) => l.b === 'd#0'), { a: 'a#0', b: 'd#0', score: 100, reasons: ['analyst decision'] });
  });
});
