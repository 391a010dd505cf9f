/**
 * Pass 2, carry context: news prose states the date, the source, who did it and the place once and
 * lets the following sentences lean on it. For each frame, what its own sentence leaves open is
 * taken from the sentences around it, in the order a reader would look:
 * - date: the sentence or two before it in the same paragraph (or the headline);
 * - claimants: the sentence itself, an attribution sentence right after it ("…, the monitor said";
 *   in an organisation's own release, not one citing its source for something else),
 *   "the sources said" pointing back, the outlet when it is itself a monitor, the sentences before;
 *   a source confirming the toll in the next sentence ("The monitor confirmed the deaths") is added;
 * - perpetrators: none when the text says nobody knows; the attribution sentence after it; the
 *   paragraph or headline before it; the first the document names;
 * - event type, the village named the sentence before, the governorate named anywhere earlier.
 * Returns new frames; the frames read in pass 1 are left as they were.
 */
import type { Tagged } from '../../../domain/types.ts';
import type { PlaceLookup } from '../../../domain/place-lookup.ts';
import { findPerpetrators, lendsAttribution } from '../actors.ts';
import { pickEventType, type Frame, type SentenceInfo } from '../frames.ts';
import type { DocumentReading } from './extraction-state.ts';

/** Claimant ids that are also parties to the fighting. */
const BELLIGERENT_CLAIMANTS = new Set(['hts', 'isis', 'sdf']);

export function carryContext(doc: DocumentReading, lookup: PlaceLookup): Frame[] {
  const { sentences } = doc;
  const docEvent = pickEventType(sentences.slice(0, 3).flatMap((s) => s.events), 0);
  // The first actor the document names stands in for frames that name none — unless the document
  // says nobody knows who did it and that actor is named only after the frame (or in the very
  // sentence saying so): then the frame's perpetrator is `unknown` ("It was not immediately clear who
  // was behind the blast … since Turkish troops seized the region" names Turkey as background).
  const docUnknown = sentences.find((s) => s.unknownPerpetrator)?.unknownPerpetrator ?? null;
  const first = sentences.find((s) => s.perpetrators.length && !s.background);
  const docPerps = (frame: Frame) =>
    docUnknown && (!first || first.index >= frame.sentence || first.unknownPerpetrator) ? [docUnknown] : (first?.perpetrators ?? []).slice(0, 3);
  const blamed = blamedInDocument(sentences);
  const areaBefore = lastAreaBefore(sentences);
  return doc.frames.map((f) => withContext(f, doc, lookup, docEvent, docPerps(f), blamed, areaBefore[f.sentence]));
}

/** Whether a sentence names a governorate or another area a frame after it may be placed in. */
const namesArea = (x: SentenceInfo): boolean => x.adminHints.length > 0 || x.places.some((pl) => pl.role === 'area');

/** For each sentence, the nearest sentence before it that names an area (namesArea), or null. */
function lastAreaBefore(sentences: readonly SentenceInfo[]): (SentenceInfo | null)[] {
  const out: (SentenceInfo | null)[] = [];
  let last: SentenceInfo | null = null;
  for (const s of sentences) {
    out[s.index] = last;
    if (namesArea(s)) last = s;
  }
  return out;
}

/**
 * Who the document says someone blames ("The ministry blamed the attack on the YPG", "accused the
 * rebels of carrying out the bombing"): beside `unknown` they are the perpetrators as claimed
 * (annotation guide: attribution is itself a claim).
 */
const BLAME_RE = /\b(?:blam(?:ed|es|ing)|accus(?:ed|es|ing)|held\s+\S+(?:\s+\S+){0,4}\s+responsible)\b/i;

function blamedInDocument(sentences: readonly SentenceInfo[]): Tagged<string>[] {
  const out: Tagged<string>[] = [];
  for (const s of sentences) {
    if (!BLAME_RE.test(s.text)) continue;
    for (const p of s.perpetrators) if (!out.some((o) => o.value === p.value)) out.push(p);
  }
  return out;
}

/** The frame's event places and the sentence's are both named, and none is the same. */
function elsewhere(f: Frame, x: SentenceInfo): boolean {
  const own = f.places.filter((p) => p.role === 'event').map((p) => p.name.toLowerCase());
  const theirs = x.places.filter((p) => p.role === 'event').map((p) => p.name.toLowerCase());
  return own.length > 0 && theirs.length > 0 && !own.some((n) => theirs.includes(n));
}

