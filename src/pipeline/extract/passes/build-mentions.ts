/**
 * Pass 6, build mentions: each incident and tally group becomes a Mention with its quote, date,
 * places (most specific first), actors, figures and the rule that classified it; a sentence stating
 * how many were displaced becomes a tally of its own. Background is dropped here, and so is an
 * incident with neither figures nor a locality that merely names an event.
 */
import type { CountSet, Mention, ResolvedPlace, Span } from '../../../domain/types.ts';
import type { Frame } from '../frames.ts';
import type { DocumentReading, FrameGroup } from './extraction-state.ts';
import { frameDate } from './place-frames.ts';
import { EVENT_PRIORITY, hasFigures } from './frame-relations.ts';
import { quoteSpan } from './quote-span.ts';
import { firstIndexWhere } from './first-index-where.ts';

export function buildMentions(doc: DocumentReading, groups: readonly FrameGroup[]): Mention[] {
  const { article } = doc;
  const mentions: Mention[] = [];
  let index = 0;
  for (const g of groups) {
    if (droppedGroup(g) !== null) continue;
    const f = g.frame;
    const qs = quoteHoldingFigures(doc, quoteSpan(article.text, quoteFrame(g)), [f.killed, f.injured]);
    mentions.push({
      id: `${article.id}#${index++}`,
      docId: article.id,
      kind: g.kind,
      span: { start: qs.start, end: qs.end },
      quote: article.text.slice(qs.start, qs.end),
      eventType: groupEventType(g),
      date: g.date,
      places: g.frames.flatMap((x) => x.places),
      resolvedPlaces: orderPlaces(g.resolved),
      perpetrators: f.perpetrators,
      claimants: f.claimants,
      killed: f.killed,
      injured: f.injured,
      displaced: f.displaced,
      targets: f.targets,
      statements: [...g.statements],
      dateBasis: !g.date ? undefined : doc.publishedEstimated ? 'estimated' : g.date.precision === 'reported' ? 'published' : 'stated',
      area: f.regions[0] ?? g.admin1 ?? null,
      classification: { kind: g.kind, rule: g.kindRule },
    });
  }
  // Displacement figures are tallies of their own (never incidents).
  const displacedTallyAt = new Set(mentions.filter((m) => m.kind === 'tally' && m.displaced).map((m) => m.span.start));
  for (const s of doc.sentences) {
    if (!s.displaced || s.background) continue;
    if (displacedTallyAt.has(s.start)) continue;
    displacedTallyAt.add(s.start);
    mentions.push({
      id: `${article.id}#${index++}`,
      docId: article.id,
      kind: 'tally',
      span: { start: s.start, end: s.end },
      quote: article.text.slice(s.start, s.end),
      eventType: null,
      date: frameDate(s.dates.find((x) => x.range) ?? null, doc.published),
      places: s.places,
      resolvedPlaces: [],
      perpetrators: s.perpetrators,
      claimants: s.claimants.length ? s.claimants : [...doc.claimantsBefore[s.index]],
      killed: {},
      injured: {},
      displaced: { value: s.displaced.value, min: s.displaced.value, max: s.displaced.value, qualifier: 'exact', prov: { rule: 'displaced.count', span: { start: s.displaced.start, end: s.displaced.end }, text: s.displaced.text } },
      targets: [],
      classification: { kind: 'tally', rule: 'kind.displaced' },
    });
  }
  return mentions;
}

/**
 * Why a group becomes no mention, null when it becomes one: background, or an incident with
 * neither figures nor a locality that merely names an event.
 */
export function droppedGroup(g: FrameGroup): 'background' | 'no-figures-no-locality' | null {
  if (g.kind === 'background') return 'background';
  if (g.kind === 'incident' && !hasFigures(g.frame) && !g.localities.length && g.frame.kind === 'event') return 'no-figures-no-locality';
  return null;
}

/**
 * The quote must hold every figure the mention reports, so an analyst who checks it finds each
 * number: when a figure was read from another clause or sentence ("Four people were shot. One of
 * them died."), the quote grows to the whole sentences from the lead clause to that figure.
 */
function quoteHoldingFigures(doc: DocumentReading, clause: Span, counts: readonly CountSet[]): Span {
  const spans = counts.flatMap((c) => Object.values(c).map((v) => v!.prov.span)).filter((s) => s.end > s.start);
  const outside = spans.filter((s) => s.start < clause.start || s.end > clause.end);
  if (!outside.length) return clause;
  // Sentences are in text order and do not overlap: the first ending after `at` is the only one that may hold it.
  const sentenceOf = (at: number) => {
    const s = doc.sentences[firstIndexWhere(doc.sentences.length, (k) => doc.sentences[k].end > at)];
    return s && s.start <= at ? s : undefined;
  };
  let start = clause.start;
  let end = clause.end;
  for (const s of outside) {
    start = Math.min(start, sentenceOf(s.start)?.start ?? s.start);
    end = Math.max(end, sentenceOf(s.end - 1)?.end ?? s.end);
  }
  return quoteSpan(doc.article.text, { start, end });
}

/**
 * The frame whose clause becomes the mention's quote: the lead frame when the group has figures,
 * else the first joined frame that has some.
 */
function quoteFrame(g: FrameGroup): Frame {
  if (hasFigures(g.frame)) return g.frames[0];
  return g.frames.slice(1).find((x) => hasFigures(x)) ?? g.frame;
}

/** The most specific event type any frame of the group names (aircraft over "attack"). */
function groupEventType(g: FrameGroup): Frame['eventType'] {
  let best = g.frame.eventType;
  for (const f of g.frames.slice(1)) {
    if (f.eventType && (!best || (EVENT_PRIORITY.get(f.eventType.prov.rule) ?? 0) > (EVENT_PRIORITY.get(best.prov.rule) ?? 0))) best = f.eventType;
  }
  return best;
}

/** Most specific first: localities, then districts, governorates, the country. */
function orderPlaces(places: readonly ResolvedPlace[]): ResolvedPlace[] {
  const rank = { locality: 0, admin2: 1, admin1: 2, country: 3 } as const;
  const anyLocality = places.some((q) => q.precision === 'locality');
  const withCoords = places.filter((p) => p.precision === 'locality' || !anyLocality);
  return [...withCoords].sort((a, b) => rank[a.precision] - rank[b.precision]);
}
