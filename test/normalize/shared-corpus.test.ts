/**
 * Runs ingest, normalisation and segmentation over the development articles in ../shared/corpus
 * (read in place, never copied) and checks the invariants every later stage relies on.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { readInputs } from '../../src/pipeline/ingest/read-inputs.ts';
import { normalizeText } from '../../src/pipeline/normalize/normalize-text.ts';
import { segment } from '../../src/pipeline/normalize/segment.ts';

const corpus = resolve(import.meta.dirname, '../../../shared/corpus');
const folders = [join(corpus, 'seeds'), join(corpus, 'dev')];
const missing = folders.filter((f) => !existsSync(f));
const required = process.env.TALLY_REQUIRE_SHARED === '1';
const skip = missing.length > 0 && !required ? `missing ${missing.join(', ')} (the shared corpus beside the repo)` : false;

test('shared corpus: every article ingests, normalises length-preserving and segments consistently', { skip }, async () => {
  assert.deepEqual(missing, [], `TALLY_REQUIRE_SHARED=1 but ${missing.join(', ')} is missing`);
  const errors: string[] = [];
  const kinds = { sentence: 0, headline: 0, boilerplate: 0 };
  let articles = 0;
  for await (const item of readInputs(folders)) {
    if (item.kind === 'error') {
      errors.push(item.error.message);
      continue;
    }
    articles++;
    const { text, id } = item.article;
    const norm = normalizeText(text);
    assert.equal(norm.length, text.length, `${id}: normalised length`);
    const segments = segment(norm);
    let last = 0;
    for (const s of segments) {
      assert.equal(s.text, norm.slice(s.start, s.end), `${id}: segment text at ${s.start}`);
      assert.ok(s.start >= last && s.end > s.start, `${id}: segment order at ${s.start}`);
      assert.equal(s.text.trim(), s.text, `${id}: trimmed at ${s.start}`);
      assert.ok(!s.text.includes('\n'), `${id}: no line break inside a segment at ${s.start}`);
      last = s.end;
      kinds[s.kind]++;
    }
    assert.ok(segments.some((s) => s.kind === 'sentence'), `${id}: at least one sentence`);
  }
  assert.deepEqual(errors, []);
  assert.ok(articles >= 45, `expected the seeds and dev articles, read ${articles}`);
  assert.ok(kinds.headline > 0 && kinds.boilerplate > 0, `headlines and boilerplate recognised: ${JSON.stringify(kinds)}`);
});
