/**
 * Renders a benchmark table as aligned plain text (no colours, no box characters) so it reads
 * the same in a terminal, in CI logs and pasted into an issue. Columns after the first are
 * right-aligned when every cell in them starts with a digit (figures), left-aligned otherwise.
 */
import type { Table } from './suite.ts';

export function formatTable(table: Table): string {
  const { columns, rows } = table;
  const widths = columns.map((c, i) => Math.max(c.length, ...rows.map((r) => (r[i] ?? '').length)));
  const numeric = columns.map((_, i) => i > 0 && rows.length > 0 && rows.every((r) => /^[\d.,-]/.test(r[i] ?? '')));
  const line = (cells: readonly string[]) =>
    cells
      .map((cell, i) => (numeric[i] ? cell.padStart(widths[i]) : cell.padEnd(widths[i])))
      .join('  ')
      .trimEnd();
  return [line(columns), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map((r) => line(columns.map((_, i) => r[i] ?? '')))].join('\n');
}

/** "label: value" lines with the values aligned. */
export function formatSummary(summary: readonly [string, string][]): string {
  const width = Math.max(0, ...summary.map(([label]) => label.length));
  return summary.map(([label, value]) => `${`${label}:`.padEnd(width + 1)} ${value}`).join('\n');
}
