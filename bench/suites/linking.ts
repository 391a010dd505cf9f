/**
 * Linking throughput and scaling: how long linkMentions(mentions, docsMeta, 'latest') takes on
 * 10k, 100k and 1M synthetic mentions (`--sizes`), how much memory it needs, and how its time grows
 * per 10× more mentions (≈ 10 for a linear linker, ≈ 100 for a quadratic one). Mentions are made
 * directly as domain objects, not by extraction, from one mulberry32 stream (`--seed`): events
 * over three years (2017–2019, a quarter of them in six month-long offensives), on Syrian towns of
 * the embedded gazetteer drawn with a skew (a few towns are hit often), each reported by one
 * document or — for about 30% of the mentions — by 2–6 documents with rising tolls, drifting
 * perpetrator and event-type attributions, spelling variants of the town and some reports placed
 * only by governorate or dated only by their publication day; a few percent are tallies. Documents
 * carry 1–5 mentions of different events published the same day. Each size runs in a fresh child
 * process (this file, run directly with `--child`) so peak RSS is that size's own; the child warms
 * the linker up on a small corpus first, then times one call, in wall and CPU time (growth is
 * computed from CPU time, which other work on the shared cores inflates less). Because the
 * generator knows which mentions report one event, the suite also reports how many events the
 * linker split or merged.
 * A size that exceeds `--time-limit` seconds is killed and reported; larger sizes are then skipped.
 * `--cpu-prof DIR` makes every child write a V8 CPU profile there and lists its top frames.
 */
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, statSync } from 'node:fs';
import os from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import type { CountSet, CountValue, DateRange, EventType, Mention, Provenance, ResolvedPlace, Tagged } from '../../src/domain/types.ts';
import type { GazetteerEntry } from '../../src/domain/gazetteer-entry.ts';
import { embeddedGazetteer } from '../../src/pipeline/geocode/embedded-gazetteer.ts';
import { DEFAULT_SEED, newsSpelling, Rng } from '../generate-corpus.ts';
import { elapsedNs, formatBytes, formatCount, formatSeconds, nsToSeconds, peakRssBytes, perSecond } from '../measure.ts';
import { BenchOptionError, integerOption, type JsonValue, type Suite, type SuiteContext, type SuiteOutcome } from '../suite.ts';
import { EVENT_TYPE_WEIGHTS, PERPETRATOR_WEIGHTS, TARGETS, isoDay, skewedPicker, weighted } from '../synthetic-vocabulary.ts';

const THIS_FILE = fileURLToPath(import.meta.url);
const REPO_ROOT = resolve(dirname(THIS_FILE), '..', '..');

export const DEFAULT_SIZES = '10000,100000,1000000';
const DEFAULT_TIME_LIMIT_S = 600;
/** Mentions linked untimed in each child before the timed call (JIT warm-up). */
const WARMUP_MENTIONS = 5_000;
/** Heap ceiling for the children: 1M mentions and their incidents need more than V8's default. */
const CHILD_HEAP_MB = 16_384;
/** Frames listed from a CPU profile. */
const TOP_FRAMES = 12;

const DAY_MS = 86_400_000;
const FIRST_DAY = Date.UTC(2017, 0, 1) / DAY_MS;
const SPAN_DAYS = 3 * 365;
const OFFENSIVES = 6;
const OFFENSIVE_DAYS = 30;
const OFFENSIVE_SHARE = 0.25;
/** An event reported by several documents: with mean 4 reports, 1/7 of events gives ~30% repeat mentions. */
const MULTI_REPORT_CHANCE = 1 / 7;
const TALLY_SHARE = 0.04;

/** A Syrian town as the generator uses it: where it is and how reports spell it. */
export interface SyntheticTown {
  gazetteerId: string;
  lat: number;
  lon: number;
  admin1: string;
  /** Spellings reports use, the usual news spelling first (all resolve to gazetteerId). */
  spellings: string[];
}

interface Governorate {
  gazetteerId: string;
  name: string;
  lat: number;
  lon: number;
}

export interface SyntheticMentions {
  mentions: Mention[];
  docs: Map<string, { outlet: string | null; published: string | null }>;
  /** Event index of every incident mention (tallies are absent), by mention id. */
  eventOf: Map<string, number>;
  /** Distinct events behind the incident mentions. */
  events: number;
  incidentMentions: number;
  tallyMentions: number;
  /** Incident mentions that repeat an event another document already reported. */
  repeatMentions: number;
  /** Incident mentions placed by governorate only. */
  admin1OnlyMentions: number;
  /** Incident mentions dated by their publication day only. */
  reportedDateMentions: number;
}

