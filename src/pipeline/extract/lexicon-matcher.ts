/**
 * Compiles data lexicons (rule id + alias regex sources) into one alternation per entry and finds
 * their matches in a text with offsets, so every extracted value keeps the rule and the span that
 * produced it. Compilation happens once per lexicon at module load.
 */

export interface LexiconMatch<V> {
  rule: string;
  value: V;
  start: number;
  end: number;
  text: string;
}

export interface CompiledEntry<V> {
  rule: string;
  value: V;
  re: RegExp;
  reCase: RegExp | null;
  priority: number;
}

const WORD_START = '(?<![\\p{L}\\p{N}])';
const WORD_END = '(?![\\p{L}\\p{N}])';

export function wordRegex(patterns: string[], flags = 'giu'): RegExp {
  return new RegExp(`${WORD_START}(?:${patterns.join('|')})${WORD_END}`, flags);
}

export function compileEntries<V>(
  entries: { rule: string; patterns: string[]; caseSensitivePatterns?: string[]; priority?: number }[],
  valueOf: (e: any) => V,
): CompiledEntry<V>[] {
  return entries.map((e) => ({
    rule: e.rule,
    value: valueOf(e),
    re: wordRegex(e.patterns),
    reCase: e.caseSensitivePatterns && e.caseSensitivePatterns.length ? wordRegex(e.caseSensitivePatterns, 'gu') : null,
    priority: e.priority ?? 0,
  }));
}

/** All matches of all entries in text (offsets shifted by `offset`), sorted by start, longest first. */
export function findAll<V>(compiled: CompiledEntry<V>[], text: string, offset = 0): (LexiconMatch<V> & { priority: number })[] {
  const out: (LexiconMatch<V> & { priority: number })[] = [];
  for (const c of compiled) {
    for (const re of c.reCase ? [c.re, c.reCase] : [c.re]) {
      re.lastIndex = 0;
      let m: RegExpExecArray | null;
      while ((m = re.exec(text))) {
        if (m[0].length === 0) {
          re.lastIndex++;
          continue;
        }
        out.push({ rule: c.rule, value: c.value, start: offset + m.index, end: offset + m.index + m[0].length, text: m[0], priority: c.priority });
      }
    }
  }
  out.sort((a, b) => a.start - b.start || b.end - b.start - (a.end - a.start) || a.rule.localeCompare(b.rule));
  return out;
}

/** Drop matches contained in an earlier longer match (keeps the first-sorted one). */
export function dropNested<T extends { start: number; end: number }>(matches: T[]): T[] {
  const out: T[] = [];
  let lastEnd = -1;
  for (const m of matches) {
    if (m.start >= lastEnd) {
      out.push(m);
      lastEnd = m.end;
    } else if (m.end > lastEnd && m.start < lastEnd) {
      // overlapping but not nested: keep the earlier
      continue;
    }
  }
  return out;
}
