/**
 * The trace behind an evaluation miss (issue 10): for the documents involved, every mention
 * extraction made (its kind and the rule that classified it, each figure with its rule and words,
 * the place chosen with its rule and the same-named places refused, the date with its precision and
 * rule) and which incident each went to; for a wrong figure, the figure that won and every reading
 * that lost, with why (another incident, a tally and its kind rule, background, another statement of
 * the toll); for reports of one event left apart, why the linker refused each pair (`judgeLink`).
 * Pure: it reads the export and the extraction traces (src/pipeline/extract/trace-document.ts), so
 * an analyst asking "why does it say 7 killed?" gets the sentence and the rule.
 */
import type { CountCategory, CountSet, Mention, MentionKind, RejectedPlace, ResolvedPlace, Span } from '../domain/types.ts';
import { COUNT_CATEGORIES } from '../domain/types.ts';
import { headlineOfCounts } from '../domain/headline-figure.ts';
import type { IncidentsJson } from '../export/incidents-json.ts';
import type { ExtractionTrace, TracedFrame } from '../pipeline/extract/trace-document.ts';
import { judgeLink, type LinkJudgement, type LinkRefusal } from '../pipeline/link/link-mentions.ts';
import { figuresHeadline, type Outcome } from './document-figures.ts';

export const MISS_TRACE_FORMAT = 'miss-trace/1';

/** One number as extraction read it. */
export interface FigureReading {
  category: CountCategory;
  value: number;
  rule: string;
  /** The words stating it. */
  text: string;
}

export interface PlaceTrace {
  name: string;
  precision: ResolvedPlace['precision'];
  admin1: string | null;
  gazetteerId: string | null;
  /** The place rule that read the name; null for a place inferred (the country). */
  rule: string | null;
  /** Same-named gazetteer places refused for this one, with the reason. */
  rejected: RejectedPlace[];
}

export interface MentionTrace {
  id: string;
  kind: MentionKind;
  /** The rule that made it an incident or a tally. */
  kindRule: string | null;
  quote: string;
  span: Span;
  killed: FigureReading[];
  injured: FigureReading[];
  /** Other statements of the same toll in the document (another source, an update). */
  statements: { quote: string; killed: FigureReading[]; injured: FigureReading[] }[];
  /** The place the mention is placed at (most specific first), then the others it resolved. */
  places: PlaceTrace[];
  /** Place names read for the mention that no resolved place of it came from (not found, or passed over). */
  unresolved: { name: string; rule: string }[];
  date: { start: string; end: string; precision: string; rule: string | null; basis: string | null } | null;
  /** The incident or tally it went to (null: none in the export). */
  into: string | null;
  /** It went to the incident the miss is scored on. */
  used: boolean;
}

/** A frame that is no mention of its own, and why. */
export interface DroppedTrace {
  quote: string;
  span: Span;
  kind: MentionKind;
  kindRule: string;
  because: 'background' | 'no-figures-no-locality' | 'counted-elsewhere';
  killed: FigureReading[];
  injured: FigureReading[];
}

export interface DocumentTrace {
  id: string;
  published: string | null;
  /** Incidents and tallies of the export citing the document. */
  incidents: string[];
  tallies: string[];
  mentions: MentionTrace[];
  dropped: DroppedTrace[];
  /** Ingest warnings of the document by code. */
  warnings: string[];
  /** The articles file has no such document (nothing to trace). */
  missing?: true;
}

/** A reading of the outcome that did not give the system's figure. */
export interface LostFigure {
  value: number;
  /** A mention id, or `docId@start` for a frame that is no mention. */
  from: string;
  quote: string;
  kind: MentionKind;
  kindRule: string | null;
  why: string;
  /** The value is the gold figure (or within the gold range). */
  gold: boolean;
}

export interface FigureTrace {
  outcome: Outcome;
  /** A category in the gold-incident mode ('total', 'civilians', …); the headline figure otherwise. */
  category: CountCategory | 'headline';
  gold: string;
  system: number | null;
  /** Where the system's figure came from; null when no incident states one (scored as 0 or missing). */
  won: { value: number; incident: string; document: string; mention: string | null; rules: string[]; text: string; quote: string } | null;
  lost: LostFigure[];
}

