/**
 * Pass 1, read: normalises and segments the text, fixes the day relative dates resolve against,
 * and reads every sentence (figures, dates, places, actors, events, cues) and the frames of each
 * clause. Nothing here looks beyond its own sentence; carrying context is the next pass.
 */
import type { Article, Tagged, Warning } from '../../../domain/types.ts';
import type { DocumentGeo, PlaceLookup } from '../../../domain/place-lookup.ts';

const NO_GEO: DocumentGeo = { context: { countries: [] }, evidence: [], datelineCity: null, datelineRegion: null, namesOtherCountries: false };
import { normalizeText } from '../../normalize/normalize-text.ts';
import { segment } from '../../normalize/segment.ts';
import { claimantOfOutlet } from '../actors.ts';
import { framesOfSentence, readSentence, type Frame, type SentenceInfo } from '../frames.ts';
import { isPageDateLine, publicationDay } from './publication-day.ts';
import type { DocumentReading } from './extraction-state.ts';

export function readDocument(article: Article, lookup: PlaceLookup, geo: DocumentGeo = NO_GEO): DocumentReading {
  const warnings: Warning[] = [];
  const text = normalizeText(article.text);
  // A page's "Posted: 03/04/2014" line dates the page, not the event: it is not read as prose.
  const segs = segment(text).filter((s) => s.kind !== 'boilerplate' && /\p{L}{2}/u.test(s.text) && !isPageDateLine(s.text));
  const day = publicationDay(article, text);
  if (day.warning) warnings.push(day.warning);
  const sentences: SentenceInfo[] = segs.map((s, i) => readSentence(s, i, day.published, lookup));
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
