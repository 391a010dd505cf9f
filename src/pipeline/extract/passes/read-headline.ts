/**
 * Pass 1b, read the headline: a page whose body is a login form, a subscription or cookie notice or
 * a site's boilerplate often still carries the event in its `title` ("Man, 34, killed in shooting
 * on Elm Street; teen wounded"). When the body yields no incident, the title is read as a one-line
 * document of its own and its incidents are the report's (decision 0020). Offsets stay offsets into
 * the title as ingested: every change made to read it keeps its length (normalizeText, a site name
 * blanked with spaces, Title Case folded letter for letter), so a figure's span is a span of the
 * title, and the mentions say so (`Mention.quoteIn = 'title'`).
 *
 * Three kinds of rule (HEADLINE_RULES), each with an id, an invented example and a test row
 * (test/extract/read-headline.test.ts):
 * - how the title is read: a site's name after a separator is not the headline
 *   (`headline.site-suffix`); a Title Case headline is folded to the lower case its words have in a
 *   sentence, proper names aside (`headline.title-case`); the town a headline opens with before a
 *   person is its place (`headline.town-first`);
 * - which titles are not a report of an event: questions, obituaries, listings, notices
 *   (`headline.not-event`);
 * - headline grammar the sentence finders do not read, taken where they read no figure: people
 *   told by noun, age or place before an outcome (`headline.person-outcome`,
 *   `headline.two-people-outcome`), a count hit (`headline.count-hit`,
 *   `headline.sends-to-hospital`), the word for the event ("triple shooting", "fatal shooting";
 *   "double homicide" and "murder-suicide" are read in any sentence by cas.multiple-killing), and a
 *   bare noun after another person is someone else (`headline.another-person`).
 */
import type { Article, PlaceMention, Provenance } from '../../../domain/types.ts';
import type { PlaceLookup } from '../../../domain/place-lookup.ts';
import { normalizeText } from '../../normalize/normalize-text.ts';
import { segment } from '../../normalize/segment.ts';
import { headlineRule } from '../../normalize/headline.ts';
import { framesOfSentence, readSentence, type Frame, type SentenceInfo } from '../frames.ts';
import { NAME } from '../places.ts';
import { MAX_CASUALTY_FIGURE, type CountAnchor, type Outcome } from '../casualties.ts';
import { parseNumber } from '../numbers.ts';
import { claimantsBefore, refusedFigureWarnings } from './read-document.ts';
import type { DocumentReading } from './extraction-state.ts';

export interface HeadlineRule {
  id: string;
  description: string;
  /** An invented title the rule applies to. */
  example: string;
}

export const HEADLINE_RULES: readonly HeadlineRule[] = [
  { id: 'headline.body-silent', description: 'the title is read only when the body yields no incident', example: 'Man shot dead outside corner store in Lakeville' },
  { id: 'headline.site-suffix', description: "a site's name after a separator is not the headline", example: 'Man shot dead outside corner store | The Lakeville Ledger' },
  { id: 'headline.title-case', description: 'a Title Case headline is read in the case its words have in a sentence', example: 'Two Men Shot Dead Outside Corner Store In Lakeville' },
  { id: 'headline.not-event', description: 'a question, an obituary, a listing or a notice is not a report of an event', example: 'Who is to blame when a child finds a loaded gun?' },
  { id: 'headline.person-outcome', description: 'one person told by noun, age or place before what happened to them', example: 'Lakeville boy, 7, hospitalized after accidental shooting' },
  { id: 'headline.two-people-outcome', description: 'two people told together before what happened to them', example: 'Father, daughter, 9, found dead in Lakeville home' },
  { id: 'headline.multiple', description: 'a double or triple shooting counts those hit (a double homicide or a murder-suicide is read by the casualty rule cas.multiple-killing, in any sentence)', example: 'Police seek gunman in Lakeville triple shooting' },
  { id: 'headline.fatal-shooting', description: 'a fatal shooting or a shooting death: at least one dead', example: 'Man arrested in fatal Lakeville nightclub shooting' },
  { id: 'headline.another-person', description: 'in a headline a bare noun after another person is someone else, not a reference back', example: 'Man, 34, killed in Lakeville shooting; teen wounded' },
  { id: 'headline.town-first', description: 'a town the headline opens with, before a person, is the place', example: 'Lakeville man shot while hunting' },
  { id: 'headline.count-hit', description: 'a number of people hit, or shot at a named place', example: 'Police: 3 hit in shooting near Rio Club' },
  { id: 'headline.sends-to-hospital', description: 'a shooting that sends a number of people to hospital wounded them', example: 'Shooting at Lakeville bar sends 4 people to the hospital' },
];