/** Why two reports of one gold event are not in one system incident. */
export interface LinkTrace {
  a: string;
  b: string;
  intoA: string[];
  intoB: string[];
  verdict: 'no-incident-mention' | 'refused' | 'would-join';
  refusal: LinkRefusal | null;
  /** The pair of mentions the verdict rests on. */
  mentions: [string, string] | null;
  detail: string;
}

export type MissKind = 'missed-incident' | 'wrong-figure' | 'not-linked' | 'document-figures' | 'incident-figures';

export interface MissTrace {
  format: typeof MISS_TRACE_FORMAT;
  /** gold: --gold; counts: --counts (per article); reports: --incidents (per report, linking, incidents). */
  mode: 'gold' | 'counts' | 'reports';
  miss: MissKind;
  /** The gold incident's id, or the article's. */
  id: string;
  /** The miss as its row in the report reads. */
  summary: string;
  /** The system incident the miss is scored on, if any. */
  scored: string | null;
  figures: FigureTrace[];
  links: LinkTrace[];
  documents: DocumentTrace[];
}

/** Where each document's mentions went: the export read back, and the extraction traces. */
export interface TraceSources {
  system: Pick<IncidentsJson, 'incidents' | 'tallies'>;
  extraction: ReadonlyMap<string, ExtractionTrace>;
  /** Ingest warnings per document id. */
  warnings?: ReadonlyMap<string, readonly string[]>;
}

const spanKey = (doc: string, start: number, end: number) => `${doc}:${start}:${end}`;

/** Looks up where mentions went and what each incident says; built once per run. */
export class TraceIndex {
  private readonly into = new Map<string, string>();
  readonly incidents: ReadonlyMap<string, IncidentsJson['incidents'][number]>;

  constructor(readonly sources: TraceSources) {
    this.incidents = new Map(sources.system.incidents.map((i) => [i.id, i]));
    for (const i of sources.system.incidents) for (const c of i.claims) this.into.set(spanKey(c.document, c.start, c.end), i.id);
    for (const t of sources.system.tallies) this.into.set(spanKey(t.document, t.start, t.end), t.id);
  }

  /** The incident or tally a mention (or a statement) went to. */
  intoOf(doc: string, span: Span): string | null {
    return this.into.get(spanKey(doc, span.start, span.end)) ?? null;
  }

  citing(doc: string): { incidents: string[]; tallies: string[] } {
    return {
      incidents: this.sources.system.incidents.filter((i) => i.documents.includes(doc)).map((i) => i.id),
      tallies: this.sources.system.tallies.filter((t) => t.document === doc).map((t) => t.id),
    };
  }

  /** The incident's best figure: the headline, or one category. */
  best(incidentId: string, outcome: Outcome, category: FigureTrace['category']): number | null {
    const i = this.incidents.get(incidentId);
    if (!i) return null;
    if (category !== 'headline') return i[outcome][category]?.best ?? null;
    return figuresHeadline(Object.fromEntries(Object.entries(i[outcome]).map(([k, r]) => [k, r!.best])));
  }
}

function readings(counts: CountSet): FigureReading[] {
  return COUNT_CATEGORIES.flatMap((category) => {
    const v = counts[category];
    return v ? [{ category, value: v.value, rule: v.prov.rule, text: v.prov.text }] : [];
  });
}

function placeTrace(p: ResolvedPlace): PlaceTrace {
  return { name: p.name, precision: p.precision, admin1: p.admin1, gazetteerId: p.gazetteerId, rule: p.mention?.prov.rule ?? null, rejected: p.rejected ?? [] };
}

function mentionTrace(m: Mention, index: TraceIndex, scored: string | null): MentionTrace {
  const resolvedNames = new Set(m.resolvedPlaces.map((p) => (p.mention?.name ?? p.name).toLowerCase()));
  const into = index.intoOf(m.docId, m.span);
  return {
    id: m.id,
    kind: m.kind,
    kindRule: m.classification?.rule ?? null,
    quote: m.quote,
    span: m.span,
    killed: readings(m.killed),
    injured: readings(m.injured),
    statements: (m.statements ?? []).map((s) => ({ quote: s.quote, killed: readings(s.killed), injured: readings(s.injured) })),
    places: m.resolvedPlaces.map(placeTrace),
    unresolved: m.places.filter((p) => !resolvedNames.has(p.name.toLowerCase())).map((p) => ({ name: p.name, rule: p.prov.rule })),
    date: m.date ? { start: m.date.start, end: m.date.end, precision: m.date.precision, rule: m.date.prov?.rule ?? null, basis: m.dateBasis ?? null } : null,
    into,
    used: scored !== null && into === scored,
  };
}