/** Who is said to have done it when a second outlet attributes the event differently. */
const ALTERNATIVE_PERPETRATOR: Record<string, string> = {
  russia: 'syrian-government',
  'syrian-government': 'russia',
  opposition: 'hts',
  hts: 'opposition',
  turkey: 'opposition',
  isis: 'unknown',
  sdf: 'us-coalition',
  'us-coalition': 'russia',
  'iran-backed': 'syrian-government',
  unknown: 'syrian-government',
};
const CLAIMANTS: readonly [string, number][] = [
  ['sohr', 40],
  ['white-helmets', 15],
  ['snhr', 10],
  ['local-sources', 12],
  ['sana', 8],
  ['medics', 5],
  ['witnesses', 5],
  ['un', 3],
  ['aircraft-observatory', 2],
];
/** Invented outlets; the linker only reads their names. */
const OUTLETS = [
  'Levant Wire Service',
  'Cedar Coast Press',
  'Golden Horn News Agency',
  'Mesopotamia Evening Post',
  'Northern Desk News',
  'Eastern Syria Desk',
  "La Gazette de l'Oronte",
  'Orontes Daily',
  'Euphrates Monitor Bulletin',
  'Badia Radio Online',
];
const EVENT_WORDS: Record<EventType, string> = {
  air_strike: 'Air strikes on',
  shelling: 'Shelling of',
  armed_clash: 'Clashes in',
  explosion: 'A car bomb in',
  attack: 'An attack in',
  territory_change: 'The advance on',
  other: 'Violence in',
};

/**
 * Spellings of one name that reports use and the name key bridges (Saraqib / Saraqeb / Al-Bab /
 * Bab), the usual news spelling first, then the gazetteer's own with its diacritics (Sarāqib).
 */
function spellingsOf(entry: GazetteerEntry): string[] {
  const news = newsSpelling(entry.asciiName);
  const out = new Set<string>([news, entry.name, entry.asciiName]);
  out.add(news.replace(/i(?=[^aeiou]*$)/, 'e'));
  out.add(news.replace(/^Al-/, ''));
  out.add(news.replace(/ou/g, 'u').replace(/ee/g, 'i'));
  return [...out].filter((s) => s.trim() !== '');
}

/** The embedded gazetteer's Syrian towns (populated places with a governorate) and governorates. */
export function syntheticPlaces(entries: readonly GazetteerEntry[] = embeddedGazetteer()): { towns: SyntheticTown[]; governorates: Map<string, Governorate> } {
  const towns: SyntheticTown[] = [];
  const governorates = new Map<string, Governorate>();
  for (const e of entries) {
    if (e.countryCode !== 'SY' || e.admin1Name === null) continue;
    if (e.featureClass === 'A' && e.featureCode === 'ADM1') {
      // The resolver gives governorates their GeoNames code as id ("SY.12").
      governorates.set(e.admin1Name, { gazetteerId: `SY.${e.admin1Code}`, name: e.admin1Name, lat: e.lat, lon: e.lon });
    } else if (e.featureClass === 'P') {
      towns.push({ gazetteerId: e.id, lat: e.lat, lon: e.lon, admin1: e.admin1Name, spellings: spellingsOf(e) });
    }
  }
  towns.sort((a, b) => (a.gazetteerId < b.gazetteerId ? -1 : a.gazetteerId > b.gazetteerId ? 1 : 0));
  return { towns, governorates };
}

/** What one document says about one event, before it becomes a Mention. */
interface Report {
  event: number;
  publishedDay: number;
  /** Order among the reports of its event (0 = first). */
  order: number;
  /** Tie-break within a publication day, so documents mix events. */
  shuffleKey: number;
}

interface EventSpec {
  day: number;
  towns: SyntheticTown[];
  type: EventType;
  perpetrator: string;
  killed: number | null;
  civilians: boolean;
  children: number;
  injured: number | null;
  target: string | null;
  /** Toll of the latest report so far (tolls rise from report to report). */
  toll: number | null;
  tally: boolean;
}

function prov(rule: string, start: number, text: string): Provenance {
  return { rule, span: { start, end: start + text.length }, text };
}

function count(value: number, rule: string, start: number): CountValue {
  return { value, min: value, max: value, qualifier: 'exact', prov: prov(rule, start, String(value)) };
}

/**
 * Mentions as extraction and geocoding would have left them: `size` mentions in total (incidents
 * and a few tallies), grouped into documents of 1–5 mentions. Deterministic in (size, seed).
 */
