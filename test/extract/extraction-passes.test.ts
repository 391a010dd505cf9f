/**
 * The extraction passes: each reads the state before it and returns new values (checked by running
 * them over deep-frozen inputs: a pass that wrote into its input would throw in strict mode), and
 * every mention carries the rule that classified it, from the rule table.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseArticle } from '../../src/pipeline/ingest/parse-article.ts';
import { embeddedDefault } from '../../src/services/gazetteer-service.ts';
import { extractDocument } from '../../src/pipeline/extract/extract-document.ts';
import { readDocument } from '../../src/pipeline/extract/passes/read-document.ts';
import { carryContext } from '../../src/pipeline/extract/passes/carry-context.ts';
import { placeFrames } from '../../src/pipeline/extract/passes/place-frames.ts';
import { classifyFrames, CLASSIFY_RULES, KIND_RULES } from '../../src/pipeline/extract/passes/classify-frames.ts';
import { mergeFrames } from '../../src/pipeline/extract/passes/merge-frames.ts';
import { buildMentions } from '../../src/pipeline/extract/passes/build-mentions.ts';
import type { Article } from '../../src/domain/types.ts';

const GOLDEN = fileURLToPath(new URL('../golden/articles.jsonl', import.meta.url));
const articles: Article[] = readFileSync(GOLDEN, 'utf8')
  .split('\n')
  .filter((l) => l.trim())
  .map((l, i) => parseArticle(JSON.parse(l), `articles.jsonl:${i + 1}`));

function deepFreeze<T>(x: T, seen = new Set<unknown>()): T {
  if (x && typeof x === 'object' && !seen.has(x)) {
    seen.add(x);
    for (const v of Object.values(x)) deepFreeze(v, seen);
    Object.freeze(x);
  }
  return x;
}

test('no pass writes into the state it was given, and the passes give what extractDocument gives', () => {
  const { resolver } = embeddedDefault();
  let mentionsSeen = 0;
  for (const article of articles) {
    const doc = deepFreeze(readDocument(article, resolver));
    const frames = deepFreeze(carryContext(doc, resolver));
    const { placed } = placeFrames(doc, frames, resolver);
    const classified = deepFreeze(classifyFrames(doc, deepFreeze(placed)));
    const groups = deepFreeze(mergeFrames(doc, classified));
    const mentions = buildMentions(doc, groups);
    assert.deepEqual(mentions, extractDocument(article, resolver).mentions, article.id);
    mentionsSeen += mentions.length;
  }
  assert.ok(mentionsSeen > articles.length, `the golden articles give mentions (${mentionsSeen})`);
});

test('kind rules have unique ids and an example each; every mention names one of them', () => {
  const ids = KIND_RULES.map((r) => r.id);
  assert.equal(new Set(ids).size, ids.length, 'unique ids');
  for (const r of KIND_RULES) assert.ok(r.example.length > 20 && /[.!?]$/.test(r.example), `${r.id} has an example sentence`);
  for (const r of CLASSIFY_RULES) assert.ok(ids.includes(r.id));
  const { resolver } = embeddedDefault();
  const used = new Set<string>();
  for (const article of articles) {
    for (const m of extractDocument(article, resolver).mentions) {
      assert.ok(m.classification, `${m.id} has a classification`);
      assert.equal(m.classification.kind, m.kind);
      assert.ok(ids.includes(m.classification.rule), `${m.id}: ${m.classification.rule}`);
      used.add(m.classification.rule);
    }
  }
  assert.ok(used.has('kind.event'), 'incidents are classified by kind.event');
  assert.ok([...used].some((r) => r !== 'kind.event'), `some tally rule fires on the golden articles: ${[...used].join(', ')}`);
});