function droppedTrace(f: TracedFrame): DroppedTrace | null {
  if (f.fate.to !== 'dropped') return null;
  return { quote: f.quote, span: f.span, kind: f.kind, kindRule: f.kindRule, because: f.fate.because, killed: readings(f.killed), injured: readings(f.injured) };
}

export function documentTrace(docId: string, index: TraceIndex, scored: string | null): DocumentTrace {
  const ex = index.sources.extraction.get(docId);
  const citing = index.citing(docId);
  const warnings = [...(index.sources.warnings?.get(docId) ?? [])];
  if (!ex) return { id: docId, published: null, ...citing, mentions: [], dropped: [], warnings, missing: true };
  return {
    id: docId,
    published: ex.published,
    ...citing,
    mentions: ex.mentions.map((m) => mentionTrace(m, index, scored)),
    dropped: ex.frames.flatMap((f) => droppedTrace(f) ?? []),
    warnings,
  };
}

/** What a wrong figure is measured against. */
export interface FigureQuestion {
  outcome: Outcome;
  category: FigureTrace['category'];
  /** The gold figure as text ("3", "3–13"), and whether a value is it. */
  gold: string;
  isGold: (n: number) => boolean;
  /** The system's figure and the incident it came from (null: none states one). */
  system: { value: number; incident: string } | null;
  documents: readonly string[];
}

const readOf = (category: FigureTrace['category']) => (c: CountSet) => (category === 'headline' ? headlineOfCounts(c) : (c[category]?.value ?? null));

/** The system's figure with the words that gave it, and every reading in the documents that lost. */
export function figureTrace(q: FigureQuestion, index: TraceIndex): FigureTrace {
  const read = readOf(q.category);
  const won = q.system ? winningClaim(q, index) : null;
  const lost: LostFigure[] = [];
  const bestIn = (id: string | null) => (id === null ? null : index.best(id, q.outcome, q.category));
  for (const doc of q.documents) {
    const ex = index.sources.extraction.get(doc);
    if (!ex) continue;
    for (const m of ex.mentions) {
      const value = read(m[q.outcome]);
      const into = index.intoOf(doc, m.span);
      const base = { from: m.id, quote: m.quote, kind: m.kind, kindRule: m.classification?.rule ?? null };
      if (value !== null && !(won && won.mention === m.id)) lost.push({ ...base, value, why: mentionLoss(m.kind, into, bestIn(into), q), gold: q.isGold(value) });
      for (const s of m.statements ?? []) {
        const sv = read(s[q.outcome]);
        if (sv === null) continue;
        const sInto = index.intoOf(doc, s.span);
        const where = sInto ?? into;
        lost.push({ ...base, quote: s.quote, value: sv, why: `another statement of ${m.id}'s toll, a claim of ${where ?? 'no incident'} whose best is ${bestIn(where) ?? 'none'}`, gold: q.isGold(sv) });
      }
    }
    for (const f of ex.frames) {
      const value = read(f[q.outcome]);
      if (value === null) continue;
      const from = f.quoteIn === 'title' ? `${doc}@title:${f.span.start}` : `${doc}@${f.span.start}`;
      if (f.fate.to === 'dropped') {
        const why =
          f.fate.because === 'background'
            ? `background (${f.kindRule}): dropped, no mention`
            : f.fate.because === 'counted-elsewhere'
              ? 'counted once with another frame (reconcile-outcomes): dropped'
              : 'an event with neither figure nor town: dropped';
        lost.push({ value, from, quote: f.quote, kind: f.kind, kindRule: f.kindRule, why, gold: q.isGold(value) });
      } else if (f.fate.as === 'joined') {
        const m = ex.mentions.find((x) => x.id === (f.fate as { mentionId: string }).mentionId);
        const merged = m ? read(m[q.outcome]) : null;
        if (merged !== value) lost.push({ value, from, quote: f.quote, kind: f.kind, kindRule: f.kindRule, why: `joined ${m?.id ?? '?'} (merge-frames), which reads ${merged ?? 'none'}`, gold: q.isGold(value) });
      }
    }
  }
  return { outcome: q.outcome, category: q.category, gold: q.gold, system: q.system?.value ?? null, won, lost };
}

