/**
 * Turns one HTML news page — a saved file or the body of a fetch — into an `Article`. Pure: bytes
 * and options in, an Article or an InputError out; nothing is fetched or read from disk here.
 * The text is the article's main content as found by @mozilla/readability (over a linkedom DOM),
 * written as plain paragraphs separated by a blank line; each other field is read from the first
 * source in a fixed order that has a usable value (decision 0029), and `provenance.fields` says
 * which source that was, in words a person can find in the page.
 */
import { Readability } from '@mozilla/readability';
import type { Article, DocumentProvenance } from '../../domain/types.ts';
import { decodePage } from './html/decode-page.ts';
import { type Dateline, datelineOf, dayOfDateline } from './html/dateline.ts';
import { JsonLd } from './html/json-ld.ts';
import { type MetaAttribute, MetaTags } from './html/meta-tags.ts';
import { pageDayOf } from './html/page-date.ts';
import { parsePage } from './html/page-document.ts';
import { plainTextOf, removePageFurniture, treeShape } from './html/page-text.ts';
import { primaryLanguage } from './document-language.ts';
import { InputError } from './input-error.ts';
import { checkArticleText } from './parse-article.ts';
import { PUBLISHED_EXPECTED } from './published-date.ts';

export interface HtmlPageOptions {
  /** Names the input in errors: a file path, or the URL it was fetched from. */
  source: string;
  /** The address the page was fetched from, or null for a saved file. */
  fetchedFrom?: string | null;
  /** The HTTP Content-Type header, when fetched (its charset wins over <meta charset>, as browsers do after a BOM). */
  contentType?: string | null;
  /** Id to use when the page has no canonical URL and was not fetched (e.g. the file name without extension). */
  fallbackId?: string | null;
  /** Publication date to use when the page gives none (ISO date or date-time), e.g. the --published flag. */
  published?: string | null;
  /** Largest page accepted, bytes (default 10 MiB). */
  maxBytes?: number;
}

export const DEFAULT_MAX_HTML_BYTES = 10 * 1024 * 1024;

/**
 * Readability's cost grows faster than the page. It walks the tree recursively, at a cost that grows
 * with the square of the depth (measured: a chain 2,000 elements deep takes 1.6 s, 5,000 takes 13 s,
 * 10,000 overflows the stack); and on a page with little text it makes up to four passes, each
 * re-parsing the page (100,000 empty <div>s took 21 s). Lighthouse calls a page past 1,400 elements
 * or 32 levels deep excessive; beyond these limits, far past any article page, the page is read
 * without readability, from its body's paragraphs.
 */
export const MAX_READABILITY_DEPTH = 200;
export const MAX_READABILITY_ELEMENTS = 30_000;

/** A value and where in the page it was read. */
interface Found {
  value: string;
  from: string;
}

/** Meta tags giving the publication time, in the order they are trusted (Open Graph's first). */
const PUBLISHED_META: readonly [MetaAttribute, string][] = [
  ['property', 'article:published_time'],
  ['name', 'article:published_time'],
  ['itemprop', 'datePublished'],
  ['name', 'pubdate'],
  ['name', 'date'],
  ['name', 'DC.date.issued'],
  ['name', 'parsely-pub-date'],
  ['name', 'sailthru.date'],
];

/** Meta tags giving the last-modified time: a dateline without a year takes its year from them. */
const MODIFIED_META: readonly [MetaAttribute, string][] = [
  ['property', 'article:modified_time'],
  ['name', 'article:modified_time'],
  ['property', 'og:updated_time'],
  ['itemprop', 'dateModified'],
];

/** Separators between a page title and the site name it ends with: "Title | Outlet". */
const TITLE_SITE_SEPARATORS = [' | ', ' - ', ' — ', ' – '];

function formatBytes(n: number): string {
  return `${n.toLocaleString('en-US')} bytes`;
}

function collapse(s: string): string {
  return s.replace(/\s+/g, ' ').trim();
}

