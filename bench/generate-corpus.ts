/**
 * A deterministic synthetic news corpus for the benchmarks. How it is made: article i of a corpus
 * with seed S draws everything from its own mulberry32 stream (seeded from S and i, so the first
 * 1,000 articles of a 10,000-article corpus are the 1,000 articles of a 1,000-article one); it
 * picks a report style (AP, AFP, Reuters, Anadolu, SOHR, SNHR or machine-translated French wire
 * copy, see corpus-templates.ts), an invented outlet of that style, a publication day between
 * 2015-01-01 and 2021-12-31, and one event: a Syrian town from the embedded gazetteer (entries
 * with countryCode SY, spelt the way English reports spell them, governorate capitals left out
 * so "X in X province" does not occur), its governorate, a weekday zero to two days before
 * publication, who struck and who says so, and figures (4–120 killed, children and women among
 * them, the wounded). The article is then the headline, a byline or photo line, a lead paragraph
 * that states the event's figures (from a style's incident templates), sometimes a detail
 * sentence with more figures, then — up to a target length drawn uniformly from 200–590 words —
 * shuffled colour, background and tally sentences, sometimes a second event elsewhere, and page
 * furniture ("Related Articles", "ADVERTISEMENT", credits). Every casualty sentence is recorded
 * with the figures it states and its offsets, so tests can check that extraction reads them.
 * Run directly to write a corpus as JSON lines:
 * `node --import tsx bench/generate-corpus.ts --articles 100 --seed 7 > corpus.jsonl`.
 */
import { parseArgs } from 'node:util';
import { pathToFileURL } from 'node:url';
import type { Article, CountCategory } from '../src/domain/types.ts';
import type { GazetteerEntry } from '../src/domain/gazetteer-entry.ts';
import { embeddedGazetteer } from '../src/pipeline/geocode/embedded-gazetteer.ts';
import {
  AIR_PERPETRATORS,
  DIRECTIONS,
  FIRST_NAMES,
  GOVERNORATE_SPELLINGS,
  GROUND_FORCES,
  LAST_NAMES,
  READ_MORE,
  STYLES,
  TEMPLATES,
  WAR_TOLLS,
  type ReportStyle,
  type SentenceTemplate,
  type StyleSpec,
  type TemplateKind,
} from './corpus-templates.ts';

export const DEFAULT_SEED = 20110315;
export const DEFAULT_ARTICLE_COUNT = 10_000;
export const MIN_WORDS = 150;
export const MAX_WORDS = 600;

/** The corpus could not be generated as asked (bad options, a template naming an unknown slot). */
export class CorpusGenerationError extends Error {
  constructor(
    message: string,
    readonly context: { articleIndex?: number; templateId?: string; option?: string } = {},
  ) {
    super(message);
    this.name = 'CorpusGenerationError';
  }
}

