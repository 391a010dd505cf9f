/**
 * Reads one document into frames: one per clause that states casualty figures ("figure frames")
 * or reports a strike on a named place without figures ("event frames"), each with the date,
 * event type, perpetrators, claimants, places and targets read from the clause, then from its
 * sentence, then from the sentences around it (attribution and dates carry from one sentence to
 * the next in news writing). Frames are then classified and merged by extract-document.ts.
 */
import type { CountSet, CountValue, EventType, PlaceMention, Provenance, Tagged } from '../../domain/types.ts';
import { EVENT_CUES, TARGET_CUES } from './lexicons/events.ts';
import { compileEntries, findAll, type LexiconMatch } from './lexicon-matcher.ts';
import { countsFromAnchors, readCasualties, type CountAnchor, type RefusedFigure } from './casualties.ts';
import { splitClauses } from './clauses.ts';
import { findClaimants, findPerpetrators, findUnknownPerpetrator } from './actors.ts';
import { findPlaces, type PlaceLookup } from './places.ts';
import { findDates, type DateMention } from './dates.ts';
import { findQuantities } from './numbers.ts';
import { DATELINE_DATE_RE } from './passes/publication-day.ts';

const EVENT_COMPILED = compileEntries(EVENT_CUES, (e) => e.value as EventType);
const TARGET_COMPILED = compileEntries(TARGET_CUES, (e) => e.value as string);

export interface SentenceInfo {
  index: number;
  start: number;
  end: number;
  text: string;
  paragraph: number;
  headline: boolean;
  anchors: CountAnchor[];
  /** Numbers that would have been casualty figures but are implausible (cas.implausible-figure): a warning each. */
  refusedFigures: RefusedFigure[];
  dates: DateMention[];
  claimants: Tagged<string>[];
  perpetrators: Tagged<string>[];
  events: (LexiconMatch<EventType> & { priority: number })[];
  targets: LexiconMatch<string>[];
  places: PlaceMention[];
  adminHints: { name: string; start: number }[];
  softHints: string[];
  regions: { name: string; start: number; end: number }[];
  /** "the sources said", "the monitor added": attribution to someone named before. */
  anaphoricAttribution: boolean;
  /**
   * "The monitor confirmed the deaths": a source vouching for a toll just given, with no figure of
   * its own — another claimant of that toll, not another event.
   */
  confirmation: boolean;
  /** "It was not clear who was behind the attack": the words saying the perpetrator is unknown, tagged `unknown`. */
  unknownPerpetrator: Tagged<string> | null;
  background: boolean;
  tallyCue: boolean;
  displaced: { value: number; start: number; end: number; text: string } | null;
}

export interface Frame {
  sentence: number;
  /** The text of the frame's sentence (normalised). */
  sentenceText: string;
  start: number;
  end: number;
  kind: 'figures' | 'event';
  anchors: CountAnchor[];
  killed: CountSet;
  injured: CountSet;
  displaced: CountValue | null;
  eventType: Tagged<EventType> | null;
  perpetrators: Tagged<string>[];
  claimants: Tagged<string>[];
  places: PlaceMention[];
  adminHints: string[];
  /** Governorates named as places in the sentence: a ranking hint, not a constraint. */
  softHints: string[];
  /** adminHints came from another sentence (context), not the frame's own. */
  hintsCarried?: boolean;
  regions: string[];
  date: DateMention | null;
  dateInherited: boolean;
  targets: Tagged<string>[];
  headline: boolean;
}

const ANAPHOR_ATTR =
  /\b(?:the (?:sources?|monitor|group|organi[sz]ation|agency|ngo|observatory|report|statement|official|officials|activists|rescuers|body|network|centre|center|ministry)|he|she|it|they)\s+(?:also\s+)?(?:said|says|added|reported|noted|stated|told|claimed|confirmed|indicated)\b|\b(?:said|added|reported)\s+the (?:sources?|monitor|group|organi[sz]ation|agency|observatory)\b|\bthe same sources?\b/i;
/** "The monitor confirmed the deaths", "Hospital officials also verified the toll". */
const CONFIRMATION_RE =
  /\b(?:confirmed|confirms|corroborated|corroborates|verified|verifies)\s+(?:the\s+|these\s+|those\s+)?(?:[\w-]+\s+)?(?:deaths?|toll|casualt(?:y|ies)|killings?|fatalities|figures?)\b/i;
