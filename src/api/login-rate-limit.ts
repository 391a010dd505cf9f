/**
 * The login rate limit: failed logins are counted per account and per client address over a
 * sliding window, and once either count reaches its limit further attempts are refused with 429
 * and Retry-After (the seconds until the oldest counted failure leaves the window) before any
 * password is checked, so the limit also caps the scrypt work an attacker can cause. A successful
 * login clears its account's failures (not its address's: one good password must not reset a
 * guessing run from the same address against other accounts). OWASP Authentication Cheat Sheet,
 * "Protect against automated attacks".
 *
 * The counts live in this process's memory: they are lost on restart, and each worker of
 * `tally serve --workers N` keeps its own, so the effective limit is N times the configured one.
 * Behind a reverse proxy every client has the proxy's address; the per-account limit still holds.
 * At most MAX_KEYS keys are kept; the one with the oldest latest failure is dropped first.
 */

export interface LoginLimits {
  /** Failures per account within the window (default 5). */
  perAccount: number;
  /** Failures per client address within the window (default 20). */
  perAddress: number;
  /** The window in milliseconds (default 15 minutes). */
  windowMs: number;
}

export const DEFAULT_LOGIN_LIMITS: LoginLimits = { perAccount: 5, perAddress: 20, windowMs: 15 * 60 * 1000 };
const MAX_KEYS = 10_000;

export class LoginRateLimiter {
  private readonly failures = new Map<string, number[]>();

  constructor(private readonly limits: LoginLimits = DEFAULT_LOGIN_LIMITS) {}

  private recent(key: string, nowMs: number): number[] {
    const times = (this.failures.get(key) ?? []).filter((t) => nowMs - t < this.limits.windowMs);
    if (times.length) this.failures.set(key, times);
    else this.failures.delete(key);
    return times;
  }

  /** Null when an attempt may go ahead; else why not and the seconds to wait. */
  check(account: string, address: string, nowMs: number): { what: string; retryAfterSeconds: number } | null {
    const checks: [string, string, number][] = [
      [`account:${account}`, `for account ${JSON.stringify(account)}`, this.limits.perAccount],
      [`address:${address}`, `from address ${address}`, this.limits.perAddress],
    ];
    for (const [key, what, limit] of checks) {
      const times = this.recent(key, nowMs);
      if (times.length >= limit) {
        const oldestCounted = times[times.length - limit];
        return { what, retryAfterSeconds: Math.max(1, Math.ceil((oldestCounted + this.limits.windowMs - nowMs) / 1000)) };
      }
    }
    return null;
  }

  recordFailure(account: string, address: string, nowMs: number): void {
    for (const key of [`account:${account}`, `address:${address}`]) {
      const times = this.recent(key, nowMs);
      this.failures.delete(key);
      this.failures.set(key, [...times, nowMs]); // re-inserted: Map order is the order of latest failure
    }
    while (this.failures.size > MAX_KEYS) this.failures.delete(this.failures.keys().next().value!);
  }

  recordSuccess(account: string): void {
    this.failures.delete(`account:${account}`);
  }
}
