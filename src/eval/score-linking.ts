/**
 * Scoring cross-document linking against gold incidents that list their reports
 * (../shared/corpus/gva/README.md, points 2 and 3).
 *
 * - The system cluster of a report is the report itself and every report cited together with it by
 *   an incident carrying a killed or injured figure; B-cubed precision and recall (Bagga & Baldwin
 *   1998) average, over every gold report, |system ∩ gold cluster| / |system cluster| and
 *   / |gold cluster|. Reports outside the gold set are left out of the clusters. A report the gold
 *   files under two incidents has the union of their reports as its gold cluster.
 * - A gold incident with two or more reports is fully linked when one incident carrying a figure
 *   cites all of them.
 * - Incident figures: for each gold incident with two or more reports, the system incident citing
 *   most of them (ties: fewer documents outside the gold incident, then export order) is right when
 *   its headline best killed and injured both equal the gold figures (an unstated figure counts 0,
 *   as in the per-report score).
 */
import { share, type Share } from './score-run.ts';
import { reportCounts, type ReportedIncident } from './count-gold.ts';
import { scoreCounts, type CountScore } from './score-counts.ts';
import { incidentFigure, sourcedFigure, type CountedExport, type CountedIncident, type SourcedFigure } from './document-figures.ts';

export interface BCubed {
  precision: number | null;
  recall: number | null;
  f1: number | null;
}

/** A multi-report gold incident whose reports are not all cited by one incident with a figure. */
export interface UnlinkedIncident {
  goldId: string;
  /** Per gold report, the incidents with a figure citing it (empty: none). */
  reports: { id: string; incidents: string[] }[];
}

export interface LinkingScore {
  reports: number;
  bcubed: BCubed;
  /** Gold incidents with two or more reports, all cited by one system incident. */
  fullyLinked: Share;
  unlinked: UnlinkedIncident[];
}

/** A multi-report gold incident whose best system incident has other figures (or there is none). */
export interface IncidentFigureMiss {
  goldId: string;
  gold: { killed: number; injured: number };
  /** Null when no system incident cites any of its reports. */
  systemId: string | null;
  /** Gold reports the system incident cites, of all the gold incident's reports. */
  covers: { n: number; of: number };
  system: { killed: SourcedFigure | null; injured: SourcedFigure | null };
}

export interface IncidentFigureScore {
  /** Gold incidents with two or more reports whose best system incident has both figures right. */
  both: Share;
  misses: IncidentFigureMiss[];
}

const hasFigure = (i: CountedIncident) => incidentFigure(i, 'killed') !== null || incidentFigure(i, 'injured') !== null;

/** Gold cluster per report: the reports of every gold incident listing it. */
function goldClusters(gold: readonly ReportedIncident[]): Map<string, Set<string>> {
  const out = new Map<string, Set<string>>();
  for (const inc of gold) {
    for (const doc of inc.documents) {
      const cluster = out.get(doc) ?? new Set<string>();
      for (const d of inc.documents) cluster.add(d);
      out.set(doc, cluster);
    }
  }
  return out;
}

/** System cluster per report of `reports`: itself and the reports cited with it by incidents with a figure. */
export function systemClusters(system: CountedExport, reports: ReadonlySet<string>): Map<string, Set<string>> {
  const out = new Map<string, Set<string>>([...reports].map((r) => [r, new Set([r])]));
  for (const incident of system.incidents) {
    if (!hasFigure(incident)) continue;
    const cited = incident.documents.filter((d) => reports.has(d));
    for (const doc of cited) for (const d of cited) out.get(doc)!.add(d);
  }
  return out;
}

function harmonic(p: number | null, r: number | null): number | null {
  if (p === null || r === null) return null;
  return p + r === 0 ? 0 : (2 * p * r) / (p + r);
}

export function bCubed(gold: ReadonlyMap<string, ReadonlySet<string>>, system: ReadonlyMap<string, ReadonlySet<string>>): BCubed {
  let p = 0;
  let r = 0;
  for (const [report, g] of gold) {
    const s = system.get(report) ?? new Set([report]);
    let both = 0;
    for (const d of s) if (g.has(d)) both++;
    p += both / s.size;
    r += both / g.size;
  }
  const precision = gold.size ? p / gold.size : null;
  const recall = gold.size ? r / gold.size : null;
  return { precision, recall, f1: harmonic(precision, recall) };
}

