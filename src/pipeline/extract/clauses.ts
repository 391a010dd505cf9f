/**
 * Splits a sentence into clauses so that separate figures for separate places stay separate:
 * "Five died in Al-Malaja while the other four were killed in Saraqeb" is two statements, and so
 * is SOHR's "..., they are 7 civilians ... in al-Sahara, and 6 civilians ... in Jabbala". A weak
 * separator (", and", ",") splits only before a second head count with the same outcome, so
 * "killing 4 civilians, injuring 10 others" stays one statement.
 */
import type { CountAnchor } from './casualties.ts';

export interface Clause {
  start: number; // offset in the sentence text
  end: number;
}

export const CLAUSE_RULES = [
  { id: 'clause.strong', example: 'Five died in Al-Malaja while the other four were killed in Saraqeb.' },
  { id: 'clause.before-count', example: 'Seven civilians were killed in Kafr Nabl, and two more died in Hass.' },
  { id: 'clause.retaliation', example: 'Jets killed four people in the town on Monday in response to rebel shelling that wounded six people.' },
];

/**
 * Strong separators. "… in response to / in retaliation for rebel shelling that wounded six" tells
 * another event, the one answered, with its own figures and agent (clause.retaliation).
 */
const STRONG_SEP = /\s+(?=in (?:response|retaliation|reprisal) (?:to|for)\s+[^.;]{0,80}?\b(?:that|which)\s+(?:\w+\s+){0,8}?(?:killed|wounded|injured|left)\b)|;\s+(?!were\b|was\b|and\b)|,?\s+while\s+|\s+whereas\s+|,?\s+(?:and\s+)?they are\s+|,\s+(?:and\s+)?(?:meanwhile|separately)\s*,?\s+|\s+before\s+(?=(?:another|a further|\w+\s+more)\b)|,?\s+and\s+(?=(?:(?:artillery\s+)?shelling|air ?strikes?|strikes?|raids?|an? (?:air ?strike|drone strike|drone attack|attack|explosion|car bomb|raid))\s+(?:on|in|at|targeting|hit|near)\b)/gi;
const WEAK_BEFORE = /(?:[,:]\s*(?:and\s+)?|\s+and\s+(?:another\s+)?|\s+as well as\s+)$/i;

/**
 * @param text sentence text
 * @param anchors casualty anchors of the sentence, offsets relative to `base`
 */
export function splitClauses(text: string, anchors: CountAnchor[], base: number): Clause[] {
  const cuts = new Set<number>();
  for (const m of text.matchAll(STRONG_SEP)) cuts.add(m.index! + (m[0].startsWith(';') || m[0].startsWith(',') ? 1 : 0));
  const heads = anchors.filter((a) => a.parent === null);
  for (let i = 1; i < heads.length; i++) {
    const prev = heads[i - 1];
    const cur = heads[i];
    const between = text.slice(prev.end - base, cur.start - base);
    // A second count with the same outcome is a new statement when a comma or "and" introduces it
    // and the previous statement has had room to name its own place ("in X", "on X").
    if (cur.outcome !== prev.outcome) continue;
    const startOfCur = cur.start - base;
    const pre = text.slice(Math.max(0, startOfCur - 30), startOfCur);
    const m = WEAK_BEFORE.exec(pre);
    // An elliptical part ("five in Sarmin and four in Taftanaz") names its own place after the count.
    const placedAfter = /^\s*(?:\w+\s+){0,3}?(?:in|at|near)\s+(?:the\s+\w+\s+of\s+)?[A-Z]/.test(text.slice(cur.end - base, cur.end - base + 60)) || cur.rule === 'cas.elliptical';
    if (m && (/\b(?:in|on|at|near|of|targeting|targeted)\b/i.test(between) || (placedAfter && /\b(?:in|at|near)\s+[A-Z]/.test(text.slice(prev.start - base, cur.start - base))))) cuts.add(startOfCur - m[0].length);
    else if (/\b(?:in|on|at)\s+[A-Z]/.test(between) && /,\s*$/.test(between)) cuts.add(startOfCur);
    else {
      // "Eleven civilians were killed in Idlib, as Syrians buried the dozens killed in Homs":
      // a comma and a conjunction between two tolls start another statement.
      const conj = /,\s+(?:as|after|when|while|but|and|since|whereas)\s+(?!(?:including|among)\b)/gi;
      let last: RegExpExecArray | null = null;
      for (const c of between.matchAll(conj)) last = c as RegExpExecArray;
      if (last) cuts.add(prev.end - base + last.index! + 1);
    }
  }
  const points = [...cuts].filter((c) => c > 0 && c < text.length).sort((a, b) => a - b);
  const clauses: Clause[] = [];
  let s = 0;
  for (const p of points) {
    if (p - s > 3) clauses.push({ start: s, end: p });
    s = p;
  }
  clauses.push({ start: s, end: text.length });
  return clauses;
}
