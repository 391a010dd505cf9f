/**
 * Pass 5, merge within the article: the headline, the lead and the sentence naming the village
 * tell one event and become one group; figures for separate places stay separate. A later figure
 * with no place and no date of its own that restates the lead event joins the lead: as a breakdown
 * of its toll ("four children were among the dead"), as its figures when the lead had none, or as
 * another statement (another source's or an updated toll) kept beside the lead's own. Tallies and
 * background pass through as groups of their own. Returns new groups; frames are not changed.
 */
import type { CountSet, ResolvedPlace, StatedFigures, Tagged } from '../../../domain/types.ts';
import type { Frame } from '../frames.ts';
import type { ClassifiedFrame, DocumentReading, FrameGroup } from './extraction-state.ts';
import { quoteSpan } from './quote-span.ts';
import {
  ANAPHORIC_EVENT_RE,
  EVENT_FAMILY,
  complementary,
  countsCompatible,
  hasFigures,
  isAdditional,
  perpsCompatible,
  rangesOverlap,
  sameFigures,
  sameLocality,
} from './frame-relations.ts';
import { dayNumber } from '../../../domain/days.ts';
import { MergeCandidates } from './merge-candidates.ts';
import type { ExtractionBudget } from '../extraction-budget.ts';

/** `budget`, when given, is checked after every frame merged (extraction-budget.ts). */
export function mergeFrames(doc: DocumentReading, frames: readonly ClassifiedFrame[], budget: ExtractionBudget | null = null): FrameGroup[] {
  // Each group's `frames` and `statements` arrays are made here and belong to this pass until it
  // returns: a frame joining a group is pushed onto them, not copied with them (copying made an
  // article repeating one event quadratic).
  const groups: GroupInProgress[] = [];
  // The lead: the first incident with figures, or a strike on a named place told at the top. A
  // group that becomes one stays one (absorbing only adds figures and places), so the first is
  // kept up to date as groups change instead of searched for at every frame.
  let leadAt = -1;
  // The groups a frame may join, from indexes (merge-candidates.ts): the last compatible one is
  // the one a scan of every group from the last down would find.
  const candidates = new MergeCandidates();
  const changed = (k: number) => {
    candidates.note(k, groups[k]);
    if ((leadAt < 0 || k < leadAt) && isLead(groups[k])) leadAt = k;
  };
  for (const b of frames) {
    budget?.check({ pass: 'merge-frames', sentencesDone: b.frame.sentence, sentences: doc.sentences.length, offset: b.frame.start, textLength: doc.text.length });
    const alone: GroupInProgress = { ...b, frames: [b.frame], statements: [] };
    if (b.kind !== 'incident') {
      groups.push(alone);
      changed(groups.length - 1);
      continue;
    }
    let target = -1;
    for (const i of candidates.candidatesFor(b)) {
      if (groups[i].kind === 'incident' && compatible(groups[i], b)) {
        target = i;
        break;
      }
    }
    if (target >= 0) {
      groups[target] = absorb(groups[target], b);
      changed(target);
      continue;
    }
    // A figure with no place of its own and no date of its own, later in the article, is another
    // source's (or an updated) toll of the article's lead event: it becomes another claim there.
    const lead = leadAt >= 0 ? groups[leadAt] : null;
    if (lead && restatesLead(lead, b)) {
      if (PART_OF_LEAD_RE.test(doc.sentences[b.frame.sentence].text)) {
        // "Four children were also among those killed": a breakdown of the lead's toll.
        lead.frames.push(b.frame);
        groups[leadAt] = absorbContext(lead, b);
      } else if (!hasFigures(lead.frame)) {
        groups[leadAt] = absorb(lead, b);
      } else {
        const span = quoteSpan(doc.article.text, b.frame);
        const statement: StatedFigures = { claimants: b.frame.claimants, span, quote: doc.article.text.slice(span.start, span.end), killed: b.frame.killed, injured: b.frame.injured };
        lead.frames.push(b.frame);
        lead.statements.push(statement);
        groups[leadAt] = absorbContext(lead, b);
      }
      changed(leadAt);
      continue;
    }
    groups.push(alone);
    changed(groups.length - 1);
  }
  return groups;
}

/** Whether a group can be the article's lead event (see mergeFrames). */
function isLead(g: FrameGroup): boolean {
  return g.kind === 'incident' && (hasFigures(g.frame) || (g.frame.kind === 'event' && g.frame.sentence <= 2 && g.resolved.length > 0));
}

/** A group while mergeFrames builds it: its arrays are its own (see mergeFrames). */
interface GroupInProgress extends FrameGroup {
  readonly frames: Frame[];
  readonly statements: StatedFigures[];
}