export function generateMentions(size: number, seed: number, places = syntheticPlaces()): SyntheticMentions {
  const rng = new Rng(seed);
  const { towns, governorates } = places;
  if (towns.length === 0) throw new BenchOptionError('linking: the embedded gazetteer has no Syrian towns to place events in', 'sizes', String(size));
  // A skewed draw over towns in a seeded order: a few towns are hit often.
  const pickTown = skewedPicker(rng, towns);
  const offensives = Array.from({ length: OFFENSIVES }, () => FIRST_DAY + rng.int(0, SPAN_DAYS - OFFENSIVE_DAYS));

  // Events and their reports, until the reports add up to `size`.
  const events: EventSpec[] = [];
  const reports: Report[] = [];
  while (reports.length < size) {
    const tally = rng.chance(TALLY_SHARE);
    const day = rng.chance(OFFENSIVE_SHARE) ? rng.pick(offensives) + rng.int(0, OFFENSIVE_DAYS - 1) : FIRST_DAY + rng.int(0, SPAN_DAYS - 1);
    const first = pickTown();
    const eventTowns = [first];
    if (rng.chance(0.08)) {
      const second = pickTown();
      if (second !== first) eventTowns.push(second);
    }
    const r = rng.float();
    const killed = r < 0.1 ? null : r < 0.35 ? rng.int(1, 2) : r < 0.75 ? rng.int(3, 10) : r < 0.95 ? rng.int(11, 40) : rng.int(41, 150);
    const e = events.length;
    events.push({
      day,
      towns: eventTowns,
      type: weighted(rng, EVENT_TYPE_WEIGHTS),
      perpetrator: weighted(rng, PERPETRATOR_WEIGHTS),
      killed,
      civilians: rng.chance(0.6),
      children: killed !== null && killed >= 3 && rng.chance(0.3) ? rng.int(1, Math.floor(killed / 3)) : 0,
      injured: killed !== null && rng.chance(0.5) ? rng.int(killed, killed * 3 + 2) : null,
      target: rng.chance(0.2) ? rng.pick(TARGETS) : null,
      toll: killed,
      tally,
    });
    const n = tally || !rng.chance(MULTI_REPORT_CHANCE) ? 1 : rng.int(2, 6);
    let publishedDay = day + (rng.chance(0.7) ? 0 : 1);
    for (let k = 0; k < n && reports.length < size; k++) {
      if (k > 0) publishedDay += rng.chance(0.6) ? 0 : 1;
      reports.push({ event: e, publishedDay: tally ? day + rng.int(1, 3) : publishedDay, order: k, shuffleKey: rng.float() });
    }
  }

  // Documents: reports published the same day, 1–5 per document, never two of one event.
  reports.sort((a, b) => a.publishedDay - b.publishedDay || a.shuffleKey - b.shuffleKey);
  const docs = new Map<string, { outlet: string | null; published: string | null }>();
  const mentions: Mention[] = [];
  const eventOf = new Map<string, number>();
  let repeatMentions = 0;
  let admin1OnlyMentions = 0;
  let reportedDateMentions = 0;
  let tallyMentions = 0;
  let i = 0;
  while (i < reports.length) {
    const day = reports[i].publishedDay;
    const target = rng.int(1, 5);
    const docId = `doc-${String(docs.size).padStart(7, '0')}`;
    docs.set(docId, { outlet: `${rng.pick(OUTLETS)} (fictional)`, published: isoDay(day) });
    const inDoc = new Set<number>();
    while (i < reports.length && inDoc.size < target && reports[i].publishedDay === day && !inDoc.has(reports[i].event)) {
      const report = reports[i++];
      inDoc.add(report.event);
      const m = mentionOf(rng, report, events[report.event], docId, inDoc.size - 1, governorates);
      mentions.push(m);
      if (m.kind === 'tally') {
        tallyMentions++;
        continue;
      }
      eventOf.set(m.id, report.event);
      if (report.order > 0) repeatMentions++;
      if (m.resolvedPlaces.every((p) => p.precision !== 'locality')) admin1OnlyMentions++;
      if (m.date?.precision === 'reported') reportedDateMentions++;
    }
  }
  return {
    mentions,
    docs,
    eventOf,
    events: events.filter((e) => !e.tally).length,
    incidentMentions: mentions.length - tallyMentions,
    tallyMentions,
    repeatMentions,
    admin1OnlyMentions,
    reportedDateMentions,
  };
}