function mentionLoss(kind: MentionKind, into: string | null, best: number | null, q: FigureQuestion): string {
  if (kind === 'tally') return `a tally${into ? ` (${into})` : ''}: tallies are no incident and give no figure`;
  if (into === null) return 'in no incident of the export';
  if (q.system && into === q.system.incident) return `in ${into} too, whose best is ${best ?? 'none'} (the incident's figures are reconciled across its claims)`;
  if (best === null) return `in ${into}, which states no ${q.outcome} figure`;
  if (q.system && best < q.system.value) return `in ${into}, whose best ${best} is below ${q.system.value} (the largest incident citing the document wins)`;
  return `in ${into}, whose best is ${best}`;
}

/** The claim of the scored incident that states its figure: in the documents first, else anywhere. */
function winningClaim(q: FigureQuestion, index: TraceIndex): FigureTrace['won'] {
  const sys = q.system!;
  const incident = index.incidents.get(sys.incident);
  if (!incident) return null;
  const value = (c: (typeof incident.claims)[number]) => (q.category === 'headline' ? figuresHeadline(c[q.outcome]) : (c[q.outcome][q.category] ?? null));
  const stating = incident.claims.filter((c) => value(c) === sys.value);
  const claim = stating.find((c) => q.documents.includes(c.document)) ?? stating[0];
  if (!claim) return { value: sys.value, incident: sys.incident, document: '', mention: null, rules: [], text: '', quote: `(no claim states ${sys.value}: reconciled from ${incident.claims.length} claims)` };
  const figures = headlineFigures((claim.figures ?? []).filter((f) => f.outcome === q.outcome && (q.category === 'headline' || f.category === q.category)));
  const mention = index.sources.extraction.get(claim.document)?.mentions.find((m) => m.span.start === claim.start && m.span.end === claim.end);
  return {
    value: sys.value,
    incident: sys.incident,
    document: claim.document,
    mention: mention?.id ?? null,
    rules: [...new Set(figures.map((f) => f.rule))],
    text: figures.map((f) => claim.quote.slice(f.start - claim.start, f.end - claim.start)).join(' / '),
    quote: claim.quote,
  };
}

/** The figures a headline rests on (src/domain/headline-figure.ts): total, else civilians and fighters, else children and women. */
function headlineFigures<F extends { category: CountCategory }>(fs: readonly F[]): F[] {
  for (const cats of [['total'], ['civilians', 'fighters'], ['children', 'women']]) {
    const some = fs.filter((f) => cats.includes(f.category));
    if (some.length) return some;
  }
  return [];
}

const incidentMentions = (ex: ExtractionTrace | undefined) => ex?.mentions.filter((m) => m.kind === 'incident') ?? [];

/** Closest to joining first: a score short of the threshold, then the earlier a gate refused. */
const REFUSAL_ORDER: Record<LinkRefusal, number> = {
  'score-below-threshold': 0,
  'undated-needs-figures': 1,
  'undated-needs-place': 1,
  'event-families-differ': 2,
  'places-conflict': 3,
  'dates-apart': 4,
  'same-document': 5,
};

/**
 * Why reports `a` and `b` are not in one incident (`intoA`, `intoB`: the incidents citing each).
 * With `target`, only b's mentions that went to that incident are compared (why a stayed out of it).
 */
