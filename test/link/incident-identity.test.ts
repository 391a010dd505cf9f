/**
 * assignIncidentIds (src/pipeline/link/incident-identity.ts), table-driven over hand-made clusters:
 * what happens to issued ids when incidents grow, merge, split, lose every report, or when the id
 * to mint was issued before. Incidents here are only ids and mention keys; the end-to-end
 * behaviour over real articles is test/services/stable-incident-ids.test.ts.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { IssuedIncidentId, MentionKey } from '../../src/domain/types.ts';
import { assignIncidentIds, type IdentityResult } from '../../src/pipeline/link/incident-identity.ts';
import { stableId } from '../../src/pipeline/link/link-mentions.ts';
import { makeIncident } from '../storage/domain-fixtures.ts';

/** `doc:start` → a key in text version `h-doc`, spanning 10 characters. */
const key = (k: string): MentionKey => {
  const [document, start] = k.split(':');
  return { document, contentHash: `h-${document}`, start: Number(start), end: Number(start) + 10 };
};

/** Clusters as `linkerId: [keys]`, linked in the order given. */
function run(clusters: [string, string[]][], issued: IssuedIncidentId[] = []): IdentityResult {
  return assignIncidentIds({ incidents: clusters.map(([id]) => makeIncident({ id })), keys: clusters.map(([, ks]) => ks.map(key)), issued });
}

const idsOf = (r: IdentityResult) => r.incidents.map((i) => [i.id, i.previousIds]);
const statusOf = (r: IdentityResult) => Object.fromEntries(r.issued.map((x) => [x.id, [x.status, x.successor]]));

