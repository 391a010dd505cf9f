/**
 * Extraction in a worker thread (src/services/extraction-worker.ts), as the HTTP API uses it: the
 * same mentions as in-process, the event loop free while it runs, and a document over its time or
 * memory budget rejected — the thread replaced — with the next document read as usual.
 */
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { DocumentBudgetError, ExtractionWorker } from '../../src/services/extraction-worker.ts';
import { extractDocument } from '../../src/pipeline/extract/extract-document.ts';
import { embeddedDefault } from '../../src/services/gazetteer-service.ts';
import { repeatedArticle } from '../../bench/suites/long-documents.ts';
import type { Article } from '../../src/domain/types.ts';

const report: Article = {
  id: 'thread-1',
  text: 'Shelling killed four civilians, including a child, in the market of Ariha on Sunday, a fictional monitor said.',
  published: '2024-03-04',
  url: null,
  outlet: 'Fictional Courier',
  title: null,
  language: 'en',
};

const workers: ExtractionWorker[] = [];
after(async () => {
  for (const w of workers) await w.close();
});
const worker = (timeBudgetMs: number, memoryBudgetMb = 1024) => {
  const w = new ExtractionWorker({ gazetteer: { kind: 'embedded' }, timeBudgetMs, memoryBudgetMb });
  workers.push(w);
  return w;
};

test('the thread extracts what the process would, while the event loop goes on', { timeout: 120_000 }, async () => {
  const w = worker(20_000);
  let ticks = 0;
  const ticker = setInterval(() => ticks++, 5);
  const inThread = await w.extract(report);
  clearInterval(ticker);
  assert.deepEqual(inThread, extractDocument(report, embeddedDefault().resolver));
  assert.ok(ticks > 5, `the event loop ran while the thread built its gazetteer and read the report (${ticks} ticks)`);
});

test('a document over the time budget is stopped and rejected; the next one is read by a fresh thread', { timeout: 120_000 }, async () => {
  const w = worker(300);
  await w.extract(report); // the thread is up
  await assert.rejects(w.extract(repeatedArticle(2_000_000)), (e: unknown) => e instanceof DocumentBudgetError && e.budget === 'time' && /took longer than its budget of 0\.3 s/.test(e.message));
  const after = await w.extract({ ...report, id: 'thread-2' });
  assert.equal(after.mentions.length, 1);
});

test('a document over the memory budget is rejected; the next one is read by a fresh thread', { timeout: 180_000 }, async () => {
  const w = worker(120_000, 400);
  await w.extract(report);
  await assert.rejects(w.extract(repeatedArticle(5_000_000)), (e: unknown) => e instanceof DocumentBudgetError && e.budget === 'memory' && /more than its memory budget of 400 MB/.test(e.message));
  const after = await w.extract({ ...report, id: 'thread-3' });
  assert.equal(after.mentions.length, 1);
});