export function linkTrace(a: string, b: string, intoA: string[], intoB: string[], index: TraceIndex, target?: string): LinkTrace {
  const base = { a, b, intoA, intoB };
  const ma = incidentMentions(index.sources.extraction.get(a));
  const mb = incidentMentions(index.sources.extraction.get(b)).filter((m) => target === undefined || index.intoOf(b, m.span) === target);
  if (!ma.length || !mb.length) {
    const lacking = [!ma.length ? a : null, !mb.length ? b : null].filter((d) => d !== null);
    const detail = lacking.map((d) => `${d} has no incident mention (${kindsOf(index.sources.extraction.get(d))})`).join('; ');
    return { ...base, verdict: 'no-incident-mention', refusal: null, mentions: null, detail };
  }
  let best: { x: Mention; y: Mention; j: LinkJudgement } | null = null;
  for (const x of ma)
    for (const y of mb) {
      // The linker compares a report whose date is missing or estimated by place first (undated).
      const undated = !x.date || !y.date || x.dateBasis === 'estimated' || y.dateBasis === 'estimated';
      const j = judgeLink(x, y, undated);
      if (!best || closer(j, best.j)) best = { x, y, j };
    }
  const { x, y, j } = best!;
  const mentions: [string, string] = [x.id, y.id];
  if (j.joins) {
    const ev = j.evidence;
    return { ...base, verdict: 'would-join', refusal: null, mentions, detail: `${x.id} and ${y.id} score ${ev.score} (${ev.reasons.join(', ')}), enough to join; the linker put them apart: another incident scored higher for one, or a member of the incident conflicts with the other` };
  }
  return { ...base, verdict: 'refused', refusal: j.refusal, mentions, detail: refusalDetail(x, y, j) };
}

function closer(j: LinkJudgement, than: LinkJudgement): boolean {
  if (j.joins) return !than.joins || j.evidence.score > than.evidence.score;
  if (than.joins) return false;
  const d = REFUSAL_ORDER[j.refusal] - REFUSAL_ORDER[than.refusal];
  return d < 0 || (d === 0 && (j.score ?? -Infinity) > (than.score ?? -Infinity));
}

function kindsOf(ex: ExtractionTrace | undefined): string {
  if (!ex) return 'not in the articles file';
  if (!ex.mentions.length) return 'no mention at all';
  return ex.mentions.map((m) => `${m.kind} ${m.classification?.rule ?? '?'}`).join(', ');
}

const dateOf = (m: Mention) => (m.date ? `${m.date.start === m.date.end ? m.date.start : `${m.date.start}..${m.date.end}`} (${m.date.precision}${m.dateBasis ? `, ${m.dateBasis}` : ''})` : 'no date');
const placeOf = (m: Mention) => m.resolvedPlaces.map((p) => `${p.name} (${p.precision}${p.admin1 ? `, ${p.admin1}` : ''})`).join(', ') || 'no place';
const killedOf = (m: Mention) => headlineOfCounts(m.killed) ?? 'none';

function refusalDetail(x: Mention, y: Mention, j: Extract<LinkJudgement, { joins: false }>): string {
  switch (j.refusal) {
    case 'dates-apart':
      return `dates apart: ${x.id} ${dateOf(x)} vs ${y.id} ${dateOf(y)} (places ${placeOf(x)} vs ${placeOf(y)})`;
    case 'places-conflict':
      return `different places: ${x.id} ${placeOf(x)} vs ${y.id} ${placeOf(y)}`;
    case 'event-families-differ':
      return `kinds of event apart: ${x.id} ${x.eventType?.value} vs ${y.id} ${y.eventType?.value}`;
    case 'undated-needs-place':
      return `a report without a sure date joins only on the same or a near place: ${x.id} ${placeOf(x)} vs ${y.id} ${placeOf(y)}`;
    case 'undated-needs-figures':
      return `a report without a sure date whose small toll differs joins only with a person or site in common: ${x.id} killed ${killedOf(x)} vs ${y.id} killed ${killedOf(y)}`;
    case 'same-document':
      return 'the same document';
    case 'score-below-threshold': {
      const figures = j.reasons.includes('figures disagree') ? `; killed ${killedOf(x)} vs ${killedOf(y)}` : '';
      return `score ${j.score} below ${j.threshold} (${j.reasons.join(', ') || 'no evidence'})${figures}: ${x.id} ${placeOf(x)}, ${dateOf(x)} vs ${y.id} ${placeOf(y)}, ${dateOf(y)}`;
    }
  }
}

/** Pairs of reports not cited together by any of the incidents given per report, at most `max`. */
export function unlinkedPairs(reports: readonly { id: string; incidents: readonly string[] }[], max = 12): [number, number][] {
  const out: [number, number][] = [];
  for (let i = 0; i < reports.length; i++)
    for (let k = i + 1; k < reports.length; k++) {
      if (reports[i].incidents.some((x) => reports[k].incidents.includes(x))) continue;
      out.push([i, k]);
      if (out.length >= max) return out;
    }
  return out;
}


