/**
 * One document in, its mentions out: segments the text, reads frames (frames.ts), carries dates,
 * attribution and perpetrators across sentences the way news prose does, geocodes places,
 * classifies each frame as an incident, a tally or background (annotation guide), and merges the
 * frames of one event inside the article (headline and body, figures and the sentence naming the
 * village). Separate figures for separate places stay separate.
 */
import type { StatedFigures, Article, CountSet, DateRange, Mention, MentionKind, PlaceMention, ResolvedPlace, Tagged, Warning } from '../../domain/types.ts';
import { normalizeText } from '../normalize/normalize-text.ts';
import { segment } from '../normalize/segment.ts';
import type { PlaceResolver } from '../geocode/place-resolver.ts';
import { claimantOfOutlet, findPerpetrators } from './actors.ts';
import { framesOfSentence, readSentence, pickEventType, type Frame, type SentenceInfo } from './frames.ts';
import { findDates, isBackgroundDateRule, type DateMention } from './dates.ts';
import { EVENT_CUES } from './lexicons/events.ts';
import { sameName } from '../../domain/name-key.ts';
import { distanceKm } from '../geocode/gazetteer.ts';

export interface ExtractResult {
  mentions: Mention[];
  warnings: Warning[];
}

interface Built {
  frame: Frame;
  kind: MentionKind;
  date: NonNullable<Mention['date']> | null;
  resolved: ResolvedPlace[];
  localities: ResolvedPlace[];
  admin1: string | null;
  mergedFrames: Frame[];
  statements: StatedFigures[];
}

const DAY = 86_400_000;
/** Claimant ids that are also parties to the fighting. */
const BELLIGERENT_CLAIMANTS = new Set(['hts', 'isis', 'sdf']);
const isoDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const dayMs = (iso: string) => Date.parse(`${iso}T00:00:00Z`);

/** A publication date from the URL (".../2019/12/05/...") when the metadata has none. */
export function publishedFromUrl(url: string | null): string | null {
  if (!url) return null;
  const m = /(?:^|\/)((?:19|20)\d\d)[/-](0[1-9]|1[0-2])[/-](0[1-9]|[12]\d|3[01])(?:\/|$|-)/.exec(url);
  return m ? `${m[1]}-${m[2]}-${m[3]}` : null;
}

function latestExplicitDate(text: string): string | null {
  let best: string | null = null;
  for (const d of findDates(text, 0, null)) {
    if (!d.range || isBackgroundDateRule(d.rule)) continue;
    if (!best || d.range.end > best) best = d.range.end;
  }
  return best;
}

function totalOf(c: CountSet): number | null {
  return c.total?.value ?? c.civilians?.value ?? c.fighters?.value ?? c.children?.value ?? c.women?.value ?? null;
}

function hasFigures(f: Frame): boolean {
  return Object.keys(f.killed).length > 0 || Object.keys(f.injured).length > 0;
}

/** Overlap of two dates; a reported date (publication day) may be the day after the event. */
function rangesOverlap(a: DateRange, b: DateRange): boolean {
  const aStart = dayMs(a.start) - (a.precision === 'reported' ? DAY : 0);
  const bStart = dayMs(b.start) - (b.precision === 'reported' ? DAY : 0);
  return aStart <= dayMs(b.end) && bStart <= dayMs(a.end);
}

