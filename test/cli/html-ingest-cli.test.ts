/**
 * `tally ingest pages/` on saved HTML pages (issue 13): the right dates, outlets, URLs and where
 * each was read, through the real entry point; a page with no article text is a rejection named by
 * its file, and the rest lands.
 */
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openStore } from '../../src/storage/open-store.ts';
import { incidentsJsonRendering } from '../../src/export/incidents-json.ts';
import { REPO, runTally, shown } from './run-tally.ts';

const dir = mkdtempSync(join(tmpdir(), 'tally-html-cli-'));
after(() => rmSync(dir, { recursive: true, force: true }));

test('tally ingest pages/ reads saved pages with their dates, outlets and provenance', async () => {
  const pages = join(dir, 'pages');
  mkdirSync(join(pages, 'march'), { recursive: true });
  for (const name of ['open-graph.html', 'json-ld-graph.html', 'dateline.html']) copyFileSync(join(REPO, 'test', 'fixtures', 'html', name), join(pages, name));
  copyFileSync(join(REPO, 'test', 'fixtures', 'html', 'no-article-text.html'), join(pages, 'march', 'empty.htm'));
  const db = join(dir, 'pages.db');
  const r = await runTally(['ingest', '--db', db, pages], '2025-01-10T00:00:00Z');
  assert.equal(r.status, 1, shown(r));
  assert.match(r.stdout, /documents read: 3 \(new 3/, shown(r));
  assert.match(r.stdout, /march\/empty\.htm: no article text found in the page/, shown(r));
  const store = await openStore(db, incidentsJsonRendering);
  try {
    const docs = new Map((await store.listDocuments()).map((d) => [d.id, d]));
    const ledger = docs.get('https://northernledger.example/news/2024/03/harrowby-cross-market-fire');
    assert.ok(ledger, [...docs.keys()].join(', '));
    assert.equal(ledger.published, '2024-03-04');
    assert.equal(ledger.outlet, 'The Northern Ledger');
    assert.equal(ledger.provenance?.fields.published, 'meta[property="article:published_time"]');
    assert.equal(ledger.provenance?.fields.id, 'link[rel=canonical]');
    const graph = docs.get('json-ld-graph');
    assert.equal(graph?.published, '2024-05-19');
    assert.equal(graph?.outlet, 'Valley Wire');
    assert.equal(graph?.provenance?.fields.id, 'file name');
    const dateline = docs.get('dateline');
    assert.equal(dateline?.published, '2024-12-30');
    assert.match(dateline?.provenance?.fields.published ?? '', /^dateline/);
    for (const d of docs.values()) assert.doesNotMatch(d.text, /<\/?[a-z]+[ >]/i, `${d.id}: no markup in the stored text`);
  } finally {
    await store.close();
  }
  // The JSON export's documents say where each field was read (an additive field).
  const out = join(dir, 'pages.json');
  const exp = await runTally(['export', '--db', db, '--format', 'json', '--out', out], '2025-01-10T00:00:00Z');
  assert.equal(exp.status, 0, shown(exp));
  const file = JSON.parse((await import('node:fs')).readFileSync(out, 'utf8')) as { documents: { id: string; provenance?: { fields: Record<string, string> } }[] };
  const graph = file.documents.find((d) => d.id === 'json-ld-graph');
  assert.equal(graph?.provenance?.fields.published, 'JSON-LD datePublished');
});
