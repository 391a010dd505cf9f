/**
 * What the system says each document reports, read off an `incidents/1` export: per document, the
 * largest headline `best` killed (injured) figure among the incidents citing it, with the incident
 * and the quote of the claim that gave that figure, so a miss can be traced to a sentence. The
 * headline figure is the project's one notion of it (src/domain/headline-figure.ts): total, else
 * civilians + fighters, else the larger of children and women. An incident that states no killed
 * (injured) figure contributes nothing to that side.
 */
import type { CountSummary } from '../domain/types.ts';
import { headlineCount } from '../domain/headline-figure.ts';
import type { ClaimJson, FiguresJson, IncidentJson } from '../export/incidents-json.ts';

/** The parts of an `incidents/1` claim the count and linking scorers read. */
export type CountedClaim = Pick<ClaimJson, 'document' | 'quote' | 'killed' | 'injured'>;

/** The parts of an `incidents/1` incident the count and linking scorers read. */
export interface CountedIncident extends Pick<IncidentJson, 'id' | 'killed' | 'injured' | 'documents'> {
  readonly claims: readonly CountedClaim[];
}

export interface CountedExport {
  readonly incidents: readonly CountedIncident[];
}

export type Outcome = 'killed' | 'injured';
export const OUTCOMES: readonly Outcome[] = ['killed', 'injured'];

/** A figure the system gives, and where it came from. */
export interface SourcedFigure {
  value: number;
  incidentId: string;
  /** The quote of the claim stating the figure; the incident's first claim with a figure when none states it alone. */
  quote: string | null;
}

export type DocumentFigures = Record<Outcome, SourcedFigure | null>;

/** The incident's headline best figure, null when it states none. */
export function incidentFigure(incident: CountedIncident, outcome: Outcome): number | null {
  return headlineCount(incident[outcome], 'best');
}

/** The headline of plain figures (a claim's or a tally's). */
export function figuresHeadline(figures: FiguresJson): number | null {
  const summary: CountSummary = {};
  for (const [category, n] of Object.entries(figures) as [keyof FiguresJson, number][]) summary[category] = { best: n, min: n, max: n };
  return headlineCount(summary, 'best');
}

/** The claim whose own headline figure is the incident's; else the first claim stating any figure. */
function sourceQuote(incident: CountedIncident, outcome: Outcome, value: number): string | null {
  const stating = incident.claims.filter((c) => figuresHeadline(c[outcome]) !== null);
  return (stating.find((c) => figuresHeadline(c[outcome]) === value) ?? stating[0])?.quote ?? null;
}

/** The incident's figure with its source, null when it states none. */
export function sourcedFigure(incident: CountedIncident, outcome: Outcome): SourcedFigure | null {
  const value = incidentFigure(incident, outcome);
  return value === null ? null : { value, incidentId: incident.id, quote: sourceQuote(incident, outcome, value) };
}

/** Per document id: the largest figure of each outcome among the incidents citing it. */
export function figuresByDocument(system: CountedExport): Map<string, DocumentFigures> {
  const out = new Map<string, DocumentFigures>();
  for (const incident of system.incidents) {
    const figures = OUTCOMES.map((o) => [o, sourcedFigure(incident, o)] as const);
    for (const doc of incident.documents) {
      const entry = out.get(doc) ?? { killed: null, injured: null };
      for (const [o, f] of figures) if (f && (entry[o] === null || f.value > entry[o].value)) entry[o] = f;
      out.set(doc, entry);
    }
  }
  return out;
}
