/**
 * Named errors of the store, shared by both backends (SQLite, PostgreSQL) so callers and the HTTP
 * error handler map one class per failure whatever the database: the store could not be opened,
 * its schema is not one this build knows, a migration failed, a write was refused, or a query was
 * given a value it cannot use. Each names where it happened (`location`: the file path or the
 * PostgreSQL URL with its password hidden) and what was wrong.
 */

/** The location could not be opened as a Tally store (not a database, corrupt, unreachable, someone else's). */
export class StoreOpenError extends Error {
  override name = 'StoreOpenError';
  constructor(
    /** File path, ':memory:' or the PostgreSQL URL with its password replaced by '***'. */
    readonly path: string,
    reason: string,
    options?: { cause?: unknown },
  ) {
    super(`cannot open store '${path}': ${reason}`, options);
  }
}

/** A write was refused or failed; its transaction rolled back and the store is unchanged. */
export class StoreWriteError extends Error {
  override name = 'StoreWriteError';
  constructor(
    readonly operation: string,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(`${operation}: ${message}`, options);
  }
}

/** A query argument the store cannot use (a malformed date, cursor, bounding box or page size). */
export class StoreQueryError extends Error {
  override name = 'StoreQueryError';
  constructor(
    /** The argument, e.g. `filter.from`, `page.cursor`. */
    readonly field: string,
    readonly value: unknown,
    expected: string,
  ) {
    super(`invalid ${field} ${JSON.stringify(value) ?? String(value)}: expected ${expected}`);
  }
}

/** The database was written by a newer build (or by a different migration history). */
export class SchemaVersionError extends Error {
  override name = 'SchemaVersionError';
  constructor(
    readonly path: string,
    readonly databaseVersion: number,
    readonly knownVersion: number,
    detail: string,
  ) {
    super(`${path}: database schema is at version ${databaseVersion}, this build knows versions up to ${knownVersion}: ${detail}`);
  }
}

/** One migration failed; its transaction rolled back with every other migration of that run. */
export class MigrationFailedError extends Error {
  override name = 'MigrationFailedError';
  constructor(
    readonly path: string,
    readonly migration: { version: number; name: string },
    cause: unknown,
  ) {
    super(`${path}: migration ${migration.version} '${migration.name}' failed, nothing was applied: ${cause instanceof Error ? cause.message : String(cause)}`, { cause });
  }
}

/** The migration list itself is malformed (a programming error, caught by tests). */
export class MigrationListError extends Error {
  override name = 'MigrationListError';
}

export function describeError(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

/**
 * A review decision was made against a version of the incident that is no longer its current one
 * (another analyst decided first). Nothing was written; `current` is the version to decide against.
 */
export class VersionConflictError extends Error {
  override name = 'VersionConflictError';
  constructor(
    readonly incidentId: string,
    readonly expected: number,
    readonly current: number,
  ) {
    super(`incident ${JSON.stringify(incidentId)} is at review version ${current}, not ${expected}: another decision was recorded first; read it and decide against version ${current}`);
  }
}
