/**
 * Rendering an EvalReport as plain text for the terminal: a block of headline scores, then one
 * table per kind of error (missed gold incidents, false positives, wrong figures, attribute
 * differences, unlinked documents, tallies) so an analyst can go straight to the cases. Lists are
 * cut to the first 15 rows unless `verbose`; long cells are shortened with an ellipsis, and the
 * quote of a missed or spurious incident goes on its own line under the row.
 */
import type { EvalReport, Share } from './score-run.ts';

/** Rows of each list shown without `verbose`. */
export const DEFAULT_LIST_LIMIT = 15;

export interface FormatOptions {
  verbose?: boolean;
}

export function rate(value: number | null): string {
  return value === null ? '—' : value.toFixed(3);
}

export function ratio(s: Share): string {
  return `${rate(s.rate)} (${s.n}/${s.of})`;
}

function range(r: { min: number; max: number }): string {
  return r.min === r.max ? String(r.min) : `${r.min}–${r.max}`;
}

export function cut(text: string, width: number): string {
  return text.length > width ? `${text.slice(0, width - 1)}…` : text;
}

function set(ids: readonly string[]): string {
  return ids.length ? ids.join(', ') : '∅';
}

/** Columns padded to their widest cell; `widths` caps a column (0 = no cap). */
export function table(headers: string[], rows: string[][], widths: number[]): string[] {
  const cells = [headers, ...rows].map((row) => row.map((c, i) => (widths[i] ? cut(c, widths[i]) : c)));
  const pad = headers.map((_, i) => Math.max(...cells.map((r) => r[i].length)));
  return cells.map((r) => `  ${r.map((c, i) => (i === r.length - 1 ? c : c.padEnd(pad[i]))).join('  ')}`.trimEnd());
}

/** Width of the quote line printed under a row. */
const QUOTE_WIDTH = 110;

/**
 * A titled table of `items`, cut to `limit` rows; `quote` gives the line(s) printed under a row
 * (a quote, or one line per figure with its quote).
 */
export function section<T>(
  title: string,
  items: readonly T[],
  limit: number,
  headers: string[],
  widths: number[],
  row: (item: T) => string[],
  quote?: (item: T) => string | readonly string[] | null | undefined,
): string[] {
  if (items.length === 0) return [];
  const shown = items.slice(0, limit);
  const [head, ...rows] = table(headers, shown.map(row), widths);
  const lines = ['', `${title} (${items.length})`, head];
  rows.forEach((r, i) => {
    lines.push(r);
    const q = quote?.(shown[i]);
    if (typeof q === 'string' && q) lines.push(`      ${cut(`"${q}"`, QUOTE_WIDTH)}`);
    else if (Array.isArray(q)) for (const line of q) lines.push(`      ${cut(line, QUOTE_WIDTH)}`);
  });
  if (items.length > shown.length) lines.push(`  … ${items.length - shown.length} more (verbose lists all)`);
  return lines;
}

/** The report as readable text, ending with a newline. */
export function formatReport(report: EvalReport, opts: FormatOptions = {}): string {
  const limit = opts.verbose ? Infinity : DEFAULT_LIST_LIMIT;
  const inc = report.incidents;
  const optGold = inc.goldOptional ? ` (+${inc.goldOptional} optional)` : '';
  const optMatched = inc.matchedOptional ? ` (+${inc.matchedOptional} optional)` : '';
  const head = table(
    ['', '', ''],
    [
      ['Incidents', `gold ${inc.gold}${optGold}`, `system ${inc.system}   matched ${inc.matched}${optMatched}`],
      ['', `precision ${rate(inc.precision)}`, `recall ${rate(inc.recall)}   F1 ${rate(inc.f1)}`],
      ['Figures', `accuracy ${ratio(report.figures.accuracy)}`, ''],
      ['Perpetrators', `exact ${ratio(report.perpetrators.exact)}`, `overlap ${ratio(report.perpetrators.overlap)}`],
      ['Event type', `equal ${ratio(report.eventType.equal)}`, ''],
      ['Claimants', `exact ${ratio(report.claimants.exact)}`, `overlap ${ratio(report.claimants.overlap)}`],
      ['Documents', `exact set ${ratio(report.documents.exact)}`, `cross-document fully linked ${report.documents.crossDocument.n}/${report.documents.crossDocument.of}`],
      [
        'Tallies',
        `recognised ${report.tallies.recognised.n}/${report.tallies.recognised.of}`,
        `turned into incident ${report.tallies.turnedIntoIncident}   system tallies ${report.tallies.system}`,
      ],
    ],
    [0, 0, 0],
  ).slice(1);

  const lines = ['Evaluation against gold', ...head];
  lines.push(
    ...section(
      'Missed gold incidents',
      report.misses,
      limit,
      ['gold', 'docs', 'reason', 'candidate', 'why'],
      [0, 24, 0, 0, 100],
      (m) => [m.goldId, m.documents.join(','), m.reason, m.candidateId ?? '—', m.detail],
      (m) => m.quote,
    ),
  );
  lines.push(
    ...section(
      'False positives',
      report.falsePositives,
      limit,
      ['system', 'docs', 'date', 'place', 'killed'],
      [0, 24, 0, 40, 0],
      (f) => [f.systemId, f.documents.join(','), f.date, f.place, f.killed === null ? '—' : String(f.killed)],
      (f) => f.quote,
    ),
  );
  lines.push(
    ...section('Wrong figures', report.figures.wrong, limit, ['gold', 'system', 'figure', 'gold range', 'system best'], [0, 0, 0, 0, 0], (w) => [
      w.goldId,
      w.systemId,
      w.field,
      range(w.gold),
      w.system === null ? 'missing' : String(w.system),
    ]),
  );
  const diff = (title: string, items: EvalReport['perpetrators']['differences']): string[] =>
    section(title, items, limit, ['gold', 'system', 'gold value', 'system value'], [0, 0, 50, 50], (d) => [d.goldId, d.systemId, set(d.gold), set(d.system)]);
  lines.push(...diff('Perpetrators differ', report.perpetrators.differences));
  lines.push(...diff('Event types differ', report.eventType.differences));
  lines.push(...diff('Claimants differ', report.claimants.differences));
  lines.push(...diff('Document sets differ', report.documents.differences));
  lines.push(
    ...section(
      'Cross-document incidents not fully linked',
      report.documents.crossDocumentResults.filter((r) => !r.linked),
      limit,
      ['gold', 'documents', 'best system incident', 'covers'],
      [0, 60, 0, 0],
      (r) => [r.goldId, r.documents.join(','), r.bestSystemId ?? '—', `${r.covered}/${r.documents.length}`],
    ),
  );
  lines.push(
    ...section(
      'Tallies not recognised or turned into incidents',
      report.tallies.results.filter((t) => t.recognisedBy === null || t.turnedInto.length > 0),
      limit,
      ['gold', 'doc', 'recognised by', 'turned into incidents'],
      [0, 0, 0, 60],
      (t) => [t.goldId, t.doc, t.recognisedBy ? `${t.recognisedBy} (${t.via})` : '—', t.turnedInto.length ? t.turnedInto.join(', ') : '—'],
    ),
  );
  lines.push(
    ...section('Warnings', report.warnings, limit, ['code', 'source', 'message'], [0, 0, 100], (w) => [w.code, w.source, w.message]),
  );
  return `${lines.join('\n')}\n`;
}
