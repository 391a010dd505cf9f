/**
 * Which misses of each evaluation mode get a trace, and how each is built (miss-trace.ts): gold
 * incidents missed, wrong figures and cross-document incidents not fully linked (--gold); articles
 * with a wrong figure (--counts); reports with a wrong figure, multi-report incidents not fully
 * linked and incidents with other figures (--incidents). A pending trace names its documents first,
 * so a run extracts again only the documents of the misses it will show (--article, --limit).
 */
import type { CountCategory } from '../domain/types.ts';
import type { IncidentsJson } from '../export/incidents-json.ts';
import type { EvalReport } from './score-run.ts';
import type { CountMiss, CountScore } from './score-counts.ts';
import type { ReportedIncidentsScore } from './score-linking.ts';
import type { ReportedIncident } from './count-gold.ts';
import type { Outcome, SourcedFigure } from './document-figures.ts';
import {
  MISS_TRACE_FORMAT,
  documentTrace,
  figureTrace,
  linkTrace,
  unlinkedPairs,
  type FigureTrace,
  type LinkTrace,
  type MissKind,
  type MissTrace,
  type TraceIndex,
} from './miss-trace.ts';

export interface PendingTrace {
  mode: MissTrace['mode'];
  miss: MissKind;
  id: string;
  /** The documents the trace reads (and `--article` selects on). */
  documents: string[];
  build(index: TraceIndex): MissTrace;
}

export interface TraceSelection {
  /** Only misses involving this document. */
  article?: string;
  /** At most this many misses. */
  limit?: number;
}

export function selectMisses(pending: readonly PendingTrace[], sel: TraceSelection): PendingTrace[] {
  const chosen = sel.article === undefined ? pending : pending.filter((p) => p.documents.includes(sel.article!));
  return chosen.slice(0, sel.limit ?? Infinity);
}

type Head = Omit<MissTrace, 'format' | 'figures' | 'links' | 'documents'>;

function trace(head: Head, documents: string[], index: TraceIndex, figures: FigureTrace[] = [], links: LinkTrace[] = []): MissTrace {
  return { format: MISS_TRACE_FORMAT, ...head, figures, links, documents: documents.map((d) => documentTrace(d, index, head.scored)) };
}

const OUTCOME_SIDES: readonly Outcome[] = ['killed', 'injured'];

/** Figure traces of the wrong outcomes of a per-document (or per-incident) count miss. */
function countFigures(gold: { killed: number; injured: number }, system: { killed: SourcedFigure | null; injured: SourcedFigure | null }, documents: string[], index: TraceIndex): FigureTrace[] {
  return OUTCOME_SIDES.filter((o) => (system[o]?.value ?? 0) !== gold[o]).map((o) =>
    figureTrace(
      { outcome: o, category: 'headline', gold: String(gold[o]), isGold: (n) => n === gold[o], system: system[o] && { value: system[o].value, incident: system[o].incidentId }, documents },
      index,
    ),
  );
}

/** The incident a count miss is scored on: the source of its first wrong figure, else of any figure. */
function scoredOf(m: Pick<CountMiss, 'gold' | 'system'>): string | null {
  const wrong = OUTCOME_SIDES.find((o) => (m.system[o]?.value ?? 0) !== m.gold[o]);
  return (wrong && m.system[wrong]?.incidentId) ?? m.system.killed?.incidentId ?? m.system.injured?.incidentId ?? null;
}

const pair = (k: number, i: number) => `${k}/${i}`;
const sys = (m: Pick<CountMiss, 'system'>) => pair(m.system.killed?.value ?? 0, m.system.injured?.value ?? 0);

function countMisses(misses: readonly CountMiss[], mode: 'counts' | 'reports'): PendingTrace[] {
  return misses.map((m) => ({
    mode,
    miss: 'document-figures',
    id: m.id,
    documents: [m.id],
    build: (index) =>
      trace(
        { mode, miss: 'document-figures', id: m.id, scored: scoredOf(m), summary: `${m.incident !== undefined ? `report of gold incident ${m.incident}: ` : ''}gold k/i ${pair(m.gold.killed, m.gold.injured)}, system ${sys(m)}` },
        [m.id],
        index,
        countFigures(m.gold, m.system, [m.id], index),
      ),
  }));
}

/**
 * Reports of one gold incident left apart. With `scored` (the system incident holding most of them):
 * why each report outside it stayed out, against the mentions of the first report in it; else, per
 * pair of reports no incident cites together, why.
 */
