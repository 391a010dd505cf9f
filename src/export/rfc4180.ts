/**
 * CSV text per RFC 4180: records end with CRLF (including the last, §2.2), a field containing a
 * comma, a double quote, CR or LF is enclosed in double quotes and its quotes are doubled (§2.6,
 * §2.7). Null and undefined become an empty field; numbers are written in JavaScript's shortest
 * round-trip form.
 *
 * Formula injection (OWASP "CSV Injection"): a spreadsheet opening the file runs a cell that starts
 * with `=`, `+`, `-`, `@`, a tab or a carriage return as a formula, so text taken from a report (a
 * document id such as `@SUM(1+1)`, an outlet, a quote) could compute, or link out, on an analyst's
 * machine. Every text field starting with one of those characters is written with a single quote
 * before it, inside a quoted field (`"'@SUM(1+1)"`), which spreadsheets show as text. Numbers are
 * typed values here, never text, and are written as they are: a longitude of -3.2 stays a number.
 * Only a writer's text columns are changed, and only cells that start with one of the six characters
 * (docs/export-format-notes.md).
 */

export type CsvValue = string | number | null | undefined;

const NEEDS_QUOTES = /[",\r\n]/;
/** OWASP's list of characters that make a spreadsheet cell a formula. */
const FORMULA_START = /^[=+\-@\t\r]/;

/** The text a spreadsheet will show as text: a leading single quote when it would read a formula. */
export function neutraliseFormula(text: string): string {
  return FORMULA_START.test(text) ? `'${text}` : text;
}

export function csvField(value: CsvValue): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return String(value);
  if (FORMULA_START.test(value)) return `"${neutraliseFormula(value).replace(/"/g, '""')}"`;
  return NEEDS_QUOTES.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

export function csvRecord(values: readonly CsvValue[]): string {
  return `${values.map(csvField).join(',')}\r\n`;
}

/** A header record followed by one record per row; each row lists values in header order. */
export function csvDocument(header: readonly string[], rows: readonly (readonly CsvValue[])[]): string {
  return csvRecord(header) + rows.map(csvRecord).join('');
}
