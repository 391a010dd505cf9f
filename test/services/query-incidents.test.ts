/**
 * The list service's cursors and the tally filter: a cursor round-trips to the store's cursor for
 * the same filter (whatever the key order), and anything else — garbage, a truncated or forged
 * cursor, one issued for other filters — is an InvalidParameterError naming `cursor`. Tallies match
 * a date filter by overlap of their period.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { decodeCursor, encodeCursor, filterFingerprint } from '../../src/services/query-incidents.ts';
import { tallyMatches, type TallyFilter } from '../../src/services/query-tallies.ts';
import { InvalidParameterError } from '../../src/services/service-errors.ts';
import type { Tally } from '../../src/domain/types.ts';

describe('cursors', () => {
  test('round-trip for the same filter, written in any key order', () => {
    const cursor = encodeCursor('2019-09-18|inc-1', { from: '2019-01-01', perpetrator: 'russia' });
    assert.match(cursor, /^[A-Za-z0-9_-]+$/);
    assert.equal(decodeCursor(cursor, { perpetrator: 'russia', from: '2019-01-01', to: undefined }), '2019-09-18|inc-1');
    assert.equal(filterFingerprint({ a1: undefined } as never), filterFingerprint({}));
  });

  const valid = encodeCursor('k', {});
  const refused: [string, string, string][] = [
    ['garbage', 'not a cursor!', 'next_cursor'],
    ['base64 of something else', Buffer.from('{"a":1}').toString('base64url'), 'next_cursor'],
    ['truncated', valid.slice(0, -3), 'next_cursor'],
    ['another version', Buffer.from(JSON.stringify([2, filterFingerprint({}), 'k'])).toString('base64url'), 'next_cursor'],
    ['issued for other filters', encodeCursor('k', { admin1: 'Idlib' }), 'different filters'],
  ];
  for (const [what, cursor, mentions] of refused) {
    test(`refuses a cursor that is ${what}`, () => {
      assert.throws(
        () => decodeCursor(cursor, {}),
        (e: unknown) => e instanceof InvalidParameterError && e.parameter === 'cursor' && e.message.includes(mentions),
      );
    });
  }
});

describe('tallyMatches', () => {
  const tally = (period: Tally['period'], claimant: string | null = 'snhr'): Tally => ({
    id: 't',
    document: 'doc-1',
    claimant,
    period,
    area: 'Syria',
    perpetrator: null,
    killed: { civilians: 80 },
    injured: {},
    displaced: null,
    quote: 'q',
    start: 0,
    end: 1,
  });
  const april = { start: '2023-04-01', end: '2023-04-30' };
  const rows: [string, Tally, TallyFilter, boolean][] = [
    ['no filter', tally(april), {}, true],
    ['from inside the period', tally(april), { from: '2023-04-30' }, true],
    ['from after the period', tally(april), { from: '2023-05-01' }, false],
    ['to before the period', tally(april), { to: '2023-03-31' }, false],
    ['range overlapping the start', tally(april), { from: '2023-03-15', to: '2023-04-01' }, true],
    ['no period with a date filter', tally(null), { from: '2023-01-01' }, false],
    ['no period without a date filter', tally(null), { claimant: 'snhr' }, true],
    ['claimant in other case', tally(april), { claimant: 'SNHR' }, true],
    ['other claimant', tally(april), { claimant: 'sohr' }, false],
    ['no claimant, claimant filter', tally(april, null), { claimant: 'snhr' }, false],
    ['document', tally(april), { document: 'doc-1' }, true],
    ['other document', tally(april), { document: 'doc-2' }, false],
  ];
  for (const [what, t, filter, want] of rows) test(what, () => assert.equal(tallyMatches(t, filter), want));
});