const BACKGROUND_RE =
  /\b(?:since (?:the (?:start|beginning|outbreak) of the (?:war|conflict|uprising|revolution|crisis)|(?:19|20)\d\d)|(?:war|conflict|uprising|crisis),?\s+(?:which\s+|that\s+)?(?:has|have|had) (?:\w+ )?(?:killed|left|displaced|claimed)|(?:began|started|erupted) in (?:19|20)\d\d|home to|(?:civil|the) war that|over the (?:past|last) (?:\w+ )?(?:years|decade))\b/i;
const TALLY_RE =
  /\b(?:a total of|in total|total (?:number|death toll|toll)|bringing (?:the|to)|brings (?:the|to)|death toll (?:since|in|for) |statistics|documented|so far|to date|since the (?:start|beginning) of|this year|monthly|during the month|month of|in the first half|in the second half|per cent|percent|campaign|cumulative|overall|altogether|in recent (?:days|weeks|months)|(?:in|over|within|during) (?:the )?(?:past |last )?(?:\d+|two|three|four|five|six|seven|eight|nine|ten|several|few) (?:days|weeks|months))\b/i;
const ATTACK_VERB_RE =
  /\b(?:struck|strikes? (?:on|hit|targeted|targeting)|hit|hitting|targeted|targeting|bombed|bombing|shelled|shelling (?:of|on|targeted|hit)|pounded|raided|attacked|launched (?:an? )?(?:offensive|attack|assault|strikes?|raids?)|carried out (?:\w+ ){0,3}(?:strikes?|raids?|attacks?|airstrikes)|exploded|went off|detonated|fell on|(?:was|were|been) (?:hit|struck|targeted|bombed|shelled|destroyed|damaged|attacked)|put (?:it |them |\w+ )?out of (?:service|action)|knocked out|destroyed|reached|experienced (?:\w+ )?(?:air ?strikes|raids|shelling)|came under|engaged in|clashed|clashes? (?:with|between)|fought|battles? (?:for)|stormed|overran|(?:attack|strike|air ?strike|raid|bombing|blast|explosion|shelling|massacre|bombardment)s? (?:on|in|at|of|near|targeting|that (?:hit|struck|targeted)))\b/i;
const DISPLACED_RE = /\bdisplac(?:ed|ing|ement)\b/i;

/**
 * "since they resumed bombardment on the 4th", "since talks began ten days ago": a date inside a
 * since-clause starts a period that runs to the publication day.
 */
function sinceClauses(dates: DateMention[], text: string, base: number, published: string | null): DateMention[] {
  return dates.map((d) => {
    if (d.rule.startsWith('since') || !d.range || !published) return d;
    if (!/\bsince\b[^,.;]{0,50}$/i.test(text.slice(Math.max(0, d.start - base - 60), d.start - base))) return d;
    if (d.range.start >= published) return d;
    return { ...d, rule: 'since-clause', range: { start: d.range.start, end: published, precision: 'range' as const } };
  });
}

/**
 * "Moscow [Russia], April 13 (ANI):", "BEIRUT, Oct 5 (Reuters) -": the dateline dates the dispatch,
 * not the event.
 */
