/**
 * CSV text per RFC 4180: records end with CRLF (including the last, §2.2), a field containing a
 * comma, a double quote, CR or LF is enclosed in double quotes and its quotes are doubled (§2.6,
 * §2.7). Null and undefined become an empty field; numbers are written in JavaScript's shortest
 * round-trip form.
 */

export type CsvValue = string | number | null | undefined;

const NEEDS_QUOTES = /[",\r\n]/;

export function csvField(value: CsvValue): string {
  if (value === null || value === undefined) return '';
  const s = typeof value === 'number' ? String(value) : value;
  return NEEDS_QUOTES.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function csvRecord(values: readonly CsvValue[]): string {
  return `${values.map(csvField).join(',')}\r\n`;
}

/** A header record followed by one record per row; each row lists values in header order. */
export function csvDocument(header: readonly string[], rows: readonly (readonly CsvValue[])[]): string {
  return csvRecord(header) + rows.map(csvRecord).join('');
}
