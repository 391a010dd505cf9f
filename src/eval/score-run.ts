/**
 * Scoring one pipeline run against a gold file: given the gold annotation, the system's
 * `incidents/1` export and the article texts, `scoreRun` pairs incidents (match-incidents.ts) and
 * reports incident precision/recall/F1, figure accuracy, perpetrator, event-type and claimant
 * agreement, document linking (exact document sets and cross-document "fully linked" incidents),
 * tally recognition, and every miss and false positive with the reason it failed. Optional gold
 * incidents are neutral: found or not, they change neither precision nor recall, and attribute
 * scores are computed over required incidents only. Pure: no I/O, no clock.
 */
import type { Span, Warning } from '../domain/types.ts';
import type { GoldFile, GoldIncident, GoldRange, GoldTally } from './gold-file.ts';
import type { ExportIncident, ExportTally, IncidentsExport } from './incidents-export.ts';
import {
  checkFigures,
  goldDocuments,
  matchIncidents,
  systemDocuments,
  type CandidateCheck,
  type MatchFailure,
  type MatchedPair,
} from './match-incidents.ts';
import { locateQuote, quotesOverlap, spansOverlap } from './quote-span.ts';

/** The claimant id Tally writes when a figure is attributed to nobody. */
export const UNATTRIBUTED = 'unattributed';

export const EVAL_REPORT_FORMAT = 'eval-report/1';
/** Longest quote kept in a report entry. */
const SNIPPET_CHARS = 160;

/** n out of `of`; `rate` is null when there is nothing to measure. */
export interface Share {
  n: number;
  of: number;
  rate: number | null;
}

export interface WrongFigure {
  goldId: string;
  systemId: string;
  field: string;
  gold: GoldRange;
  system: number | null;
}

/** A matched pair whose attribute (perpetrators, claimants, event type) differs. */
export interface AttributeDifference {
  goldId: string;
  systemId: string;
  gold: string[];
  system: string[];
}

export interface MissedGold {
  goldId: string;
  documents: string[];
  quote: string;
  /** The condition the best candidate failed; `taken` = it matched, but was paired with another gold incident. */
  reason: MatchFailure | 'taken';
  candidateId: string | null;
  detail: string;
}

export interface FalsePositive {
  systemId: string;
  documents: string[];
  quote: string;
  date: string;
  place: string;
  killed: number | null;
}

export interface CrossDocumentResult {
  goldId: string;
  documents: string[];
  linked: boolean;
  /** Of the system incidents satisfying the matching rule for it, the one holding most of its documents. */
  bestSystemId: string | null;
  covered: number;
}

export interface TallyResult {
  goldId: string;
  doc: string;
  /** The system tally that recognised it, and how. */
  recognisedBy: string | null;
  via: 'span' | 'figure' | null;
  /** Unmatched system incidents whose claim span overlaps the tally's quote. */
  turnedInto: string[];
}

export type SummaryKey =
  | 'incidents.gold'
  | 'incidents.system'
  | 'incidents.matched'
  | 'incidents.precision'
  | 'incidents.recall'
  | 'incidents.f1'
  | 'figures.accuracy'
  | 'perpetrators.exact'
  | 'perpetrators.overlap'
  | 'event_type.equal'
  | 'claimants.exact'
  | 'claimants.overlap'
  | 'documents.exact'
  | 'documents.cross_document'
  | 'tallies.recognised'
  | 'tallies.turned_into_incident';

/** Flat, machine-readable figures of a run; rates are null when there was nothing to measure. */
export type EvalSummary = Record<SummaryKey, number | null>;

export interface EvalReport {
  format: typeof EVAL_REPORT_FORMAT;
  incidents: {
    /** Required gold incidents. */
    gold: number;
    goldOptional: number;
    /** System incidents, less those paired with optional gold incidents. */
    system: number;
    matched: number;
    matchedOptional: number;
    precision: number | null;
    recall: number | null;
    f1: number | null;
  };
  pairs: MatchedPair[];
  figures: { accuracy: Share; wrong: WrongFigure[] };
  perpetrators: { exact: Share; overlap: Share; differences: AttributeDifference[] };
  eventType: { equal: Share; differences: AttributeDifference[] };
  claimants: { exact: Share; overlap: Share; differences: AttributeDifference[] };
  documents: { exact: Share; differences: AttributeDifference[]; crossDocument: Share; crossDocumentResults: CrossDocumentResult[] };
  tallies: { gold: number; system: number; recognised: Share; turnedIntoIncident: number; results: TallyResult[] };
  misses: MissedGold[];
  falsePositives: FalsePositive[];
  /** Problems of the inputs that did not stop scoring (a quote not found in its article). */
  warnings: Warning[];
  summary: EvalSummary;
}

