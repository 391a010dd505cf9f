/**
 * The time budget of one document's extraction (src/pipeline/extract/extraction-budget.ts):
 * extractDocument(article, resolver, { deadline }) stops with an ExtractionBudgetError naming the
 * document, the pass and how far it got, checked after every sentence; without a deadline, or
 * with one it meets, the result is the same as ever.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { ExtractionBudgetError, extractDocument } from '../../src/pipeline/extract/extract-document.ts';
import { embeddedDefault } from '../../src/services/gazetteer-service.ts';
import type { Article } from '../../src/domain/types.ts';

const SENTENCE = 'Shelling killed four people in the village of Kafr Nabl on Sunday, a monitor said.';
const article = (id: string, sentences: number): Article => ({
  id,
  text: Array(sentences).fill(SENTENCE).join(' '),
  published: '2024-03-05',
  url: null,
  outlet: null,
  title: null,
  language: 'en',
});
const resolver = () => embeddedDefault().resolver;

/** The ExtractionBudgetError `run` throws. */
function budgetError(run: () => unknown): ExtractionBudgetError {
  try {
    run();
  } catch (e) {
    assert.ok(e instanceof ExtractionBudgetError, `an ExtractionBudgetError, got ${String(e)}`);
    return e;
  }
  assert.fail('no ExtractionBudgetError was thrown');
}

describe('extractDocument with a deadline', () => {
  test('a deadline it meets changes nothing', () => {
    const a = article('budget-met', 40);
    assert.deepEqual(extractDocument(a, resolver(), { deadline: performance.now() + 600_000 }), extractDocument(a, resolver()));
  });

  test('a deadline already past stops it at the first check, before any sentence is read', () => {
    const e = budgetError(() => extractDocument(article('budget-past', 40), resolver(), { deadline: 0, clock: () => 5 }));
    assert.equal(e.name, 'ExtractionBudgetError');
    assert.equal(e.documentId, 'budget-past');
    assert.deepEqual(e.progress, { pass: 'document-geo', sentencesDone: 0, sentences: 0, offset: 0, textLength: 40 * SENTENCE.length + 39 });
    assert.equal(e.overByMs, 5);
  });

  test('it is checked after every sentence: the message says which document and how far it got', () => {
    // One clock read per check: the first after locating the document, then one per sentence.
    let reads = 0;
    const a = article('budget-sentences', 40);
    const e = budgetError(() => extractDocument(a, resolver(), { deadline: 10, clock: () => ++reads }));
    assert.equal(e.documentId, 'budget-sentences');
    const tenth = 10 * (SENTENCE.length + 1) - 1;
    assert.deepEqual(e.progress, { pass: 'read-document', sentencesDone: 10, sentences: 40, offset: tenth, textLength: a.text.length });
    assert.equal(
      e.message,
      `extraction of document "budget-sentences" ran 1 ms past its deadline in pass read-document, 10 of 40 sentences done (offset ${tenth} of ${a.text.length} characters); give it a later deadline, or split the document`,
    );
  });

  test('later passes are checked too', () => {
    // 1 + 40 reads while reading, then one per pass and one per frame merged.
    let reads = 0;
    const e = budgetError(() => extractDocument(article('budget-passes', 40), resolver(), { deadline: 41, clock: () => ++reads }));
    assert.equal(e.progress.pass, 'carry-context');
    assert.equal(e.progress.sentencesDone, 40);
  });
});
