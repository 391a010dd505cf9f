/**
 * A throwaway PostgreSQL database for a test file: created on the server TALLY_TEST_PG_URL names
 * (as a user that may create databases), dropped with any connection left open when done.
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';

/** Runs one statement on the admin database. */
export async function adminQuery(adminUrl: string, sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

export interface TestDatabase {
  /** The database's URL (the admin URL with its own database name). */
  url: string;
  create: () => Promise<void>;
  drop: () => Promise<void>;
}

/** A database named tally_test_<random>_<label>; call create before use and drop after. */
export function testDatabase(adminUrl: string, label: string): TestDatabase {
  const name = `tally_test_${randomBytes(6).toString('hex')}_${label}`;
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    create: () => adminQuery(adminUrl, `CREATE DATABASE ${name}`),
    drop: () => adminQuery(adminUrl, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`),
  };
}
