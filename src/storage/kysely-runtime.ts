/**
 * Kysely, loaded from its CommonJS build. Run from the sources (tsx: the tests, a development
 * checkout; docs/decisions/0001, 0028), the loader hooks see every one of the ~280 files of
 * Kysely's ESM build: that costs ~0.4 s per process start here, against ~0.1 s for `require` of the
 * CommonJS build. The build (dist/) gains less, but still loads fewer files. Both builds are the same code with the same types; the store modules take Kysely's
 * values from here and its types from 'kysely' (`import type`, erased at run time).
 */
import { createRequire } from 'node:module';
import type * as KyselyModule from 'kysely';

const kysely = createRequire(import.meta.url)('kysely') as typeof KyselyModule;

export const { sql, CompiledQuery, Migrator, PostgresDialect, SqliteAdapter, SqliteDialect, SqliteDriver } = kysely;
export const Kysely = kysely.Kysely;
export type Kysely<DB> = KyselyModule.Kysely<DB>;