const multiReport = (gold: readonly ReportedIncident[]) => gold.filter((g) => g.documents.length >= 2);

export function scoreLinking(gold: readonly ReportedIncident[], system: CountedExport): LinkingScore {
  const goldByReport = goldClusters(gold);
  const linking = system.incidents.filter(hasFigure);
  const unlinked: UnlinkedIncident[] = [];
  const multi = multiReport(gold);
  for (const g of multi) {
    if (linking.some((i) => g.documents.every((d) => i.documents.includes(d)))) continue;
    unlinked.push({ goldId: g.id, reports: g.documents.map((id) => ({ id, incidents: linking.filter((i) => i.documents.includes(id)).map((i) => i.id) })) });
  }
  return {
    reports: goldByReport.size,
    bcubed: bCubed(goldByReport, systemClusters(system, new Set(goldByReport.keys()))),
    fullyLinked: share(multi.length - unlinked.length, multi.length),
    unlinked,
  };
}

/** The system incident citing most of `reports`; ties go to fewer other documents, then export order. */
function bestIncident(system: CountedExport, reports: readonly string[]): { incident: CountedIncident; covered: number } | null {
  let best: { incident: CountedIncident; covered: number; others: number } | null = null;
  for (const incident of system.incidents) {
    const covered = reports.filter((d) => incident.documents.includes(d)).length;
    if (covered === 0) continue;
    const others = incident.documents.length - covered;
    if (!best || covered > best.covered || (covered === best.covered && others < best.others)) best = { incident, covered, others };
  }
  return best;
}

export function scoreIncidentFigures(gold: readonly ReportedIncident[], system: CountedExport): IncidentFigureScore {
  const multi = multiReport(gold);
  const misses: IncidentFigureMiss[] = [];
  for (const g of multi) {
    const best = bestIncident(system, g.documents);
    const killed = best ? sourcedFigure(best.incident, 'killed') : null;
    const injured = best ? sourcedFigure(best.incident, 'injured') : null;
    if (best && (killed?.value ?? 0) === g.killed && (injured?.value ?? 0) === g.injured) continue;
    misses.push({
      goldId: g.id,
      gold: { killed: g.killed, injured: g.injured },
      systemId: best?.incident.id ?? null,
      covers: { n: best?.covered ?? 0, of: g.documents.length },
      system: { killed, injured },
    });
  }
  return { both: share(multi.length - misses.length, multi.length), misses };
}

export type ReportedIncidentsSummaryKey =
  | 'reports.killed_exact'
  | 'reports.injured_exact'
  | 'reports.both_exact'
  | 'linking.bcubed_precision'
  | 'linking.bcubed_recall'
  | 'linking.bcubed_f1'
  | 'linking.fully_linked'
  | 'incidents.both_exact';

/** Everything the gva README scores: per-report counts, linking, incident figures. */
export interface ReportedIncidentsScore {
  reports: CountScore;
  linking: LinkingScore;
  incidents: IncidentFigureScore;
}

export function scoreReportedIncidents(gold: readonly ReportedIncident[], system: CountedExport): ReportedIncidentsScore {
  return { reports: scoreCounts(reportCounts(gold), system), linking: scoreLinking(gold, system), incidents: scoreIncidentFigures(gold, system) };
}

/** Flat figures for thresholds and `--json`; rates are null when there was nothing to score. */
export function reportedIncidentsSummary(score: ReportedIncidentsScore): Record<ReportedIncidentsSummaryKey, number | null> {
  const { reports, linking, incidents } = score;
  return {
    'reports.killed_exact': reports.exact.killed.rate,
    'reports.injured_exact': reports.exact.injured.rate,
    'reports.both_exact': reports.exact.both.rate,
    'linking.bcubed_precision': linking.bcubed.precision,
    'linking.bcubed_recall': linking.bcubed.recall,
    'linking.bcubed_f1': linking.bcubed.f1,
    'linking.fully_linked': linking.fullyLinked.rate,
    'incidents.both_exact': incidents.both.rate,
  };
}
