/**
 * The users room: accounts (`users`), their API tokens (`api_tokens`) and dashboard sessions
 * (`sessions`), migration 5. The room persists what it is given: hashing secrets, checking
 * passwords and deciding what a role may do happen outside storage (src/auth/, src/domain/roles.ts).
 * Rows hold only salted hashes of secrets, never a secret itself.
 */
import { isRole } from '../../domain/roles.ts';
import type { NewUser, StoredSession, StoredToken, StoredUser } from '../incident-store.ts';
import type { ApiTokensTable, SessionsTable, UsersTable } from '../store-schema.ts';
import { StoreWriteError } from '../store-errors.ts';
import type { Db, StoreWriter } from './store-writer.ts';

function toUser(row: UsersTable): StoredUser {
  if (!isRole(row.role)) throw new Error(`users row '${row.name}' has role '${row.role}', not one of viewer, analyst, admin`);
  return {
    name: row.name,
    role: row.role,
    passwordHash: row.password_hash,
    disabled: Number(row.disabled) === 1,
    createdAt: row.created_at,
    disabledAt: row.disabled_at,
  };
}

function toToken(row: ApiTokensTable): StoredToken {
  return {
    id: row.id,
    userName: row.user_name,
    label: row.label,
    secretHash: row.secret_hash,
    createdAt: row.created_at,
    expiresAt: row.expires_at,
    revokedAt: row.revoked_at,
  };
}

function toSession(row: SessionsTable): StoredSession {
  return {
    id: row.id,
    userName: row.user_name,
    secretHash: row.secret_hash,
    csrfToken: row.csrf_token,
    createdAt: row.created_at,
    expiresAt: row.expires_at,
    endedAt: row.ended_at,
  };
}

export class UserRoom {
  constructor(
    private readonly db: Db,
    private readonly writer: StoreWriter,
  ) {}

  async addUser(user: NewUser): Promise<void> {
    const op = `addUser('${user.name}')`;
    if (!isRole(user.role)) throw new StoreWriteError(op, `role '${String(user.role)}' is not one of viewer, analyst, admin`);
    await this.writer.write(op, async (trx) => {
      const taken = await trx.selectFrom('users').select('name').where('name', '=', user.name).executeTakeFirst();
      if (taken) throw new StoreWriteError(op, `a user named '${user.name}' already exists`);
      await trx
        .insertInto('users')
        .values({ name: user.name, role: user.role, password_hash: user.passwordHash, disabled: 0, created_at: user.createdAt, disabled_at: null })
        .execute();
    });
  }

  async getUser(name: string): Promise<StoredUser | null> {
    const row = await this.db.selectFrom('users').selectAll().where('name', '=', name).executeTakeFirst();
    return row ? toUser(row) : null;
  }

  async listUsers(): Promise<StoredUser[]> {
    return (await this.db.selectFrom('users').selectAll().orderBy('name').execute()).map(toUser);
  }

  async disableUser(name: string, at: string): Promise<boolean> {
    return this.writer.write(`disableUser('${name}')`, async (trx) => {
      const found = await trx.selectFrom('users').select('disabled').where('name', '=', name).executeTakeFirst();
      if (!found) return false;
      if (Number(found.disabled) === 0) await trx.updateTable('users').set({ disabled: 1, disabled_at: at }).where('name', '=', name).execute();
      await trx.updateTable('sessions').set({ ended_at: at }).where('user_name', '=', name).where('ended_at', 'is', null).execute();
      return true;
    });
  }

  async addToken(token: Omit<StoredToken, 'revokedAt'>): Promise<void> {
    const op = `addToken('${token.id}')`;
    await this.writer.write(op, async (trx) => {
      const user = await trx.selectFrom('users').select('name').where('name', '=', token.userName).executeTakeFirst();
      if (!user) throw new StoreWriteError(op, `no user named '${token.userName}'`);
      await trx
        .insertInto('api_tokens')
        .values({
          id: token.id,
          user_name: token.userName,
          label: token.label,
          secret_hash: token.secretHash,
          created_at: token.createdAt,
          expires_at: token.expiresAt,
          revoked_at: null,
        })
        .execute();
    });
  }

  async getToken(id: string): Promise<StoredToken | null> {
    const row = await this.db.selectFrom('api_tokens').selectAll().where('id', '=', id).executeTakeFirst();
    return row ? toToken(row) : null;
  }

  async listTokens(userName?: string): Promise<StoredToken[]> {
    let query = this.db.selectFrom('api_tokens').selectAll().orderBy('created_at').orderBy('id');
    if (userName !== undefined) query = query.where('user_name', '=', userName);
    return (await query.execute()).map(toToken);
  }

  async revokeToken(id: string, at: string): Promise<boolean> {
    return this.writer.write(`revokeToken('${id}')`, async (trx) => {
      const result = await trx.updateTable('api_tokens').set({ revoked_at: at }).where('id', '=', id).where('revoked_at', 'is', null).executeTakeFirst();
      return Number(result.numUpdatedRows) === 1;
    });
  }

  async addSession(session: Omit<StoredSession, 'endedAt'>): Promise<void> {
    const op = `addSession(user '${session.userName}')`;
    await this.writer.write(op, async (trx) => {
      const user = await trx.selectFrom('users').select('name').where('name', '=', session.userName).executeTakeFirst();
      if (!user) throw new StoreWriteError(op, `no user named '${session.userName}'`);
      await trx
        .insertInto('sessions')
        .values({
          id: session.id,
          user_name: session.userName,
          secret_hash: session.secretHash,
          csrf_token: session.csrfToken,
          created_at: session.createdAt,
          expires_at: session.expiresAt,
          ended_at: null,
        })
        .execute();
    });
  }

  async getSession(id: string): Promise<StoredSession | null> {
    const row = await this.db.selectFrom('sessions').selectAll().where('id', '=', id).executeTakeFirst();
    return row ? toSession(row) : null;
  }

  async endSession(id: string, at: string): Promise<boolean> {
    return this.writer.write(`endSession('${id}')`, async (trx) => {
      const result = await trx.updateTable('sessions').set({ ended_at: at }).where('id', '=', id).where('ended_at', 'is', null).executeTakeFirst();
      return Number(result.numUpdatedRows) === 1;
    });
  }
}
