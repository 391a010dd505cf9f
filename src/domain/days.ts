/**
 * Day arithmetic on ISO calendar days (`YYYY-MM-DD`, read as UTC days): the one place the
 * pipeline, the linker, the store and the exports turn days into numbers and back. A day number is
 * whole days since 1970-01-01.
 */

export const MS_PER_DAY = 86_400_000;

/** Whole days since 1970-01-01 of an ISO day. */
export function dayNumber(iso: string): number {
  return Date.UTC(Number(iso.slice(0, 4)), Number(iso.slice(5, 7)) - 1, Number(iso.slice(8, 10))) / MS_PER_DAY;
}

/** The ISO day of a day number. */
export function isoDayOfNumber(n: number): string {
  return new Date(n * MS_PER_DAY).toISOString().slice(0, 10);
}

/** Milliseconds since the epoch at the start of an ISO day (UTC). */
export function dayStartMs(iso: string): number {
  return dayNumber(iso) * MS_PER_DAY;
}

export function addDays(iso: string, days: number): string {
  return isoDayOfNumber(dayNumber(iso) + days);
}

/** `to` minus `from`, in whole days. */
export function daysBetween(from: string, to: string): number {
  return dayNumber(to) - dayNumber(from);
}

/** The first day of the month of a day number, as a day number. */
export function monthStartDay(day: number): number {
  const d = new Date(day * MS_PER_DAY);
  return Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1) / MS_PER_DAY;
}
