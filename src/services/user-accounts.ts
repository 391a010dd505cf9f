/**
 * Users, API tokens and login sessions as use cases (docs/decisions/0016-users-and-roles.md):
 * creating and disabling accounts, issuing and revoking tokens, logging in and out, and finding
 * who a presented token or session cookie belongs to. The store keeps only salted hashes
 * (src/auth/secret-hash.ts); a secret is returned once, when it is made, and never again.
 *
 * A token is `tally_<id>.<secret>` and a session cookie `<id>.<secret>`: the public id finds the
 * row, the secret is checked against its hash, so no secret is ever looked up by value. A wrong
 * secret, an unknown id, a revoked or expired token, an ended or expired session and a disabled
 * user all resolve to null: the caller cannot tell which, and neither can an attacker.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import { isRole, roleAllows, ROLES, type Permission, type Role } from '../domain/roles.ts';
import type { IncidentStore, StoredSession, StoredUser } from '../storage/incident-store.ts';
import { PASSWORD_PARAMS, RANDOM_SECRET_PARAMS, hashSecret, randomId, randomSecret, verifySecret } from '../auth/secret-hash.ts';
import { ConflictError, InvalidParameterError, NotFoundError } from './service-errors.ts';

/** Who a request or command acts for. */
export type Principal =
  /** The holder of the server's own token (tally serve --token, TALLY_API_TOKEN): the admin bootstrap, every permission. */
  | { kind: 'server-token' }
  | { kind: 'user'; name: string; role: Role; via: 'token'; tokenId: string }
  | { kind: 'user'; name: string; role: Role; via: 'session'; session: StoredSession };

export function principalAllows(principal: Principal, permission: Permission): boolean {
  return principal.kind === 'server-token' || roleAllows(principal.role, permission);
}

export const USER_NAME_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._@-]{0,63}$/;
export const MIN_PASSWORD_LENGTH = 10;
/** How long a login lasts unless the server is told otherwise. */
export const DEFAULT_SESSION_SECONDS = 12 * 60 * 60;

const TOKEN_PATTERN = /^tally_([0-9a-f]{16})\.([A-Za-z0-9_-]{43})$/;
const COOKIE_PATTERN = /^([0-9a-f]{16})\.([A-Za-z0-9_-]{43})$/;

export function checkUserName(name: string): string {
  if (!USER_NAME_PATTERN.test(name)) throw new InvalidParameterError('name', name, 'expected 1 to 64 letters, digits, dots, hyphens, underscores or @, starting with a letter or digit');
  return name;
}

export function checkRole(role: string): Role {
  if (!isRole(role)) throw new InvalidParameterError('role', role, `expected one of ${ROLES.join(', ')}`);
  return role;
}

export function checkPassword(password: string): string {
  if (password.length < MIN_PASSWORD_LENGTH) throw new InvalidParameterError('password', undefined, `expected at least ${MIN_PASSWORD_LENGTH} characters`, `${password.length} characters is too short`);
  if (password.length > 1024) throw new InvalidParameterError('password', undefined, 'expected at most 1024 characters', `${password.length} characters is too long`);
  return password;
}

/** Create a user; `password` null makes an account that only holds tokens. */
export async function createUser(store: IncidentStore, input: { name: string; role: string; password: string | null }, now: string): Promise<StoredUser> {
  const name = checkUserName(input.name);
  const role = checkRole(input.role);
  const password = input.password === null ? null : checkPassword(input.password);
  if (await store.getUser(name)) throw new ConflictError('user', name);
  const passwordHash = password === null ? null : await hashSecret(password, PASSWORD_PARAMS);
  await store.addUser({ name, role, passwordHash, createdAt: now });
  return (await store.getUser(name))!;
}

export async function disableUser(store: IncidentStore, name: string, now: string): Promise<void> {
  if (!(await store.disableUser(name, now))) throw new NotFoundError('user', name);
}

export interface IssuedToken {
  id: string;
  /** The whole token, shown once. */
  token: string;
  userName: string;
  expiresAt: string | null;
}

