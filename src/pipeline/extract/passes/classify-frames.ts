/**
 * Pass 4, classify: each placed frame is an incident, a tally or background
 * (../shared/docs/annotation-guide.md). A first reading looks at the frame alone (its date's age
 * and span, a tally cue, a region with no locality); then the rules below look at the frames
 * around it (a figure the article breaks down by place is a tally; a region's figure equal to a
 * place's toll restates that incident). Every decision keeps its rule id (`kindRule`), and the rules
 * run in the order listed, each over the decisions of the ones before.
 */
import { dayNumber } from '../../../domain/days.ts';
import type { MentionKind } from '../../../domain/types.ts';
import type { Frame, SentenceInfo } from '../frames.ts';
import type { ClassifiedFrame, DocumentReading, FrameDate, PlacedFrame } from './extraction-state.ts';
import { ANAPHORIC_EVENT_RE, hasFigures, isAdditional, rangesOverlap, totalOf } from './frame-relations.ts';

export interface ClassifyRule {
  id: string;
  example: string;
  apply(frames: readonly ClassifiedFrame[], doc: DocumentReading): ClassifiedFrame[];
}

export function classifyFrames(doc: DocumentReading, placed: readonly PlacedFrame[]): ClassifiedFrame[] {
  let frames: ClassifiedFrame[] = placed.map((p) => ({ ...p, ...firstReading(p.frame, doc.sentences[p.frame.sentence], p.date, doc.published, p.localities.length > 0) }));
  for (const rule of CLASSIFY_RULES) frames = rule.apply(frames, doc);
  return frames;
}

