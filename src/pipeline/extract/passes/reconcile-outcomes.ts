/**
 * Pass 5b, reconcile outcomes: people who were wounded and then died are counted once, as killed
 * (annotation guide: killed and injured are disjoint). Police and local news count everyone hit
 * first ("Four people were shot") and then say who died ("One of them died at the hospital"; "six
 * were shot, two fatally"): the dead are taken out of the wounded. A count of the shot is taken to
 * include any death stated after it; a count of the wounded only deaths that say they were among
 * them ("of them", "later died", "succumbed"). Deaths told before the wounded ("one man was killed
 * and two others were wounded") are already apart.
 */
import type { CountValue } from '../../../domain/types.ts';
import type { DocumentReading, FrameGroup } from './extraction-state.ts';

export const OUTCOME_RULES = [
  { id: 'derive.wounded-then-died', example: 'Four people were shot on Saturday night. One of them died at the hospital.' },
  { id: 'derive.all-civilians', example: 'Six people died in the raid. All of the dead were civilians, the monitor said.' },
  { id: 'derive.all-fighters', example: 'The toll from the strike on the base rose to nine, all of them fighters, the monitor said.' },
] as const;

/** "All of the dead were civilians", "all of them civilians": the toll told before is civilians. */
const ALL_CIVILIANS_RE = /\ball(?: of)? (?:the |those |them )?(?:(?:dead|victims|killed|casualties|people killed)\s+)?(?:were |are |was )?(?:all )?civilians\b/i;
/** "… has risen to 11, all of them fighters": the toll told before is fighters. */
const ALL_FIGHTERS_RE = /\ball(?: of)? (?:the |those |them )?(?:(?:dead|victims|killed|casualties|people killed)\s+)?(?:were |are |was )?(?:all )?(?:fighters|combatants|soldiers|militants|military personnel)\b/i;

/**
 * A category stated in a sentence of its own ("All of the dead were civilians.") completes the
 * incident told just before it, within the next two sentences of its paragraph.
 */
export function completeCategories(groups: readonly FrameGroup[], doc: DocumentReading): FrameGroup[] {
  return groups.map((g) => {
    const total = g.frame.killed.total;
    if (g.kind !== 'incident' || !total || g.frame.killed.civilians || g.frame.killed.fighters) return g;
    // A loop, not Math.max(...): a group may hold more frames than a call takes arguments.
    const last = g.frames.reduce((m, f) => Math.max(m, f.sentence), -Infinity);
    const para = doc.sentences[last].paragraph;
    for (const s of doc.sentences.slice(last, last + 3)) {
      if (s.paragraph !== para && s.index !== last + 1) break;
      const civ = ALL_CIVILIANS_RE.exec(s.text);
      const fig = civ ? null : ALL_FIGHTERS_RE.exec(s.text);
      const m = civ ?? fig;
      if (!m) continue;
      const span = { start: s.start + m.index, end: s.start + m.index + m[0].length };
      const category = civ ? 'civilians' : 'fighters';
      const value: CountValue = { ...total, prov: { rule: `derive.all-${category}`, span, text: m[0] } };
      return { ...g, frame: { ...g.frame, killed: { ...g.frame.killed, [category]: value } } };
    }
    return g;
  });
}

/** The death was among people already counted as hit or wounded. */
const AMONG_WOUNDED_RE = /\b(?:of (?:them|whom|the victims|those (?:shot|wounded|injured))|later|since|subsequently|succumbed|fatally|died (?:of|from) (?:his|her|their|the) (?:wounds|injuries))\b/i;

/** "the fourth victim", "another man", "…survived": a person apart from the dead told before. */
const ANOTHER_PERSON_RE = /\b(?:second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|other|another|survived|survivor)\b/i;

/** "two others were shot", "three more wounded": counted apart from the dead. */
const EXCLUSIVE_RE = /\b(?:others?|more|additional|another|further)\b/i;

export function reconcileOutcomes(groups: readonly FrameGroup[]): FrameGroup[] {
  // A document that tells of a death and later says "the victim was shot" or "she had been shot"
  // points back at the one who died: that mention adds no wounded person.
  const deathTolls = new Set(groups.filter((g) => g.kind === 'incident').map((g) => g.frame.killed.total?.value ?? 0).filter((v) => v >= 1));
  return groups.map((g) => {
    if (g.kind !== 'incident') return g;
    const wounded = g.frame.injured.total;
    // One wounded person told by reference ("the victim", "she", a name) is the one who died, also
    // where the same event counts its dead ("two were killed … when she was shot").
    // Not one counted by its order or said to have survived: "the fourth victim survived".
    const oneReferred = wounded?.value === 1 && wounded.prov.rule.includes('+cas.ref') && !ANOTHER_PERSON_RE.test(wounded.prov.text);
    const pointsBack = wounded && (!g.frame.killed.total || oneReferred) && (
      // "the victim was shot", "she had been shot" after a death was told;
      (deathTolls.size > 0 && oneReferred) ||
      // "2 girls shot dead" … "Two teenagers were shot": as many shot as died, not told as others.
      (deathTolls.has(wounded.value) && wounded.prov.rule.includes('+cas.shot') && !EXCLUSIVE_RE.test(wounded.prov.text)));
    if (pointsBack) return { ...g, frame: { ...g.frame, injured: {} } };
    const injured = g.frame.injured.total;
    const killed = g.frame.killed.total;
    if (!injured || !killed) return g;
    // The killer who shot himself was not among those he shot.
    const killer = /(?:^|\+)cas\.killer-self\b/.test(killed.prov.rule) ? 1 : 0;
    if (killed.value - killer > injured.value) return g;
    const shotCount = injured.prov.rule.includes('+cas.shot') && !EXCLUSIVE_RE.test(injured.prov.text);
    // Everyone shot includes whoever died of it, whichever is told first ("6 killed … shot eight").
    if (killed.prov.span.start <= injured.prov.span.start && !shotCount && !(injured.value === 1 && injured.prov.rule.includes('+cas.ref'))) return g;
    // "The victim … died", "where he died": the one already counted as wounded; or the wounded
    // mention points back at the one who died ("… was killed. The man had been shot twice").
    const sameVictim = (killed.value === 1 && /^(?:the|he|she)\b/i.test(killed.prov.text)) || (injured.value === 1 && injured.prov.rule.includes('+cas.ref'));
    if (!shotCount && !sameVictim && !AMONG_WOUNDED_RE.test(killed.prov.text)) return g;
    if (/\bothers?\b|\bmore\b|\badditional\b/i.test(killed.prov.text)) return g;
    const rest: CountValue = {
      ...injured,
      value: injured.value - (killed.value - killer),
      min: Math.max(0, injured.min - (killed.max - killer)),
      max: Math.max(0, injured.max - (killed.min - killer)),
      prov: { ...injured.prov, rule: 'derive.wounded-then-died' },
    };
    // Categories of the wounded larger than what is left cannot all be among the living.
    const others = Object.fromEntries(Object.entries(g.frame.injured).filter(([k, v]) => k !== 'total' && v && v.value <= rest.value));
    return { ...g, frame: { ...g.frame, injured: rest.value > 0 ? { ...others, total: rest } : {} } };
  });
}
