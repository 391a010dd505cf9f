/**
 * Fuzzing, as a tool kept (issue 13): 10,000 generated malformed and adversarial inputs (fast-check)
 * fed to the reader, the HTML page reader, the feed reader and extraction — invalid UTF-8, control
 * and zero-width characters, lone surrogates, deep nesting, wrong types, impossible dates, HTML
 * with scripts and broken tags, feeds with entity bombs, repeated casualty sentences, and a few
 * 5 MB lines. Each must end in an article or a rejection that names the input, its place and the
 * reason: no crash, no hang, nothing unaccounted for. The counts are printed as a diagnostic.
 */
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { readInputs, type InputItem } from '../../src/pipeline/ingest/read-inputs.ts';
import { readHtmlPage } from '../../src/pipeline/ingest/html-page.ts';
import { InputError } from '../../src/pipeline/ingest/input-error.ts';
import { readFeed } from '../../src/services/watch-feeds.ts';
import { extractDocument } from '../../src/pipeline/extract/extract-document.ts';
import { embeddedDefault } from '../../src/services/gazetteer-service.ts';

const dir = mkdtempSync(join(tmpdir(), 'tally-fuzz-'));
after(() => rmSync(dir, { recursive: true, force: true }));

const JSON_LINES = 7_000;
const HTML_PAGES = 1_500;
const FEEDS = 1_490;
const HUGE_LINES = 10;
const SEED = 20_240_301;

const CASUALTY = 'Shelling killed four civilians, including a child, in the village of Northfield on Monday, a fictional monitor said. ';
const NASTY = ['\u0000', '\u0007', '\u001b[31m', '\u200b', '\u200d', '\ufeff', '\u202e', '\ud800', '\udfff', '\u2028', '\\', '"', '</script>', '\r', '\t', '💥', 'ﷺ', 'İ'];

/** Text a hostile or broken source might send: words of violence reporting mixed with control, zero-width and lone-surrogate characters. */
const hostileText = fc
  .array(fc.oneof(fc.constantFrom(...NASTY), fc.string({ maxLength: 40 }), fc.constant(CASUALTY), fc.constantFrom('99999999999999999999 people were killed. ', '1e400 dead. ', '-5 wounded. ')), { maxLength: 12 })
  .map((parts) => parts.join(''));

/** A date field as scrapers write them, valid or not. */
const dateField = fc.oneof(
  fc.constantFrom('2024-02-30', '2024-13-01', '2024-03-01T10:00:00+25:00', '2024-03-01T24:61:00Z', '0000-00-00', '', 'yesterday', '2024-03-01', '2024-03-01T10:00:00Z'),
  fc.integer(),
  fc.constant(null),
  fc.string({ maxLength: 20 }),
);

/** One JSON Lines line: a record with odd fields, wrong types, deep nesting, or bytes that are no JSON. */
const jsonLine = fc.oneof(
  fc.record({ id: fc.oneof(fc.string({ maxLength: 12 }), fc.integer(), fc.constant(null)), text: fc.oneof(hostileText, fc.integer(), fc.constant(null)), published: dateField, outlet: fc.oneof(fc.string({ maxLength: 10 }), fc.array(fc.string(), { maxLength: 2 })) }).map((r) => JSON.stringify(r)),
  fc.record({ id: fc.uuid(), text: hostileText.map((t) => t + CASUALTY), published: dateField, language: fc.constantFrom('en', 'es', 'ar', 'xx-YY', '', 'und') }, { requiredKeys: ['id', 'text'] }).map((r) => JSON.stringify(r)),
  fc.jsonValue({ maxDepth: 4 }).map((v) => JSON.stringify(v)),
  fc.integer({ min: 1, max: 5_000 }).map((depth) => '['.repeat(depth) + ']'.repeat(depth)),
  fc.string({ maxLength: 60 }),
  // Raw bytes, most of them no UTF-8 at all.
  fc.uint8Array({ maxLength: 60 }).map((bytes) => Buffer.from(bytes)),
);

/** HTML a page might be: scripts, broken tags, entities, deep nesting, nothing at all. */
const htmlPage = fc.oneof(
  fc
    .array(
      fc.oneof(
        fc.constantFrom('<script>document.write("x")</script>', '<style>p{}</style>', '<p>', '</div>', '<div><span>', '<!--', '-->', '<![CDATA[', '&amp;', '&#xD800;', '&lol;', '<meta charset="x-unknown">', '<meta property="article:published_time" content="2024-02-30">', '<time datetime="9999-99-99">', '<article>', '</article>', '<html lang="zz-@@">'),
        hostileText.map((t) => `<p>${t}</p>`),
        fc.string({ maxLength: 30 }),
      ),
      { maxLength: 25 },
    )
    .map((parts) => parts.join('')),
  fc.integer({ min: 1, max: 3_000 }).map((depth) => `${'<div>'.repeat(depth)}<p>${CASUALTY}</p>${'</div>'.repeat(depth)}`),
  fc.uint8Array({ maxLength: 200 }).map((bytes) => Buffer.from(bytes)),
);