export function extractDocument(article: Article, resolver: PlaceResolver): ExtractResult {
  const warnings: Warning[] = [];
  const norm = normalizeText(article.text);
  const segs = segment(norm).filter((s) => s.kind !== 'boilerplate' && /\p{L}{2}/u.test(s.text));
  let published = article.published ?? publishedFromUrl(article.url);
  const estimated = !published;
  if (!published) {
    // No metadata: the latest full date the text itself states is the best anchor left.
    published = latestExplicitDate(article.title ?? '') ?? latestExplicitDate(norm);
    warnings.push(
      published
        ? { code: 'date-estimated', message: `document ${article.id} has no publication date; relative dates resolved against ${published}, the latest date its text states`, source: article.id }
        : { code: 'no-date', message: `document ${article.id} has no publication date; relative dates cannot be resolved`, source: article.id },
    );
  }

  // Title as a headline segment when the body does not repeat it (offsets cannot point into it).
  const sentences: SentenceInfo[] = segs.map((s, i) => readSentence(s, i, published, resolver));
  const outletClaimant = claimantOfOutlet(article.outlet);

  const frames: Frame[] = [];
  for (const s of sentences) frames.push(...framesOfSentence(s, norm));

  // --- carry context across sentences -------------------------------------------------------
  let lastClaimants: Tagged<string>[] = [];
  const claimantsBefore: Tagged<string>[][] = [];
  for (const s of sentences) {
    claimantsBefore[s.index] = lastClaimants;
    if (s.claimants.length) lastClaimants = s.claimants;
  }
  const docEvent = pickEventType(sentences.slice(0, 3).flatMap((s) => s.events), 0);
  const docPerps = (sentences.find((s) => s.perpetrators.length && !s.background)?.perpetrators ?? []).slice(0, 3);
  for (const f of frames) {
    const s = sentences[f.sentence];
    const prevSame = sentences.slice(Math.max(0, f.sentence - 2), f.sentence).reverse().filter((p) => p.paragraph === s.paragraph || p.headline || f.sentence - p.index === 1);
    const next = sentences[f.sentence + 1];
    const nextIsContinuation = next && next.anchors.length === 0 && !next.headline && (next.claimants.length > 0 || next.anaphoricAttribution);
    // Date
    if (!f.date) {
      const d = prevSame.map((p) => p.dates.find((x) => x.range)).find(Boolean);
      if (d) {
        f.date = d;
        f.dateInherited = true;
      }
    }
    // Claimants: the sentence, an attribution sentence right after, "the sources said", the sentences before, the outlet.
    if (!f.claimants.length) {
      if (s.anaphoricAttribution && claimantsBefore[s.index].length) f.claimants = claimantsBefore[s.index];
      else if (nextIsContinuation && next.claimants.length) f.claimants = next.claimants;
      else if (nextIsContinuation && next.anaphoricAttribution && claimantsBefore[next.index].length) f.claimants = claimantsBefore[next.index];
      else {
        // An organisation publishing its own figures (a monitor's site, a press release) claims them
        // unless the sentence says otherwise; only then does attribution carry from sentences before.
        const p = prevSame.find((x) => x.claimants.length);
        if (outletClaimant) f.claimants = [{ value: outletClaimant, prov: { rule: 'claimant.outlet', span: { start: 0, end: 0 }, text: article.outlet ?? '' } }];
        else if (p) f.claimants = p.claimants;
      }
    }
    const saysUnknown = s.unknownPerpetrator || sentences.slice(f.sentence + 1, f.sentence + 4).some((x) => x.paragraph === s.paragraph && x.unknownPerpetrator) || (next?.unknownPerpetrator ?? false);
    if (!f.perpetrators.length && saysUnknown) {
      // The text says nobody knows who did it: no perpetrator is carried from elsewhere.
    } else if (!f.perpetrators.length) {
      // Who the attribution sentence blames is named before its source ("'Terrorist groups', SANA said").
      const firstClaim = next?.claimants[0]?.prov.span.start ?? next?.end ?? 0;
      const nextPerps = nextIsContinuation ? findPerpetrators(next.text.slice(0, firstClaim - next.start), next.start, true) : [];
      if (nextPerps.length) f.perpetrators = nextPerps;
      else {
        // Who did it carries within a paragraph (or from the headline), not into another story.
        const p = prevSame.find((x) => x.perpetrators.length && (x.paragraph === s.paragraph || x.headline));
        if (p) f.perpetrators = p.perpetrators;
        else if (docPerps.length) f.perpetrators = docPerps;
      }
    }
    // "HTS announced that it had responded": a party to the event speaking for itself.
    if (nextIsContinuation && next.claimants.some((c) => BELLIGERENT_CLAIMANTS.has(c.value))) {
      for (const c of next.claimants) if (BELLIGERENT_CLAIMANTS.has(c.value) && !f.perpetrators.some((p) => p.value === c.value)) f.perpetrators = [...f.perpetrators, c];
      if (!f.claimants.length || f.claimants[0].prov.rule === 'claimant.outlet') f.claimants = next.claimants;
    }
    if (!f.eventType) {
      const p = prevSame.find((x) => x.events.length);
      f.eventType = p ? pickEventType(p.events, p.end) : nextIsContinuation && next.events.length ? pickEventType(next.events, next.start) : docEvent;
    }
    if (!f.places.some((p) => p.role === 'event') && !f.adminHints.length) {
      // The village is often named in the sentence before the toll ("families in the town of X ...
      // A strike hit a house, killing nine").
      const p = prevSame.find((x) => x.paragraph === s.paragraph && x.anchors.length === 0 && x.places.some((pl) => pl.role === 'event'));
      if (p) f.places = [...f.places, ...p.places.filter((pl) => pl.role === 'event')];
    }
    if (!f.adminHints.length && !f.places.some((p) => p.role !== 'origin' && resolver.admin1Name(p.name))) {
      const p = [...prevSame, ...sentences.slice(0, f.sentence).reverse()].find((x) => x.adminHints.length || x.places.some((pl) => pl.role === 'area'));
      if (p) {
        f.adminHints = p.adminHints.length ? p.adminHints.map((h) => h.name) : p.places.filter((pl) => pl.role === 'area').map((pl) => pl.adminHint ?? pl.name);
        f.hintsCarried = true;
      }
    }
  }

  // --- geocode and classify ------------------------------------------------------------------
  const built: Built[] = frames.map((f) => {
    const s = sentences[f.sentence];
    const hint = f.adminHints[0] ?? null;
    const resolved: ResolvedPlace[] = [];
    const localities: ResolvedPlace[] = [];
    for (const p of f.places) {
      if (p.role === 'origin') continue;
      const adminName = resolver.admin1Name(p.name);
      if (p.role === 'area' || (adminName && !/city|town|village/i.test(s.text.slice(p.prov.span.end - s.start, p.prov.span.end - s.start + 12)) && isAreaUse(s.text, p, s.start))) {
        const a = resolver.resolveAdmin1Place(adminName ?? p.name, p);
        if (a) resolved.push(a);
        continue;
      }
      // A governorate carried from another sentence only ranks candidates; the sentence's own
      // statement of the governorate refuses a same-named place elsewhere.
      const r = resolver.resolve(p, hint, undefined, !f.hintsCarried) ?? (hint ? null : f.softHints.length ? resolver.resolve(p, f.softHints[0], undefined, false) : null);
      if (r && r.precision === 'locality') {
        resolved.push(r);
        localities.push(r);
      } else if (r) {
        resolved.push(r);
      } else {
        warnings.push({ code: 'place-not-found', message: `place "${p.name}" not found in the gazetteer`, source: `${article.id}@${p.prov.span.start}` });
        const fallback = hint ? resolver.resolveAdmin1Place(hint) : null;
        const unresolved: ResolvedPlace = { name: p.name, gazetteerId: null, lat: fallback?.lat ?? null, lon: fallback?.lon ?? null, admin1: fallback?.admin1 ?? null, admin2: null, precision: fallback ? 'admin1' : 'country', mention: p };
        resolved.push(unresolved);
        if (p.prov.rule !== 'place.prep-name') localities.push(unresolved);
      }
    }
    if (!resolved.some((r) => r.lat !== null) && hint) {
      // No place of its own: the smallest admin area the text gives.
      const a = resolver.resolveAdmin1Place(hint);
      if (a) resolved.push(a);
    }
    const admin1 = localities.find((l) => l.admin1)?.admin1 ?? (hint ? resolver.admin1Name(hint) : null) ?? resolved.find((r) => r.admin1)?.admin1 ?? null;
    const date = resolveFrameDate(f.date, published);
    return { frame: f, kind: classify(f, s, date, published, localities.length > 0), date, resolved, localities, admin1, mergedFrames: [f], statements: [] };
  });

  // A frame at area level whose figure the article breaks down by place is a total (a tally).
  for (const b of built) {
    if (b.kind !== 'incident' || b.localities.length || !hasFigures(b.frame)) continue;
    const t = totalOf(b.frame.killed);
    if (t === null) continue;
    // The breakdown follows the total: later clauses of the same sentence or the next few sentences.
    const parts = built.filter(
      (o) =>
        o !== b &&
        o.kind === 'incident' &&
        o.frame.start > b.frame.start &&
        o.frame.sentence - b.frame.sentence <= 5 &&
        o.localities.length > 0 &&
        hasFigures(o.frame) &&
        (!b.admin1 || !o.admin1 || o.admin1 === b.admin1) &&
        (!b.date || !o.date || rangesOverlap(b.date, o.date)),
    );
    const partTotals = parts.map((p) => totalOf(p.frame.killed) ?? 0).filter((x) => x > 0);
    const sum = partTotals.reduce((a, x) => a + x, 0);
    const pluralAttacks = /\b(?:attacks|strikes|air ?strikes|raids|bombardments|operations|shelling and)\b/i.test(norm.slice(b.frame.start, b.frame.end));
    if (partTotals.length >= 2 && sum <= t * 1.0001 && partTotals.every((x) => x < t)) b.kind = 'tally';
    else if (partTotals.length >= 1 && pluralAttacks && sum < t) b.kind = 'tally';
    else if (partTotals.length >= 2 && sum === t) b.kind = 'tally';
  }

  // A figure for a whole region that equals the toll the article gives for a place ("Russian raids
  // kill eight in northwest Syria" over "... killed eight in Maarat al-Numan") restates that
  // incident rather than totalling a period or a region.
  for (const b of built) {
    if (b.kind !== 'tally' || !b.frame.regions.length || (b.date && b.date.precision === 'range')) continue;
    const t = totalOf(b.frame.killed);
    if (t !== null && built.some((o) => o !== b && o.kind === 'incident' && o.localities.length > 0 && totalOf(o.frame.killed) === t && (!b.date || !o.date || rangesOverlap(b.date, o.date)))) b.kind = 'incident';
  }

  // Right after a total for a region or a period, a figure with no place of its own breaks that
  // total down ("At least 15 were killed in Syria's northwest ... Two were killed on Friday while 13
  // died on Thursday"): it is part of the tally, not an incident.
  for (let i = 1; i < built.length; i++) {
    const b = built[i];
    const prev = built[i - 1];
    if (b.kind !== 'incident' || b.localities.length || !hasFigures(b.frame) || prev.kind !== 'tally') continue;
    if (b.frame.sentence - prev.frame.sentence > 1 || b.frame.headline || ANAPHORIC_EVENT_RE.test(norm.slice(b.frame.start, b.frame.end))) continue;
    if (!prev.frame.regions.length && !(prev.date && prev.date.precision === 'range')) continue;
    b.kind = 'tally';
  }

  // "airstrikes and shelling killed 12 civilians": one figure over several kinds of attack, with no
  // place, sums many events (a situation report's month) — a tally.
  for (const b of built) {
    if (b.kind !== 'incident' || b.localities.length || !hasFigures(b.frame)) continue;
    const kinds = new Set(sentences[b.frame.sentence].events.filter((e) => e.start >= b.frame.start && e.start < b.frame.end).map((e) => e.value));
    if (kinds.size >= 2 && /\b(?:air ?strikes|raids|strikes)\s+and\s+(?:artillery\s+)?(?:shelling|shells|rockets)|\b(?:shelling)\s+and\s+(?:air ?strikes|raids)/i.test(norm.slice(b.frame.start, b.frame.end))) b.kind = 'tally';
  }

  // "Fourteen were killed on Thursday (a total) before three more were killed on Friday": a count
  // that adds to a total is a total too.
  for (let i = 1; i < built.length; i++) {
    const b = built[i];
    const prev = built[i - 1];
    if (b.kind === 'incident' && prev.kind === 'tally' && prev.frame.sentence === b.frame.sentence && !b.localities.length && isAdditional(b.frame)) b.kind = 'tally';
  }

  // --- merge frames of one event -------------------------------------------------------------
  const groups: Built[] = [];
  for (const b of built) {
    if (b.kind !== 'incident') {
      groups.push(b);
      continue;
    }
    const target = [...groups].reverse().find((g) => g.kind === 'incident' && compatible(g, b));
    if (target) {
      absorb(target, b);
      continue;
    }
    // A figure with no place of its own and no date of its own, later in the article, is another
    // source's (or an updated) toll of the article's lead event: it becomes another claim there.
    // The lead: the first incident with figures, or a strike on a named place told at the top.
    const lead = groups.find((g) => g.kind === 'incident' && (hasFigures(g.frame) || (g.frame.kind === 'event' && g.frame.sentence <= 2 && g.resolved.length > 0)));
    if (lead && restatesLead(lead, b) && isPartOfLead(sentences[b.frame.sentence].text)) {
      // "Four children were also among those killed": a breakdown of the lead's toll.
      lead.mergedFrames.push(b.frame);
      absorbContext(lead, b);
      continue;
    }
    if (lead && restatesLead(lead, b) && !hasFigures(lead.frame)) {
      absorb(lead, b);
      continue;
    }
    if (lead && restatesLead(lead, b)) {
      lead.mergedFrames.push(b.frame);
      const span = quoteSpan(article.text, b.frame);
      lead.statements.push({ claimants: b.frame.claimants, span, quote: article.text.slice(span.start, span.end), killed: b.frame.killed, injured: b.frame.injured });
      absorbContext(lead, b);
      continue;
    }
    groups.push(b);
  }

  const mentions: Mention[] = [];
  let index = 0;
  for (const g of groups) {
    if (g.kind === 'background') continue;
    const f = g.frame;
    if (g.kind === 'incident' && !hasFigures(f) && !g.localities.length && f.kind === 'event') continue;
    const quoteFrame = g.mergedFrames.find((x) => hasFigures(x)) ?? f;
    const qs = quoteSpan(article.text, quoteFrame);
    mentions.push({
      id: `${article.id}#${index++}`,
      docId: article.id,
      kind: g.kind,
      span: { start: qs.start, end: qs.end },
      quote: article.text.slice(qs.start, qs.end),
      eventType: groupEventType(g),
      date: g.date,
      places: g.mergedFrames.flatMap((x) => x.places),
      resolvedPlaces: orderPlaces(g.resolved),
      perpetrators: f.perpetrators,
      claimants: f.claimants,
      killed: f.killed,
      injured: f.injured,
      displaced: f.displaced,
      targets: f.targets,
      statements: g.statements,
      dateBasis: !g.date ? undefined : estimated ? 'estimated' : g.date.precision === 'reported' ? 'published' : 'stated',
      area: f.regions[0] ?? g.admin1 ?? null,
    });
  }
  // Displacement figures are tallies of their own (never incidents).
  for (const s of sentences) {
    if (!s.displaced || s.background) continue;
    if (mentions.some((m) => m.kind === 'tally' && m.span.start === s.start && m.displaced)) continue;
    const d = resolveFrameDate(s.dates.find((x) => x.range) ?? null, published);
    mentions.push({
      id: `${article.id}#${index++}`,
      docId: article.id,
      kind: 'tally',
      span: { start: s.start, end: s.end },
      quote: article.text.slice(s.start, s.end),
      eventType: null,
      date: d,
      places: s.places,
      resolvedPlaces: [],
      perpetrators: s.perpetrators,
      claimants: s.claimants.length ? s.claimants : claimantsBefore[s.index],
      killed: {},
      injured: {},
      displaced: { value: s.displaced.value, min: s.displaced.value, max: s.displaced.value, qualifier: 'exact', prov: { rule: 'displaced.count', span: { start: s.displaced.start, end: s.displaced.end }, text: s.displaced.text } },
      targets: [],
    });
  }
  return { mentions, warnings };
}