function mentionOf(rng: Rng, report: Report, e: EventSpec, docId: string, index: number, governorates: Map<string, Governorate>): Mention {
  const start = index * 400;
  const governorate = governorates.get(e.towns[0].admin1);
  if (e.tally) return tallyOf(rng, report, e, docId, index, start, governorate);
  // Reports after the first raise the toll as bodies are recovered (in the order documents appear).
  if (report.order > 0 && e.toll !== null && rng.chance(0.5)) e.toll += rng.int(1, Math.ceil(e.toll * 0.4) + 1);
  const toll = e.toll;
  const admin1Only = governorate !== undefined && rng.chance(0.12);
  const placed: ResolvedPlace[] = [];
  const names: string[] = [];
  if (admin1Only) {
    const g = governorate!;
    names.push(`${rng.pick(['southern', 'northern', 'eastern', 'western', 'rural'])} ${g.name}`);
    const mention = { name: g.name, role: 'area' as const, adminHint: null, prov: prov('place.admin-direction', start + 20, g.name) };
    placed.push({ name: g.name, gazetteerId: g.gazetteerId, lat: g.lat, lon: g.lon, admin1: g.name, admin2: null, precision: 'admin1', mention });
  } else {
    for (const town of e.towns) {
      const name = report.order === 0 ? town.spellings[0] : rng.pick(town.spellings);
      names.push(name);
      const mention = { name, role: 'event' as const, adminHint: rng.chance(0.5) ? town.admin1 : null, prov: prov('place.on', start + 20, name) };
      placed.push({ name, gazetteerId: town.gazetteerId, lat: town.lat, lon: town.lon, admin1: town.admin1, admin2: null, precision: 'locality', mention });
    }
  }
  const reported = rng.chance(0.1);
  const ranged = !reported && rng.chance(0.02);
  let date: DateRange & { prov: Provenance | null };
  if (reported) date = { start: isoDay(report.publishedDay), end: isoDay(report.publishedDay), precision: 'reported', prov: null };
  else if (ranged) date = { start: isoDay(e.day - rng.int(1, 4)), end: isoDay(e.day), precision: 'range', prov: prov('date.since', start + 80, 'since Sunday') };
  else date = { start: isoDay(e.day), end: isoDay(e.day), precision: 'day', prov: prov('date.weekday', start + 80, 'on Tuesday') };
  const type = rng.chance(0.9) ? e.type : e.type === 'air_strike' ? 'shelling' : e.type === 'shelling' ? 'air_strike' : e.type;
  const perpetrators: Tagged<string>[] = [];
  const roll = rng.float();
  const perpetrator = roll < 0.8 ? e.perpetrator : roll < 0.92 ? null : ALTERNATIVE_PERPETRATOR[e.perpetrator];
  if (perpetrator) perpetrators.push({ value: perpetrator, prov: prov('actor.lexicon', start, perpetrator) });
  const claimants: Tagged<string>[] = [{ value: weighted(rng, CLAIMANTS), prov: prov('claimant.lexicon', start + 120, 'a monitor') }];
  if (rng.chance(0.1)) claimants.push({ value: weighted(rng, CLAIMANTS), prov: prov('claimant.lexicon', start + 140, 'medics') });
  const killed: CountSet = {};
  if (toll !== null) {
    killed.total = count(toll, 'count.killed', start + 60);
    if (e.civilians) killed.civilians = count(toll, 'count.killed-civilians', start + 60);
    if (e.children > 0 && rng.chance(0.7)) killed.children = count(e.children, 'count.children', start + 70);
  }
  const injured: CountSet = {};
  if (e.injured !== null && rng.chance(0.8)) injured.total = count(e.injured + (report.order > 0 ? rng.int(0, 5) : 0), 'count.injured', start + 100);
  const targets: Tagged<string>[] = e.target && rng.chance(0.7) ? [{ value: e.target, prov: prov('target.lexicon', start + 40, e.target) }] : [];
  const quote = `${EVENT_WORDS[type]} ${names.join(' and ')} killed ${toll ?? 'several'} people on the day, ${claimants[0].value} said.`;
  return {
    id: `${docId}#${index}`,
    docId,
    kind: 'incident',
    span: { start, end: start + quote.length },
    quote,
    eventType: { value: type, prov: prov(`event.${type}`, start, EVENT_WORDS[type]) },
    date,
    places: placed.map((p) => p.mention!),
    resolvedPlaces: placed,
    perpetrators,
    claimants,
    killed,
    injured,
    displaced: null,
    targets,
    dateBasis: reported ? 'published' : 'stated',
  };
}

/** A monitor's monthly or governorate total: kept as a tally, never linked. */
function tallyOf(rng: Rng, report: Report, e: EventSpec, docId: string, index: number, start: number, governorate: Governorate | undefined): Mention {
  const month = isoDay(e.day).slice(0, 7);
  const monthStart = Date.parse(`${month}-01T00:00:00Z`) / DAY_MS;
  const killed = rng.int(20, 400);
  const area = rng.chance(0.5) || !governorate ? null : governorate;
  const quote = `${killed} civilians were killed in ${area ? area.name : 'Syria'} since the start of the month, a monitor said.`;
  return {
    id: `${docId}#${index}`,
    docId,
    kind: 'tally',
    span: { start, end: start + quote.length },
    quote,
    eventType: null,
    date: { start: isoDay(monthStart), end: isoDay(Math.min(report.publishedDay, monthStart + 30)), precision: 'range', prov: prov('date.since-month', start + 40, 'since the start of the month') },
    places: [],
    resolvedPlaces: area ? [{ name: area.name, gazetteerId: area.gazetteerId, lat: area.lat, lon: area.lon, admin1: area.name, admin2: null, precision: 'admin1' }] : [],
    perpetrators: [],
    claimants: [{ value: rng.pick(['sohr', 'snhr']), prov: prov('claimant.lexicon', start + 80, 'a monitor') }],
    killed: { civilians: count(killed, 'count.killed-civilians', start) },
    injured: {},
    displaced: null,
    targets: [],
    dateBasis: 'stated',
  };
}

