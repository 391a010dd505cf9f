/**
 * The language of a document, for deciding whether Tally's rules can read it (issue 13). The
 * rules are written for English; a document in another language is stored and counted, never
 * dropped, and is not extracted until rules for its language exist.
 *
 * A language given with the document wins (its primary subtag: "en-GB" is "en"). Otherwise eld
 * (`eld/medium`, chosen in ../shared/docs/stack.md over franc and tinyld, which misread short
 * English) reads the title and the first DETECT_CHARS characters of the text; its answer counts
 * only when it says it is reliable, so a short or mixed text stays unknown — and is extracted, as
 * every document was before languages were told apart.
 */
import { eld } from 'eld/medium';
import type { Article } from '../../domain/types.ts';

/** Enough text for a confident answer; detection cost grows with the length. */
const DETECT_CHARS = 2000;
/** The languages Tally's rules read. */
export const EXTRACTED_LANGUAGES: ReadonlySet<string> = new Set(['en']);

/** The primary subtag of a language tag, lower case: "en-GB" → "en", "EN" → "en"; null for "und", empty or junk. */
export function primaryLanguage(tag: string | null | undefined): string | null {
  const m = /^\s*([A-Za-z]{2,3})(?:[-_][A-Za-z0-9-_]*)?\s*$/.exec(tag ?? '');
  if (!m) return null;
  const primary = m[1].toLowerCase();
  return primary === 'und' ? null : primary;
}

/** The detector's confident answer for `text` (ISO 639-1), or null. */
export function detectLanguage(text: string): string | null {
  const result = eld.detect(text.slice(0, DETECT_CHARS));
  return result.language && result.isReliable() ? result.language : null;
}

/** `article` with `detectedLanguage` filled when it gives no language of its own. */
export function withDetectedLanguage(article: Article): Article {
  if (primaryLanguage(article.language) !== null) return { ...article, detectedLanguage: null };
  const sample = article.title ? `${article.title}\n${article.text}` : article.text;
  return { ...article, detectedLanguage: detectLanguage(sample) };
}

/** The document's language as far as it is known (given, else detected), primary subtag. */
export function documentLanguage(article: Article): string | null {
  return primaryLanguage(article.language) ?? primaryLanguage(article.detectedLanguage);
}

/** True when Tally's rules can read the document: English, or a language not known. */
export function isExtracted(article: Article): boolean {
  const language = documentLanguage(article);
  return language === null || EXTRACTED_LANGUAGES.has(language);
}