export interface ScoreInput {
  gold: GoldFile;
  system: IncidentsExport;
  articles: readonly { id: string; text: string }[];
}

export function share(n: number, of: number): Share {
  return { n, of, rate: of === 0 ? null : n / of };
}

function snippet(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > SNIPPET_CHARS ? `${flat.slice(0, SNIPPET_CHARS - 1)}…` : flat;
}

function sameSet(a: readonly string[], b: readonly string[]): boolean {
  const x = new Set(a);
  const y = new Set(b);
  return x.size === y.size && [...x].every((v) => y.has(v));
}

function intersects(a: readonly string[], b: readonly string[]): boolean {
  const y = new Set(b);
  return a.some((v) => y.has(v));
}

/** The export says `unknown` when the text names no side; an empty list means the same. */
function perpetratorSet(ids: readonly string[]): string[] {
  const set = [...new Set(ids)].sort();
  return set.length === 0 ? ['unknown'] : set;
}

function uniqueSorted(ids: readonly string[]): string[] {
  return [...new Set(ids)].sort();
}

/** Finds quotes in article texts, remembering each lookup and warning once per quote not found. */
class QuoteLocator {
  private readonly texts = new Map<string, string>();
  private readonly cache = new Map<string, Span | null>();
  readonly warnings: Warning[] = [];

  constructor(articles: readonly { id: string; text: string }[]) {
    for (const a of articles) this.texts.set(a.id, a.text);
  }

  /** Span of `quote` in document `doc`; null when the article is missing or the quote not in it. */
  locate(doc: string, quote: string, source: string): Span | null {
    const key = `${doc}\u0000${quote}`;
    if (this.cache.has(key)) return this.cache.get(key) ?? null;
    const text = this.texts.get(doc);
    let span: Span | null = null;
    if (text === undefined) {
      this.warnings.push({ code: 'article_missing', message: `no article text for document ${JSON.stringify(doc)}; quotes compared by text only`, source });
    } else {
      span = locateQuote(text, quote);
      if (!span) this.warnings.push({ code: 'quote_not_found', message: `quote not found in document ${JSON.stringify(doc)}: "${snippet(quote)}"`, source });
    }
    this.cache.set(key, span);
    return span;
  }
}

/** Span of a system claim or tally: its own offsets when given, else its quote located in the text. */
function systemSpan(locator: QuoteLocator, doc: string, item: { quote: string; start?: number | null; end?: number | null }, source: string): Span | null {
  if (typeof item.start === 'number' && typeof item.end === 'number' && item.end > item.start) return { start: item.start, end: item.end };
  return item.quote ? locator.locate(doc, item.quote, source) : null;
}

/** Two passages of one document overlap: by span when both are placed, else by quote text. */
function passagesOverlap(a: Span | null, aQuote: string, b: Span | null, bQuote: string): boolean {
  if (a && b) return spansOverlap(a, b);
  return quotesOverlap(aQuote, bQuote);
}

function describeDate(d: ExportIncident['date']): string {
  if (!d) return 'no date';
  return `${d.start === d.end ? d.start : `${d.start}..${d.end}`} ${d.precision}`;
}

function describePlace(s: ExportIncident): string {
  if (!s.location) return s.places.length ? s.places.map((p) => p.name).join(', ') : 'no place';
  return `${s.location.name}${s.location.precision ? ` (${s.location.precision})` : ''}`;
}

const STAGE: Record<MatchFailure, number> = { document: 0, date: 1, place: 2 };

/** The candidate that got furthest through the matching rule, for explaining a miss. */
function bestFailedCandidate(checks: readonly CandidateCheck[]): CandidateCheck | null {
  let best: CandidateCheck | null = null;
  const stage = (c: CandidateCheck): number => (c.failure === null ? 3 : STAGE[c.failure]);
  for (const c of checks) {
    if (!best) {
      best = c;
      continue;
    }
    const order =
      stage(c) - stage(best) ||
      c.sharedDocuments.length - best.sharedDocuments.length ||
      (best.nearestKm ?? Infinity) - (c.nearestKm ?? Infinity) ||
      (c.systemId < best.systemId ? 1 : c.systemId > best.systemId ? -1 : 0);
    if (order > 0) best = c;
  }
  return best;
}