/** "also", "among those killed", "including": a sentence giving part of a toll already stated. */
const PART_OF_LEAD_RE = /\b(?:also|among (?:those|the|them)(?: \w+)?|including|included)\b/i;

/** May frame `b` be told of the same event as group `g`? */
function compatible(g: FrameGroup, b: ClassifiedFrame): boolean {
  const gf = g.frame;
  const bf = b.frame;
  // Inside one article a sentence that states no date continues the event being told.
  const sameLoc = g.localities.length > 0 && b.localities.length > 0 && sameLocality(g.localities, b.localities);
  if (!sameLoc && g.date && b.date && g.date.precision !== 'reported' && b.date.precision !== 'reported' && !rangesOverlap(g.date, b.date)) return false;
  if (gf.eventType && bf.eventType && gf.eventType.value !== bf.eventType.value) {
    // Fighting on the ground is another event than the strikes told around it.
    if ((EVENT_FAMILY[gf.eventType.value] ?? gf.eventType.value) !== (EVENT_FAMILY[bf.eventType.value] ?? bf.eventType.value)) return false;
    // Figures frames of one event may be described with different words ("raids" / "shelling").
    if (hasFigures(gf) && hasFigures(bf)) return false;
    if (!hasFigures(bf) && !hasFigures(gf)) return false;
  }
  if (!perpsCompatible(gf.perpetrators, bf.perpetrators)) return false;
  const gLoc = g.localities.length > 0;
  const bLoc = b.localities.length > 0;
  if (gLoc && bLoc) {
    // A headline summarises the lead loosely ("killed in Idlib town" for a strike on Maarat
    // al-Numan): the same toll in the same governorate is the same event.
    if ((gf.headline || bf.headline) && sameFigures(gf, bf) && (!g.admin1 || !b.admin1 || g.admin1 === b.admin1)) return true;
    if (!sameLocality(g.localities, b.localities)) return false;
    // Same place: a sentence that states no date continues the story; a day apart is the same
    // report's looseness when one sentence only names the strike or both give the same toll.
    const undatedOne = g.date?.precision === 'reported' || b.date?.precision === 'reported';
    const dayApart = !!g.date && !!b.date && Math.abs(dayNumber(g.date.start) - dayNumber(b.date.start)) <= 1;
    if (g.date && b.date && !undatedOne && !rangesOverlap(g.date, b.date) && !(dayApart && (!hasFigures(gf) || !hasFigures(bf) || sameFigures(gf, bf)))) return false;
    return countsCompatible(gf.killed, bf.killed) && countsCompatible(gf.injured, bf.injured);
  }
  if (g.admin1 && b.admin1 && g.admin1 !== b.admin1) return false;
  const gFig = hasFigures(gf);
  const bFig = hasFigures(bf);
  // Distance in the text: the sentence naming the village follows the figures closely.
  const near = Math.abs(bf.sentence - gf.sentence) <= 2 || gf.headline || bf.headline;
  if (!near) return gFig && bFig && countsCompatible(gf.killed, bf.killed) && countsCompatible(gf.injured, bf.injured) && sameFigures(gf, bf);
  if (gFig && bFig) return countsCompatible(gf.killed, bf.killed) && countsCompatible(gf.injured, bf.injured) && (sameFigures(gf, bf) || complementary(gf, bf));
  if (!gFig && !bFig) return false;
  // A figures frame without a place and an event frame naming the place.
  return gLoc !== bLoc || (!gLoc && !bLoc);
}

/** A later figure with no place and no date of its own restates the lead event (see caller). */
function restatesLead(lead: FrameGroup, b: ClassifiedFrame): boolean {
  const f = b.frame;
  if (f.kind !== 'figures' || isAdditional(f)) return false;
  // A toll for a place is a restatement only when the lead is about that same place, or when it
  // refers back to "the attack" with the lead's own figure (a neighbourhood of the lead's town).
  const anaphoricSame = ANAPHORIC_EVENT_RE.test(f.sentenceText) && sameFigures(lead.frame, f);
  if (b.localities.length && !(lead.localities.length && sameLocality(lead.localities, b.localities)) && !anaphoricSame) return false;
  if (f.date && !f.dateInherited && lead.date && b.date && b.date.precision !== 'reported' && !rangesOverlap(lead.date, b.date)) return false;
  // "In 2013 a gunman killed six": a figure dated by a year or month of its own is another event.
  if (f.date && !f.dateInherited && /year|month/.test(f.date.rule)) return false;
  if (lead.admin1 && b.admin1 && lead.admin1 !== b.admin1) return false;
  if (!perpsCompatible(lead.frame.perpetrators, f.perpetrators)) return false;
  const lt = lead.frame.eventType?.value;
  const bt = f.eventType?.value;
  if (lt && bt && lt !== bt && !(EVENT_FAMILY[lt] && EVENT_FAMILY[lt] === EVENT_FAMILY[bt])) return false;
  return true;
}

