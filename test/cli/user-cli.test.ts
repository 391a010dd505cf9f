/**
 * `tally user` and `tally token` end to end: the real entry point (`node bin/tally.js`) spawned
 * against a SQLite store in a temporary folder. Passwords come on stdin (--password-stdin) or are
 * made and printed once; tokens are printed once and never listed again; mistakes (a taken name, a
 * role that does not exist, an unknown token) exit 2 with a message naming the value.
 */
import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openSqliteStore } from '../../src/storage/sqlite-incident-store.ts';
import { incidentsJsonRendering } from '../../src/export/incidents-json.ts';
import { login, resolveToken } from '../../src/services/user-accounts.ts';
import { hashParams, PASSWORD_PARAMS } from '../../src/auth/secret-hash.ts';
import { runTally, type Run } from './run-tally.ts';

const NOW = '2026-01-01T00:00:00Z';
const dir = mkdtempSync(join(tmpdir(), 'tally-user-cli-'));
after(() => rmSync(dir, { recursive: true, force: true }));
const db = join(dir, 'users.db');

const tally = (args: string[], stdin = ''): Promise<Run> => runTally(args, NOW, stdin);

async function withStore<T>(fn: (store: Awaited<ReturnType<typeof openSqliteStore>>) => Promise<T>): Promise<T> {
  const store = await openSqliteStore(db, incidentsJsonRendering);
  try {
    return await fn(store);
  } finally {
    await store.close();
  }
}

describe('tally user and tally token', () => {
  test('user add --password-stdin: the password is stored as a salted scrypt hash and logs in', async () => {
    const r = await tally(['user', 'add', 'ana', '--role', 'analyst', '--password-stdin', '--db', db], 'a long password here\n');
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /created user ana \(analyst\)/);
    assert.doesNotMatch(r.stdout, /password \(shown once\)/);
    await withStore(async (store) => {
      const user = await store.getUser('ana');
      assert.ok(user?.passwordHash && !user.passwordHash.includes('a long password here'));
      assert.deepEqual(hashParams(user.passwordHash), PASSWORD_PARAMS, 'the parameters are stored with the hash');
      assert.ok(await login(store, 'ana', 'a long password here', NOW));
      assert.equal(await login(store, 'ana', 'another password', NOW), null);
    });
  });

  test('user add without --password-stdin prints a random password once', async () => {
    const r = await tally(['user', 'add', 'vic', '--role', 'viewer', '--db', db]);
    assert.equal(r.status, 0, r.stderr);
    const password = /password \(shown once\): (\S+)/.exec(r.stdout)?.[1];
    assert.ok(password && password.length >= 16, r.stdout);
    await withStore(async (store) => assert.ok(await login(store, 'vic', password, NOW)));
  });

  const mistakes: [string, string[], string, RegExp][] = [
    ['a taken name', ['user', 'add', 'ana', '--role', 'admin'], 'x'.repeat(12), /"ana" already exists/],
    ['a role that does not exist', ['user', 'add', 'root', '--role', 'root'], 'x'.repeat(12), /role: "root" is not valid; expected one of viewer, analyst, admin/],
    ['a short password', ['user', 'add', 'shorty', '--role', 'viewer', '--password-stdin'], 'short\n', /password: 5 characters is too short/],
    ['a name with a space', ['user', 'add', 'two words', '--role', 'viewer'], '', /name: "two words" is not valid/],
    ['disabling an unknown user', ['user', 'disable', 'nobody'], '', /no user with id "nobody"/],
    ['revoking an unknown token', ['token', 'revoke', 'ffffffffffffffff'], '', /no token with id "ffffffffffffffff"/],
    ['a token for an unknown user', ['token', 'create', '--user', 'nobody'], '', /no user with id "nobody"/],
  ];
  for (const [what, args, stdin, message] of mistakes) {
    test(`exit 2 for ${what}, naming it`, async () => {
      const r = await tally([...args, '--db', db], stdin);
      assert.equal(r.status, 2, `${r.stdout}${r.stderr}`);
      assert.match(r.stderr, message);
    });
  }

  test('token create prints the token once; it resolves to its user; list shows no secret; revoke stops it', async () => {
    const created = await tally(['token', 'create', '--user', 'ana', '--label', 'ci', '--expires-days', '30', '--db', db]);
    assert.equal(created.status, 0, created.stderr);
    const token = /^tally_[0-9a-f]{16}\.\S+$/m.exec(created.stdout)?.[0];
    assert.ok(token, created.stdout);
    const id = token.slice('tally_'.length, token.indexOf('.'));
    assert.match(created.stdout, /expires 2026-01-31T00:00:00.000Z/);
    await withStore(async (store) => assert.deepEqual(await resolveToken(store, token, NOW), { kind: 'user', name: 'ana', role: 'analyst', via: 'token', tokenId: id }));
    const list = await tally(['token', 'list', '--db', db]);
    assert.match(list.stdout, new RegExp(`^${id}\\tana\\tci\\t`, 'm'));
    assert.ok(!list.stdout.includes(token.split('.')[1]), 'the secret is never listed');
    const revoked = await tally(['token', 'revoke', id, '--db', db]);
    assert.equal(revoked.status, 0, revoked.stderr);
    await withStore(async (store) => assert.equal(await resolveToken(store, token, NOW), null));
    assert.match((await tally(['token', 'list', '--db', db])).stdout, /revoked 2026-01-01T00:00:00Z/);
  });

  test('user disable: the user is listed as disabled and can no longer log in', async () => {
    const r = await tally(['user', 'disable', 'vic', '--db', db]);
    assert.equal(r.status, 0, r.stderr);
    const list = await tally(['user', 'list', '--db', db]);
    assert.match(list.stdout, /^ana\tanalyst\tactive\tpassword\tcreated 2026-01-01T00:00:00Z$/m);
    assert.match(list.stdout, /^vic\tviewer\tdisabled 2026-01-01T00:00:00Z\t/m);
  });
});
