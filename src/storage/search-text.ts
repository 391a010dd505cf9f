/**
 * The words an incident can be found by (`IncidentFilter.q`), normalised here in TypeScript so
 * SQLite (FTS5) and PostgreSQL (a tsvector GIN index) index and match exactly the same tokens:
 * lower-cased, accents and Arabic vowel marks removed (NFKD, then every combining mark), apostrophes
 * and transliteration marks inside names dropped ("Maʿarrat", "Ma'arrat" and "Maarrat" are one
 * word), split on anything that is not a letter or a digit. No stemming: place names and claimant
 * ids must not be conflated. A query matches an incident when every query word is the start of
 * one of its words (prefix search: "sara" finds Saraqib).
 */
import type { Incident } from '../domain/types.ts';

/** Marks that sit inside transliterated names (ʿayn, hamza, apostrophes, Arabic tatweel). */
const INNER_MARKS = /['`´‘’ʹʺʻʼʾʿـ]/g;

/** At most this many query words are used (a pasted paragraph is not a search). */
export const MAX_QUERY_WORDS = 16;

export function searchWords(text: string): string[] {
  return text
    .toLowerCase()
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .replace(INNER_MARKS, '')
    .split(/[^\p{L}\p{N}]+/u)
    .filter((w) => w.length > 0);
}

function unique(words: string[]): string[] {
  return [...new Set(words)];
}

/** Place names, event type, perpetrators, targets, claimants, outlets and quotes, as unique words. */
export function incidentSearchText(incident: Incident): string {
  const places = [incident.location, ...incident.places].flatMap((p) => (p ? [p.name, p.admin1, p.admin2] : []));
  const fields = [
    ...places,
    incident.eventType,
    ...incident.perpetrators,
    ...incident.targets,
    ...incident.claims.flatMap((c) => [c.claimant, c.outlet, c.quote]),
  ].filter((s): s is string => typeof s === 'string' && s.length > 0);
  return unique(fields.flatMap(searchWords)).join(' ');
}

/** The words of a query, or [] when it has none (then it constrains nothing). */
export function queryWords(q: string): string[] {
  return unique(searchWords(q)).slice(0, MAX_QUERY_WORDS);
}

/** FTS5 query: every word as a quoted prefix token, implicitly ANDed. */
export function fts5Query(words: readonly string[]): string {
  return words.map((w) => `"${w.replace(/"/g, '""')}"*`).join(' ');
}

/** tsquery text (read verbatim by the tsquery type, no parser): every word as a prefix, ANDed. */
export function tsQuery(words: readonly string[]): string {
  return words.map((w) => `'${w.replace(/\\/g, '\\\\').replace(/'/g, "''")}':*`).join(' & ');
}
