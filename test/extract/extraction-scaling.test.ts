/**
 * A long document of one casualty sentence repeated (a scraper looping on a page does this) is one
 * event told over and over: one mention. How long it takes as the document grows is measured by
 * `npm run bench -- long-documents` (a speed target is a benchmark's, never a timed test's): at
 * 800 KB it took 30 s and grew as size^2.2–2.6 before the passes stopped comparing every frame with
 * every other; the figures are in docs/decisions/0030-real-world-ingest.md.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { extractDocument } from '../../src/pipeline/extract/extract-document.ts';
import { embeddedDefault } from '../../src/services/gazetteer-service.ts';
import { repeatedArticle } from '../../bench/suites/long-documents.ts';

test('one casualty sentence repeated through 400 KB is one mention with the sentence\'s figures', () => {
  const { mentions } = extractDocument(repeatedArticle(400_000), embeddedDefault().resolver);
  assert.equal(mentions.length, 1, 'one event told over and over');
  assert.equal(mentions[0].killed.total?.value, 4);
});
