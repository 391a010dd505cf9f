/**
 * ReadCache (src/storage/read-cache.ts): answers are reused only under the version they were
 * computed for, the least recently used go first, and an answer finished after the version moved
 * on is not kept.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { ReadCache } from '../../src/storage/read-cache.ts';

function counting() {
  const calls: string[] = [];
  const compute = (label: string) => async () => {
    calls.push(label);
    return `${label}!`;
  };
  return { calls, compute };
}

describe('ReadCache', () => {
  test('the same key under the same version is computed once', async () => {
    const cache = new ReadCache<string>(10);
    const { calls, compute } = counting();
    assert.equal(await cache.get('v1', 'a', compute('a')), 'a!');
    assert.equal(await cache.get('v1', 'a', compute('a')), 'a!');
    assert.deepEqual(calls, ['a']);
  });

  test('another version computes again and forgets every older answer', async () => {
    const cache = new ReadCache<string>(10);
    const { calls, compute } = counting();
    await cache.get('v1', 'a', compute('a'));
    await cache.get('v1', 'b', compute('b'));
    await cache.get('v2', 'a', compute('a'));
    assert.equal(cache.size, 1);
    await cache.get('v1', 'b', compute('b'));
    assert.deepEqual(calls, ['a', 'b', 'a', 'b'], 'going back to v1 recomputes too: only the latest version is kept');
  });

  test('beyond capacity the least recently used answer goes first', async () => {
    const cache = new ReadCache<string>(2);
    const { calls, compute } = counting();
    await cache.get('v', 'a', compute('a'));
    await cache.get('v', 'b', compute('b'));
    await cache.get('v', 'a', compute('a')); // a is now the most recent
    await cache.get('v', 'c', compute('c')); // evicts b
    await cache.get('v', 'a', compute('a'));
    await cache.get('v', 'b', compute('b'));
    assert.deepEqual(calls, ['a', 'b', 'c', 'b']);
  });

  test('an answer finished after a newer version was seen is returned but not kept', async () => {
    const cache = new ReadCache<string>(10);
    let release!: () => void;
    const slow = cache.get('v1', 'a', () => new Promise<string>((r) => (release = () => r('old'))));
    assert.equal(await cache.get('v2', 'a', async () => 'new'), 'new');
    release();
    assert.equal(await slow, 'old');
    assert.equal(await cache.get('v2', 'a', async () => 'recomputed'), 'new', 'the v2 answer stands');
    assert.equal(cache.size, 1);
  });

  test('null and undefined answers are kept like any other', async () => {
    const cache = new ReadCache<number | null>(10);
    let n = 0;
    await cache.get('v', 'k', async () => (n++, null));
    assert.equal(await cache.get('v', 'k', async () => (n++, 5)), null);
    assert.equal(n, 1);
  });

  test('a capacity that is not a positive integer is refused', () => {
    assert.throws(() => new ReadCache(0), RangeError);
    assert.throws(() => new ReadCache(1.5), RangeError);
  });
});