function inDateline(text: string, at: number): boolean {
  const m = /^[A-Z][\p{L} .'-]{1,40}(?:\[[^\]]{1,30}\])?,?\s+[^.:]{3,30}?\((?:[A-Za-z .]{2,20})\)\s*[:\-–—]/u.exec(text);
  if (m && at < m[0].length) return true;
  // "LAKEVILLE, Ohio, March 3, 2014 —": the dispatch's day, not the event's.
  const d = DATELINE_DATE_RE.exec(text);
  return !!d && d.index === 0 && at < d[0].length;
}

/**
 * "released a report Sunday", "said on Tuesday", "told AFP on Friday": the day of the report, not
 * of the event; it yields to any other date in the sentence (rule suffix `@report`).
 */
function reportingDates(dates: DateMention[], text: string, base: number): DateMention[] {
  return dates.map((d) => {
    const before = text.slice(Math.max(0, d.start - base - 30), d.start - base);
    return /\b(?:said|says|stated|declared|reported|released (?:a|its) (?:report|statement)|told [\w ]{1,20}?|announced|published|tweeted|added|statement)\s+(?:on\s+|late\s+|early\s+)?$/i.test(before) ? { ...d, rule: `${d.rule}@report` } : d;
  });
}

function tagged<V>(m: LexiconMatch<V>): Tagged<V> {
  return { value: m.value, prov: { rule: m.rule, span: { start: m.start, end: m.end }, text: m.text } };
}

export interface SegmentLike {
  start: number;
  end: number;
  text: string;
  kind: 'sentence' | 'headline' | 'boilerplate';
  paragraph: number;
}

export function readSentence(seg: SegmentLike, index: number, published: string | null, lookup: PlaceLookup): SentenceInfo {
  const text = seg.text;
  const base = seg.start;
  const { anchors, refused: refusedFigures } = readCasualties(text, base);
  const events = findAll(EVENT_COMPILED, text, base);
  const { places, adminHints, softHints, regions } = findPlaces(text, base, lookup);
  let displaced: SentenceInfo['displaced'] = null;
  if (DISPLACED_RE.test(text)) {
    for (const q of findQuantities(text, 0)) {
      // Below 2 is no displacement; past exact integers a count would lose digits when stored.
      if (q.quantity.value < 2 || !Number.isSafeInteger(q.quantity.value)) continue;
      const before = text.slice(Math.max(0, q.start - 40), q.start);
      const after = text.slice(q.end, Math.min(text.length, q.end + 60));
      const counted =
        /(?:displac(?:ed|ing)|uprooted|forced out)\s+(?:\w+\s+){0,2}$|displacement of\s+$/i.test(before) ||
        /^\s*(?:\w+\s+){0,3}?(?:(?:were|have been|had been|are|being)\s+(?:\w+\s+)?(?:displaced|uprooted)|displacements|displaced (?:people|persons|civilians|families)|idps|fled)\b/i.test(after);
      if (counted && !/^\s*(?:years?|days?|months?|hours?)/.test(after)) {
        displaced = { value: q.quantity.value, start: base + q.start, end: base + q.end, text: q.text };
        break;
      }
    }
  }
  return {
    index,
    start: seg.start,
    end: seg.end,
    text,
    paragraph: seg.paragraph,
    // A first line without final punctuation is the outlet's headline even when it has commas.
    headline: seg.kind === 'headline' || (index === 0 && !/[.!?]["'”’)\]]?\s*$/.test(text)),
    anchors,
    refusedFigures,
    dates: reportingDates(sinceClauses(findDates(text, base, published), text, base, published).filter((d) => !inDateline(text, d.start - base)), text, base),
    claimants: findClaimants(text, base),
    perpetrators: findPerpetrators(text, base, false),
    events,
    targets: findAll(TARGET_COMPILED, text, base),
    places,
    adminHints,
    softHints,
    regions,
    anaphoricAttribution: ANAPHOR_ATTR.test(text),
    confirmation: anchors.length === 0 && CONFIRMATION_RE.test(text),
    unknownPerpetrator: findUnknownPerpetrator(text, base),
    background: BACKGROUND_RE.test(text),
    tallyCue: TALLY_RE.test(text),
    displaced,
  };
}

const within = (x: { start: number }, s: number, e: number) => x.start >= s && x.start < e;
const withinP = (x: { prov: Provenance }, s: number, e: number) => x.prov.span.start >= s && x.prov.span.start < e;

/** Choose the event type: the highest-priority cue in the clause, nearest the figures on ties. */
export function pickEventType(events: SentenceInfo['events'], anchorAt: number): Tagged<EventType> | null {
  if (!events.length) return null;
  const sorted = [...events].sort((a, b) => b.priority - a.priority || Math.abs(a.start - anchorAt) - Math.abs(b.start - anchorAt));
  return tagged(sorted[0]);
}

/** Durations ("in 48 hours", "over the past week") say less about the day than a named day does. */
const WEAK_DATE_RULES = new Set(['days-ago', 'in-hours', 'past-period', 'this-year', 'last-year', 'year-in', 'bare-year', 'this-week', 'this-month', 'bare-month']);

/**
 * The date for a statement at `at`: a named day beats a duration; a date stated earlier in the
 * sentence scopes over what follows it ("Since the second of this month, ... killed ..."), so the
 * closest one before wins, else the closest one after.
 */
function pickDate(dates: DateMention[], at: number): DateMention | null {
  const usable = dates.filter((d) => d.range);
  if (!usable.length) return null;
  const weak = (d: DateMention) => (d.rule.endsWith('@report') ? 2 : WEAK_DATE_RULES.has(d.rule) ? 1 : 0);
  const dist = (d: DateMention) => (d.start <= at ? at - d.start : 100_000 + d.start - at);
  return [...usable].sort((a, b) => weak(a) - weak(b) || dist(a) - dist(b))[0];
}

function uniqTagged<V>(xs: Tagged<V>[]): Tagged<V>[] {
  const seen = new Set<V>();
  return xs.filter((x) => (seen.has(x.value) ? false : (seen.add(x.value), true)));
}

/** Build the frames of one sentence, with clause-level fields; context filling comes after. */
export function framesOfSentence(s: SentenceInfo, docText: string): Frame[] {
  const frames: Frame[] = [];
  const clauses = splitClauses(s.text, s.anchors, s.start);
  for (const c of clauses) {
    const cs = s.start + c.start;
    const ce = s.start + c.end;
    const anchors = s.anchors.filter((a) => within(a, cs, ce));
    const at = anchors.length ? anchors[0].start : cs;
    const clauseEvents = s.events.filter((e) => within(e, cs, ce));
    const clausePlaces = s.places.filter((p) => withinP(p, cs, ce));
    const base: Omit<Frame, 'kind' | 'killed' | 'injured' | 'anchors'> = {
      sentence: s.index,
      sentenceText: s.text,
      start: cs,
      end: ce,
      displaced: null,
      eventType: pickEventType(clauseEvents, at),
      perpetrators: uniqTagged(s.perpetrators.filter((p) => withinP(p, cs, ce))),
      claimants: uniqTagged(s.claimants.filter((p) => withinP(p, cs, ce))),
      places: clausePlaces,
      adminHints: s.adminHints.filter((h) => within(h, cs, ce)).map((h) => h.name),
      softHints: s.softHints,
      regions: s.regions.filter((r) => within(r, cs, ce)).map((r) => r.name),
      date: pickDate(s.dates.filter((d) => within(d, cs, ce)), at),
      dateInherited: false,
      targets: uniqTagged(s.targets.filter((t) => within(t, cs, ce)).map(tagged)),
      headline: s.headline,
    };
    if (anchors.length) {
      frames.push({ ...base, kind: 'figures', anchors, killed: countsFromAnchors(anchors, 'killed', docText), injured: countsFromAnchors(anchors, 'injured', docText) });
    } else {
      const clauseText = s.text.slice(c.start, c.end);
      const eventPlaces = clausePlaces.filter((p) => p.role === 'event');
      if (eventPlaces.length && clauseEvents.length && ATTACK_VERB_RE.test(clauseText)) {
        frames.push({ ...base, kind: 'event', anchors: [], killed: {}, injured: {} });
      }
    }
  }
  // Sentence-level fields fill what the clause lacks (attribution is usually sentence-final).
  for (const f of frames) {
    if (!f.claimants.length) f.claimants = uniqTagged(s.claimants);
    if (!f.eventType) f.eventType = pickEventType(s.events, f.start);
    if (!f.date) f.date = pickDate(s.dates, f.start);
    if (!f.perpetrators.length) {
      // Perpetrators of other clauses with their own figures belong to those clauses.
      const others = frames.filter((o) => o !== f && o.perpetrators.length);
      const free = s.perpetrators.filter((p) => !others.some((o) => withinP(p, o.start, o.end)));
      f.perpetrators = uniqTagged(free);
    }
    if (!f.places.some((p) => p.role === 'event')) {
      const taken = frames.filter((o) => o !== f);
      const free = s.places.filter((p) => p.role !== 'origin' && !taken.some((o) => withinP(p, o.start, o.end)));
      f.places = [...f.places, ...free.filter((p) => !f.places.includes(p))];
    }
    if (!f.adminHints.length) f.adminHints = s.adminHints.map((h) => h.name);
    if (!f.regions.length && !f.places.some((p) => p.role === 'event')) f.regions = s.regions.map((r) => r.name);
    if (!f.targets.length) f.targets = uniqTagged(s.targets.map(tagged));
  }
  return frames;
}
