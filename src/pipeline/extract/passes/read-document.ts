/**
 * Pass 1, read: normalises and segments the text, fixes the day relative dates resolve against,
 * and reads every sentence (figures, dates, places, actors, events, cues) and the frames of each
 * clause. Nothing here looks beyond its own sentence; carrying context is the next pass.
 */
import type { Article, Tagged, Warning } from '../../../domain/types.ts';
import type { DocumentGeo, PlaceLookup } from '../../../domain/place-lookup.ts';

const NO_GEO: DocumentGeo = { context: { countries: [] }, evidence: [], datelineCity: null, datelineRegion: null, namesOtherCountries: false };
import { normalizeText } from '../../normalize/normalize-text.ts';
import { segment, type Segment } from '../../normalize/segment.ts';
import { claimantOfOutlet } from '../actors.ts';
import { MAX_CASUALTY_FIGURE } from '../casualties.ts';
import type { ExtractionBudget } from '../extraction-budget.ts';
import { framesOfSentence, readSentence, type Frame, type SentenceInfo } from '../frames.ts';
import { isPageDateLine, publicationDay } from './publication-day.ts';
import type { DocumentReading } from './extraction-state.ts';

/** `budget`, when given, is checked after every sentence read (extraction-budget.ts). */
export function readDocument(article: Article, lookup: PlaceLookup, geo: DocumentGeo = NO_GEO, budget: ExtractionBudget | null = null): DocumentReading {
  const warnings: Warning[] = [];
  const text = normalizeText(article.text);
  // A page's "Posted: 03/04/2014" line dates the page, not the event: it is not read as prose.
  const segs = splitGluedTitle(segment(text), text, article.title).filter((s) => s.kind !== 'boilerplate' && /\p{L}{2}/u.test(s.text) && !isPageDateLine(s.text));
  const day = publicationDay(article, text);
  if (day.warning) warnings.push(day.warning);
  const sentences: SentenceInfo[] = segs.map((s, i) => {
    const read = readSentence(s, i, day.published, lookup);
    budget?.check({ pass: 'read-document', sentencesDone: i + 1, sentences: segs.length, offset: s.end, textLength: text.length });
    return read;
  });
  warnings.push(...refusedFigureWarnings(article.id, sentences));
  const frames: Frame[] = sentences.flatMap((s) => framesOfSentence(s, text));
  return {
    article,
    text,
    published: day.published,
    publishedEstimated: day.estimated,
    sentences,
    frames,
    outletClaimant: claimantOfOutlet(article.outlet),
    claimantsBefore: claimantsBefore(sentences),
    geo,
    warnings,
  };
}

/**
 * One `implausible-figure` warning per number refused as a casualty figure (rule
 * cas.implausible-figure in casualties.ts), naming the document, the number as written, its offset
 * and its sentence's.
 */
export function refusedFigureWarnings(documentId: string, sentences: readonly SentenceInfo[]): Warning[] {
  return sentences.flatMap((s) =>
    s.refusedFigures.map((f) => ({
      code: 'implausible-figure',
      message: `document ${documentId}: casualty figure "${f.text}" at offset ${f.start} (sentence at offset ${s.start}) is above ${MAX_CASUALTY_FIGURE.toLocaleString('en-US')}, more than one report can plausibly state; it was not taken as a figure (rule ${f.rule})`,
      source: `${documentId}@${f.start}`,
    })),
  );
}

/**
 * A page scraped with its headline run into the lead ("Man shot twice downtownA man was shot …"):
 * the text begins with the article's own title with no break after it, so the first sentence would
 * be headline and lead in one. The title becomes a headline segment of its own.
 */
export function splitGluedTitle(segs: readonly Segment[], text: string, title: string | null | undefined): Segment[] {
  const head = title ? normalizeText(title).trim() : '';
  const first = segs[0];
  if (head.length < 12 || !first || first.start !== 0 || !text.startsWith(head) || first.end <= head.length) return [...segs];
  if (!/[\p{L}\p{N}"“'‘(]/u.test(text.charAt(head.length))) return [...segs];
  const headline: Segment = { start: 0, end: head.length, text: head, kind: 'headline', paragraph: first.paragraph, rule: 'segment.title-prefix' };
  const lead: Segment = { ...first, start: head.length, text: text.slice(head.length, first.end) };
  return [headline, lead, ...segs.slice(1)];
}

/** For each sentence, the claimants of the last sentence before it that named any. */
export function claimantsBefore(sentences: readonly SentenceInfo[]): Tagged<string>[][] {
  let last: Tagged<string>[] = [];
  const out: Tagged<string>[][] = [];
  for (const s of sentences) {
    out[s.index] = last;
    if (s.claimants.length) last = s.claimants;
  }
  return out;
}
