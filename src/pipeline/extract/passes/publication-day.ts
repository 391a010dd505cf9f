/**
 * The day a document's relative dates ("on Wednesday", "yesterday") are reckoned from: its
 * `published` metadata, else a date in its URL (".../2019/12/05/..."), else the latest full date
 * its title or text states. A document with none of these resolves no relative date; each fallback
 * is reported as a warning, never silent.
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

function latestExplicitDate(text: string): string | null {
  let best: string | null = null;
  for (const d of findDates(text, 0, null)) {
    if (!d.range || isBackgroundDateRule(d.rule)) continue;
    if (!best || d.range.end > best) best = d.range.end;
  }
  return best;
}