/** Feeds: RSS and Atom with entity declarations (a billion-laughs bomb), broken markup, odd links. */
const feedDocument = fc.oneof(
  fc.integer({ min: 1, max: 9 }).map(
    (levels) =>
      `<?xml version="1.0"?><!DOCTYPE r [<!ENTITY e0 "lol">${Array.from({ length: levels }, (_, i) => `<!ENTITY e${i + 1} "${`&e${i};`.repeat(10)}">`).join('')}]><rss><channel><title>&e${levels};</title><item><link>http://x.example/a</link></item></channel></rss>`,
  ),
  fc
    .array(fc.record({ link: fc.oneof(fc.webUrl(), fc.string({ maxLength: 20 })), guid: fc.option(fc.string({ maxLength: 10 })), date: fc.option(dateField.map(String)) }), { maxLength: 6 })
    .map((items) => `<rss version="2.0"><channel>${items.map((i) => `<item><link>${i.link.replace(/[<&]/g, '')}</link>${i.guid ? `<guid>${i.guid.replace(/[<&]/g, '')}</guid>` : ''}${i.date ? `<pubDate>${i.date.replace(/[<&]/g, '')}</pubDate>` : ''}</item>`).join('')}</channel></rss>`),
  fc.string({ maxLength: 80 }).map((s) => `<feed xmlns="http://www.w3.org/2005/Atom"><entry>${s}`),
);

test('10,000 generated malformed and adversarial inputs: each ends as an article or a named rejection; none crashes or hangs', { timeout: 900_000 }, async (t) => {
  const counts = { inputs: 0, articles: 0, rejected: 0, extracted: 0, htmlArticles: 0, htmlRejected: 0, feedsRead: 0, feedsRefused: 0 };
  const failures: string[] = [];
  const { resolver } = embeddedDefault();
  const extract = (article: Parameters<typeof extractDocument>[0], where: string) => {
    try {
      extractDocument(article, resolver);
      counts.extracted++;
    } catch (e) {
      failures.push(`${where}: extraction threw ${(e as Error).stack?.split('\n').slice(0, 3).join(' | ')}`);
    }
  };

  // JSON Lines, written to files of 500 lines (and a few 5 MB lines), read through the reader.
  const lines = fc.sample(jsonLine, { numRuns: JSON_LINES, seed: SEED });
  const huge = Array.from({ length: HUGE_LINES }, (_, i) => (i % 2 ? JSON.stringify({ id: `huge-${i}`, text: CASUALTY.repeat(44_000) }) : 'x'.repeat(5 * 1024 * 1024)));
  // Each input one line of bytes (a newline inside becomes a space).
  const all = [...lines, ...huge].map((l) => {
    const bytes = Buffer.from(typeof l === 'string' ? Buffer.from(l) : l);
    for (let i = 0; i < bytes.length; i++) if (bytes[i] === 0x0a) bytes[i] = 0x20;
    return bytes;
  });
  const files: string[] = [];
  for (let start = 0; start < all.length; start += 500) {
    const file = join(dir, `fuzz-${start}.jsonl`);
    writeFileSync(file, Buffer.concat(all.slice(start, start + 500).flatMap((l) => [l, Buffer.from('\n')])));
    files.push(file);
  }
  const seen = new Set<string>();
  const items: InputItem[] = [];
  for await (const item of readInputs(files, { maxLineBytes: 5 * 1024 * 1024 })) items.push(item);
  for (const item of items) {
    const where = item.kind === 'article' ? item.source : item.error.source;
    if (!/^.+\.jsonl:\d+$/.test(where)) failures.push(`an item names no file:line: ${where}`);
    seen.add(where);
    if (item.kind === 'error') {
      counts.rejected++;
      if (item.error.detail.trim().length < 8) failures.push(`${where}: a rejection without a reason`);
    } else {
      counts.articles++;
      if (item.article.text.length <= 50_000) extract(item.article, where);
    }
  }
  counts.inputs += all.length;
  // Every non-blank line is an article or a rejection (blank lines are skipped by design).
  const blank = all.filter((l) => l.toString('utf8').replace(/\r$/, '').trim() === '').length;
  if (seen.size !== all.length - blank) failures.push(`${all.length - blank} non-blank lines but ${seen.size} items`);

  // HTML pages.
  for (const [i, page] of fc.sample(htmlPage, { numRuns: HTML_PAGES, seed: SEED + 1 }).entries()) {
    counts.inputs++;
    const source = `fuzz-page-${i}.html`;
    try {
      const article = readHtmlPage(page, { source, fallbackId: `page-${i}` });
      counts.htmlArticles++;
      extract(article, source);
    } catch (e) {
      if (!(e instanceof InputError)) failures.push(`${source}: threw ${(e as Error).stack?.split('\n').slice(0, 3).join(' | ')}`);
      else if (!e.message.startsWith(`${source}: `)) failures.push(`${source}: a rejection not naming the page: ${e.message}`);
      else counts.htmlRejected++;
    }
  }

  // Feeds.
  for (const [i, feed] of fc.sample(feedDocument, { numRuns: FEEDS, seed: SEED + 2 }).entries()) {
    counts.inputs++;
    try {
      const entries = await readFeed(feed, 'http://feeds.example/rss');
      counts.feedsRead++;
      for (const e of entries) if (!/^https?:/.test(e.link) && !e.link.startsWith('http://feeds.example/')) failures.push(`feed ${i}: an entry link that is no address: ${e.link}`);
      if (feed.length > 100_000) failures.push(`feed ${i}: larger than written`);
    } catch (e) {
      counts.feedsRefused++;
      if (!((e as Error).message ?? '').trim()) failures.push(`feed ${i}: refused without a reason`);
    }
  }

  t.diagnostic(`fuzz: ${counts.inputs.toLocaleString('en')} inputs; JSON lines ${counts.articles} articles, ${counts.rejected} rejected; HTML ${counts.htmlArticles} articles, ${counts.htmlRejected} rejected; feeds ${counts.feedsRead} read, ${counts.feedsRefused} refused; ${counts.extracted} extracted; ${failures.length} failures`);
  assert.equal(counts.inputs, 10_000);
  assert.deepEqual(failures.slice(0, 20), []);
});