/** Rules that decide a frame's kind from the frames around it, in the order they run. */
export const CLASSIFY_RULES: readonly ClassifyRule[] = [
  {
    id: 'kind.total-broken-down',
    example: 'Strikes killed 12 people across the province on Monday. Five died in Kafr Sagheer and seven in Tell Hamdan.',
    apply: (frames, doc) => {
      const inText = textOrder(frames);
      return sequential(frames, 'kind.total-broken-down', (b, kinds, i) => {
        if (kinds[i] !== 'incident' || b.localities.length || !hasFigures(b.frame)) return null;
        const t = totalOf(b.frame.killed);
        if (t === null) return null;
        // The breakdown follows the total: later clauses of the same sentence or the next few
        // sentences, looked for in that window only (a scan of every frame made long texts quadratic).
        const parts: ClassifiedFrame[] = [];
        for (let r = inText.rank[i] + 1; r < inText.order.length; r++) {
          const j = inText.order[r];
          const o = frames[j];
          if (o.frame.sentence - b.frame.sentence > 5) break;
          if (
            kinds[j] === 'incident' &&
            o.frame.start > b.frame.start &&
            o.localities.length > 0 &&
            hasFigures(o.frame) &&
            (!b.admin1 || !o.admin1 || o.admin1 === b.admin1) &&
            (!b.date || !o.date || rangesOverlap(b.date, o.date))
          ) {
            parts.push(o);
          }
        }
        const partTotals = parts.map((p) => totalOf(p.frame.killed) ?? 0).filter((x) => x > 0);
        const sum = partTotals.reduce((a, x) => a + x, 0);
        const pluralAttacks = /\b(?:attacks|strikes|air ?strikes|raids|bombardments|operations|shelling and)\b/i.test(doc.text.slice(b.frame.start, b.frame.end));
        if (partTotals.length >= 2 && sum <= t * 1.0001 && partTotals.every((x) => x < t)) return 'tally';
        if (partTotals.length >= 1 && pluralAttacks && sum < t) return 'tally';
        if (partTotals.length >= 2 && sum === t) return 'tally';
        return null;
      });
    },
  },
  {
    id: 'kind.region-restates-place',
    example: 'Raids kill eight in the north of the country. Eight people were killed in the market of Kafr Sagheer.',
    apply: (frames) => {
      // Frames with a locality by their killed total: the only ones a region's figure can restate.
      const placedByTotal = new Map<number, number[]>();
      frames.forEach((o, j) => {
        const t = o.localities.length > 0 ? totalOf(o.frame.killed) : null;
        if (t !== null) placedByTotal.set(t, [...(placedByTotal.get(t) ?? []), j]);
      });
      return sequential(frames, 'kind.region-restates-place', (b, kinds, i) => {
        if (kinds[i] !== 'tally' || !b.frame.regions.length || (b.date && b.date.precision === 'range')) return null;
        const t = totalOf(b.frame.killed);
        const restated =
          t !== null &&
          (placedByTotal.get(t) ?? []).some((j) => j !== i && kinds[j] === 'incident' && (!b.date || !frames[j].date || rangesOverlap(b.date, frames[j].date!)));
        return restated ? 'incident' : null;
      });
    },
  },
  {
    id: 'kind.part-of-preceding-total',
    example: 'At least 15 were killed in the northwest this week. Two were killed on Friday while 13 died on Thursday.',
    apply: (frames, doc) =>
      sequential(frames, 'kind.part-of-preceding-total', (b, kinds, i) => {
        if (i === 0) return null;
        const prev = frames[i - 1];
        if (kinds[i] !== 'incident' || b.localities.length || !hasFigures(b.frame) || kinds[i - 1] !== 'tally') return null;
        if (b.frame.sentence - prev.frame.sentence > 1 || b.frame.headline || ANAPHORIC_EVENT_RE.test(doc.text.slice(b.frame.start, b.frame.end))) return null;
        if (!prev.frame.regions.length && !(prev.date && prev.date.precision === 'range')) return null;
        return 'tally';
      }),
  },
  {
    id: 'kind.split-of-earlier-tally',
    example: 'At least 15 people were killed in the northwest since Thursday, the rescuers said. Their teams worked through the night. Two were killed on Friday while 13 died on Thursday.',
    apply: (frames, doc) => {
      // A sentence whose figures name no place of their own and add up to a tally told earlier
      // splits that tally (by day or by kind), however many sentences lie between.
      const ownPlaces = new Map(doc.frames.map((f) => [f.start, f.places.length]));
      const bySentence = new Map<number, number[]>();
      frames.forEach((b, i) => {
        if (b.kind === 'incident' && hasFigures(b.frame) && !ownPlaces.get(b.frame.start)) bySentence.set(b.frame.sentence, [...(bySentence.get(b.frame.sentence) ?? []), i]);
      });
      // For each figure a tally states (its killed total, or a killed head count of its sentence),
      // the first sentence stating it; and how many frames each sentence has.
      const tallyFirstStating = new Map<number, number>();
      const framesInSentence = new Map<number, number>();
      for (const o of frames) {
        framesInSentence.set(o.frame.sentence, (framesInSentence.get(o.frame.sentence) ?? 0) + 1);
        if (o.kind !== 'tally') continue;
        const total = totalOf(o.frame.killed);
        const stated = doc.sentences[o.frame.sentence].anchors.filter((a) => a.outcome === 'killed' && a.parent === null).map((a) => a.quantity.value);
        for (const v of total === null ? stated : [total, ...stated]) {
          const first = tallyFirstStating.get(v);
          if (first === undefined || o.frame.sentence < first) tallyFirstStating.set(v, o.frame.sentence);
        }
      }
      const split = new Set<number>();
      for (const [sentence, idx] of bySentence) {
        const parts = idx.map((i) => totalOf(frames[i].frame.killed));
        if (idx.length < 2 || parts.some((x) => x === null || x === 0)) continue;
        const sum = parts.reduce((a: number, x) => a + x!, 0);
        const whole = (tallyFirstStating.get(sum) ?? Infinity) < sentence;
        // Every frame of the sentence is such a part (none names a place or is already a tally).
        if (whole && framesInSentence.get(sentence) === idx.length) idx.forEach((i) => split.add(i));
      }
      return frames.map((b, i) => (split.has(i) ? { ...b, kind: 'tally', kindRule: 'kind.split-of-earlier-tally' } : b));
    },
  },
  {
    id: 'kind.several-attack-kinds',
    example: 'Airstrikes and shelling killed 12 civilians in the province.',
    apply: (frames, doc) =>
      frames.map((b) => {
        if (b.kind !== 'incident' || b.localities.length || !hasFigures(b.frame)) return b;
        const s = doc.sentences[b.frame.sentence];
        const kinds = new Set(s.events.filter((e) => e.start >= b.frame.start && e.start < b.frame.end).map((e) => e.value));
        const several =
          kinds.size >= 2 &&
          /\b(?:air ?strikes|raids|strikes)\s+and\s+(?:artillery\s+)?(?:shelling|shells|rockets)|\b(?:shelling)\s+and\s+(?:air ?strikes|raids)/i.test(doc.text.slice(b.frame.start, b.frame.end));
        return several ? { ...b, kind: 'tally', kindRule: 'kind.several-attack-kinds' } : b;
      }),
  },
  {
    id: 'kind.adds-to-total',
    example: 'Fourteen were killed on Thursday before three more were killed on Friday.',
    apply: (frames) =>
      sequential(frames, 'kind.adds-to-total', (b, kinds, i) =>
        i > 0 && kinds[i] === 'incident' && kinds[i - 1] === 'tally' && frames[i - 1].frame.sentence === b.frame.sentence && !b.localities.length && isAdditional(b.frame) ? 'tally' : null,
      ),
  },
];