/** How the linker's clusters compare with the events the generator made. */
export interface LinkQuality {
  /** Events whose mentions ended up in more than one incident. */
  eventsSplit: number;
  /** Incidents holding mentions of more than one event. */
  incidentsMerged: number;
  /** Incidents whose mentions are exactly one event's mentions. */
  incidentsExact: number;
}

export function linkQuality(incidents: readonly { mentionIds: string[] }[], eventOf: ReadonlyMap<string, number>): LinkQuality {
  const incidentsOfEvent = new Map<number, Set<number>>();
  const sizeOfEvent = new Map<number, number>();
  for (const e of eventOf.values()) sizeOfEvent.set(e, (sizeOfEvent.get(e) ?? 0) + 1);
  let incidentsMerged = 0;
  let incidentsExact = 0;
  incidents.forEach((inc, k) => {
    const evs = new Set<number>();
    for (const id of inc.mentionIds) {
      const e = eventOf.get(id);
      if (e === undefined) continue;
      evs.add(e);
      let set = incidentsOfEvent.get(e);
      if (!set) incidentsOfEvent.set(e, (set = new Set()));
      set.add(k);
    }
    if (evs.size > 1) incidentsMerged++;
    else if (evs.size === 1 && sizeOfEvent.get([...evs][0]) === inc.mentionIds.length) incidentsExact++;
  });
  let eventsSplit = 0;
  for (const set of incidentsOfEvent.values()) if (set.size > 1) eventsSplit++;
  return { eventsSplit, incidentsMerged, incidentsExact };
}

/** What one child process measured for one size (printed by it as one JSON line). */
export interface SizeResult {
  size: number;
  seed: number;
  generateSeconds: number;
  linkSeconds: number;
  /** User + system CPU time of the child during the call (all its threads, GC helpers included). */
  linkCpuSeconds: number;
  mentionsPerSecond: number;
  /** The machine's 1-minute load average when the call started (other work sharing the cores inflates wall time). */
  loadAverage: number;
  incidents: number;
  tallies: number;
  links: number;
  undated: number;
  corpus: { documents: number; events: number; incidentMentions: number; tallyMentions: number; repeatMentions: number; admin1OnlyMentions: number; reportedDateMentions: number };
  quality: LinkQuality;
  memory: { rssBeforeLinkBytes: number; heapUsedBeforeLinkBytes: number; heapUsedAfterLinkBytes: number; peakRssBytes: number };
}

/** One size, measured in this process: generate, warm up, collect garbage, time one linkMentions call. */
export async function measureSize(size: number, seed: number, log: (line: string) => void): Promise<SizeResult> {
  const { linkMentions } = await import('../../src/pipeline/link/link-mentions.ts');
  const gc = (globalThis as { gc?: () => void }).gc;
  const places = syntheticPlaces();
  log(`linking: ${formatCount(size)} mentions: warm-up on ${formatCount(WARMUP_MENTIONS)}`);
  const warm = generateMentions(WARMUP_MENTIONS, seed ^ 0x5bd1e995, places);
  linkMentions(warm.mentions, warm.docs, 'latest');
  log(`linking: ${formatCount(size)} mentions: generating`);
  let start = process.hrtime.bigint();
  const corpus = generateMentions(size, seed, places);
  const generateNs = elapsedNs(start);
  gc?.();
  const before = process.memoryUsage();
  log(`linking: ${formatCount(size)} mentions: linking (generated in ${formatSeconds(generateNs)}, heap ${formatBytes(before.heapUsed)})`);
  const loadAverage = os.loadavg()[0];
  const cpuStart = process.cpuUsage();
  start = process.hrtime.bigint();
  const result = linkMentions(corpus.mentions, corpus.docs, 'latest');
  const linkNs = elapsedNs(start);
  const cpu = process.cpuUsage(cpuStart);
  const heapAfter = process.memoryUsage().heapUsed;
  const peak = peakRssBytes();
  log(`linking: ${formatCount(size)} mentions: linked in ${formatSeconds(linkNs)} (CPU ${((cpu.user + cpu.system) / 1e6).toFixed(2)} s)`);
  return {
    size,
    seed,
    generateSeconds: nsToSeconds(generateNs),
    linkSeconds: nsToSeconds(linkNs),
    linkCpuSeconds: (cpu.user + cpu.system) / 1e6,
    mentionsPerSecond: perSecond(size, linkNs),
    loadAverage,
    incidents: result.incidents.length,
    tallies: result.tallies.length,
    links: result.links.length,
    undated: result.undated.length,
    corpus: {
      documents: corpus.docs.size,
      events: corpus.events,
      incidentMentions: corpus.incidentMentions,
      tallyMentions: corpus.tallyMentions,
      repeatMentions: corpus.repeatMentions,
      admin1OnlyMentions: corpus.admin1OnlyMentions,
      reportedDateMentions: corpus.reportedDateMentions,
    },
    quality: linkQuality(result.incidents, corpus.eventOf),
    memory: { rssBeforeLinkBytes: before.rss, heapUsedBeforeLinkBytes: before.heapUsed, heapUsedAfterLinkBytes: heapAfter, peakRssBytes: peak },
  };
}