describe('assignIncidentIds', () => {
  test('with nothing issued, every incident keeps the linker id, issued in linker order', () => {
    const r = run([['inc-a', ['d1:0']], ['inc-b', ['d2:0', 'd3:0']]]);
    assert.deepEqual(idsOf(r), [['inc-a', []], ['inc-b', []]]);
    assert.deepEqual(r.issued.map((x) => [x.id, x.seq, x.status, x.covers.length]), [['inc-a', 1, 'current', 1], ['inc-b', 2, 'current', 2]]);
    assert.deepEqual(r.changes, [{ kind: 'minted', id: 'inc-a' }, { kind: 'minted', id: 'inc-b' }]);
  });

  test('a new report founding the incident (a new linker id) does not rename it', () => {
    const first = run([['inc-a', ['d2:0']]]);
    const second = run([['inc-new-founder', ['d1:0', 'd2:0']]], first.issued);
    assert.deepEqual(idsOf(second), [['inc-a', []]]);
    assert.deepEqual(second.issued[0].covers, [key('d1:0'), key('d2:0')], 'the id now covers both reports');
    assert.deepEqual(second.changes, []);
  });

  test('reports an analyst split off give up the id: the ones that stayed keep it, whatever the tie would say', () => {
    const first = run([['inc-a', ['d1:0', 'd2:0']]]);
    // Without the decision, a one-and-one split is settled by the linker's order: the first half keeps inc-a.
    const plain = run([['inc-x', ['d1:0']], ['inc-y', ['d2:0']]], first.issued);
    assert.deepEqual(idsOf(plain).map(([id]) => id), ['inc-a', 'inc-y']);
    const split = assignIncidentIds({
      incidents: [makeIncident({ id: 'inc-x' }), makeIncident({ id: 'inc-y' })],
      keys: [[key('d1:0')], [key('d2:0')]],
      issued: first.issued,
      departed: new Map([['inc-a', [key('d1:0')]]]),
    });
    assert.deepEqual(idsOf(split).map(([id]) => id), ['inc-x', 'inc-a'], 'd1 was moved away: d2 keeps inc-a, d1 gets a new id');
  });

  test('the same input twice gives the same ids and table (idempotent)', () => {
    const first = run([['inc-a', ['d1:0', 'd2:0']], ['inc-b', ['d3:0']]]);
    const again = run([['inc-a', ['d1:0', 'd2:0']], ['inc-b', ['d3:0']]], first.issued);
    assert.deepEqual(again.issued, first.issued);
    assert.deepEqual(idsOf(again), idsOf(first));
  });

  test('two incidents told in one sentence (their mentions share a span) keep their own ids on every relink', () => {
    // "Three were killed in A and two in B": one sentence, two events, two mentions of one span.
    // Before: both ids were credited to the first incident, and a relink of an unchanged store
    // renamed the second and merged its old id away.
    const clusters: [string, string[]][] = [
      ['inc-zz', ['d1:0']],
      ['inc-aa', ['d1:0']],
    ];
    const first = run(clusters);
    const again = run(clusters, first.issued);
    assert.deepEqual(idsOf(again), [['inc-zz', []], ['inc-aa', []]]);
    assert.deepEqual(again.changes, []);
    assert.deepEqual(again.issued, first.issued);
  });

  test('a sentence is held by the mention of that sentence, not by a paragraph-long mention around it', () => {
    const first = run([['inc-p', ['d1:0']], ['inc-s', ['d1:20']]].map(([id, ks]) => [id as string, ks as string[]]));
    // The paragraph's mention now spans d1:0-30 (wider), the sentence's still d1:20-30.
    const wide = assignIncidentIds({
      incidents: [makeIncident({ id: 'inc-p' }), makeIncident({ id: 'inc-s' })],
      keys: [[{ document: 'd1', contentHash: 'h-d1', start: 0, end: 30 }], [key('d1:20')]],
      issued: first.issued,
    });
    assert.deepEqual(idsOf(wide).map(([id]) => id), ['inc-p', 'inc-s']);
    assert.deepEqual(wide.changes, []);
  });

  test('a merge keeps the id holding more of the mentions; the other becomes its previous id', () => {
    const first = run([['inc-a', ['d1:0', 'd2:0']], ['inc-b', ['d3:0']]]);
    const merged = run([['inc-b', ['d1:0', 'd2:0', 'd3:0', 'd4:0']]], first.issued);
    assert.deepEqual(idsOf(merged), [['inc-a', ['inc-b']]]);
    assert.deepEqual(statusOf(merged), { 'inc-a': ['current', null], 'inc-b': ['merged', 'inc-a'] });
    assert.deepEqual(merged.changes, [{ kind: 'merged', id: 'inc-b', into: 'inc-a' }]);
  });

  test('a merge of equal shares keeps the older id', () => {
    const first = run([['inc-z', ['d1:0']], ['inc-a', ['d2:0']]]);
    const merged = run([['inc-a', ['d1:0', 'd2:0']]], first.issued);
    assert.deepEqual(idsOf(merged), [['inc-z', ['inc-a']]], 'inc-z was issued first (seq 1)');
  });

  test('a split keeps the id on the part holding most of its mentions; the other part gets a new id', () => {
    const first = run([['inc-a', ['d1:0', 'd2:0', 'd3:0']]]);
    const split = run([['inc-x', ['d1:0']], ['inc-y', ['d2:0', 'd3:0']]], first.issued);
    assert.deepEqual(idsOf(split), [['inc-x', []], ['inc-a', []]]);
    assert.deepEqual(split.changes, [{ kind: 'minted', id: 'inc-x' }]);
  });

  test('an id merged earlier follows its incident when that one merges in turn (previous ids are flattened)', () => {
    const one = run([['inc-a', ['d1:0', 'd2:0']], ['inc-b', ['d3:0']], ['inc-c', ['d5:0', 'd6:0', 'd7:0']]]);
    const two = run([['inc-a', ['d1:0', 'd2:0', 'd3:0']], ['inc-c', ['d5:0', 'd6:0', 'd7:0']]], one.issued);
    const three = run([['inc-c', ['d1:0', 'd2:0', 'd3:0', 'd5:0', 'd6:0', 'd7:0']]], two.issued);
    assert.deepEqual(idsOf(three), [['inc-a', ['inc-b', 'inc-c']]], 'inc-a holds 3 mentions, inc-c 3: the older id (inc-a) stays');
    assert.deepEqual(statusOf(three), { 'inc-a': ['current', null], 'inc-b': ['merged', 'inc-a'], 'inc-c': ['merged', 'inc-a'] });
  });

  test('an id none of whose mentions tells an incident any more is withdrawn, and so are ids merged into it', () => {
    const one = run([['inc-a', ['d1:0', 'd2:0']], ['inc-b', ['d9:0']]]);
    const two = run([['inc-a', ['d1:0', 'd2:0', 'd9:0']]], one.issued);
    const three = run([['inc-q', ['d5:0']]], two.issued);
    assert.deepEqual(statusOf(three), { 'inc-a': ['withdrawn', null], 'inc-b': ['withdrawn', null], 'inc-q': ['current', null] });
    assert.deepEqual(three.changes, [{ kind: 'minted', id: 'inc-q' }, { kind: 'withdrawn', id: 'inc-a' }]);
  });

  test('an id issued before is never minted again: a deterministic variant is', () => {
    const one = run([['inc-a', ['d1:0', 'd2:0', 'd3:0']]]);
    // d1 leaves inc-a's incident and founds its own, whose linker id is inc-a again.
    const two = run([['inc-a', ['d1:0']], ['inc-b', ['d2:0', 'd3:0']]], one.issued);
    const variant = stableId('inc', 'inc-a~1');
    assert.deepEqual(idsOf(two), [[variant, []], ['inc-a', []]]);
  });

  test('a mention re-read with a shifted span in the same text version still matches; another version does not', () => {
    const one = run([['inc-a', ['d1:100']]]);
    const shifted = assignIncidentIds({ incidents: [makeIncident({ id: 'inc-other' })], keys: [[{ ...key('d1:100'), start: 95, end: 105 }]], issued: one.issued });
    assert.equal(shifted.incidents[0].id, 'inc-a');
    const edited = assignIncidentIds({ incidents: [makeIncident({ id: 'inc-other' })], keys: [[{ ...key('d1:100'), contentHash: 'h-d1-v2' }]], issued: one.issued });
    assert.equal(edited.incidents[0].id, 'inc-other');
    assert.deepEqual(statusOf(edited)['inc-a'], ['withdrawn', null]);
  });

  test('refuses key lists that do not match the incidents, naming both counts', () => {
    assert.throws(() => assignIncidentIds({ incidents: [makeIncident({ id: 'x' })], keys: [], issued: [] }), /1 incidents but 0 key lists/);
  });
});