function scoreTallies(
  goldTallies: readonly GoldTally[],
  systemTallies: readonly ExportTally[],
  unmatched: readonly ExportIncident[],
  locator: QuoteLocator,
): TallyResult[] {
  return goldTallies.map((t) => {
    const goldSpan = locator.locate(t.doc, t.quote, `gold tally ${t.id}`);
    let recognisedBy: string | null = null;
    let via: TallyResult['via'] = null;
    for (const st of systemTallies) {
      if (st.document !== t.doc) continue;
      if (passagesOverlap(goldSpan, t.quote, systemSpan(locator, st.document, st, `system tally ${st.id}`), st.quote)) {
        recognisedBy = st.id;
        via = 'span';
        break;
      }
    }
    if (!recognisedBy) {
      const figures = Object.entries(t.killed);
      const equal = systemTallies.find((st) => st.document === t.doc && figures.some(([cat, v]) => st.killed[cat as keyof typeof st.killed] === v));
      if (equal) {
        recognisedBy = equal.id;
        via = 'figure';
      }
    }
    const turnedInto = unmatched
      .filter((s) =>
        s.claims.some((c) => c.document === t.doc && passagesOverlap(goldSpan, t.quote, systemSpan(locator, c.document, c, `system incident ${s.id}`), c.quote)),
      )
      .map((s) => s.id);
    return { goldId: t.id, doc: t.doc, recognisedBy, via, turnedInto };
  });
}