function firstFound(candidates: Iterable<Found>): Found | null {
  for (const c of candidates) if (c.value !== '') return c;
  return null;
}

/** An absolute http(s) URL from `href` (resolved against `base` when relative), or null. */
function httpUrl(href: string, base: string | null): string | null {
  const trimmed = href.trim();
  if (trimmed === '' || !URL.canParse(trimmed, base ?? undefined)) return null;
  const url = new URL(trimmed, base ?? undefined);
  return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : null;
}

function checkSize(bytes: Uint8Array | string, maxBytes: number, source: string): void {
  const size = typeof bytes === 'string' ? Buffer.byteLength(bytes, 'utf8') : bytes.byteLength;
  if (size > maxBytes) {
    throw new InputError(
      source,
      null,
      `page is ${formatBytes(size)}, over the limit of ${formatBytes(maxBytes)}; is this a news page? (raise maxBytes to read it)`,
    );
  }
}

function checkFetchedFrom(fetchedFrom: string | null, source: string): string | null {
  if (fetchedFrom === null) return null;
  const url = httpUrl(fetchedFrom, null);
  if (url === null) {
    throw new InputError(source, 'url', `fetched-from address ${JSON.stringify(fetchedFrom)} is not an absolute http(s) URL`);
  }
  return url;
}

/** link[rel=canonical] (rel is a list of tokens: "canonical amphtml" counts), else og:url, else the fetched address. */
function pickUrl(document: Document, meta: MetaTags, fetchedFrom: string | null): Found | null {
  for (const link of document.querySelectorAll('link[rel][href]')) {
    const rel = (link.getAttribute('rel') ?? '').toLowerCase().split(/\s+/);
    if (!rel.includes('canonical')) continue;
    const url = httpUrl(link.getAttribute('href') ?? '', fetchedFrom);
    if (url !== null) return { value: url, from: 'link[rel=canonical]' };
  }
  const og = meta.openGraph('og:url');
  const ogUrl = og === null ? null : httpUrl(og, fetchedFrom);
  if (ogUrl !== null) return { value: ogUrl, from: 'og:url' };
  return fetchedFrom === null ? null : { value: fetchedFrom, from: 'fetched URL' };
}

function* outletCandidates(meta: MetaTags, jsonLd: JsonLd): Generator<Found> {
  yield { value: meta.openGraph('og:site_name') ?? '', from: 'og:site_name' };
  for (const name of jsonLd.publisherNames()) yield { value: name, from: 'JSON-LD publisher.name' };
  for (const v of meta.values('name', 'application-name')) yield { value: collapse(v.content), from: v.where };
}

/** The first <title> of the page (not an SVG's). */
function titleElementText(document: Document): string {
  for (const el of document.querySelectorAll('title')) {
    if (el.closest('svg') === null) return collapse(el.textContent ?? '');
  }
  return '';
}

/** "Strikes on Ardenvale | Valley Wire" → "Strikes on Ardenvale", when "Valley Wire" is one of `siteNames`. */
export function cutSiteName(title: string, siteNames: readonly string[]): string {
  for (const name of siteNames) {
    for (const sep of TITLE_SITE_SEPARATORS) {
      const suffix = `${sep}${collapse(name)}`;
      if (title.length <= suffix.length) continue;
      if (title.slice(title.length - suffix.length).toLowerCase() === suffix.toLowerCase()) {
        return title.slice(0, title.length - suffix.length).trim();
      }
    }
  }
  return title;
}

function pickTitle(document: Document, meta: MetaTags, jsonLd: JsonLd, siteNames: string[]): Found | null {
  const found = firstFound([
    { value: meta.openGraph('og:title') ?? '', from: 'og:title' },
    { value: jsonLd.strings('headline')[0] ?? '', from: 'JSON-LD headline' },
    { value: titleElementText(document), from: 'title' },
  ]);
  return found && { value: cutSiteName(found.value, siteNames), from: found.from };
}