/** The clause a frame was read from, trimmed of separators: the exact words stating the figures. */
function quoteSpan(text: string, f: Frame): { start: number; end: number } {
  let start = f.start;
  let end = f.end;
  while (start < end && /[\s,;:\-–]/.test(text[start])) start++;
  while (end > start && /[\s,;]/.test(text[end - 1])) end--;
  // Leading connectives of a split clause ("while", "and they are") are not part of the statement.
  const lead = /^(?:and\s+)?(?:while|whereas|they are|and)\s+/i.exec(text.slice(start, end));
  if (lead) start += lead[0].length;
  return { start, end };
}

/** "Idlib" after "province of", before "province", or as "Syria's Idlib" is the governorate. */
function isAreaUse(text: string, p: PlaceMention, base: number): boolean {
  const s = p.prov.span.start - base;
  const before = text.slice(Math.max(0, s - 40), s);
  const after = text.slice(s + p.name.length, s + p.name.length + 40);
  if (/^\s*(?:city|town|village|center|centre|neighbou?rhood)/i.test(after) || /(?:city|town|village|metropolis|capital) of\s+$/i.test(before)) return false;
  // A bare "in Idlib" is read as the governorate (the conservative, coarser reading); linking
  // treats a bare governorate name and the city of that name as the same place.
  return true;
}