/**
 * The frames' indices in text order (by start; a frame's sentence index then never decreases),
 * and each frame's rank in it.
 */
function textOrder(frames: readonly ClassifiedFrame[]): { order: number[]; rank: number[] } {
  const order = frames.map((_, j) => j).sort((x, y) => frames[x].frame.start - frames[y].frame.start || x - y);
  const rank: number[] = new Array(frames.length);
  order.forEach((j, r) => (rank[j] = r));
  return { order, rank };
}

/**
 * Runs a rule front to back where each decision sees the ones already made in this rule (a frame
 * turned into a tally is no longer a part of another total).
 */
function sequential(
  frames: readonly ClassifiedFrame[],
  rule: string,
  decide: (b: ClassifiedFrame, kinds: MentionKind[], i: number) => MentionKind | null,
): ClassifiedFrame[] {
  const kinds = frames.map((f) => f.kind);
  const rules = frames.map((f) => f.kindRule);
  frames.forEach((b, i) => {
    const k = decide(b, kinds, i);
    if (k && k !== kinds[i]) {
      kinds[i] = k;
      rules[i] = rule;
    }
  });
  return frames.map((f, i) => (kinds[i] === f.kind ? f : { ...f, kind: kinds[i], kindRule: rules[i] }));
}

/** Words that sum many events: separate shootings, a city-wide count, a weekend's toll. */
const ROUND_UP_RE =
  /\b(?:in|during|from)\s+(?:at least\s+)?(?:\w+\s+)?(?:separate|several|multiple|unrelated|different)\s+(?:shootings|incidents|attacks|strikes)\b|\b(?:in|during|from)\s+(?:(?:other|citywide|city-wide|two|three|four|five|six|seven|eight|nine|ten|a dozen|dozens of|\d+)\s+)(?:[\w-]+\s+)?(?:shootings|incidents|attacks)\b|\b(?:in|during)\s+incidents\s+(?:across|around|throughout|spanning|in)\b|\b(?:two|three|four|five|six|several|multiple|\d+)\s+(?:separate|different|unrelated)\s+(?:shootings|incidents|attacks)\b|\b(?:shootings|violence|attacks)\s+(?:across|around|throughout)\s+(?:the\s+)?\S+|\b(?:across|throughout)\s+the\s+(?:city|county|state|country)\b/i;
/**
 * "in Sunday's strikes", "in the raids": a count for several attacks (not "in a strike", "in the
 * attack", nor "the strikes on the embassy annex", several strikes on one target).
 */