/** How the title was read: the text the finders read (same length as the title) and each decision with its span. */
export interface HeadlineText {
  /** The title, normalised, with the site's name blanked and Title Case folded; same length as the title. */
  text: string;
  decisions: Provenance[];
  /** Set when the title is no report of an event (rule `headline.not-event`); nothing is read then. */
  notEvent: Provenance | null;
}

/** A title read as a document: the reading the passes after pass 1 take, and the decisions that shaped it. */
export interface HeadlineReading {
  reading: DocumentReading;
  decisions: Provenance[];
}

/** Words that tell of violence: a part after a separator holding none is a site's name, not the story. */
const EVENT_WORD_RE = /(?<![\p{L}])(?:shoot\w*|shot\w*|kill\w*|dead\w*|death\w*|dies|died|dying|wound\w*|injur\w*|hurt|stab\w*|murder\w*|homicide\w*|slay\w*|slain|gun\w*|fire[sd]?|firing|victims?|suspects?|police|arrest\w*|charged|hospital\w*|critical|condition)(?![\p{L}])/iu;
/** A separator between a headline and what a site appends to it: " | ", " - ", " :: ", " • ". */
const SEPARATOR_RE = /\s+(?:\||-{1,2}|::|•|»)\s+|\s*\|\s*$/g;

/** Words a Title Case headline capitalises that a sentence writes in lower case: function words, people, outcomes, numbers. */
const FOLDED_WORDS: ReadonlySet<string> = new Set([
  'a', 'an', 'the', 'and', 'or', 'of', 'in', 'on', 'at', 'to', 'for', 'by', 'with', 'from', 'after', 'before', 'near', 'outside', 'inside', 'during',
  'while', 'when', 'as', 'into', 'over', 'is', 'are', 'was', 'were', 'has', 'have', 'been', 'his', 'her', 'their', 'its', 'another', 'other', 'others',
  'man', 'men', 'woman', 'women', 'boy', 'boys', 'girl', 'girls', 'teen', 'teens', 'teenager', 'teenagers', 'child', 'children', 'toddler', 'baby', 'infant',
  'person', 'people', 'father', 'mother', 'son', 'daughter', 'brother', 'sister', 'officer', 'officers', 'deputy', 'deputies', 'trooper', 'student', 'students',
  'victim', 'victims', 'juvenile', 'youth', 'adult', 'adults', 'shooting', 'shootings', 'shot', 'shoots', 'killed', 'kills', 'killing', 'dead', 'dies', 'died',
  'wounded', 'wounding', 'injured', 'injuring', 'hurt', 'stabbed', 'slain', 'fatally', 'fatal', 'critically', 'seriously', 'accidentally', 'found', 'hospitalized',
  'hospitalised', 'hit', 'struck', 'grazed', 'critical', 'serious', 'stable', 'condition', 'self', 'himself', 'herself', 'themselves', 'murder', 'suicide',
  'leaves', 'left', 'leaving', 'kill', 'kills', 'wound', 'wounds', 'injure', 'injures', 'sends', 'opens', 'open', 'fire', 'fires', 'die', 'identified', 'says', 'say',
  'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten', 'eleven', 'twelve', 'dozen', 'several', 'multiple',
  'year', 'old', 'home', 'house', 'party', 'bar', 'store', 'apartment', 'car', 'leg', 'head', 'chest', 'arm', 'back', 'hand', 'foot',
]);

/** Titles that are no report of an event: a question, an obituary, a listing, a notice of the site itself. */
const NOT_EVENT_RE =
  /\?\s*$|(?<![\p{L}])(?:obituary|obituaries|in memoriam|inmate roster|jail roster|on twitter|on facebook|redirect notice|page not found|access denied|sign in|log in|subscribe|subscription|cookie|privacy policy|terms of (?:use|service)|gofundme|fundraiser)(?![\p{L}])/iu;

