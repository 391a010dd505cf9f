/** A SQLite store file in a fresh temporary folder holding one ingested article, for the serve tests. */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Article } from '../../src/domain/types.ts';
import { openStore } from '../../src/storage/open-store.ts';
import { incidentsJsonRendering } from '../../src/export/incidents-json.ts';
import { ingestItems } from '../../src/services/ingest-batch.ts';
import { embeddedDefault } from '../../src/services/gazetteer-service.ts';

/** The folder (remove it after) and the store file in it, named `name`.db. */
export async function storeFileWith(article: Article, name: string): Promise<{ dir: string; db: string }> {
  const dir = mkdtempSync(join(tmpdir(), `tally-${name}-`));
  const db = join(dir, `${name}.db`);
  const store = await openStore(db, incidentsJsonRendering);
  await ingestItems(store, embeddedDefault().resolver, [{ kind: 'article', article, source: 'test' }], { now: '2026-01-01T00:00:00Z', runId: 'setup' });
  await store.close();
  return { dir, db };
}
