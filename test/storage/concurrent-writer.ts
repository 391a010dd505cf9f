/**
 * Child process for the SQLite concurrency test: opens the store given as argv[2] (migrating it if
 * new) and writes one document and one warning as writer argv[3], then exits 0; any error exits 1.
 */
import { openSqliteStore } from '../../src/storage/sqlite-incident-store.ts';

const [path, writer] = process.argv.slice(2);
const store = openSqliteStore(path);
try {
  store.putDocument(
    { id: `writer-${writer}`, text: `Report number ${writer}: shelling continued overnight.`, published: null, url: null, outlet: null, title: null, language: 'en' },
    '2026-01-01T00:00:00Z',
  );
  store.addWarnings(`run-${writer}`, [{ code: 'no-date', message: 'no publication date', source: `writer-${writer}` }]);
} finally {
  store.close();
}
