/**
 * The worker side of the cluster-wide write lock (clusterWriteGate, src/cli/serve-cluster.ts),
 * driven by a stand-in for the primary that grants one lock at a time: a write runs only once
 * granted, the lock is released after it (also when it fails), and a worker's own writes queue.
 * The whole cluster, with real worker processes, is exercised in serve-command.test.ts.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { clusterWriteGate, type FromWorker } from '../../src/cli/serve-cluster.ts';

function primaryStandIn() {
  const sent: FromWorker[] = [];
  let grant!: (id: number) => void;
  const gate = clusterWriteGate(
    (m) => sent.push(m),
    (listener) => (grant = listener),
  );
  return { sent, gate, grant: (id: number) => grant(id) };
}

const tick = () => new Promise((r) => setImmediate(r));

describe('clusterWriteGate', () => {
  test('a write waits for the grant and releases the lock when done', async () => {
    const { sent, gate, grant } = primaryStandIn();
    const log: string[] = [];
    const run = gate(async () => {
      log.push('write');
      return 7;
    });
    await tick();
    assert.deepEqual(sent, [{ tally: 'lock', id: 1 }]);
    assert.deepEqual(log, [], 'not before the grant');
    grant(1);
    assert.equal(await run, 7);
    assert.deepEqual(sent, [
      { tally: 'lock', id: 1 },
      { tally: 'release', id: 1 },
    ]);
  });

  test('a failing write still releases the lock, and the failure reaches the caller', async () => {
    const { sent, gate, grant } = primaryStandIn();
    const run = gate(async () => {
      throw new Error('relink failed');
    });
    await tick();
    grant(1);
    await assert.rejects(run, /relink failed/);
    assert.deepEqual(sent.at(-1), { tally: 'release', id: 1 });
  });

  test("one worker's writes ask for the lock one after another, in order", async () => {
    const { sent, gate, grant } = primaryStandIn();
    const order: number[] = [];
    const first = gate(async () => order.push(1));
    const second = gate(async () => order.push(2));
    await tick();
    assert.deepEqual(sent, [{ tally: 'lock', id: 1 }], 'the second asks only after the first is done');
    grant(1);
    await first;
    await tick();
    assert.deepEqual(sent.at(-1), { tally: 'lock', id: 2 });
    grant(2);
    await second;
    assert.deepEqual(order, [1, 2]);
  });
});
