/**
 * Child process for the concurrency tests: opens the store given as argv[2] (a SQLite path or a
 * postgres:// URL; migrating it if new) and writes one document and one warning as writer
 * argv[3], then exits 0; any error exits 1.
 */
import { openStore } from '../../src/storage/open-store.ts';
import { incidentsJsonRendering } from '../../src/export/incidents-json.ts';

const [location, writer] = process.argv.slice(2);
const store = await openStore(location, incidentsJsonRendering);
try {
  await store.putDocument(
    { id: `writer-${writer}`, text: `Report number ${writer}: shelling continued overnight.`, published: null, url: null, outlet: null, title: null, language: 'en' },
    '2026-01-01T00:00:00Z',
  );
  await store.addWarnings(`run-${writer}`, [{ code: 'no-date', message: 'no publication date', source: `writer-${writer}` }]);
} finally {
  await store.close();
}
