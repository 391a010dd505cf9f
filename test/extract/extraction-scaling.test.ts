/**
 * Extraction time grows with a document's length, not its square. One casualty sentence repeated
 * through a long article (a scraper looping on a page does this) once took 30 s at 800 KB and
 * 130 s at 1.6 MB, growing as size^2.2–2.6: the classify and merge passes compared every frame
 * with every other, and carry-context copied every sentence before each frame. Timed here at two
 * sizes four times apart: linear work takes about four times as long (the old code: 10 to 17 times).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { extractDocument } from '../../src/pipeline/extract/extract-document.ts';
import { embeddedDefault } from '../../src/services/gazetteer-service.ts';
import type { Article } from '../../src/domain/types.ts';

const SENTENCE = 'Shelling killed four people in the village on Sunday, a monitor said.';
const repeated = (chars: number): Article => ({
  id: `repeated-${chars}`,
  text: Array(Math.ceil(chars / (SENTENCE.length + 1))).fill(SENTENCE).join(' '),
  published: '2024-03-05',
  url: null,
  outlet: null,
  title: null,
  language: 'en',
});

function seconds(article: Article): { seconds: number; mentions: number } {
  const resolver = embeddedDefault().resolver;
  const t = performance.now();
  const { mentions } = extractDocument(article, resolver);
  return { seconds: (performance.now() - t) / 1000, mentions: mentions.length };
}

test('a casualty sentence repeated through 800 KB takes under 6 times as long as through 200 KB (linear: about 4)', () => {
  seconds(repeated(50_000)); // warm-up: the gazetteer, the JIT
  const small = seconds(repeated(200_000));
  const large = seconds(repeated(800_000));
  assert.equal(small.mentions, 1, 'one event told over and over');
  assert.equal(large.mentions, 1);
  const ratio = large.seconds / small.seconds;
  assert.ok(ratio < 6, `200 KB: ${small.seconds.toFixed(2)} s, 800 KB: ${large.seconds.toFixed(2)} s, ratio ${ratio.toFixed(1)}`);
});
