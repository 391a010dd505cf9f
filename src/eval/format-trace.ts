/**
 * Miss traces (miss-trace.ts) for the reader: as indented text under a heading per miss (the
 * default of `tally eval --verbose`), or as JSON Lines, one `miss-trace/1` object per miss
 * (`--format jsonl`), for scripts that count rules behind misses.
 */
import { cut } from './format-report.ts';
import type { DocumentTrace, FigureReading, FigureTrace, LinkTrace, MentionTrace, MissTrace } from './miss-trace.ts';

const QUOTE = 110;
const flat = (s: string) => s.replace(/\s+/g, ' ').trim();
const quoted = (s: string) => cut(`"${flat(s)}"`, QUOTE);

function figures(label: string, rs: readonly FigureReading[]): string {
  if (!rs.length) return `${label} —`;
  return `${label} ${rs.map((r) => `${r.value}${r.category === 'total' ? '' : ` ${r.category}`} ${r.rule} "${flat(r.text)}"`).join(', ')}`;
}

function figureLines(f: FigureTrace): string[] {
  const what = f.category === 'headline' ? f.outcome : `${f.outcome}.${f.category}`;
  const won = f.won
    ? `system ${f.won.value} from ${f.won.incident}${f.won.mention ? ` (${f.won.mention})` : f.won.document ? ` (claim in ${f.won.document})` : ''}${f.won.rules.length ? `, rule ${f.won.rules.join(', ')}` : ''}${f.won.text ? ` "${flat(f.won.text)}"` : ''}`
    : 'system: no incident states one';
  const lines = [`  ${what}: gold ${f.gold}; ${won}`];
  if (f.won?.quote) lines.push(`      ${quoted(f.won.quote)}`);
  if (!f.lost.length) lines.push('    no other reading of it in the document(s)');
  for (const l of f.lost) {
    lines.push(`    lost ${l.value}${l.gold ? ' (= gold)' : ''} ${l.from} ${l.kind}${l.kindRule ? ` ${l.kindRule}` : ''}: ${l.why}`);
    lines.push(`      ${quoted(l.quote)}`);
  }
  return lines;
}

function linkLine(l: LinkTrace): string[] {
  const into = (ids: string[]) => ids.join(',') || '—';
  const head = `  ${l.a} (→ ${into(l.intoA)}) and ${l.b} (→ ${into(l.intoB)}): ${l.verdict}${l.refusal ? ` (${l.refusal})` : ''}`;
  return [head, `      ${l.detail}`];
}

function mentionLines(m: MentionTrace): string[] {
  const lines = [`    ${m.id} ${m.kind} (${m.kindRule ?? 'no rule'}) → ${m.into ?? 'none'}${m.used ? '  [scored]' : ''}`];
  lines.push(`      ${figures('killed', m.killed)}; ${figures('injured', m.injured)}`);
  for (const s of m.statements) lines.push(`      also stated: ${figures('killed', s.killed)}; ${figures('injured', s.injured)} ${quoted(s.quote)}`);
  const [place, ...others] = m.places;
  if (place) {
    const refused = place.rejected.length ? `; refused ${place.rejected.map((r) => `${r.name} [${r.countryCode}${r.admin1 ? ` ${r.admin1}` : ''}] ${r.reason}`).join(', ')}` : '';
    lines.push(`      place ${place.name} (${place.precision}${place.admin1 ? `, ${place.admin1}` : ''}) ${place.rule ?? 'inferred'}${refused}${others.length ? `; also ${others.map((p) => `${p.name} (${p.precision})`).join(', ')}` : ''}`);
  } else lines.push('      place none');
  if (m.unresolved.length) lines.push(`      read, not placed: ${m.unresolved.map((u) => `${u.name} (${u.rule})`).join(', ')}`);
  const d = m.date;
  lines.push(d ? `      date ${d.start === d.end ? d.start : `${d.start}..${d.end}`} ${d.precision} ${d.rule ?? 'no rule'}${d.basis ? ` (${d.basis})` : ''}` : '      date none');
  lines.push(`      ${quoted(m.quote)}`);
  return lines;
}

function documentLines(d: DocumentTrace): string[] {
  if (d.missing) return [`  document ${d.id}: not in the articles file`];
  const cites = [`incidents ${d.incidents.join(', ') || '—'}`, d.tallies.length ? `tallies ${d.tallies.join(', ')}` : '', d.warnings.length ? `warnings ${d.warnings.join(', ')}` : ''].filter(Boolean).join('; ');
  const lines = [`  document ${d.id} (published ${d.published ?? 'unknown'}): ${cites}`];
  if (!d.mentions.length) lines.push('    no mention');
  for (const m of d.mentions) lines.push(...mentionLines(m));
  for (const x of d.dropped) {
    const figs = x.killed.length || x.injured.length ? `: ${figures('killed', x.killed)}; ${figures('injured', x.injured)}` : '';
    lines.push(`    dropped ${d.id}@${x.span.start} ${x.kind} (${x.kindRule})${x.because === 'background' ? '' : `, ${x.because}`}${figs}`);
    lines.push(`      ${quoted(x.quote)}`);
  }
  return lines;
}

/** Traces as text: a heading, then per miss its figures, links and documents. */
export function formatTraces(traces: readonly MissTrace[], of: number): string {
  if (!traces.length) return '';
  const lines = ['', `Traces of misses (${traces.length}${of > traces.length ? ` of ${of}` : ''})`];
  for (const t of traces) {
    lines.push('', `● ${t.miss} ${t.id}: ${t.summary}${t.scored ? `  [scored: ${t.scored}]` : ''}`);
    for (const f of t.figures) lines.push(...figureLines(f));
    if (t.links.length) lines.push('  why apart:');
    for (const l of t.links) lines.push(...linkLine(l));
    for (const d of t.documents) lines.push(...documentLines(d));
  }
  return `${lines.join('\n')}\n`;
}

/** One JSON object per line, per miss. */
export function traceJsonLines(traces: readonly MissTrace[]): string {
  return traces.map((t) => JSON.stringify(t)).join('\n') + (traces.length ? '\n' : '');
}