export { primaryLanguage } from './document-language.ts';

function pickLanguage(document: Document, meta: MetaTags): Found | null {
  const candidates: Found[] = [{ value: document.documentElement?.getAttribute('lang') ?? '', from: 'html[lang]' }];
  // Content-Language may list several ("en-US, fr"): the first is the page's.
  for (const v of meta.values('http-equiv', 'content-language')) candidates.push({ value: v.content.split(',')[0], from: v.where });
  candidates.push({ value: meta.openGraph('og:locale') ?? '', from: 'og:locale' });
  for (const c of candidates) {
    const lang = primaryLanguage(c.value);
    if (lang !== null) return { value: lang, from: c.from };
  }
  return null;
}

/** The `<time datetime>` values of the article: the first <article>, else <main>; none outside them. */
function articleTimes(document: Document): Found[] {
  const container = document.querySelector('article') ?? document.querySelector('main');
  if (container === null) return [];
  return [...container.querySelectorAll('time[datetime]')].map((t) => ({ value: t.getAttribute('datetime') ?? '', from: 'time[datetime]' }));
}

function metaFound(meta: MetaTags, list: readonly [MetaAttribute, string][]): Found[] {
  return list.flatMap(([attr, name]) => meta.values(attr, name).map((v) => ({ value: v.content, from: v.where })));
}

/** The first candidate whose value is a real ISO day, as that day. */
function firstDay(candidates: readonly Found[]): Found | null {
  for (const c of candidates) {
    const day = pageDayOf(c.value);
    if (day !== null) return { value: day, from: c.from };
  }
  return null;
}

/**
 * A dateline opens the story, but readability may keep a headline, byline or timestamp above it:
 * it is looked for at the start of each of the first few paragraphs.
 */
const DATELINE_PARAGRAPHS = 3;

function openingDateline(text: string): Dateline | null {
  for (const paragraph of text.split('\n\n', DATELINE_PARAGRAPHS)) {
    const dateline = datelineOf(paragraph);
    if (dateline !== null) return dateline;
  }
  return null;
}

interface PageDates {
  published: Found[];
  modified: Found[];
}

function pickPublished(dates: PageDates, text: string, option: Found | null): Found | null {
  const stated = firstDay(dates.published);
  if (stated !== null) return stated;
  const dateline = openingDateline(text);
  if (dateline !== null) {
    if (dateline.year !== null) {
      const day = dayOfDateline(dateline, null);
      if (day !== null) return { value: day, from: 'dateline' };
    } else {
      const modified = firstDay(dates.modified);
      const day = modified && dayOfDateline(dateline, modified.value);
      if (modified !== null && day !== null) return { value: day, from: `dateline, year from ${modified.from}` };
    }
  }
  return option;
}

function checkOptionPublished(published: string | null, source: string): Found | null {
  if (published === null || published.trim() === '') return null;
  const day = pageDayOf(published);
  if (day === null) {
    throw new InputError(source, 'published', `option published ${JSON.stringify(published)} is not ${PUBLISHED_EXPECTED}`);
  }
  return { value: day, from: 'option published' };
}

/**
 * The article's text: readability's choice of main content once the page's furniture is removed,
 * or — when readability finds nothing or the page is too deep or too big for it — the paragraphs of the whole
 * page without its menus, headers, footers, sidebars and dialogs. Both change the document, so
 * they run after every other field has been read.
 */