function notLinked(mode: MissTrace['mode'], goldId: string, reports: { id: string; incidents: string[] }[], scored: string | null, summary: string): PendingTrace {
  const documents = reports.map((r) => r.id);
  return {
    mode,
    miss: 'not-linked',
    id: goldId,
    documents,
    build: (index) => {
      const inside = scored === null ? undefined : reports.find((r) => r.incidents.includes(scored));
      const links = inside
        ? reports.filter((r) => !r.incidents.includes(scored!)).map((r) => linkTrace(r.id, inside.id, r.incidents, inside.incidents, index, scored!))
        : unlinkedPairs(reports).map(([i, k]) => linkTrace(reports[i].id, reports[k].id, reports[i].incidents, reports[k].incidents, index));
      return trace({ mode, miss: 'not-linked', id: goldId, scored, summary }, documents, index, [], links);
    },
  };
}

const arrow = (reports: { id: string; incidents: string[] }[]) => reports.map((r) => `${r.id} → ${r.incidents.join(',') || '—'}`).join('; ');

/** --counts: every article with a wrong figure. */
export function pendingCountTraces(score: CountScore): PendingTrace[] {
  return countMisses(score.misses, 'counts');
}

/** --incidents: reports with a wrong figure, incidents not fully linked, incidents with other figures. */
export function pendingReportedTraces(score: ReportedIncidentsScore, gold: readonly ReportedIncident[]): PendingTrace[] {
  const goldById = new Map(gold.map((g) => [g.id, g]));
  const unlinked = score.linking.unlinked.map((u) => notLinked('reports', u.goldId, u.reports, null, `reports → incidents with a figure: ${arrow(u.reports)}`));
  const incidents = score.incidents.misses.map((m): PendingTrace => {
    const documents = goldById.get(m.goldId)?.documents ?? [];
    const summary = `gold k/i ${pair(m.gold.killed, m.gold.injured)}; ${m.systemId ? `${m.systemId} (covers ${m.covers.n}/${m.covers.of} reports) says ${sys(m)}` : 'no system incident cites its reports'}`;
    return {
      mode: 'reports',
      miss: 'incident-figures',
      id: m.goldId,
      documents,
      build: (index) => trace({ mode: 'reports', miss: 'incident-figures', id: m.goldId, scored: m.systemId, summary }, documents, index, m.systemId ? countFigures(m.gold, m.system, documents, index) : []),
    };
  });
  return [...countMisses(score.reports.misses, 'reports'), ...unlinked, ...incidents];
}

/** --gold: missed gold incidents, wrong figures, cross-document incidents not fully linked. */
export function pendingGoldTraces(report: EvalReport, system: Pick<IncidentsJson, 'incidents'>): PendingTrace[] {
  const docsOf = new Map(system.incidents.map((i) => [i.id, i.documents]));
  const citing = (doc: string) => system.incidents.filter((i) => i.documents.includes(doc)).map((i) => i.id);
  const missed = report.misses.map((m): PendingTrace => ({
    mode: 'gold',
    miss: 'missed-incident',
    id: m.goldId,
    documents: m.documents,
    build: (index) => trace({ mode: 'gold', miss: 'missed-incident', id: m.goldId, scored: m.candidateId, summary: `${m.reason}${m.candidateId ? ` (best candidate ${m.candidateId})` : ''}: ${m.detail}` }, m.documents, index),
  }));
  const wrong = report.figures.wrong.map((w): PendingTrace => {
    const [outcome, category] = w.field.split('.') as [Outcome, CountCategory];
    const documents = docsOf.get(w.systemId) ?? [];
    const gold = w.gold.min === w.gold.max ? String(w.gold.min) : `${w.gold.min}–${w.gold.max}`;
    return {
      mode: 'gold',
      miss: 'wrong-figure',
      id: w.goldId,
      documents,
      build: (index) =>
        trace(
          { mode: 'gold', miss: 'wrong-figure', id: w.goldId, scored: w.systemId, summary: `${w.field}: gold ${gold}, ${w.systemId} says ${w.system ?? 'missing'}` },
          documents,
          index,
          [figureTrace({ outcome, category, gold, isGold: (n) => n >= w.gold.min && n <= w.gold.max, system: w.system === null ? null : { value: w.system, incident: w.systemId }, documents }, index)],
        ),
    };
  });
  const unlinked = report.documents.crossDocumentResults
    .filter((r) => !r.linked)
    .map((r) => {
      const reports = r.documents.map((id) => ({ id, incidents: citing(id) }));
      return notLinked('gold', r.goldId, reports, r.bestSystemId, `documents → incidents: ${arrow(reports)}; best ${r.bestSystemId ?? '—'} covers ${r.covered}/${r.documents.length}`);
    });
  return [...missed, ...wrong, ...unlinked];
}
