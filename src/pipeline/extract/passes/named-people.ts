/**
 * Pass 6b, named people: the people of an event as the report names them — a victim or a suspect
 * told with an age ("Dana Lee, 24, was shot", "killed 19-year-old Dana Lee") or identified by the
 * police or a coroner ("identified the victim as Dana Lee"). A follow-up weeks later (an arrest, a
 * funeral, a trial) names the same people, often with no town and a date of its own, so a shared
 * name is strong evidence that two reports tell one event (src/pipeline/link/link-mentions.ts).
 * Officials quoted in the text ("Sheriff Dana Lee said") are not told with an age and are left out.
 */
import type { Mention, Tagged } from '../../../domain/types.ts';
import type { DocumentReading } from './extraction-state.ts';
import { firstIndexWhere } from './first-index-where.ts';

export const PEOPLE_RULES = [
  { id: 'person.name-age', description: 'a name followed by an age', example: 'Dana Lee, 24, was shot in the leg on Friday.' },
  { id: 'person.age-name', description: 'an age followed by a name', example: 'The gunman killed 19-year-old Dana Lee and wounded two others.' },
  { id: 'person.identified-as', description: 'a person identified by name', example: 'The coroner identified the victim as Dana Lee of Lakeville.' },
  { id: 'person.role-verb', description: 'a name that is charged, arrested, sentenced, shot or killed, or that pleaded', example: 'Marcus Webb was charged with murder on Tuesday.' },
  { id: 'person.of-event', description: 'the name after the trial, death, killing or shooting of', example: 'Jurors began deliberating in the trial of Marcus Webb on Tuesday.' },
  { id: 'person.role-apposition', description: 'a name set off after suspect, gunman, victim or defendant', example: 'The suspect, Marcus Webb, was held without bail.' },
] as const;

/** A personal name: two to four capitalised words, middle initials allowed ("Dana R. Lee"). */
const NAME = String.raw`\p{Lu}[\p{Ll}'’-]+(?:\s+(?:\p{Lu}\.|\p{Lu}[\p{Ll}'’-]+|(?:Jr|Sr)\.?|I{2,3}|IV)){1,3}`;
const NAME_AGE_RE = new RegExp(String.raw`(?<![\p{L}.])(${NAME}),\s*(?:age\s+)?\d{1,3}\s*[,;)]`, 'gu');
const AGE_NAME_RE = new RegExp(String.raw`\b\d{1,3}-year-old\s+(${NAME})`, 'gu');
// A follow-up (an arrest, a charge, a trial) names its people by what they did or what was done to
// them, seldom with an age: "Marcus Webb was charged", "the trial of Marcus Webb".
const ROLE_VERB_RE = new RegExp(String.raw`(?<![\p{L}.])(${NAME}),?\s+(?:(?:was|is|has been|had been|will be)\s+(?:\p{Ll}+ly\s+)?(?:charged|arrested|indicted|sentenced|convicted|booked|arraigned|extradited|shot|killed|wounded)|pleaded|pled)\b`, 'gu');
const OF_EVENT_RE = new RegExp(String.raw`\b(?:trial|arraignment|sentencing|murder|death|killing|slaying|shooting)\s+of\s+(${NAME})(?![\p{L}])`, 'gu');
const ROLE_APPOSITION_RE = new RegExp(String.raw`\b(?:suspect|gunman|shooter|victim|defendant)\s*,\s*(${NAME})\s*,`, 'gu');
const IDENTIFIED_RE = new RegExp(String.raw`\bidentified\s+(?:(?:the|a|an)\s+(?:[\p{Ll}-]+\s+){0,2}|him\s+|her\s+|them\s+)?as\s+(${NAME})`, 'gu');

