/**
 * The day a document's relative dates ("on Wednesday", "yesterday") are reckoned from: its
 * `published` metadata, else a date in its URL (".../2019/12/05/..."), else the date its own page
 * or dispatch gives ("Posted: 03/04/2014", "Updated 6:15 pm, Sunday, March 9, 2014", the dateline
 * "TOLEDO, Ohio, March 3, 2014 —"), else the latest full date its title or text states. A document
 * with none of these resolves no relative date; each fallback is reported as a warning, never silent.
 */
import type { Article, Warning } from '../../../domain/types.ts';
import { isoDayOf } from '../../ingest/published-date.ts';
import { findDates, isBackgroundDateRule } from '../dates.ts';

export interface PublicationDay {
  published: string | null;
  /** The day was not in the metadata but read from the text. */
  estimated: boolean;
  warning: Warning | null;
}

export function publicationDay(article: Article, text: string): PublicationDay {
  const stated = article.published ? isoDayOf(article.published) ?? article.published : null;
  const published = stated ?? publishedFromUrl(article.url);
  if (published) return { published, estimated: false, warning: null };
  const own = statedPublicationDay(text);
  if (own) {
    return {
      published: own.day,
      estimated: false,
      warning: { code: 'date-from-text', message: `document ${article.id} has no publication date; relative dates resolved against ${own.day}, from its ${own.rule === 'published.dateline' ? 'dateline' : 'page line'} "${own.text}"`, source: article.id },
    };
  }
  // No metadata: the latest full date the text itself states is the best anchor left.
  const estimated = latestExplicitDate(article.title ?? '') ?? latestExplicitDate(text);
  const warning: Warning = estimated
    ? { code: 'date-estimated', message: `document ${article.id} has no publication date; relative dates resolved against ${estimated}, the latest date its text states`, source: article.id }
    : { code: 'no-date', message: `document ${article.id} has no publication date; relative dates cannot be resolved`, source: article.id };
  return { published: estimated, estimated: true, warning };
}

/** A publication date from the URL (".../2019/12/05/...") when the metadata has none. */
export function publishedFromUrl(url: string | null): string | null {
  if (!url) return null;
  const m = /(?:^|\/)((?:19|20)\d\d)[/-](0[1-9]|1[0-2])[/-](0[1-9]|[12]\d|3[01])(?:\/|$|-)/.exec(url);
  return m ? `${m[1]}-${m[2]}-${m[3]}` : null;
}

/** Rules that read the day a page or dispatch says it was published; each with an invented example. */
export const PUBLICATION_DAY_RULES = [
  { id: 'published.page-line', example: 'Posted: 03/04/2014 10:21 PM EST' },
  { id: 'published.page-line', example: 'Updated 6:15 pm, Sunday, March 9, 2014' },
  { id: 'published.dateline', example: 'LAKEVILLE, Ohio, March 3, 2014 — A man was shot on Saturday.' },
] as const;

/**
 * "Posted: 03/04/2014", "Published on March 9, 2014 at 6:15 pm": a short line of page furniture
 * naming the day the page went up (also used to keep that day out of the event's date).
 */
export const PAGE_DATE_LINE_RE = /^\s*(?:posted|published|updated|last updated|last modified|created|first published)\b(?: on)?\s*:?\s*(?<rest>[^\n]{4,80}?)\s*$/im;
/** "CITY, State, Month D, YYYY —": a dispatch's place and day before the dash that opens the story. */
export const DATELINE_DATE_RE = /^\s*[A-Z][A-Z .'-]{2,40}(?:,\s*[A-Z][\p{L}.]+(?:\s+[A-Z][\p{L}.]+)?)?,\s*(?<date>(?:[A-Z][a-z]{2,8}\.?\s+\d{1,2},\s+\d{4})|(?:\d{1,2}\s+[A-Z][a-z]{2,8}\.?\s+\d{4}))\s*(?:\([^)]{1,30}\)\s*)?[—–-]{1,2}\s/mu;
/** A segment that is only a page's date line ("Updated 6:15 pm, Sunday, March 9, 2014"). */
export function isPageDateLine(segment: string): boolean {
  return segment.length <= 100 && /\d/.test(segment) && /^\s*(?:posted|published|updated|last updated|last modified|created|first published)\b(?: on)?\s*:?/i.test(segment);
}

/** US page furniture writes numeric days month first: "03/04/2014" is March 4. */
const US_NUMERIC_DAY_RE = /(?<![\d/])(?<m>\d{1,2})\/(?<d>\d{1,2})\/(?<y>\d{4}|\d{2})(?![\d/])/;

/** The publication day a page line or dateline states, with the rule and the words it read. */
export function statedPublicationDay(text: string): { day: string; rule: string; text: string } | null {
  const head = text.slice(0, 3000);
  const line = PAGE_DATE_LINE_RE.exec(head);
  if (line?.groups) {
    const rest = line.groups.rest;
    const numeric = US_NUMERIC_DAY_RE.exec(rest);
    let day: string | null = null;
    if (numeric?.groups) {
      let m = Number(numeric.groups.m);
      let d = Number(numeric.groups.d);
      if (m > 12 && d <= 12) [m, d] = [d, m];
      const y = numeric.groups.y.length === 2 ? 2000 + Number(numeric.groups.y) : Number(numeric.groups.y);
      day = isoDayOf(`${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`);
    } else {
      day = latestExplicitDate(rest);
    }
    if (day) return { day, rule: 'published.page-line', text: line[0].trim() };
  }
  const dateline = DATELINE_DATE_RE.exec(head);
  if (dateline?.groups) {
    const day = latestExplicitDate(dateline.groups.date);
    if (day) return { day, rule: 'published.dateline', text: dateline[0].trim() };
  }
  return null;
}

function latestExplicitDate(text: string): string | null {
  let best: string | null = null;
  for (const d of findDates(text, 0, null)) {
    if (!d.range || isBackgroundDateRule(d.rule)) continue;
    if (!best || d.range.end > best) best = d.range.end;
  }
  return best;
}
