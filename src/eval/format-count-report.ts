/**
 * Rendering the count and linking scores (gvdb, gva) as plain text for the terminal: the headline
 * figures, then, with `verbose`, every miss on one line (id, gold and system killed/injured, the
 * system incident behind each wrong figure, the document's ingest warnings and tallies) with the
 * quote of the claim that gave a wrong figure underneath, so a developer can read down the list for
 * patterns. Without `verbose` each list is only counted.
 */
import { rate, ratio, section, table } from './format-report.ts';
import type { CountMiss, CountScore } from './score-counts.ts';
import { figuresHeadline, type SourcedFigure } from './document-figures.ts';
import type { IncidentFigureMiss, ReportedIncidentsScore, UnlinkedIncident } from './score-linking.ts';
import type { Warning } from '../domain/types.ts';
import type { TallyJson } from '../export/incidents-json.ts';

export interface CountFormatOptions {
  verbose?: boolean;
  /** Per document id, a short note shown on its miss row (see `documentNotes`). */
  notes?: ReadonlyMap<string, string>;
}

/**
 * Per document: its ingest warnings by code (`no-date, undated-incident×2`) and the figures of its
 * tallies (`tally 7k 2i`: a figure read as a total, not an incident).
 */
export function documentNotes(warnings: readonly Warning[], tallies: readonly Pick<TallyJson, 'document' | 'killed' | 'injured'>[]): Map<string, string> {
  const parts = new Map<string, Map<string, number>>();
  const add = (doc: string, note: string) => {
    const notes = parts.get(doc) ?? new Map<string, number>();
    notes.set(note, (notes.get(note) ?? 0) + 1);
    parts.set(doc, notes);
  };
  // A warning's source is a document id, optionally with `@offset` or `#mention`.
  for (const w of warnings) add(w.source.replace(/[@#].*$/, ''), w.code);
  for (const t of tallies) {
    const [k, i] = [figuresHeadline(t.killed), figuresHeadline(t.injured)];
    add(t.document, ['tally', k === null ? '' : `${k}k`, i === null ? '' : `${i}i`].filter(Boolean).join(' '));
  }
  return new Map([...parts].map(([doc, notes]) => [doc, [...notes].map(([note, n]) => (n > 1 ? `${note}×${n}` : note)).join(', ')]));
}

const pair = (killed: number, injured: number) => `${killed}/${injured}`;
const value = (f: SourcedFigure | null) => f?.value ?? 0;
const from = (f: SourcedFigure | null) => f?.incidentId ?? '—';

/** Under a row: each wrong figure with the quote that gave it (a figure from no incident has none). */
function figureQuotes(gold: { killed: number; injured: number }, system: { killed: SourcedFigure | null; injured: SourcedFigure | null }): string[] {
  const lines: string[] = [];
  for (const o of ['killed', 'injured'] as const) {
    const f = system[o];
    if (f && f.value !== gold[o] && f.quote !== null) lines.push(`${o} ${f.value}: "${f.quote.replace(/\s+/g, ' ').trim()}"`);
  }
  return lines;
}

function listed<T>(title: string, items: readonly T[], verbose: boolean | undefined, render: () => string[]): string[] {
  if (items.length === 0) return [];
  return verbose ? render() : ['', `${title}: ${items.length} (--verbose lists them)`];
}

function missRows(title: string, misses: readonly CountMiss[], opts: CountFormatOptions, withIncident: boolean): string[] {
  return listed(title, misses, opts.verbose, () =>
    section(
      title,
      misses,
      Infinity,
      [withIncident ? 'report (gold incident)' : 'article', 'gold k/i', 'system k/i', 'killed from', 'injured from', 'notes'],
      [0, 0, 0, 0, 0, 0],
      (m) => [
        withIncident ? `${m.id} (${m.incident ?? '?'})` : m.id,
        pair(m.gold.killed, m.gold.injured),
        pair(value(m.system.killed), value(m.system.injured)),
        from(m.system.killed),
        from(m.system.injured),
        opts.notes?.get(m.id) ?? '',
      ],
      (m) => figureQuotes(m.gold, m.system),
    ),
  );
}

function countLines(score: CountScore, unit: string, baseline: boolean): string[] {
  const { exact, emptyBaseline } = score;
  const rows = (['killed', 'injured', 'both'] as const).map((k) => [`${k} exact`, ratio(exact[k]), baseline ? `empty export ${ratio(emptyBaseline[k])}` : '']);
  return [`Per-${unit} counts (${score.documents} ${unit}s)`, ...table(['', '', ''], rows, [0, 0, 0]).slice(1)];
}

/** gvdb: per-article killed and injured, beside what an empty export scores. */
export function formatCountsReport(score: CountScore, opts: CountFormatOptions = {}): string {
  const lines = [...countLines(score, 'article', true), ...missRows('Articles with a wrong figure', score.misses, opts, false)];
  return `${lines.join('\n')}\n`;
}

function unlinkedRows(items: readonly UnlinkedIncident[], verbose: boolean | undefined): string[] {
  const title = 'Multi-report incidents not fully linked';
  return listed(title, items, verbose, () =>
    section(title, items, Infinity, ['gold', 'reports → system incidents with a figure citing each'], [0, 0], (u) => [
      u.goldId,
      u.reports.map((r) => `${r.id} → ${r.incidents.length ? r.incidents.join(',') : '—'}`).join('; '),
    ]),
  );
}

function incidentRows(items: readonly IncidentFigureMiss[], verbose: boolean | undefined): string[] {
  const title = 'Multi-report incidents with other figures';
  return listed(title, items, verbose, () =>
    section(
      title,
      items,
      Infinity,
      ['gold', 'gold k/i', 'system incident', 'covers', 'system k/i'],
      [0, 0, 0, 0, 0],
      (m) => [m.goldId, pair(m.gold.killed, m.gold.injured), m.systemId ?? '—', `${m.covers.n}/${m.covers.of}`, m.systemId ? pair(value(m.system.killed), value(m.system.injured)) : '—'],
      (m) => figureQuotes(m.gold, m.system),
    ),
  );
}

/** gva: per-report counts, linking and incident figures. */
export function formatReportedIncidentsReport(score: ReportedIncidentsScore, opts: CountFormatOptions = {}): string {
  const { reports, linking, incidents } = score;
  const b = linking.bcubed;
  const lines = [
    ...countLines(reports, 'report', false),
    `Linking (${linking.reports} reports)`,
    ...table(
      ['', '', ''],
      [
        ['B-cubed', `precision ${rate(b.precision)}   recall ${rate(b.recall)}`, `F1 ${rate(b.f1)}`],
        ['fully linked', ratio(linking.fullyLinked), 'of incidents with 2+ reports'],
      ],
      [0, 0, 0],
    ).slice(1),
    'Incidents with 2+ reports',
    ...table(['', '', ''], [['both exact', ratio(incidents.both), 'the system incident citing most of its reports']], [0, 0, 0]).slice(1),
    ...missRows('Reports with a wrong figure', reports.misses, opts, true),
    ...unlinkedRows(linking.unlinked, opts.verbose),
    ...incidentRows(incidents.misses, opts.verbose),
  ];
  return `${lines.join('\n')}\n`;
}