/** Capitalised words that start a sentence or a place, not a name ("Police Chief …", "North Main …"). */
const NOT_A_FIRST_NAME = new Set([
  'the', 'a', 'an', 'police', 'officers', 'officer', 'deputies', 'sheriff', 'chief', 'detective', 'sgt', 'lt', 'capt', 'mayor', 'coroner',
  'north', 'south', 'east', 'west', 'northeast', 'northwest', 'southeast', 'southwest', 'saint', 'st', 'mount', 'fort', 'lake', 'port', 'new',
  'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday', 'january', 'february', 'march', 'april', 'may', 'june',
  'july', 'august', 'september', 'october', 'november', 'december', 'county', 'city', 'state', 'his', 'her', 'their', 'when', 'after',
]);
const SUFFIX_RE = /^(?:jr|sr|ii|iii|iv)\.?$/i;

/** "Dana R. Lee Jr." → "dana lee": first and last name, lower case, no initials or suffixes. */
export function personKey(name: string): string | null {
  const words = name.split(/\s+/).filter((w) => !/^\p{Lu}\.$/u.test(w) && !SUFFIX_RE.test(w));
  if (words.length < 2) return null;
  const first = words[0].toLowerCase();
  if (NOT_A_FIRST_NAME.has(first)) return null;
  return `${first} ${words[words.length - 1].toLowerCase().replace(/['’]s$/, '')}`;
}

interface NamedPerson {
  readonly person: Tagged<string>;
  readonly sentence: number;
}

/** Every person the document names with an age or as identified, in the order of the text. */
export function findNamedPeople(doc: DocumentReading): NamedPerson[] {
  const out: NamedPerson[] = [];
  for (const s of doc.sentences) {
    for (const [re, rule] of [[NAME_AGE_RE, 'person.name-age'], [AGE_NAME_RE, 'person.age-name'], [IDENTIFIED_RE, 'person.identified-as'], [ROLE_VERB_RE, 'person.role-verb'], [OF_EVENT_RE, 'person.of-event'], [ROLE_APPOSITION_RE, 'person.role-apposition']] as const) {
      for (const m of s.text.matchAll(re)) {
        const key = personKey(m[1]);
        if (!key) continue;
        const start = s.start + m.index! + m[0].indexOf(m[1]);
        out.push({ person: { value: key, prov: { rule, span: { start, end: start + m[1].length }, text: m[1] } }, sentence: s.index });
      }
    }
  }
  return out.sort((a, b) => a.person.prov.span.start - b.person.prov.span.start);
}

/**
 * Give each incident mention the people named in its part of the report: a person belongs to the
 * last incident told before (or in) their sentence, else to the first. Tallies name no one.
 */
export function attachNamedPeople(doc: DocumentReading, mentions: readonly Mention[]): Mention[] {
  const people = findNamedPeople(doc);
  const ownerOf = people.length ? incidentOwner(doc, mentions) : null;
  if (!ownerOf) return [...mentions];
  const byMention = new Map<number, Tagged<string>[]>();
  for (const p of people) {
    const owner = ownerOf(p.sentence);
    const list = byMention.get(owner) ?? [];
    if (!list.some((q) => q.value === p.person.value)) list.push(p.person);
    byMention.set(owner, list);
  }
  return mentions.map((m, i) => (byMention.has(i) ? { ...m, people: byMention.get(i)! } : m));
}

/**
 * Which incident mention a sentence's detail (a person, a street) belongs to: the last incident told
 * before or in that sentence, else the first. Returns the mention's index, or null when none is an
 * incident.
 */
export function incidentOwner(doc: DocumentReading, mentions: readonly Mention[]): ((sentence: number) => number) | null {
  const incidents = mentions
    .map((m, i) => ({ m, i, first: firstSentence(doc, m) }))
    .filter((x) => x.m.kind === 'incident')
    .sort((a, b) => a.first - b.first || a.i - b.i);
  if (!incidents.length) return null;
  // The last incident (in that order) told before or in the sentence, found by binary search.
  return (sentence) => {
    const after = firstIndexWhere(incidents.length, (k) => incidents[k].first > sentence);
    return (after > 0 ? incidents[after - 1] : incidents[0]).i;
  };
}

/** The index of the sentence a mention's quote starts in (the first ending after its start). */
function firstSentence(doc: DocumentReading, m: Mention): number {
  const k = firstIndexWhere(doc.sentences.length, (j) => doc.sentences[j].end > m.span.start);
  return k < doc.sentences.length ? doc.sentences[k].index : 0;
}