export async function issueToken(store: IncidentStore, input: { userName: string; label: string | null; expiresAt: string | null }, now: string): Promise<IssuedToken> {
  const user = await store.getUser(input.userName);
  if (!user) throw new NotFoundError('user', input.userName);
  if (user.disabled) throw new InvalidParameterError('user', input.userName, 'expected an enabled user', `user ${JSON.stringify(input.userName)} is disabled`);
  const id = randomId();
  const secret = randomSecret();
  await store.addToken({ id, userName: user.name, label: input.label, secretHash: await hashSecret(secret, RANDOM_SECRET_PARAMS), createdAt: now, expiresAt: input.expiresAt });
  return { id, token: `tally_${id}.${secret}`, userName: user.name, expiresAt: input.expiresAt };
}

export async function revokeToken(store: IncidentStore, id: string, now: string): Promise<void> {
  if (!(await store.revokeToken(id, now))) {
    const token = await store.getToken(id);
    throw new NotFoundError('token', id, token ? `it was revoked at ${token.revokedAt}` : 'list tokens with `tally token list`');
  }
}

/** Does the string look like a user token (so it is not compared with the server token)? */
export const isUserToken = (presented: string): boolean => TOKEN_PATTERN.test(presented);

const usable = (user: StoredUser | null): user is StoredUser => user !== null && !user.disabled;
const before = (now: string, limit: string | null): boolean => limit === null || Date.parse(now) < Date.parse(limit);

/** The user a presented token belongs to, or null. */
export async function resolveToken(store: IncidentStore, presented: string, now: string): Promise<Principal | null> {
  const m = TOKEN_PATTERN.exec(presented);
  if (!m) return null;
  const token = await store.getToken(m[1]);
  if (!token || token.revokedAt !== null || !before(now, token.expiresAt)) return null;
  if (!(await verifySecret(m[2], token.secretHash))) return null;
  const user = await store.getUser(token.userName);
  return usable(user) ? { kind: 'user', name: user.name, role: user.role, via: 'token', tokenId: token.id } : null;
}

/** A hash of a password nobody has, checked when the user is unknown so both cases take as long. */
let decoyHash: Promise<string> | null = null;

export interface Login {
  user: StoredUser;
  session: StoredSession;
  /** The session cookie's value, `<id>.<secret>`; given once. */
  cookie: string;
}

/** Check a name and password and open a session; null when either is wrong or the user is disabled. */
export async function login(store: IncidentStore, name: string, password: string, now: string, sessionSeconds = DEFAULT_SESSION_SECONDS): Promise<Login | null> {
  const user = USER_NAME_PATTERN.test(name) ? await store.getUser(name) : null;
  const hash = user?.passwordHash ?? (await (decoyHash ??= hashSecret(randomSecret(), PASSWORD_PARAMS)));
  const matches = await verifySecret(password, hash);
  if (!matches || !usable(user) || user.passwordHash === null) return null;
  const id = randomId();
  const secret = randomSecret();
  const session = {
    id,
    userName: user.name,
    secretHash: await hashSecret(secret, RANDOM_SECRET_PARAMS),
    csrfToken: randomSecret(),
    createdAt: now,
    expiresAt: new Date(Date.parse(now) + sessionSeconds * 1000).toISOString(),
  };
  await store.addSession(session);
  return { user, session: { ...session, endedAt: null }, cookie: `${id}.${secret}` };
}

/** The user a session cookie belongs to, or null. */
export async function resolveSession(store: IncidentStore, cookie: string, now: string): Promise<Principal | null> {
  const m = COOKIE_PATTERN.exec(cookie);
  if (!m) return null;
  const session = await store.getSession(m[1]);
  if (!session || session.endedAt !== null || !before(now, session.expiresAt)) return null;
  if (!(await verifySecret(m[2], session.secretHash))) return null;
  const user = await store.getUser(session.userName);
  return usable(user) ? { kind: 'user', name: user.name, role: user.role, via: 'session', session } : null;
}

export async function logout(store: IncidentStore, session: StoredSession, now: string): Promise<void> {
  await store.endSession(session.id, now);
}

const digest = (s: string): Buffer => createHash('sha256').update(s, 'utf8').digest();

/** Constant-time equality of two strings of any length (compared through their SHA-256 digests). */
export function sameSecret(presented: string, expected: string): boolean {
  return timingSafeEqual(digest(presented), digest(expected));
}