/** mulberry32 (Tommy Ettinger's 32-bit generator): a uniform float in [0, 1) per call. */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The seed of article `index`'s own stream: the corpus seed and the index mixed (murmur3 finaliser). */
export function articleSeed(seed: number, index: number): number {
  let h = (seed ^ Math.imul(index + 1, 0x9e3779b1)) >>> 0;
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

export class Rng {
  private readonly next: () => number;

  constructor(seed: number) {
    this.next = mulberry32(seed);
  }

  float(): number {
    return this.next();
  }

  /** An integer in [min, max], both included. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  chance(p: number): boolean {
    return this.next() < p;
  }

  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new CorpusGenerationError('cannot pick from an empty list');
    return items[Math.floor(this.next() * items.length)];
  }

  /** A shuffled copy (Fisher–Yates). */
  shuffle<T>(items: readonly T[]): T[] {
    const out = [...items];
    for (let i = out.length - 1; i > 0; i--) {
      const j = Math.floor(this.next() * (i + 1));
      [out[i], out[j]] = [out[j], out[i]];
    }
    return out;
  }
}

/** A town the corpus writes about, with the gazetteer entry it should geocode to. */
export interface CorpusPlace {
  /** As reports spell it ("Maarrat al-Numan"). */
  name: string;
  /** The gazetteer's governorate name ("Idlib"). */
  governorate: string;
  gazetteerId: string;
}

const ARTICLE_WORDS = /^(?:al|an|ar|as|ash|at|ath|ad|adh|az)$/i;

/**
 * A GeoNames ASCII name the way English reports write it: ʿayn/hamza marks dropped and the
 * assimilated article written "al-" joined to its noun ("Ma`arrat an Nu`man" → "Maarrat al-Numan",
 * "Al Atarib" → "Al-Atarib"), as wire copy does; the name key bridges the two spellings.
 */
export function newsSpelling(asciiName: string): string {
  const words = asciiName.replace(/[`'’]/g, '').split(/\s+/).filter((w) => w !== '');
  const out: string[] = [];
  for (let i = 0; i < words.length; i++) {
    if (ARTICLE_WORDS.test(words[i]) && i + 1 < words.length) {
      out.push(`${i === 0 ? 'Al' : 'al'}-${words[i + 1]}`);
      i++;
    } else out.push(words[i]);
  }
  return out.join(' ');
}

/** Syrian towns of a gazetteer (populated places with a governorate, governorate capitals left out). */
export function corpusPlaces(entries: readonly GazetteerEntry[] = embeddedGazetteer()): CorpusPlace[] {
  return entries
    .filter((e) => e.countryCode === 'SY' && e.featureClass === 'P' && e.featureCode !== 'PPLA' && e.featureCode !== 'PPLC' && e.admin1Name !== null)
    .map((e) => ({ name: newsSpelling(e.asciiName), governorate: e.admin1Name as string, gazetteerId: e.id }));
}

export interface StatedFigure {
  value: number;
  /** As written in the sentence ("seven", "12", "1,204"). */
  text: string;
  outcome: 'killed' | 'injured';
  category: CountCategory;
}

/** One sentence of an article that states casualty figures, as the generator wrote it. */
export interface CasualtyStatement {
  templateId: string;
  kind: 'incident' | 'detail' | 'tally';
  sentence: string;
  /** Offsets of the sentence in the article text: `text.slice(start, end) === sentence`. */
  start: number;
  end: number;
  figures: StatedFigure[];
  /** The event's town (incident and detail sentences). */
  place: CorpusPlace | null;
  /** The day the event happened (YYYY-MM-DD), for incident and detail sentences. */
  eventDate: string | null;
}

export interface SyntheticArticle {
  article: Article;
  style: ReportStyle;
  words: number;
  statements: CasualtyStatement[];
}

export interface CorpusOptions {
  /** Number of articles (default DEFAULT_ARTICLE_COUNT). */
  articles?: number;
  seed?: number;
  /** Towns to write about (default: corpusPlaces() of the embedded gazetteer). */
  places?: readonly CorpusPlace[];
}

/** Words as the benchmark counts them: runs of non-whitespace. */
export function countWords(text: string): number {
  let n = 0;
  let inWord = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    const space = c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09;
    if (!space && !inWord) n++;
    inWord = !space;
  }
  return n;
}

export function generateCorpus(options: CorpusOptions = {}): SyntheticArticle[] {
  const count = options.articles ?? DEFAULT_ARTICLE_COUNT;
  const seed = options.seed ?? DEFAULT_SEED;
  if (!Number.isInteger(count) || count < 0) throw new CorpusGenerationError(`articles: expected a whole number ≥ 0, got ${count}`, { option: 'articles' });
  if (!Number.isInteger(seed) || seed < 0 || seed > 0xffffffff) throw new CorpusGenerationError(`seed: expected an integer in 0..4294967295, got ${seed}`, { option: 'seed' });
  const places = options.places ?? corpusPlaces();
  if (places.length < 2) throw new CorpusGenerationError(`places: need at least 2 towns to write about, got ${places.length}`, { option: 'places' });
  const out: SyntheticArticle[] = [];
  for (let i = 0; i < count; i++) out.push(generateArticle(i, seed, places));
  return out;
}

// --- one article ------------------------------------------------------------------------------

const NUMBER_WORDS = ['zero', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine'];
const WEEKDAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
// Reuters dateline style.
const MONTHS_SHORT = ['Jan', 'Feb', 'March', 'April', 'May', 'June', 'July', 'Aug', 'Sept', 'Oct', 'Nov', 'Dec'];
const DAY_MS = 86_400_000;
const FIRST_DAY = Date.UTC(2015, 0, 1);
const LAST_DAY = Date.UTC(2021, 11, 31);

type SlotValue = string | (() => string);
type Slots = Record<string, SlotValue>;

interface EventDraw {
  place: CorpusPlace;
  date: string;
  figures: Record<'n' | 'm' | 'c' | 'w', number>;
  slots: Slots;
}

const TEMPLATES_BY_STYLE = new Map<string, SentenceTemplate[]>();
function templatesOf(style: ReportStyle, kind: TemplateKind, secondEvent = false): SentenceTemplate[] {
  const key = `${style}/${kind}/${secondEvent}`;
  let list = TEMPLATES_BY_STYLE.get(key);
  if (!list) {
    list = TEMPLATES.filter((t) => t.kind === kind && (t.styles.length === 0 || t.styles.includes(style)) && (t.secondEvent ?? false) === secondEvent);
    TEMPLATES_BY_STYLE.set(key, list);
  }
  return list;
}

function isoDay(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

function renderNumber(value: number, words: boolean): string {
  if (words && value >= 0 && value <= 9) return NUMBER_WORDS[value];
  return value.toLocaleString('en-US');
}

function capitalise(s: string): string {
  return s.length ? s[0].toUpperCase() + s.slice(1) : s;
}

/** Fills `{slot}`s from the first of `scopes` that has the slot (scopes are not merged: copying is slow). */
function fill(template: { id: string; text: string }, scopes: readonly Slots[], articleIndex: number): string {
  return template.text.replace(/\{(\w+)\}/g, (_, name: string) => {
    let v: SlotValue | undefined;
    for (const scope of scopes) if ((v = scope[name]) !== undefined) break;
    if (v === undefined) {
      throw new CorpusGenerationError(`template ${template.id}: no value for slot {${name}} (article ${articleIndex})`, { articleIndex, templateId: template.id });
    }
    return typeof v === 'function' ? v() : v;
  });
}

function slug(s: string): string {
  return s
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
}

function drawEvent(rng: Rng, style: StyleSpec, places: readonly CorpusPlace[], published: number, avoid: CorpusPlace | null): EventDraw {
  let place = rng.pick(places);
  while (avoid && place.gazetteerId === avoid.gazetteerId) place = rng.pick(places);
  const dateMs = published - rng.int(0, 2) * DAY_MS;
  const spellings = GOVERNORATE_SPELLINGS[place.governorate] ?? [];
  const gov = spellings.length && rng.chance(0.15) ? rng.pick(spellings) : place.governorate;
  // Mostly small events, some large ones, as in daily reporting.
  const r = rng.float();
  const n = r < 0.6 ? rng.int(4, 12) : r < 0.9 ? rng.int(13, 40) : rng.int(41, 120);
  const c = rng.int(2, Math.max(2, Math.floor(n / 3)));
  const w = rng.int(2, Math.max(2, Math.floor(n / 4)));
  const m = rng.int(2, 2 * n + 5);
  const air = rng.pick(AIR_PERPETRATORS);
  const ground = rng.pick(GROUND_FORCES);
  let ground2 = rng.pick(GROUND_FORCES);
  while (ground2.id === ground.id) ground2 = rng.pick(GROUND_FORCES);
  const claimant = rng.pick(style.claimants);
  const others = style.claimants.filter((x) => x !== claimant);
  const claimant2 = others.length ? rng.pick(others) : claimant;
  const num = (v: number) => renderNumber(v, style.numberWords);
  return {
    place,
    date: isoDay(dateMs),
    figures: { n, m, c, w },
    slots: {
      place: place.name,
      gov,
      dir: rng.pick(DIRECTIONS),
      weekday: WEEKDAYS[new Date(dateMs).getUTCDay()],
      perp_planes: air.planes,
      perp_strikes: air.strikes,
      perp_adj: air.adj,
      perp_aviation: air.aviation,
      ground_forces: ground.forces,
      ground_shelling: ground.shelling,
      ground2_forces: ground2.forces,
      claimant,
      claimant2,
      n: num(n),
      m: num(m),
      c: num(c),
      w: num(w),
    },
  };
}

/** A sentence of the body, with what it states when it states figures. */
interface Piece {
  text: string;
  statement?: Omit<CasualtyStatement, 'sentence' | 'start' | 'end'>;
}

type Block = { kind: 'line'; text: string } | { kind: 'paragraph'; prefix: string; pieces: Piece[] };

function blockWords(b: Block): number {
  if (b.kind === 'line') return countWords(b.text);
  return countWords(b.prefix) + b.pieces.reduce((a, p) => a + countWords(p.text), 0);
}

export function generateArticle(index: number, seed: number, places: readonly CorpusPlace[]): SyntheticArticle {
  const rng = new Rng(articleSeed(seed, index));
  const style = rng.pick(STYLES);
  const outlet = rng.pick(style.outlets);
  const publishedMs = FIRST_DAY + rng.int(0, (LAST_DAY - FIRST_DAY) / DAY_MS) * DAY_MS;
  const published = isoDay(publishedMs);
  const pubDate = new Date(publishedMs);
  const month = pubDate.getUTCMonth();
  const year = pubDate.getUTCFullYear();
  const monthsBack = (k: number) => MONTHS[(month - k + 120) % 12];

  const first = rng.shuffle(FIRST_NAMES);
  const last = rng.shuffle(LAST_NAMES);
  const other = rng.pick(places);
  const tally = { t: rng.int(120, 2500), tc: 0, tw: 0 };
  tally.tc = rng.int(20, Math.floor(tally.t / 3));
  tally.tw = rng.int(10, Math.floor(tally.t / 5));
  const articleSlots: Slots = {
    agency: style.agency,
    person: () => `${rng.pick(FIRST_NAMES)} ${rng.pick(LAST_NAMES)}`,
    first: first[0],
    last: last[0],
    first2: first[1],
    last2: last[1],
    first3: first[2],
    last3: last[2],
    war_toll: rng.pick(WAR_TOLLS),
    pop: renderNumber(rng.int(8, 150) * 1000, false),
    place2: other.name,
    gov2: other.governorate,
    month: MONTHS[month],
    prev_month: monthsBack(1),
    prev_year: String(month === 0 ? year - 1 : year),
    offensive_month: monthsBack(rng.int(1, 3)),
    ceasefire_month: monthsBack(rng.int(2, 6)),
    dateline_day: `${MONTHS_SHORT[month]} ${pubDate.getUTCDate()}`,
    t: renderNumber(tally.t, false),
    tc: renderNumber(tally.tc, false),
    tw: renderNumber(tally.tw, false),
  };
  articleSlots.readmore = () => fill({ id: 'read-more', text: rng.pick(READ_MORE) }, [articleSlots], index);

  const event = drawEvent(rng, style, places, publishedMs, null);
  const statementPiece = (template: SentenceTemplate, e: EventDraw | null): Piece => {
    const scopes = [(e ?? event).slots, articleSlots];
    const text = capitalise(fill(template, scopes, index));
    if (!template.figures?.length) return { text };
    const figures: StatedFigure[] = template.figures.map((f) => {
      const value = f.slot === 't' || f.slot === 'tc' || f.slot === 'tw' ? tally[f.slot] : (e ?? event).figures[f.slot];
      return { value, text: fill({ id: template.id, text: `{${f.slot}}` }, scopes, index), outcome: f.outcome, category: f.category };
    });
    const kind = template.kind === 'incident' || template.kind === 'detail' ? template.kind : 'tally';
    return { text, statement: { templateId: template.id, kind, figures, place: e ? e.place : null, eventDate: e ? e.date : null } };
  };

  // Headline: digits, as headlines write them; one naming the air power only when the lead does.
  const lead = rng.pick(templatesOf(style.id, 'incident'));
  const namesAirPower = /\{perp_(?:planes|strikes|adj|aviation)\}/.test(lead.text);
  const headlineTemplates = templatesOf(style.id, 'headline').filter((h) => (h.id === 'headline.neutral') !== namesAirPower);
  const headline = capitalise(fill(rng.pick(headlineTemplates), [{ n: String(event.figures.n) }, event.slots, articleSlots], index));

  const head: Block[] = [];
  if (style.headlineInText) head.push({ kind: 'line', text: headline });
  if (style.headerLines.length && rng.chance(0.7)) head.push({ kind: 'line', text: fill({ id: `${style.id}.header`, text: rng.pick(style.headerLines) }, [articleSlots], index) });
  const dateline = style.datelines.length ? fill({ id: `${style.id}.dateline`, text: rng.pick(style.datelines) }, [articleSlots], index) : '';
  const leadParagraph: Block = { kind: 'paragraph', prefix: dateline, pieces: [statementPiece(lead, event)] };
  const details = rng.shuffle(templatesOf(style.id, 'detail')).slice(0, rng.int(0, 2));
  const body: Block[] = [leadParagraph];
  if (details.length && rng.chance(0.5)) leadParagraph.pieces.push(statementPiece(details.shift()!, event));
  for (const d of details) body.push({ kind: 'paragraph', prefix: '', pieces: [statementPiece(d, event)] });

  const tail: Block[] = [];
  for (const line of rng.shuffle(style.footerLines).slice(0, rng.int(1, style.footerLines.length))) {
    tail.push({ kind: 'line', text: fill({ id: `${style.id}.footer`, text: line }, [articleSlots], index) });
  }

  // Fillers, in random order; a second event early on, a tally, page furniture.
  const fillers: (Piece | Block)[] = [
    ...rng.shuffle(templatesOf(style.id, 'colour')).slice(0, 3).map((tpl) => statementPiece(tpl, event)),
    ...templatesOf(style.id, 'background').map((tpl) => statementPiece(tpl, event)),
  ];
  const queue = rng.shuffle(fillers);
  if (rng.chance(style.id === 'sohr' || style.id === 'snhr' ? 0.8 : 0.35)) {
    const tallies = templatesOf(style.id, 'tally');
    if (tallies.length) queue.splice(rng.int(0, Math.min(6, queue.length)), 0, statementPiece(rng.pick(tallies), null));
  }
  if (rng.chance(0.45)) {
    const second = drawEvent(rng, style, places, publishedMs, event.place);
    queue.splice(rng.int(0, Math.min(3, queue.length)), 0, statementPiece(rng.pick(templatesOf(style.id, 'incident', true)), second));
  }
  if (rng.chance(0.3)) queue.splice(rng.int(0, queue.length), 0, { kind: 'line', text: 'ADVERTISEMENT' });
  if (rng.chance(0.25)) queue.splice(rng.int(0, queue.length), 0, { kind: 'line', text: 'Related Articles' }, { kind: 'line', text: `Read More: ${fill({ id: 'read-more', text: rng.pick(READ_MORE) }, [articleSlots], index)}` });

  const target = rng.int(MIN_WORDS + 50, MAX_WORDS - 10);
  let words = [...head, ...body, ...tail].reduce((a, b) => a + blockWords(b), 0);
  const maxPerParagraph = style.paragraphBreak === '\n\n' ? 2 : 3;
  let open: (Block & { kind: 'paragraph' }) | null = null;
  let openLimit = 0;
  for (const item of queue) {
    if (words >= target - 10) break;
    const isBlock = 'kind' in item;
    const w = isBlock ? blockWords(item) : countWords(item.text);
    if (words + w > target) continue;
    words += w;
    if (isBlock) {
      body.push(item);
      open = null;
    } else if (open && open.pieces.length < openLimit) {
      open.pieces.push(item);
    } else {
      open = { kind: 'paragraph', prefix: '', pieces: [item] };
      openLimit = rng.int(1, maxPerParagraph);
      body.push(open);
    }
  }

  const { text, statements } = render([...head, ...body, ...tail], style.paragraphBreak);
  const counted = countWords(text);
  if (counted < MIN_WORDS || counted > MAX_WORDS) {
    throw new CorpusGenerationError(`article ${index} (style ${style.id}) has ${counted} words; expected ${MIN_WORDS}–${MAX_WORDS}`, { articleIndex: index });
  }
  const id = `syn-${seed}-${String(index).padStart(6, '0')}`;
  return {
    article: {
      id,
      text,
      published,
      url: `https://${slug(outlet)}.example/${published.replace(/-/g, '/')}/${slug(headline)}-${index}`,
      outlet,
      title: headline,
      language: 'en',
    },
    style: style.id,
    words: counted,
    statements,
  };
}

function render(blocks: readonly Block[], paragraphBreak: string): { text: string; statements: CasualtyStatement[] } {
  let text = '';
  const statements: CasualtyStatement[] = [];
  for (const b of blocks) {
    if (text) text += paragraphBreak;
    if (b.kind === 'line') {
      text += b.text;
      continue;
    }
    if (b.prefix) text += `${b.prefix} `;
    b.pieces.forEach((p, i) => {
      if (i > 0) text += ' ';
      const start = text.length;
      text += p.text;
      if (p.statement) statements.push({ ...p.statement, sentence: p.text, start, end: text.length });
    });
  }
  return { text, statements };
}

// --- command line -----------------------------------------------------------------------------

function main(argv: string[]): void {
  const { values } = parseArgs({ args: argv, options: { articles: { type: 'string' }, seed: { type: 'string' } } });
  const articles = values.articles === undefined ? DEFAULT_ARTICLE_COUNT : Number(values.articles);
  const seed = values.seed === undefined ? DEFAULT_SEED : Number(values.seed);
  process.stderr.write(`generating ${articles} articles with seed ${seed}\n`);
  for (const a of generateCorpus({ articles, seed })) process.stdout.write(`${JSON.stringify(a.article)}\n`);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) main(process.argv.slice(2));