function resolveFrameDate(d: DateMention | null, published: string | null): Built['date'] {
  if (d && d.range) {
    return { start: d.range.start, end: d.range.end, precision: d.range.precision, prov: { rule: d.rule, span: { start: d.start, end: d.end }, text: d.text } };
  }
  if (published) return { start: published, end: published, precision: 'reported', prov: null };
  return null;
}

function classify(f: Frame, s: SentenceInfo, date: Built['date'], published: string | null, hasLocality: boolean): MentionKind {
  if (s.background && !hasLocality) return 'background';
  if (date && published && date.precision !== 'reported') {
    const ageDays = (dayMs(published) - dayMs(date.end)) / DAY;
    const spanDays = (dayMs(date.end) - dayMs(date.start)) / DAY;
    if (/year/.test(date.prov?.rule ?? '')) return hasFigures(f) && /\bsince\b/i.test(s.text) ? 'tally' : 'background';
    // Long ago: a period total ("between April and August ... nearly a thousand") is a tally;
    // anything else that old is context.
    if (ageDays > 45) return hasFigures(f) && (spanDays > 1 || /\bsince\b/i.test(s.text)) ? 'tally' : 'background';
    if (spanDays > 3 && !hasLocality) return 'tally';
  }
  if (f.kind === 'figures') {
    const t = totalOf(f.killed) ?? totalOf(f.injured) ?? 0;
    if (t >= 1000 && !hasLocality) return s.background ? 'background' : 'tally';
    if (s.tallyCue && !hasLocality) return 'tally';
    // "in northwestern Syria", "in opposition-held Idlib": a figure for a region is a total.
    if (f.regions.length && !hasLocality) return 'tally';
  }
  return 'incident';
}