/** `--sizes 10000,100000`: positive whole numbers, ascending order kept as given. */
export function parseSizes(raw: string): number[] {
  const parts = raw.split(',').map((s) => s.trim().replace(/_/g, ''));
  const sizes = parts.map(Number);
  if (parts.length === 0 || parts.some((p) => !/^\d+$/.test(p)) || sizes.some((n) => !Number.isSafeInteger(n) || n < 1 || n > 50_000_000)) {
    throw new BenchOptionError(`--sizes: expected comma-separated whole numbers from 1 to 50000000 (e.g. ${DEFAULT_SIZES}), got "${raw}"`, 'sizes', raw);
  }
  return sizes;
}

type ChildOutcome = { kind: 'done'; result: SizeResult } | { kind: 'timeout'; seconds: number } | { kind: 'failed'; message: string };

function runChild(size: number, seed: number, timeLimitS: number, profileDir: string | null, log: (line: string) => void): Promise<ChildOutcome> {
  const args = ['--import', 'tsx', `--max-old-space-size=${CHILD_HEAP_MB}`, '--expose-gc'];
  if (profileDir) args.push('--cpu-prof', `--cpu-prof-dir=${profileDir}`, `--cpu-prof-name=linking-${size}.cpuprofile`);
  args.push(THIS_FILE, '--child', '--size', String(size), '--seed', String(seed));
  return new Promise((done) => {
    const child = spawn(process.execPath, args, { cwd: REPO_ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    let timedOut = false;
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => {
      const text = chunk.toString();
      stderr += text;
      for (const line of text.split('\n')) if (line.trim()) log(line);
    });
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL');
    }, timeLimitS * 1000);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      if (timedOut) return done({ kind: 'timeout', seconds: timeLimitS });
      const last = stdout.trim().split('\n').pop() ?? '';
      if (code === 0 && last.startsWith('{')) return done({ kind: 'done', result: JSON.parse(last) as SizeResult });
      done({ kind: 'failed', message: `child for ${size} mentions exited with ${signal ?? `code ${code}`}: ${stderr.trim().split('\n').slice(-5).join(' | ')}` });
    });
  });
}

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number };
  hitCount?: number;
}

/**
 * Top frames of a V8 .cpuprofile by self time: "linkScore link-mentions.ts". tsx hands V8 its
 * output with whitespace minified (one line per file), so a frame's line is useless; an anonymous
 * function is told apart by its column in that output ("@col 413"), which `esbuild.transformSync`
 * with `minifyWhitespace` reproduces.
 */
export function topFrames(profile: { nodes: ProfileNode[]; samples?: number[] }, limit = TOP_FRAMES): { frame: string; selfShare: number }[] {
  const hits = new Map<string, number>();
  let totalHits = 0;
  for (const n of profile.nodes) {
    const h = n.hitCount ?? 0;
    if (!h) continue;
    const { functionName, url, lineNumber, columnNumber } = n.callFrame;
    const file = url.split('/').pop() || '(native)';
    const where = lineNumber > 0 ? `:${lineNumber + 1}` : !functionName && columnNumber >= 0 ? ` @col ${columnNumber}` : '';
    const frame = `${functionName || '(anonymous)'} ${file}${where}`;
    hits.set(frame, (hits.get(frame) ?? 0) + h);
    totalHits += h;
  }
  return [...hits.entries()]
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
    .slice(0, limit)
    .map(([frame, h]) => ({ frame, selfShare: totalHits ? h / totalHits : 0 }));
}

function readProfile(dir: string, size: number): { file: string; frames: { frame: string; selfShare: number }[] } | null {
  const name = `linking-${size}.cpuprofile`;
  const found = readdirSync(dir).filter((f) => f === name);
  if (!found.length) return null;
  const file = join(dir, name);
  if (statSync(file).size === 0) return null;
  return { file, frames: topFrames(JSON.parse(readFileSync(file, 'utf8'))) };
}

/**
 * A fingerprint of the linker's source (sha256 of src/pipeline/link/*.ts, first 12 hex digits), so
 * figures from runs on different versions of a linker under active work are not compared unknowingly.
 */
export function linkerFingerprint(dir = join(REPO_ROOT, 'src', 'pipeline', 'link')): string {
  const hash = createHash('sha256');
  for (const name of readdirSync(dir).filter((f) => f.endsWith('.ts')).sort()) {
    hash.update(name).update('\0').update(readFileSync(join(dir, name))).update('\0');
  }
  return hash.digest('hex').slice(0, 12);
}