/** A word whose first letter may be a capital (a headline's first word): "man" → "[Mm]an". */
const capitalisable = (w: string) => `[${w[0].toUpperCase()}${w[0]}]${w.slice(1)}`;
const PERSON = String.raw`(?:${['man', 'woman', 'boy', 'girl', 'teen', 'teenager', 'child', 'toddler', 'baby', 'infant', 'juvenile', 'youth', 'student', 'person', 'officer', 'deputy', 'trooper', 'father', 'mother', 'son', 'daughter', 'grandmother', 'grandfather'].map(capitalisable).join('|')}|\d{1,3}-(?:year|month|week)-old|[A-Za-z][a-z]+-(?:year|month|week)-old|\d{1,2}(?:st|nd|rd|th)-grader|[A-Za-z][a-z]+-grader)`;
const KILLED_OUTCOME = String.raw`(?:killed|dies|died|dead|slain|shot dead|shot and killed|fatally (?:shot|wounded|injured|struck)|shot to death|murdered|found dead|(?:accidentally\s+)?(?:kills|killed|shoots and kills)\s+(?:him|her)self)`;
/** "shot at" is fired at, unless a place or a time follows ("shot at a party", "shot at Rio Club"). */
const INJURED_OUTCOME = String.raw`(?:shot(?!\s+at\b(?!\s+(?:a|an|the|least|about|around|\d|[A-Z])))|wounded|injured|hurt|hospitali[sz]ed|critical|in (?:critical|serious|stable|fair) condition|stable|hit by|struck by|grazed|suffers (?:an?\s+)?(?:\w+\s+)?gunshot wounds?|(?:accidentally\s+)?shoots\s+(?:him|her)?self)`;
/** Words of age or place before the person ("3-year-old Lakeville girl", "local teen"). */
const MODIFIERS = String.raw`(?:(?:\d{1,3}-(?:year|month|week)-old|[A-Z][\w'’.-]*|teenage|young|elderly|local|area)\s+){0,3}`;
/** Where a headline's clause starts: the start (after a "Police:" prefix), or after "after", "before", "as", "when", "while" or a semicolon. */
const CLAUSE_START = String.raw`(?:^(?:[^:;]{1,40}:\s+)?|(?<=(?:^|\s)(?:after|before|as|when|while)\s+)|(?<=;\s*))`;
/** Between the person and the outcome: "is", "was", "in (critical condition)", an adverb other than "fatally". */
const BEFORE_OUTCOME = String.raw`\s+(?:is\s+|was\s+|in\s+(?=(?:critical|serious|stable|fair)\s+condition))?(?:(?!fatally|mortally)\w+ly\s+)?`;
/**
 * "Lakeville boy, 7, hospitalized after …", "Man, 34, killed in shooting", "3-year-old Lakeville
 * girl shot in the arm", "Police: 8th-grader dies in accidental shooting", "Father held after
 * 2-year-old killed": where a clause starts, up to three words of age or place, a person, an age,
 * then what happened to them.
 */
const PERSON_OUTCOME_RE = new RegExp(
  String.raw`${CLAUSE_START}(${MODIFIERS}${PERSON}(?:\s*,\s*\d{1,3}\s*,?)?${BEFORE_OUTCOME})(?:(${KILLED_OUTCOME})|(${INJURED_OUTCOME}))(?![\p{L}])`,
  'u',
);
/** "Father, daughter, 9, found dead", "Mother and son wounded in …": two people, one outcome. */
const TWO_PEOPLE_OUTCOME_RE = new RegExp(
  String.raw`${CLAUSE_START}(${MODIFIERS}${PERSON}(?:\s*,\s*\d{1,3})?(?:\s*,\s*|\s+and\s+)${PERSON}(?:\s*,\s*\d{1,3}\s*,?)?${BEFORE_OUTCOME})(?:(${KILLED_OUTCOME})|(${INJURED_OUTCOME}))(?![\p{L}])`,
  'u',
);
/**
 * "Lakeville man shot …", "3-year-old Lakeville girl …", "Police: Lakeville teen …": a headline
 * opens with the town its person is from or was hurt in. The body's attributive rule
 * (place.attributive) skips a sentence's first word, which may be anything; in a headline before a
 * person it is the town, when the gazetteer knows the name.
 */