function readText(document: Document, html: string, source: string): Found {
  const shape = document.documentElement === null ? { depth: 0, elements: 0 } : treeShape(document.documentElement);
  let fallback: { page: Document; reason: string };
  if (shape.depth > MAX_READABILITY_DEPTH) {
    fallback = { page: document, reason: `page nested ${shape.depth} elements deep, readability reads up to ${MAX_READABILITY_DEPTH}` };
  } else if (shape.elements > MAX_READABILITY_ELEMENTS) {
    fallback = {
      page: document,
      reason: `page of ${shape.elements.toLocaleString('en-US')} elements, readability reads up to ${MAX_READABILITY_ELEMENTS.toLocaleString('en-US')}`,
    };
  } else {
    if (document.body !== null) removePageFurniture(document.body);
    let content: Node | null | undefined;
    let failed: string | null = null;
    try {
      content = new Readability<Node>(document, { serializer: (node) => node }).parse()?.content;
    } catch (e) {
      // Readability assumes trees a browser builds; a hostile page can break it (fuzzing found some).
      failed = (e as Error).message;
    }
    const text = content ? plainTextOf(content as Element, { wholePage: false }) : '';
    if (text !== '') return { value: text, from: 'readability' };
    // Readability has rewritten `document`; the fallback reads the page as it came.
    fallback = { page: parsePage(html), reason: failed === null ? 'readability found no article' : `readability failed: ${failed}` };
  }
  const root = fallback.page.documentElement;
  const text = root === null ? '' : plainTextOf(root, { wholePage: true });
  if (text === '') {
    throw new InputError(source, 'text', 'no article text found in the page (is its text written by a script?)');
  }
  return { value: text, from: `body paragraphs (${fallback.reason})` };
}

/** Reads one page; throws an InputError naming `opts.source`, the field and what was wrong. */
export function readHtmlPage(bytes: Uint8Array | string, opts: HtmlPageOptions): Article {
  const { source } = opts;
  checkSize(bytes, opts.maxBytes ?? DEFAULT_MAX_HTML_BYTES, source);
  const fetchedFrom = checkFetchedFrom(opts.fetchedFrom ?? null, source);
  const optionPublished = checkOptionPublished(opts.published ?? null, source);
  const html = decodePage(bytes, source, opts.contentType ?? null);
  const document = parsePage(html);

  const meta = new MetaTags(document);
  const jsonLd = new JsonLd(
    [...document.querySelectorAll('script[type]')]
      .filter((s) => (s.getAttribute('type') ?? '').split(';')[0].trim().toLowerCase() === 'application/ld+json')
      .map((s) => s.textContent ?? ''),
  );
  const outlet = firstFound(outletCandidates(meta, jsonLd));
  const siteNames = [outlet?.value, meta.openGraph('og:site_name')].filter((n): n is string => !!n);
  const title = pickTitle(document, meta, jsonLd, siteNames);
  const url = pickUrl(document, meta, fetchedFrom);
  const fallbackId = opts.fallbackId?.trim() ? { value: opts.fallbackId, from: 'file name' } : null;
  const id = url ?? fallbackId;
  if (id === null) {
    throw new InputError(
      source,
      'id',
      'the page names no address (no link[rel=canonical] or og:url) and was not fetched, and no fallback id was given; pass the file name as fallbackId',
    );
  }
  const language = pickLanguage(document, meta);
  const dates: PageDates = {
    published: [
      ...metaFound(meta, PUBLISHED_META),
      ...jsonLd.strings('datePublished').map((value) => ({ value, from: 'JSON-LD datePublished' })),
      ...articleTimes(document),
    ],
    modified: [
      ...metaFound(meta, MODIFIED_META),
      ...jsonLd.strings('dateModified').map((value) => ({ value, from: 'JSON-LD dateModified' })),
    ],
  };

  const text = readText(document, html, source);
  checkArticleText(text.value, source);
  const published = pickPublished(dates, text.value, optionPublished);

  const fields: DocumentProvenance['fields'] = { id: id.from, text: text.from };
  if (published) fields.published = published.from;
  if (url) fields.url = url.from;
  if (outlet) fields.outlet = outlet.from;
  if (title) fields.title = title.from;
  if (language) fields.language = language.from;
  return {
    id: id.value,
    text: text.value,
    published: published?.value ?? null,
    url: url?.value ?? null,
    outlet: outlet?.value ?? null,
    title: title?.value ?? null,
    language: language?.value ?? null,
    provenance: { format: 'html', fetchedFrom, fields },
  };
}