function withContext(
  f: Frame,
  doc: DocumentReading,
  lookup: PlaceLookup,
  docEvent: Frame['eventType'],
  docPerps: Tagged<string>[],
  blamed: Tagged<string>[],
  areaBefore: SentenceInfo | null,
): Frame {
  const { sentences, claimantsBefore, article, outletClaimant } = doc;
  const s = sentences[f.sentence];
  const prevSame = sentences
    .slice(Math.max(0, f.sentence - 2), f.sentence)
    .reverse()
    .filter((p) => p.paragraph === s.paragraph || p.headline || f.sentence - p.index === 1);
  const next: SentenceInfo | undefined = sentences[f.sentence + 1];
  const nextIsContinuation = !!next && next.anchors.length === 0 && !next.headline && (next.claimants.length > 0 || next.anaphoricAttribution);
  // An organisation publishing its own figures (a press release) claims them over a next sentence
  // citing someone for something else ("According to staff, the building collapsed").
  const nextLendsSource = nextIsContinuation && (!outletClaimant || lendsAttribution(next.text));

  // Date: the sentence before it in the same paragraph.
  let date = f.date;
  let dateInherited = f.dateInherited;
  if (!date) {
    const d = prevSame.map((p) => p.dates.find((x) => x.range)).find(Boolean);
    if (d) {
      date = d;
      dateInherited = true;
    }
  }

  // Claimants: the sentence, an attribution sentence right after, "the sources said", the sentences before, the outlet.
  let claimants: Tagged<string>[] = f.claimants;
  if (!claimants.length) {
    if (s.anaphoricAttribution && claimantsBefore[s.index].length) claimants = [...claimantsBefore[s.index]];
    else if (nextLendsSource && next.claimants.length) claimants = next.claimants;
    else if (nextLendsSource && next.anaphoricAttribution && claimantsBefore[next.index].length) claimants = [...claimantsBefore[next.index]];
    else {
      // An organisation publishing its own figures (a monitor's site, a press release) claims them
      // unless the sentence says otherwise; only then does attribution carry from sentences before.
      // Not across a paragraph break into another place: a new paragraph about another place is
      // another report ("…in the village, according to the civil defence.¶ Four were killed in the
      // city, where artillery hit homes" is not the civil defence's).
      const p = prevSame.find((x) => x.claimants.length && (x.paragraph === s.paragraph || !elsewhere(f, x)));
      if (outletClaimant) claimants = [{ value: outletClaimant, prov: { rule: 'claimant.outlet', span: { start: 0, end: 0 }, text: article.outlet ?? '' } }];
      else if (p) claimants = p.claimants;
    }
  }

  // "The monitor confirmed the deaths": the next sentence's source vouches for this toll too.
  if (next?.confirmation && next.claimants.length && f.kind === 'figures') {
    claimants = [...claimants, ...next.claimants.filter((c) => !claimants.some((x) => x.value === c.value))];
  }

  // Perpetrators.
  let perpetrators: Tagged<string>[] = f.perpetrators;
  const saysUnknown =
    s.unknownPerpetrator ??
    sentences.slice(f.sentence + 1, f.sentence + 4).find((x) => x.paragraph === s.paragraph && x.unknownPerpetrator)?.unknownPerpetrator ??
    next?.unknownPerpetrator ??
    null;
  if (!perpetrators.length && saysUnknown) {
    // The text says nobody knows who did it: the perpetrator is `unknown`, not carried from elsewhere.
    perpetrators = [saysUnknown, ...blamed];
  } else if (!perpetrators.length) {
    // Who the attribution sentence blames is named before its source ("'Terrorist groups', SANA said").
    // Only a short naming reads that way: in a longer quote ("These violations help terrorist
    // organisations spread terrorism," the police added) a name is rhetoric, not the blame.
    const firstClaim = next?.claimants[0]?.prov.span.start ?? next?.end ?? 0;
    const named = next ? next.text.slice(0, firstClaim - next.start) : '';
    const nextPerps = nextIsContinuation && named.split(/\s+/).filter(Boolean).length <= 8 ? findPerpetrators(named, next.start, true) : [];
    if (nextPerps.length) perpetrators = nextPerps;
    else {
      // Who did it carries within a paragraph (or from the headline), not into another story.
      const p = prevSame.find((x) => x.perpetrators.length && (x.paragraph === s.paragraph || x.headline));
      if (p) perpetrators = p.perpetrators;
      else if (docPerps.length) perpetrators = docPerps.some((p) => p.value === 'unknown') ? [...docPerps, ...blamed] : docPerps;
    }
  }
  // "HTS announced that it had responded": a party to the event speaking for itself.
  if (nextIsContinuation && next.claimants.some((c) => BELLIGERENT_CLAIMANTS.has(c.value))) {
    for (const c of next.claimants) if (BELLIGERENT_CLAIMANTS.has(c.value) && !perpetrators.some((p) => p.value === c.value)) perpetrators = [...perpetrators, c];
    if (!claimants.length || claimants[0].prov.rule === 'claimant.outlet') claimants = next.claimants;
  }

  let eventType = f.eventType;
  if (!eventType) {
    const p = prevSame.find((x) => x.events.length);
    eventType = p ? pickEventType(p.events, p.end) : nextIsContinuation && next.events.length ? pickEventType(next.events, next.start) : docEvent;
  }

  let places = f.places;
  let adminHints = f.adminHints;
  let hintsCarried = f.hintsCarried;
  if (!places.some((p) => p.role === 'event') && !adminHints.length) {
    // The village is often named in the sentence before the toll ("families in the town of X ...
    // A strike hit a house, killing nine").
    const p = prevSame.find((x) => x.paragraph === s.paragraph && x.anchors.length === 0 && x.places.some((pl) => pl.role === 'event'));
    if (p) places = [...places, ...p.places.filter((pl) => pl.role === 'event')];
  }
  if (!adminHints.length && !places.some((p) => p.role !== 'origin' && lookup.admin1Name(p.name))) {
    // The nearest sentence before naming an area (the sentences just before come first, and they
    // are the nearest): looked up, not searched for, so a long text stays linear.
    const p = areaBefore;
    if (p) {
      adminHints = p.adminHints.length ? p.adminHints.map((h) => h.name) : p.places.filter((pl) => pl.role === 'area').map((pl) => pl.adminHint ?? pl.name);
      hintsCarried = true;
    }
  }
  return { ...f, date, dateInherited, claimants, perpetrators, eventType, places, adminHints, hintsCarried };
}