const PLACE_FIRST_RE = new RegExp(
  String.raw`^(?:[^:;]{1,40}:\s+)?(?:\d{1,3}-(?:year|month|week)-old\s+)?(${NAME})\s+(?=(?:${PERSON}|motorist|resident|couple|family|toddler|teenager|mother|father|officer|deputy)\b)`,
  'u',
);

/** After a wound, the same person died: "girl shot in the head, killed", "teen shot Friday dies". */
const THEN_DIED_RE = /^[^;:]{0,40}?(?:,\s*|\s+and\s+|\s+)(?:later\s+)?(?:killed|dies|died)(?![\p{L}])/u;
const COUNT_WORD = String.raw`(?:\d{1,3}|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|a dozen)`;
/** "Police: 3 hit in shooting", "Five shot at Rio Club": a count hit, or shot at a named place. */
const COUNT_HIT_RE = new RegExp(
  String.raw`(?:^|:\s+|[,;]\s+)(${COUNT_WORD})\s+(?:(?:people|persons|men|women|teens|children|kids|victims|others)\s+)?(?:hit\b|shot at (?=[A-Z0-9]))`,
  'iu',
);
/** "Triple shooting": the word counts those hit (its killing forms, "double homicide", are cas.multiple-killing's and only stop this rule). */
const MULTIPLE_RE = /(?<![\p{L}])(double|triple|quadruple|quintuple)[\s-]+(?:(homicides?|murders?|killings?|slayings?|fatal shooting)|(shootings?))(?![\p{L}])/iu;
const MULTIPLES: Record<string, number> = { double: 2, triple: 3, quadruple: 4, quintuple: 5 };
/** "Murder-suicide": two people died, one of them by their own hand. */
/** "Man arrested in fatal Lakeville shooting", "… charged in shooting death": at least one person died. */
const FATAL_SHOOTING_RE = /(?<![\p{L}])(?:(?:fatal|deadly)\s+(?:[A-Z][\w'’.-]*\s+){0,3}(?:\w+\s+)?shooting|shooting death)(?![\p{L}])/u;
/** "Shooting at Lakeville bar sends 4 people to the hospital". */
const SENDS_TO_HOSPITAL_RE = new RegExp(String.raw`(?:shooting|gunfire|shots?)\b[^;:]{0,60}?\bsends?\s+(${COUNT_WORD})\s+(?:people\s+|persons\s+|victims\s+|men\s+|women\s+)?to\s+(?:the\s+)?hospital`, 'iu');

/** The title as the finders read it: site name blanked, Title Case folded; null when there is no title. */
export function headlineText(title: string | null): HeadlineText | null {
  if (!title || !/\p{L}{2}/u.test(title)) return null;
  let text = normalizeText(title);
  const decisions: Provenance[] = [];
  const cut = siteSuffixAt(text);
  if (cut !== null) {
    decisions.push({ rule: 'headline.site-suffix', span: { start: cut, end: text.length }, text: title.slice(cut) });
    text = text.slice(0, cut) + ' '.repeat(text.length - cut);
  }
  const headline = text.trimEnd();
  if (isTitleCase(headline)) {
    const folded = headline
      .replace(/(?<![\p{L}\p{N}'’-])[\p{Lu}][\p{L}'’-]*/gu, (w, at: number) => (at > 0 && FOLDED_WORDS.has(w.toLowerCase()) ? w.toLowerCase() : w))
      // Ages: "4-Year-Old" → "4-year-old".
      .replace(/(?<=\d)-(?:Year|Month|Week)-Olds?\b/g, (w) => w.toLowerCase());
    // "Man Shot Dead …": the first word keeps its capital, as a sentence's would.
    decisions.push({ rule: 'headline.title-case', span: { start: 0, end: headline.length }, text: title.slice(0, headline.length) });
    text = folded + text.slice(headline.length);
  }
  const notEvent = NOT_EVENT_RE.exec(headline);
  return { text, decisions, notEvent: notEvent ? { rule: 'headline.not-event', span: { start: notEvent.index, end: notEvent.index + notEvent[0].length }, text: title.slice(notEvent.index, notEvent.index + notEvent[0].length) } : null };
}

/**
 * Title Case: the segmenter's test (headline.ts), on the headline with a leading number or age
 * set aside ("4-Year-Old Boy Shot In Park" is as Title Case as "Boy Shot In Park").
 */
function isTitleCase(headline: string): boolean {
  const words = headline.replace(/^[\d\s,.:-]*(?:-?(?:year|month|week)-old\s+)?/i, '');
  return words.split(/\s+/).length >= 3 && headlineRule(words) === 'headline-title-case';
}

/**
 * Where a site's name starts: the first separator after which no word tells of violence, with a
 * headline of at least three words before it. Null when the title has none.
 */
function siteSuffixAt(text: string): number | null {
  for (const m of text.matchAll(SEPARATOR_RE)) {
    const at = m.index!;
    if (at === 0 || text.slice(0, at).trim().split(/\s+/).length < 3) continue;
    if (!EVENT_WORD_RE.test(text.slice(at + m[0].length))) return at;
  }
  return null;
}

/**
 * The title of `article` read as a one-line document, in the body's context (its publication day,
 * place and claimants), or null when there is no title or it is no report of an event.
 */
export function readHeadline(article: Article, lookup: PlaceLookup, body: DocumentReading): HeadlineReading | null {
  const h = headlineText(article.title);
  if (!h || h.notEvent || article.title === null) return null;
  const segs = segment(h.text).filter((s) => s.kind !== 'boilerplate' && /\p{L}{2}/u.test(s.text));
  if (!segs.length) return null;
  const read = segs.map((s, i) => withTownFirst(readSentence(s, i, body.published, lookup), lookup, article.title!));
  const decisions = [...h.decisions, ...read.flatMap((s) => s.places.filter((p) => p.prov.rule === 'headline.town-first').map((p) => p.prov))];
  // Headline grammar fills in what the sentence finders left unread, never a figure they read.
  const sentences: SentenceInfo[] = read.map((s) => {
    const added = headlineAnchors(s.text, s.start, s.anchors);
    const all = [...added, ...s.anchors].sort((a, b) => a.start - b.start);
    const anchors = all.map((a) => (isAnotherPerson(a, all) ? { ...a, rule: a.rule.replace('+cas.ref', '+headline.another-person') } : a));
    if (!added.length && anchors.every((a, i) => a === all[i])) return s;
    decisions.push(...[...added, ...anchors.filter((a, i) => a !== all[i])].map((a) => ({ rule: a.rule, span: { start: a.start, end: a.end }, text: article.title!.slice(a.start, a.end) })));
    return { ...s, anchors };
  });
  // Figures keep the title's own words (as ingested) as their provenance text.
  const frames: Frame[] = sentences.flatMap((s) => framesOfSentence(s, article.title!));
  const reading: DocumentReading = {
    // Quotes are cut from `article.text` (build-mentions): for the headline that is the title as ingested.
    article: { ...article, text: article.title },
    text: h.text,
    published: body.published,
    publishedEstimated: body.publishedEstimated,
    sentences,
    frames,
    outletClaimant: body.outletClaimant,
    claimantsBefore: claimantsBefore(sentences),
    geo: body.geo,
    warnings: refusedFigureWarnings(article.id, sentences),
  };
  return { reading, decisions };
}

/** Figures in headline grammar the sentence finders leave unread (HEADLINE_RULES), in the title's offsets. */
export function headlineAnchors(text: string, base: number, read: readonly CountAnchor[] = []): CountAnchor[] {
  const out: CountAnchor[] = [...read];
  const add = (a: CountAnchor | null) => {
    if (a && !out.some((o) => o.start < a.end && a.start < o.end)) out.push(a);
  };
  // The people of the headline, told one by one.
  add(firstOf([TWO_PEOPLE_OUTCOME_RE, PERSON_OUTCOME_RE], (m, re) => {
    const died = !!m[2] || THEN_DIED_RE.test(text.slice(m.index + m[0].length));
    const [value, rule] = re === TWO_PEOPLE_OUTCOME_RE ? [2, 'headline.two-people-outcome'] : [1, 'headline.person-outcome'];
    return anchor(died ? 'killed' : 'injured', value, base + m.index, base + m.index + m[0].length, m[0], rule);
  }, text));
  // Counts of those hit.
  add(firstOf([COUNT_HIT_RE, SENDS_TO_HOSPITAL_RE], (m, re) => {
    const value = countOf(m[1]);
    // Past the ceiling it is no figure (cas.implausible-figure; the sentence's reading reports it).
    if (value === null || value > MAX_CASUALTY_FIGURE) return null;
    const start = m.index + m[0].indexOf(m[1]);
    return anchor('injured', value, base + start, base + m.index + m[0].length, text.slice(start, m.index + m[0].length), re === COUNT_HIT_RE ? 'headline.count-hit' : 'headline.sends-to-hospital');
  }, text));
  // The word for the event: a triple shooting counts those hit (the dead among them, +cas.shot); a
  // fatal shooting counts a death, unless a death is told already (a double homicide or a
  // murder-suicide is read by cas.multiple-killing among the anchors already read).
  const multiple = MULTIPLE_RE.exec(text);
  if (multiple && !multiple[2]) add(anchor('injured', MULTIPLES[multiple[1].toLowerCase()], base + multiple.index, base + multiple.index + multiple[0].length, multiple[0], 'headline.multiple+cas.shot'));
  if (!out.some((a) => a.outcome === 'killed')) {
    add(firstOf([FATAL_SHOOTING_RE], (m) => {
      // The word that says someone died ("deadly", "fatal", "death"): a "deadly quadruple shooting" counts those hit apart.
      const word = /fatal|deadly|death/i.exec(m[0])!;
      const at = m.index + word.index;
      return anchor('killed', 1, base + at, base + at + word[0].length, word[0], 'headline.fatal-shooting', 'at_least');
    }, text));
  }
  return out.slice(read.length);
}

/** The anchor `make` builds from the first of `res` that matches `text` (null when none does, or `make` refuses). */
function firstOf(res: readonly RegExp[], make: (m: RegExpExecArray, re: RegExp) => CountAnchor | null, text: string): CountAnchor | null {
  for (const re of res) {
    const m = re.exec(text);
    const a = m ? make(m, re) : null;
    if (a) return a;
  }
  return null;
}

/** The town a headline opens with (PLACE_FIRST_RE), added to the sentence's places when it names none for the event. */
function withTownFirst(s: SentenceInfo, lookup: PlaceLookup, title: string): SentenceInfo {
  if (s.index !== 0 || s.places.some((p) => p.role === 'event')) return s;
  const m = PLACE_FIRST_RE.exec(s.text);
  if (!m) return s;
  const name = m[1];
  if (new RegExp(`^${PERSON}$`, 'u').test(name) || !lookup.isPlace(name)) return s;
  const start = s.start + m.index + m[0].indexOf(name);
  const place: PlaceMention = { name, role: 'event', adminHint: null, prov: { rule: 'headline.town-first', span: { start, end: start + name.length }, text: title.slice(start, start + name.length) } };
  return { ...s, places: [place, ...s.places] };
}

/**
 * A headline names each person once: a bare noun ("teen wounded") after another person told by
 * another noun ("Man, 34, killed …; teen wounded") is someone else, not a reference back to them
 * (the sentence finders mark bare nouns +cas.ref, as in a report's body they may point back).
 */
function isAnotherPerson(a: CountAnchor, all: readonly CountAnchor[]): boolean {
  if (a.quantity.rule !== 'singular-bare' || !a.rule.includes('+cas.ref')) return false;
  const noun = (x: CountAnchor) => /\p{L}+/u.exec(x.text)?.[0].toLowerCase() ?? '';
  return all.some((o) => o !== a && o.start < a.start && o.quantity.value === 1 && noun(o) !== noun(a));
}

function countOf(words: string): number | null {
  if (/^\d+$/.test(words)) return Number(words);
  if (/^a dozen$/i.test(words)) return 12;
  return parseNumber(words.toLowerCase());
}

function anchor(outcome: Outcome, value: number, start: number, end: number, text: string, rule: string, qualifier: 'exact' | 'at_least' = 'exact'): CountAnchor {
  return {
    outcome,
    category: 'total',
    quantity: { value, min: value, max: value, qualifier, approximate: qualifier !== 'exact', additional: false, rule },
    start,
    end,
    text,
    rule,
    parent: null,
    impliesCivilians: false,
  };
}
