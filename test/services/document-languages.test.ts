/**
 * Documents in languages Tally has no rules for (issue 13): stored and counted — in the ingest
 * summary, the warnings log, the facets the dashboard shows — never dropped, and not extracted.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { openStore } from '../../src/storage/open-store.ts';
import { incidentsJsonRendering } from '../../src/export/incidents-json.ts';
import { embeddedDefault } from '../../src/services/gazetteer-service.ts';
import { ingestItems } from '../../src/services/ingest-batch.ts';
import { documentLanguages } from '../../src/services/document-languages.ts';
import { formatIngestSummary } from '../../src/cli/progress.ts';
import type { Article } from '../../src/domain/types.ts';
import type { InputItem } from '../../src/pipeline/ingest/read-inputs.ts';

const article = (id: string, text: string, language: string | null = null): Article => ({ id, text, published: '2024-03-04', url: null, outlet: 'Fictional Courier', title: null, language });
const items = (articles: Article[]): InputItem[] => articles.map((a) => ({ kind: 'article', article: a, source: `${a.id}.jsonl:1` }));

test('a Spanish report is stored and counted, not extracted; English ones are read; the count reaches the facets', async () => {
  const store = await openStore(':memory:', incidentsJsonRendering);
  try {
    const docs = [
      article('en-1', 'Shelling killed four civilians in the market of Ariha on Sunday, a fictional monitor said.'),
      article('es-1', 'Un bombardeo mató a cuatro civiles en el mercado de la ciudad el domingo, según un observatorio ficticio que sigue el conflicto desde hace años.'),
      article('fr-given', 'Four civilians were killed in shelling on Sunday, a monitor said.', 'fr-FR'),
    ];
    const summary = await ingestItems(store, embeddedDefault().resolver, items(docs), { now: '2024-03-05T00:00:00Z', runId: 'lang-run' });
    assert.equal(summary.added, 3, 'every document is stored');
    assert.deepEqual(summary.notExtracted, { es: 1, fr: 1 });
    assert.equal((await store.getDocument('es-1'))?.detectedLanguage, 'es');
    assert.equal((await store.getDocument('en-1'))?.detectedLanguage, 'en');
    assert.deepEqual(await store.listMentionsForDocument('es-1'), []);
    assert.deepEqual(await store.listMentionsForDocument('fr-given'), [], 'a language given with the document is obeyed');
    assert.ok((await store.listMentionsForDocument('en-1')).length > 0);
    const kept = await store.listWarnings({ code: 'language-not-extracted' });
    assert.deepEqual(kept.map((w) => w.documentId), ['es-1', 'fr-given']);
    assert.match(kept[0].message, /is in es \(detected\); stored, not extracted/);
    assert.match(kept[1].message, /is in fr \(given\)/);
    assert.deepEqual(await documentLanguages(store), [
      { id: 'en', documents: 1, extracted: true },
      { id: 'es', documents: 1, extracted: false },
      { id: 'fr', documents: 1, extracted: false },
    ]);
    assert.ok(formatIngestSummary(summary).includes('stored, not extracted (no rules for their language yet): es 1, fr 1'));
    // Ingested again, nothing is read twice.
    const again = await ingestItems(store, embeddedDefault().resolver, items(docs), { now: '2024-03-06T00:00:00Z', runId: 'lang-run-2' });
    assert.equal(again.unchanged, 3);
    assert.equal(summary.extracted, 1, 'the first run read the English report');
    assert.equal(again.extracted, 0, 'an unchanged document is recognised before extraction: a resumed batch costs only the reading');
    assert.deepEqual(again.notExtracted, {});
    assert.equal((await store.listWarnings({ code: 'language-not-extracted' })).length, 2);
  } finally {
    await store.close();
  }
});

test('a document over its extraction budget is reported with its place, kept in the warnings, not stored; the batch goes on', async () => {
  const store = await openStore(':memory:', incidentsJsonRendering);
  try {
    const docs = [article('slow-1', 'Shelling killed four civilians in the market of Ariha on Sunday, a fictional monitor said.'), article('slow-2', 'An air strike killed two fighters near Saraqib on Monday, a fictional monitor said.')];
    // A budget of 0 ms: every document is over it at the first check.
    const summary = await ingestItems(store, embeddedDefault().resolver, items(docs), { now: '2024-03-05T00:00:00Z', runId: 'budget-run', documentBudgetMs: 0 });
    assert.equal(summary.read, 2);
    assert.equal(summary.added, 0);
    assert.deepEqual(summary.rejected.map((r) => r.source), ['slow-1.jsonl:1', 'slow-2.jsonl:1']);
    assert.match(summary.rejected[0].message, /^slow-1\.jsonl:1: extraction of document "slow-1" ran \d+ ms past its deadline/);
    assert.equal(await store.getDocument('slow-1'), null);
    assert.deepEqual((await store.listWarnings({ code: 'document-over-budget' })).map((w) => w.documentId), ['slow-1', 'slow-2']);
    // With the default budget the same batch lands.
    const again = await ingestItems(store, embeddedDefault().resolver, items(docs), { now: '2024-03-06T00:00:00Z', runId: 'budget-run-2' });
    assert.equal(again.added, 2);
  } finally {
    await store.close();
  }
});
