/**
 * Salted hashes of passwords, API tokens and session secrets (node:crypto scrypt, RFC 7914). A hash
 * is stored as one self-describing string, `scrypt$N$r$p$<salt>$<key>` (salt and key base64url),
 * so the cost parameters travel with it: raising them later only affects new hashes, and old ones
 * still verify. Every hash has its own random 16-byte salt. Comparison is constant-time
 * (timingSafeEqual) over keys of equal length.
 *
 * Two cost levels. Passwords are chosen by people and may be guessed, so they get OWASP's
 * scrypt setting N=2^15, r=8, p=3 (Password Storage Cheat Sheet; about 32 MiB per hash). Tokens and
 * session secrets are 32 random bytes made here: nobody can guess 256 bits however cheap each guess
 * is, so they get N=2^10 (about a millisecond), which a server can afford on every request.
 */
import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';

export interface ScryptParams {
  /** CPU/memory cost, a power of two. */
  N: number;
  r: number;
  p: number;
}

export const PASSWORD_PARAMS: ScryptParams = { N: 2 ** 15, r: 8, p: 3 };
export const RANDOM_SECRET_PARAMS: ScryptParams = { N: 2 ** 10, r: 8, p: 1 };

const KEY_BYTES = 32;
const SALT_BYTES = 16;
/** Largest N accepted from a stored hash: a corrupted or hostile row must not make the server allocate gigabytes. */
const MAX_N = 2 ** 20;

/** A stored hash that is not of the form this module writes. */
export class SecretHashFormatError extends Error {
  override readonly name = 'SecretHashFormatError';
  constructor(reason: string) {
    super(`stored secret hash is not 'scrypt$N$r$p$salt$key': ${reason}`);
  }
}

function derive(secret: string, salt: Buffer, params: ScryptParams): Promise<Buffer> {
  // maxmem: scrypt needs 128 * N * r bytes (plus a little); Node's default cap is 32 MiB.
  const options: ScryptOptions = { N: params.N, r: params.r, p: params.p, maxmem: 256 * params.N * params.r + 1024 * 1024 };
  return new Promise((done, fail) => scrypt(secret.normalize('NFC'), salt, KEY_BYTES, options, (err, key) => (err ? fail(err) : done(key))));
}

export async function hashSecret(secret: string, params: ScryptParams): Promise<string> {
  const salt = randomBytes(SALT_BYTES);
  const key = await derive(secret, salt, params);
  return ['scrypt', params.N, params.r, params.p, salt.toString('base64url'), key.toString('base64url')].join('$');
}

function parseHash(stored: string): { params: ScryptParams; salt: Buffer; key: Buffer } {
  const parts = stored.split('$');
  if (parts.length !== 6 || parts[0] !== 'scrypt') throw new SecretHashFormatError(`${parts.length} fields, first '${parts[0]}'`);
  const [N, r, p] = parts.slice(1, 4).map(Number);
  if (!Number.isInteger(N) || N < 2 || N > MAX_N || (N & (N - 1)) !== 0) throw new SecretHashFormatError(`N ${parts[1]} is not a power of two up to ${MAX_N}`);
  if (!Number.isInteger(r) || r < 1 || r > 32 || !Number.isInteger(p) || p < 1 || p > 16) throw new SecretHashFormatError(`r ${parts[2]} or p ${parts[3]} out of range`);
  const salt = Buffer.from(parts[4], 'base64url');
  const key = Buffer.from(parts[5], 'base64url');
  if (salt.length < 8 || key.length !== KEY_BYTES) throw new SecretHashFormatError(`salt of ${salt.length} bytes, key of ${key.length} bytes`);
  return { params: { N, r, p }, salt, key };
}

/** Does `secret` hash to `stored` (with the salt and parameters stored in it)? */
export async function verifySecret(secret: string, stored: string): Promise<boolean> {
  const { params, salt, key } = parseHash(stored);
  const candidate = await derive(secret, salt, params);
  return timingSafeEqual(candidate, key);
}

/** The parameters a stored hash was made with (to tell when one should be renewed). */
export function hashParams(stored: string): ScryptParams {
  return parseHash(stored).params;
}

/** 32 random bytes as base64url (43 characters): a token or session secret. */
export function randomSecret(): string {
  return randomBytes(32).toString('base64url');
}

/** 8 random bytes as hex: the public id of a token or session, which finds its row. */
export function randomId(): string {
  return randomBytes(8).toString('hex');
}
