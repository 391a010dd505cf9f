/**
 * `tally user add NAME --role R [--password-stdin]`, `tally user list`, `tally user disable NAME`,
 * `tally token create --user NAME [--label L] [--expires-days N]`, `tally token list [--user NAME]`,
 * `tally token revoke ID`: accounts and API tokens in a store (src/services/user-accounts.ts;
 * docs/decisions/0016-users-and-roles.md). A password is read from the first line of stdin with
 * --password-stdin (so it stays out of the process list and shell history); without it a random
 * password is made and printed once. A token is printed once: only its hash is kept.
 */
import { randomBytes } from 'node:crypto';
import type { Command } from 'commander';
import { ROLES } from '../domain/roles.ts';
import type { IncidentStore } from '../storage/incident-store.ts';
import { createUser, disableUser, issueToken, revokeToken } from '../services/user-accounts.ts';
import { ConflictError, InvalidParameterError, NotFoundError } from '../services/service-errors.ts';

export interface UserCommandDeps {
  dbPath: (option: string | undefined) => string;
  openStore: (location: string) => Promise<IncidentStore>;
  usageError: (message: string) => Error;
  out: (line: string) => void;
  now: () => string;
  /** The whole of stdin (for --password-stdin). */
  readStdin: () => Promise<string>;
}

const DB_HELP = 'store: a SQLite file or a postgres:// URL (env TALLY_DB)';

/** The use cases' refusals are the user's mistakes: exit status 2 with their message. */
async function asUsage<T>(deps: UserCommandDeps, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (e) {
    if (e instanceof InvalidParameterError || e instanceof NotFoundError || e instanceof ConflictError) throw deps.usageError(e.message);
    throw e;
  }
}

async function withStore<T>(deps: UserCommandDeps, db: string | undefined, fn: (store: IncidentStore) => Promise<T>): Promise<T> {
  const store = await deps.openStore(deps.dbPath(db));
  try {
    return await asUsage(deps, () => fn(store));
  } finally {
    await store.close();
  }
}

export function registerUserCommands(program: Command, deps: UserCommandDeps): void {
  const user = program.command('user').description(`manage users: roles ${ROLES.join(', ')} (viewer reads, analyst reviews and ingests, admin manages users and tokens)`);
  user
    .command('add')
    .description('create a user with a role; prints a random password unless --password-stdin')
    .argument('<name>')
    .requiredOption('--role <role>', `one of ${ROLES.join(', ')}`)
    .option('--password-stdin', 'read the password from the first line of stdin')
    .option('--no-password', 'an account that cannot log in, only hold tokens')
    .option('--db <location>', DB_HELP)
    .action(async (name: string, o: { role: string; passwordStdin?: boolean; password: boolean; db?: string }) => {
      if (o.passwordStdin && !o.password) throw deps.usageError('--password-stdin and --no-password: give one of them');
      const generated = o.password && !o.passwordStdin ? randomBytes(15).toString('base64url') : null;
      const password = !o.password ? null : o.passwordStdin ? (await deps.readStdin()).split(/\r?\n/)[0] : generated;
      const created = await withStore(deps, o.db, (store) => createUser(store, { name, role: o.role, password }, deps.now()));
      deps.out(`created user ${created.name} (${created.role})`);
      if (generated !== null) deps.out(`password (shown once): ${generated}`);
    });
  user
    .command('list')
    .description('list users: name, role, status, created')
    .option('--db <location>', DB_HELP)
    .action(async (o: { db?: string }) => {
      const users = await withStore(deps, o.db, (store) => store.listUsers());
      if (users.length === 0) deps.out('no users (the server token given to tally serve acts as admin)');
      for (const u of users) deps.out(`${u.name}\t${u.role}\t${u.disabled ? `disabled ${u.disabledAt}` : 'active'}\t${u.passwordHash === null ? 'tokens only' : 'password'}\tcreated ${u.createdAt}`);
    });
  user
    .command('disable')
    .description('disable a user: its sessions end, its tokens and password stop working')
    .argument('<name>')
    .option('--db <location>', DB_HELP)
    .action(async (name: string, o: { db?: string }) => {
      await withStore(deps, o.db, (store) => disableUser(store, name, deps.now()));
      deps.out(`disabled user ${name}`);
    });

  const token = program.command('token').description('manage API tokens (Authorization: Bearer <token>)');
  token
    .command('create')
    .description("create a token for a user; it is printed once, only its hash is kept")
    .requiredOption('--user <name>', 'the user the token acts for (with its role)')
    .option('--label <text>', 'what the token is for')
    .option('--expires-days <n>', 'days until it expires (default: never)')
    .option('--db <location>', DB_HELP)
    .action(async (o: { user: string; label?: string; expiresDays?: string; db?: string }) => {
      const days = o.expiresDays === undefined ? null : Number(o.expiresDays);
      if (days !== null && !(Number.isInteger(days) && days >= 1 && days <= 3650)) throw deps.usageError(`--expires-days ${o.expiresDays}: expected a whole number of days from 1 to 3650`);
      const now = deps.now();
      const expiresAt = days === null ? null : new Date(Date.parse(now) + days * 86_400_000).toISOString();
      const issued = await withStore(deps, o.db, (store) => issueToken(store, { userName: o.user, label: o.label ?? null, expiresAt }, now));
      deps.out(`token ${issued.id} for ${issued.userName}${expiresAt ? `, expires ${expiresAt}` : ''} (shown once):`);
      deps.out(issued.token);
    });
  token
    .command('list')
    .description('list tokens (ids, users, labels, dates; never the secrets)')
    .option('--user <name>', 'only this user’s tokens')
    .option('--db <location>', DB_HELP)
    .action(async (o: { user?: string; db?: string }) => {
      const tokens = await withStore(deps, o.db, (store) => store.listTokens(o.user));
      for (const t of tokens) {
        const state = t.revokedAt ? `revoked ${t.revokedAt}` : t.expiresAt ? `expires ${t.expiresAt}` : 'no expiry';
        deps.out(`${t.id}\t${t.userName}\t${t.label ?? ''}\tcreated ${t.createdAt}\t${state}`);
      }
    });
  token
    .command('revoke')
    .description('revoke a token by its id (the part after tally_ and before the dot)')
    .argument('<id>')
    .option('--db <location>', DB_HELP)
    .action(async (id: string, o: { db?: string }) => {
      await withStore(deps, o.db, (store) => revokeToken(store, id, deps.now()));
      deps.out(`revoked token ${id}`);
    });
}