/** Values of `extra` whose key `first` lacks, appended to `first`. */
function union<T>(first: readonly Tagged<T>[], extra: readonly Tagged<T>[]): Tagged<T>[] {
  const seen = new Set(first.map((p) => p.value));
  return [...first, ...extra.filter((p) => !seen.has(p.value))];
}

/** Categories of `extra` that `first` does not state, added to it. */
function fillCounts(first: CountSet, extra: CountSet): CountSet {
  let out = first;
  for (const k of Object.keys(extra) as (keyof CountSet)[]) if (!out[k]) out = { ...out, [k]: extra[k] };
  return out;
}

/** A restatement completes the lead's place, targets, perpetrators, sources and sub-counts, not its toll. */
function absorbContext(g: GroupInProgress, b: ClassifiedFrame): GroupInProgress {
  const gf = g.frame;
  let { resolved, localities, admin1 } = g;
  if (!resolved.some((r) => r.lat !== null) && b.resolved.length) {
    // The lead named no place; the restatement does ("... at the Military College in Homs").
    resolved = [...resolved, ...b.resolved];
    localities = [...localities, ...b.localities];
    admin1 = admin1 ?? b.admin1;
  }
  let killed = gf.killed;
  for (const k of ['children', 'women', 'fighters'] as const) {
    // Sub-counts the lead did not state ("four children were among the dead") complete it.
    if (!killed[k] && b.frame.killed[k]) killed = { ...killed, [k]: b.frame.killed[k] };
  }
  const frame: Frame = {
    ...gf,
    targets: union(gf.targets, b.frame.targets),
    // Who did it is the lead's statement; a later sentence's names count only when the lead has none.
    perpetrators: gf.perpetrators.length ? gf.perpetrators : b.frame.perpetrators,
    // "…at least 20 were killed, including three children, the monitor said": its source vouches for the lead's toll.
    claimants: joinedClaimants(gf, b.frame),
    killed,
  };
  return { ...g, frame, resolved, localities, admin1 };
}

/**
 * Who claims a group's figures once frame `b` joins it: b's sources first when the group has none
 * of its own (or only the outlet), else the group's and, when b states figures, b's too.
 */
function joinedClaimants(gf: Frame, bf: Frame): Tagged<string>[] {
  if (!gf.claimants.length || gf.claimants[0].prov.rule === 'claimant.outlet') return [...bf.claimants, ...gf.claimants.filter((c) => !bf.claimants.some((x) => x.value === c.value))];
  return hasFigures(bf) ? union(gf.claimants, bf.claimants) : [...gf.claimants];
}

/** What sameLocality reads of a place: two places with the same key are the same to it. */
function localityKey(p: ResolvedPlace): string {
  return JSON.stringify([p.gazetteerId, p.name, p.precision, p.lat, p.lon]);
}

/** Frame `b` tells the group's event: its figures, actors, places and a better date join the group. */
function absorb(g: GroupInProgress, b: ClassifiedFrame): GroupInProgress {
  const gf = g.frame;
  const bf = b.frame;
  const claimants = joinedClaimants(gf, bf);
  const frame: Frame = {
    ...gf,
    killed: fillCounts(gf.killed, bf.killed),
    injured: fillCounts(gf.injured, bf.injured),
    perpetrators: union(gf.perpetrators, bf.perpetrators),
    claimants,
    targets: union(gf.targets, bf.targets),
    eventType: gf.eventType ?? bf.eventType,
  };
  let date = g.date;
  if (date && b.date && date.precision !== 'day' && b.date.precision === 'day') date = b.date;
  if (!date) date = b.date;
  const have = new Set(g.resolved.map((r) => r.gazetteerId ?? r.name));
  const resolved: ResolvedPlace[] = [...g.resolved];
  for (const r of b.resolved) if (!have.has(r.gazetteerId ?? r.name)) resolved.push(r);
  const localities: ResolvedPlace[] = [...g.localities];
  // Each frame resolves its places anew, so the same town comes as another object every time:
  // it is kept once (by what sameLocality compares), or a group grew with every frame it took
  // and comparing against it made a long report of few events quadratic.
  const seen = new Set(localities.map(localityKey));
  for (const l of b.localities) {
    const key = localityKey(l);
    if (seen.has(key)) continue;
    seen.add(key);
    localities.push(l);
  }
  g.frames.push(bf);
  return { ...g, frame, date, resolved, localities, admin1: g.admin1 ?? b.admin1 };
}