/** time(b)/time(a) scaled to a 10× size step: 10 ** (log(tb/ta) / log(nb/na)). */
export function growthPer10x(sizeA: number, secondsA: number, sizeB: number, secondsB: number): number {
  if (secondsA <= 0 || secondsB <= 0 || sizeA === sizeB) return 0;
  return 10 ** (Math.log(secondsB / secondsA) / Math.log(sizeB / sizeA));
}

async function run(context: SuiteContext): Promise<SuiteOutcome> {
  const sizes = parseSizes(context.options.get('sizes') ?? DEFAULT_SIZES);
  const seed = integerOption(context.options, 'seed', 0, 0xffffffff);
  const timeLimitS = integerOption(context.options, 'time-limit', 1, 24 * 3600);
  const profileOption = context.options.get('cpu-prof') ?? 'off';
  const profileDir = profileOption === 'off' ? null : resolve(profileOption);
  if (profileDir) mkdirSync(profileDir, { recursive: true });
  const fingerprint = linkerFingerprint();

  const outcomes: { size: number; outcome: ChildOutcome | { kind: 'skipped' } }[] = [];
  let stop = false;
  for (const size of sizes) {
    if (stop) {
      outcomes.push({ size, outcome: { kind: 'skipped' } });
      continue;
    }
    context.log(`linking: ${formatCount(size)} mentions in a fresh child process (limit ${timeLimitS} s)`);
    const outcome = await runChild(size, seed, timeLimitS, profileDir, context.log);
    outcomes.push({ size, outcome });
    if (outcome.kind !== 'done') stop = true;
  }

  const notes: string[] = [];
  const rows: string[][] = [];
  const results: JsonValue[] = [];
  let previous: SizeResult | null = null;
  for (const { size, outcome } of outcomes) {
    if (outcome.kind !== 'done') {
      const why = outcome.kind === 'timeout' ? `did not finish within ${outcome.seconds} s (killed)` : outcome.kind === 'skipped' ? 'skipped (a smaller size did not finish)' : 'failed';
      rows.push([formatCount(size), why, '—', '—', '—', '—', '—', '—', '—']);
      if (outcome.kind === 'failed') notes.push(outcome.message);
      results.push({ size, status: outcome.kind, ...(outcome.kind === 'timeout' ? { timeLimitSeconds: outcome.seconds } : {}) });
      continue;
    }
    const r = outcome.result;
    // Growth from CPU time: wall time also counts waiting for cores other processes hold.
    const growth = previous ? growthPer10x(previous.size, previous.linkCpuSeconds, r.size, r.linkCpuSeconds) : null;
    const ratio = previous ? r.linkCpuSeconds / previous.linkCpuSeconds : null;
    rows.push([
      formatCount(r.size),
      formatSeconds(BigInt(Math.round(r.linkSeconds * 1e9))),
      formatSeconds(BigInt(Math.round(r.linkCpuSeconds * 1e9))),
      formatCount(r.mentionsPerSecond),
      `${formatCount(r.incidents)} / ${formatCount(r.corpus.events)}`,
      `${formatCount(r.quality.eventsSplit)} / ${formatCount(r.quality.incidentsMerged)}`,
      formatBytes(r.memory.peakRssBytes),
      `${formatBytes(r.memory.heapUsedBeforeLinkBytes)} → ${formatBytes(r.memory.heapUsedAfterLinkBytes)}`,
      growth === null ? '—' : `${ratio!.toFixed(1)}× (${growth.toFixed(1)} per 10×)`,
    ]);
    const profile = profileDir ? readProfile(profileDir, r.size) : null;
    if (profile) {
      notes.push(`CPU profile of ${formatCount(r.size)} mentions: ${profile.file}; top frames by self time:`);
      for (const f of profile.frames) notes.push(`  ${(100 * f.selfShare).toFixed(1).padStart(5)}%  ${f.frame}`);
    }
    results.push({ status: 'done', ...(r as unknown as Record<string, JsonValue>), growthPer10xFromPrevious: growth, timeRatioToPrevious: ratio, cpuProfile: profile ? { file: profile.file, topFrames: profile.frames } : null });
    previous = r;
  }
  const unfinished = outcomes.filter((o) => o.outcome.kind !== 'done');
  if (unfinished.length) {
    notes.push(`sizes ${unfinished.map((o) => formatCount(o.size)).join(', ')} have no figures; the table reports only the sizes that finished`);
    const done = outcomes.flatMap((o) => (o.outcome.kind === 'done' ? [o.outcome.result] : []));
    if (done.length >= 2) {
      // An estimate, not a measurement: the last measured growth carried on to the sizes that did not finish.
      const [a, b] = done.slice(-2);
      const exponent = Math.log(b.linkCpuSeconds / a.linkCpuSeconds) / Math.log(b.size / a.size);
      for (const o of unfinished) {
        const estimate = b.linkCpuSeconds * (o.size / b.size) ** exponent;
        notes.push(`at the measured growth of CPU time from ${formatCount(a.size)} to ${formatCount(b.size)} (∝ n^${exponent.toFixed(2)}), ${formatCount(o.size)} mentions would take about ${formatCount(estimate)} CPU s (extrapolated, not measured; growth usually steepens with density)`);
      }
    }
    notes.push('profile a size that finishes with --cpu-prof DIR to see where the time goes');
  }
  const worst = Math.max(0, ...results.map((r) => ((r as Record<string, JsonValue>).growthPer10xFromPrevious as number | null | undefined) ?? 0));
  if (worst > 20) notes.push(`CPU time grows up to ${worst.toFixed(0)}× per 10× more mentions (linear ≈ 10): the linker is super-linear on this corpus`);
  const loads = outcomes.flatMap((o) => (o.outcome.kind === 'done' ? [`${formatCount(o.size)}: ${o.outcome.result.loadAverage.toFixed(1)}`] : []));
  const first = outcomes.find((o) => o.outcome.kind === 'done')?.outcome as { kind: 'done'; result: SizeResult } | undefined;
  const c = first?.result.corpus;
  const share = (a: number, b: number) => (b ? `${((100 * a) / b).toFixed(0)}%` : 'n/a');
  return {
    parameters: { sizes, seed, linkerSource: fingerprint, timeLimitSeconds: timeLimitS, warmupMentions: WARMUP_MENTIONS, childHeapMb: CHILD_HEAP_MB, cpuProfileDir: profileDir },
    summary: [
      ['call', "linkMentions(mentions, docsMeta, 'latest'), one timed call per size, each size in a fresh child process after an untimed warm-up on 5,000 mentions"],
      ['linker', `src/pipeline/link/*.ts sha256 ${fingerprint}`],
      ['corpus', `synthetic mentions, seed ${seed}: events 2017–2019 on Syrian towns of the embedded gazetteer; documents of 1–5 mentions`],
      ...(c
        ? ([
            [
              `at ${formatCount(first!.result.size)}`,
              `${formatCount(c.documents)} documents, ${formatCount(c.events)} events; repeat reports ${share(c.repeatMentions, c.incidentMentions)}, governorate-only ${share(c.admin1OnlyMentions, c.incidentMentions)}, publication-day dates ${share(c.reportedDateMentions, c.incidentMentions)} of incident mentions; ${formatCount(c.tallyMentions)} tallies`,
            ],
          ] as [string, string][])
        : []),
      ['load', `1-minute load average of the machine (${os.cpus().length} cores) as each call started: ${loads.join(', ') || 'n/a'}; wall times inflate when other work holds the cores`],
      ['columns', 'cpu = user + system CPU time of the call; incidents / events = incidents produced / events generated; split / merged = events spread over several incidents / incidents joining several events (two generated events in one town on one day with compatible figures cannot be told apart, so merged is an upper bound on wrong joins); growth = CPU time vs the previous size, and that scaled to a 10× step (linear ≈ 10)'],
    ],
    table: { columns: ['mentions', 'link time', 'cpu', 'mentions/s', 'incidents / events', 'split / merged', 'peak RSS', 'heap before → after', 'growth'], rows },
    results: { sizes: results },
    notes,
  };
}