function sameLocality(a: ResolvedPlace[], b: ResolvedPlace[]): boolean {
  return a.some((x) =>
    b.some(
      (y) =>
        (x.gazetteerId && x.gazetteerId === y.gazetteerId) ||
        sameName(x.name, y.name) ||
        (x.precision === 'locality' && y.precision === 'locality' && x.lat !== null && y.lat !== null && distanceKm({ lat: x.lat, lon: x.lon! }, { lat: y.lat, lon: y.lon! }) <= 6),
    ),
  );
}

function perpsCompatible(a: Tagged<string>[], b: Tagged<string>[]): boolean {
  if (!a.length || !b.length) return true;
  return a.some((x) => b.some((y) => x.value === y.value));
}

function countsCompatible(a: CountSet, b: CountSet): boolean {
  for (const k of Object.keys(a) as (keyof CountSet)[]) {
    const x = a[k];
    const y = b[k];
    if (x && y && x.value !== y.value) return false;
  }
  return true;
}

function compatible(g: Built, b: Built): boolean {
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
    const dayApart = !!g.date && !!b.date && Math.abs(dayMs(g.date.start) - dayMs(b.date.start)) <= DAY;
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

/** "in the attack", "the strike": a sentence referring back to an event already told. */
const ANAPHORIC_EVENT_RE = /\b(?:the|this|that|Tuesday's|Monday's|Wednesday's|Thursday's|Friday's|Saturday's|Sunday's)\s+(?:same\s+)?(?:attack|strike|air ?strike|raid|bombing|blast|explosion|shelling|bombardment|massacre)\b/i;

const EVENT_PRIORITY = new Map(EVENT_CUES.map((c) => [c.rule, c.priority]));

/** The most specific event type any frame of the group names (aircraft over "attack"). */
function groupEventType(g: Built): Frame['eventType'] {
  let best = g.frame.eventType;
  for (const f of g.mergedFrames) {
    if (f.eventType && (!best || (EVENT_PRIORITY.get(f.eventType.prov.rule) ?? 0) > (EVENT_PRIORITY.get(best.prov.rule) ?? 0))) best = f.eventType;
  }
  return best;
}

function isAdditional(f: Frame): boolean {
  return f.anchors.some((a) => a.parent === null && a.quantity.additional);
}

/** A later figure with no place and no date of its own restates the lead event (see caller). */
function restatesLead(lead: Built, b: Built): boolean {
  const f = b.frame;
  if (f.kind !== 'figures' || isAdditional(f)) return false;
  // A toll for a place is a restatement only when the lead is about that same place, or when it
  // refers back to "the attack" with the lead's own figure (a neighbourhood of the lead's town).
  const anaphoricSame = ANAPHORIC_EVENT_RE.test(f.sentenceText) && sameFigures(lead.frame, f);
  if (b.localities.length && !(lead.localities.length && sameLocality(lead.localities, b.localities)) && !anaphoricSame) return false;
  if (f.date && !f.dateInherited && lead.date && b.date && b.date.precision !== 'reported' && !rangesOverlap(lead.date, b.date)) return false;
  if (lead.admin1 && b.admin1 && lead.admin1 !== b.admin1) return false;
  if (!perpsCompatible(lead.frame.perpetrators, f.perpetrators)) return false;
  const lt = lead.frame.eventType?.value;
  const bt = f.eventType?.value;
  if (lt && bt && lt !== bt && !(EVENT_FAMILY[lt] && EVENT_FAMILY[lt] === EVENT_FAMILY[bt])) return false;
  return true;
}

/** Event types a report may use interchangeably for one strike. */
const EVENT_FAMILY: Record<string, string> = { air_strike: 'remote', shelling: 'remote', explosion: 'remote', attack: 'remote' };

function absorbContext(g: Built, b: Built): void {
  const gf = g.frame;
  if (!g.resolved.some((r) => r.lat !== null) && b.resolved.length) {
    // The lead named no place; the restatement does ("... at the Military College in Homs").
    g.resolved.push(...b.resolved);
    g.localities.push(...b.localities);
    g.admin1 = g.admin1 ?? b.admin1;
  }
  const seenT = new Set(gf.targets.map((p) => p.value));
  gf.targets = [...gf.targets, ...b.frame.targets.filter((p) => !seenT.has(p.value))];
  // Who did it is the lead's statement; a later sentence's names count only when the lead has none.
  if (!gf.perpetrators.length) gf.perpetrators = b.frame.perpetrators;
  for (const k of ['children', 'women', 'fighters'] as const) {
    // Sub-counts the lead did not state ("four children were among the dead") complete it.
    if (!gf.killed[k] && b.frame.killed[k]) gf.killed = { ...gf.killed, [k]: b.frame.killed[k] };
  }
}

const PART_OF_LEAD_RE = /\b(?:also|among (?:those|the|them)(?: \w+)?|including|included)\b/i;
function isPartOfLead(sentence: string): boolean {
  return PART_OF_LEAD_RE.test(sentence);
}

function sameFigures(a: Frame, b: Frame): boolean {
  const ta = totalOf(a.killed);
  const tb = totalOf(b.killed);
  return ta !== null && ta === tb;
}

/** "Six killed" then "the airstrikes left 10 injured": killed in one, injured in the other. */
function complementary(a: Frame, b: Frame): boolean {
  const ak = Object.keys(a.killed).length > 0;
  const bk = Object.keys(b.killed).length > 0;
  const ai = Object.keys(a.injured).length > 0;
  const bi = Object.keys(b.injured).length > 0;
  return (ak && !ai && bi && !bk) || (bk && !bi && ai && !ak);
}

function absorb(g: Built, b: Built): void {
  const gf = g.frame;
  const bf = b.frame;
  g.mergedFrames.push(bf);
  for (const k of Object.keys(bf.killed) as (keyof CountSet)[]) if (!gf.killed[k]) gf.killed = { ...gf.killed, [k]: bf.killed[k] };
  for (const k of Object.keys(bf.injured) as (keyof CountSet)[]) if (!gf.injured[k]) gf.injured = { ...gf.injured, [k]: bf.injured[k] };
  if (!hasFigures(gf) && hasFigures(bf)) {
    // Keep the figure frame's quote first.
    g.mergedFrames.unshift(g.mergedFrames.pop()!);
  }
  const seenP = new Set(gf.perpetrators.map((p) => p.value));
  gf.perpetrators = [...gf.perpetrators, ...bf.perpetrators.filter((p) => !seenP.has(p.value))];
  const seenC = new Set(gf.claimants.map((p) => p.value));
  if (!gf.claimants.length || gf.claimants[0].prov.rule === 'claimant.outlet') gf.claimants = [...bf.claimants, ...gf.claimants.filter((c) => !bf.claimants.some((x) => x.value === c.value))];
  else gf.claimants = [...gf.claimants, ...bf.claimants.filter((p) => !seenC.has(p.value) && hasFigures(bf))];
  const seenT = new Set(gf.targets.map((p) => p.value));
  gf.targets = [...gf.targets, ...bf.targets.filter((p) => !seenT.has(p.value))];
  if (!gf.eventType) gf.eventType = bf.eventType;
  if (g.date && b.date && g.date.precision !== 'day' && b.date.precision === 'day') g.date = b.date;
  if (!g.date) g.date = b.date;
  const have = new Set(g.resolved.map((r) => r.gazetteerId ?? r.name));
  for (const r of b.resolved) if (!have.has(r.gazetteerId ?? r.name)) g.resolved.push(r);
  for (const l of b.localities) if (!g.localities.includes(l)) g.localities.push(l);
  if (!g.admin1) g.admin1 = b.admin1;
}

/** Most specific first: localities, then districts, governorates, the country. */
function orderPlaces(places: ResolvedPlace[]): ResolvedPlace[] {
  const rank = { locality: 0, admin2: 1, admin1: 2, country: 3 } as const;
  const withCoords = places.filter((p) => p.precision === 'locality' || !places.some((q) => q.precision === 'locality'));
  return [...withCoords].sort((a, b) => rank[a.precision] - rank[b.precision]);
}

