/** Durations given on the command line: `--interval 15m` (tally watch), `--document-budget 20s` (tally ingest). */

const UNITS: Record<string, number> = { s: 1000, m: 60_000, h: 3_600_000 };

/** "15m", "30s", "1h", "90" (seconds) → milliseconds; null when unreadable or under one second. */
export function parseInterval(text: string): number | null {
  const m = /^(\d+(?:\.\d+)?)\s*([smh]?)$/.exec(text.trim());
  if (!m) return null;
  const ms = Number(m[1]) * UNITS[m[2] || 's'];
  return ms >= 1000 ? ms : null;
}