/** Score one run. See the module comment for what is measured. */
export function scoreRun(input: ScoreInput): EvalReport {
  const { gold, system } = input;
  const locator = new QuoteLocator(input.articles);
  const goldById = new Map(gold.incidents.map((g) => [g.id, g]));
  const systemById = new Map(system.incidents.map((s) => [s.id, s]));

  const matched = matchIncidents(gold.incidents, system.incidents);
  const checks = matched.checks;
  // Report pairs (and every list derived from them) in gold-file order, not greedy order.
  const goldIndex = new Map(gold.incidents.map((g, i) => [g.id, i]));
  const pairs = [...matched.pairs].sort((a, b) => (goldIndex.get(a.goldId) as number) - (goldIndex.get(b.goldId) as number));
  const required = pairs.filter((p) => !p.optional);
  const matchedGold = new Set(pairs.map((p) => p.goldId));
  const matchedSystem = new Set(pairs.map((p) => p.systemId));
  const goldRequired = gold.incidents.filter((g) => !g.optional);

  // Incidents.
  const systemCount = system.incidents.length - (pairs.length - required.length);
  const precision = systemCount === 0 ? null : required.length / systemCount;
  const recall = goldRequired.length === 0 ? null : required.length / goldRequired.length;
  const f1 = precision === null || recall === null ? null : precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);

  // Attributes over required matched pairs.
  const wrong: WrongFigure[] = [];
  let figuresRight = 0;
  let figuresTotal = 0;
  const perpDiff: AttributeDifference[] = [];
  const typeDiff: AttributeDifference[] = [];
  const claimDiff: AttributeDifference[] = [];
  const docDiff: AttributeDifference[] = [];
  let perpExact = 0;
  let perpOverlap = 0;
  let typeEqual = 0;
  let claimExact = 0;
  let claimOverlap = 0;
  let docExact = 0;
  for (const pair of required) {
    const g = goldById.get(pair.goldId) as GoldIncident;
    const s = systemById.get(pair.systemId) as ExportIncident;
    const ids = { goldId: g.id, systemId: s.id };

    for (const f of checkFigures(g, s)) {
      figuresTotal++;
      if (f.right) figuresRight++;
      else wrong.push({ ...ids, field: f.field, gold: f.gold, system: f.system });
    }

    const gp = perpetratorSet(g.perpetrators);
    const sp = perpetratorSet(s.perpetrators);
    if (sameSet(gp, sp)) perpExact++;
    else perpDiff.push({ ...ids, gold: gp, system: sp });
    if (intersects(gp, sp)) perpOverlap++;

    if (g.event_type === s.event_type) typeEqual++;
    else typeDiff.push({ ...ids, gold: [g.event_type], system: [s.event_type] });

    const gc = uniqueSorted(g.claimants);
    // A claim Tally could attribute to nobody ("unattributed") names no claimant.
    const sc = uniqueSorted(s.claims.map((c) => c.claimant).filter((c) => c && c !== UNATTRIBUTED));
    if (sameSet(gc, sc)) claimExact++;
    else claimDiff.push({ ...ids, gold: gc, system: sc });
    if (intersects(gc, sc) || (gc.length === 0 && sc.length === 0)) claimOverlap++;

    // Exact document set: every required document, and nothing beyond the gold's (optional ones allowed).
    const gd = goldDocuments(g);
    const sd = uniqueSorted(s.documents);
    const allowed = new Set(gd.all);
    if (gd.required.every((d) => sd.includes(d)) && sd.every((d) => allowed.has(d))) docExact++;
    else docDiff.push({ ...ids, gold: gd.required, system: sd });
  }

  // Cross-document linking: ONE system incident holds every required document of the gold
  // incident. Only incidents that satisfy the matching rule for it count (one-to-one assignment
  // aside): another event reported by the same articles does not link this one.
  const checksByGold = new Map<string, CandidateCheck[]>();
  for (const c of checks) {
    const list = checksByGold.get(c.goldId) ?? [];
    list.push(c);
    checksByGold.set(c.goldId, list);
  }
  const crossDocumentResults: CrossDocumentResult[] = [];
  for (const g of goldRequired) {
    const docs = goldDocuments(g).required;
    if (docs.length < 2) continue;
    let bestSystemId: string | null = null;
    let covered = 0;
    for (const c of checksByGold.get(g.id) ?? []) {
      if (c.failure !== null) continue;
      const held = new Set((systemById.get(c.systemId) as ExportIncident).documents);
      const n = docs.filter((d) => held.has(d)).length;
      if (n > covered) {
        covered = n;
        bestSystemId = c.systemId;
      }
    }
    crossDocumentResults.push({ goldId: g.id, documents: docs, linked: covered === docs.length, bestSystemId, covered });
  }

  // Misses: required gold incidents left unpaired, with why the best candidate failed.
  const pairedGoldOf = new Map(pairs.map((p) => [p.systemId, p.goldId]));
  const misses: MissedGold[] = goldRequired
    .filter((g) => !matchedGold.has(g.id))
    .map((g): MissedGold => {
      const best = bestFailedCandidate(checksByGold.get(g.id) ?? []);
      const base = { goldId: g.id, documents: goldDocuments(g).all, quote: snippet(g.mentions[0].quote) };
      if (!best) return { ...base, reason: 'document', candidateId: null, detail: 'no system incident cites any of its documents' };
      if (best.failure === null) {
        return { ...base, reason: 'taken', candidateId: best.systemId, detail: `${best.systemId} matches but was paired with ${pairedGoldOf.get(best.systemId) ?? '?'}` };
      }
      return { ...base, reason: best.failure, candidateId: best.systemId, detail: best.detail };
    });

  const unmatchedSystem = system.incidents.filter((s) => !matchedSystem.has(s.id));
  const falsePositives: FalsePositive[] = unmatchedSystem.map((s) => ({
    systemId: s.id,
    documents: systemDocuments(s),
    quote: s.claims.length ? snippet(s.claims[0].quote) : '',
    date: describeDate(s.date),
    place: describePlace(s),
    killed: s.killed.total?.best ?? null,
  }));

  const tallyResults = scoreTallies(gold.tallies, system.tallies, unmatchedSystem, locator);
  const recognised = share(tallyResults.filter((t) => t.recognisedBy !== null).length, tallyResults.length);
  const turnedIntoIncident = tallyResults.filter((t) => t.turnedInto.length > 0).length;

  const n = required.length;
  const report: Omit<EvalReport, 'summary'> = {
    format: EVAL_REPORT_FORMAT,
    incidents: {
      gold: goldRequired.length,
      goldOptional: gold.incidents.length - goldRequired.length,
      system: systemCount,
      matched: n,
      matchedOptional: pairs.length - n,
      precision,
      recall,
      f1,
    },
    pairs,
    figures: { accuracy: share(figuresRight, figuresTotal), wrong },
    perpetrators: { exact: share(perpExact, n), overlap: share(perpOverlap, n), differences: perpDiff },
    eventType: { equal: share(typeEqual, n), differences: typeDiff },
    claimants: { exact: share(claimExact, n), overlap: share(claimOverlap, n), differences: claimDiff },
    documents: {
      exact: share(docExact, n),
      differences: docDiff,
      crossDocument: share(crossDocumentResults.filter((r) => r.linked).length, crossDocumentResults.length),
      crossDocumentResults,
    },
    tallies: { gold: gold.tallies.length, system: system.tallies.length, recognised, turnedIntoIncident, results: tallyResults },
    misses,
    falsePositives,
    warnings: locator.warnings,
  };
  return { ...report, summary: summarise(report) };
}

function summarise(r: Omit<EvalReport, 'summary'>): EvalSummary {
  return {
    'incidents.gold': r.incidents.gold,
    'incidents.system': r.incidents.system,
    'incidents.matched': r.incidents.matched,
    'incidents.precision': r.incidents.precision,
    'incidents.recall': r.incidents.recall,
    'incidents.f1': r.incidents.f1,
    'figures.accuracy': r.figures.accuracy.rate,
    'perpetrators.exact': r.perpetrators.exact.rate,
    'perpetrators.overlap': r.perpetrators.overlap.rate,
    'event_type.equal': r.eventType.equal.rate,
    'claimants.exact': r.claimants.exact.rate,
    'claimants.overlap': r.claimants.overlap.rate,
    'documents.exact': r.documents.exact.rate,
    'documents.cross_document': r.documents.crossDocument.rate,
    'tallies.recognised': r.tallies.recognised.rate,
    'tallies.turned_into_incident': r.tallies.turnedIntoIncident,
  };
}