const PLURAL_ATTACKS_RE = /\b(?:in|by|from|during)\s+(?:the\s+|these\s+|(?:\w+day|today|yesterday)['’]s\s+)(?:[\w-]+\s+)?(?:air ?strikes|strikes|raids|attacks|bombardments)\b(?!\s+(?:on|at|against|targeting)\s+(?:the|a|an)\b)/i;
/** "over the weekend" sums a weekend's shootings only when it counts more than one person. */
const WEEKEND_RE = /\b(?:over|during)\s+the\s+(?:holiday\s+)?weekend\b/i;

/** The frame on its own: its date's age and span, tally cues, a region without a locality. */
function firstReading(f: Frame, s: SentenceInfo, date: FrameDate, published: string | null, hasLocality: boolean): { kind: MentionKind; kindRule: string } {
  const is = (kind: MentionKind, kindRule: string) => ({ kind, kindRule });
  if (s.background && !hasLocality) return is('background', 'kind.background-cue');
  // "The monitor confirmed the deaths from shelling": a source vouching for the toll before it
  // (carry-context adds it to that toll's claimants), not an event of its own.
  if (s.confirmation && !hasFigures(f)) return is('background', 'kind.confirmation');
  // "In 2013 a gunman killed six neighbours": dated by a year alone, even when the document's own day is unknown.
  if (date && date.precision !== 'reported' && !published && /year/.test(date.prov?.rule ?? '')) return hasFigures(f) && /\bsince\b/i.test(s.text) ? is('tally', 'kind.since-year') : is('background', 'kind.year-only');
  if (date && published && date.precision !== 'reported') {
    const ageDays = dayNumber(published) - dayNumber(date.end);
    const spanDays = dayNumber(date.end) - dayNumber(date.start);
    if (/year/.test(date.prov?.rule ?? '')) return hasFigures(f) && /\bsince\b/i.test(s.text) ? is('tally', 'kind.since-year') : is('background', 'kind.year-only');
    // Long ago: a period total ("between April and August ... nearly a thousand") is a tally;
    // anything else that old is context.
    if (ageDays > 45) return hasFigures(f) && (spanDays > 1 || /\bsince\b/i.test(s.text)) ? is('tally', 'kind.old-period') : is('background', 'kind.old');
    if (spanDays > 3 && !hasLocality) return is('tally', 'kind.period-no-place');
  }
  if (f.kind === 'figures') {
    // "35 others have been wounded in shootings across the city since Friday": a round-up of many
    // events, even where it names the town.
    const t = totalOf(f.killed) ?? totalOf(f.injured) ?? 0;
    const clause = s.text.slice(f.start - s.start, f.end - s.start);
    if (ROUND_UP_RE.test(clause) || (WEEKEND_RE.test(clause) && Math.max(totalOf(f.killed) ?? 0, totalOf(f.injured) ?? 0) > 1)) return is('tally', 'kind.round-up');
    // "At least 30 civilians were wounded in Sunday's strikes": a day's many strikes, no place of its own.
    if (!hasLocality && PLURAL_ATTACKS_RE.test(clause)) return is('tally', 'kind.plural-attacks');
    if (t >= 1000 && !hasLocality) return s.background ? is('background', 'kind.large-background') : is('tally', 'kind.large-no-place');
    if (s.tallyCue && !hasLocality) return is('tally', 'kind.tally-cue');
    // "in northwestern Syria", "in opposition-held Idlib": a figure for a region is a total.
    if (f.regions.length && !hasLocality) return is('tally', 'kind.region');
  }
  return is('incident', 'kind.event');
}

/** Every rule id a kind decision can carry, each with an example (tested like the other rule tables). */
export const KIND_RULES: readonly { id: string; example: string }[] = [
  { id: 'kind.event', example: 'A strike on the village of Kafr Sagheer killed four people on Monday.' },
  { id: 'kind.background-cue', example: 'The war, which began in 2011, has killed hundreds of thousands.' },
  { id: 'kind.confirmation', example: 'Rockets hit the market, killing five people, the ministry said. The monitor confirmed the deaths.' },
  { id: 'kind.since-year', example: 'Since 2019 the group has killed 300 people in the province.' },
  { id: 'kind.year-only', example: 'In 2015 a similar attack killed nine.' },
  { id: 'kind.old-period', example: 'Between April and August nearly a thousand people were killed.' },
  { id: 'kind.old', example: 'Last spring a bombing there killed six.' },
  { id: 'kind.period-no-place', example: 'From Monday to Friday strikes killed 40 people.' },
  { id: 'kind.large-background', example: 'The conflict has killed more than 350,000 people since it began.' },
  { id: 'kind.large-no-place', example: 'More than 1,200 people were killed across the country.' },
  { id: 'kind.tally-cue', example: 'The monitor documented a total of 92 civilian deaths.' },
  { id: 'kind.region', example: 'Eight civilians were killed in the country\'s northwest.' },
  { id: 'kind.plural-attacks', example: "At least 30 civilians were wounded in Sunday's strikes, the monitor said." },
  { id: 'kind.round-up', example: 'Five people were killed and 17 wounded in separate shootings across the city since Friday; two separate shootings left six people hurt.' },
  { id: 'kind.displaced', example: 'The fighting displaced 3,000 families from the district.' },
  ...CLASSIFY_RULES.map((r) => ({ id: r.id, example: r.example })),
];