export const linkingSuite: Suite = {
  name: 'linking',
  description: 'linkMentions time, memory and scaling on 10k–1M synthetic mentions (each size in a fresh child process)',
  options: [
    { name: 'sizes', valueName: 'n,n,...', description: 'mention counts to link, one child process each', defaultValue: DEFAULT_SIZES },
    { name: 'seed', valueName: 'n', description: 'seed of the corpus generator', defaultValue: String(DEFAULT_SEED) },
    { name: 'time-limit', valueName: 's', description: 'seconds one size may take before its child is killed (larger sizes are then skipped)', defaultValue: String(DEFAULT_TIME_LIMIT_S) },
    { name: 'cpu-prof', valueName: 'dir', description: 'write a V8 CPU profile of each size there and list its top frames ("off" for none)', defaultValue: 'off' },
  ],
  run,
};

// Run directly with --child: measure one size and print its figures as one JSON line.
if (process.argv[1] && resolve(process.argv[1]) === THIS_FILE) {
  const { values } = parseArgs({ options: { child: { type: 'boolean' }, size: { type: 'string' }, seed: { type: 'string' } } });
  if (!values.child) {
    process.stderr.write('bench/suites/linking.ts is run by `npm run bench -- linking`; run directly it takes --child --size N --seed S\n');
    process.exit(2);
  }
  const size = integerOption(new Map([['size', values.size ?? '']]), 'size', 1);
  const seed = integerOption(new Map([['seed', values.seed ?? String(DEFAULT_SEED)]]), 'seed', 0, 0xffffffff);
  const result = await measureSize(size, seed, (line) => process.stderr.write(`${line}\n`));
  process.stdout.write(`${JSON.stringify(result)}\n`);
}
