/**
 * What a store location string is: a `postgres://` (or `postgresql://`) URL names a PostgreSQL
 * database, anything else a SQLite file (or ':memory:'). Kept apart from the drivers so the CLI
 * can tell them apart without loading either, and so a password never reaches a message.
 */

export function isPostgresUrl(location: string): boolean {
  return /^postgres(?:ql)?:\/\//i.test(location);
}

/** The location with a URL's password replaced by '***' (unchanged when it has none). */
export function redactLocation(location: string): string {
  return location.replace(/^([a-z][a-z0-9+.-]*:\/\/[^:@/]*):[^@/]*@/i, '$1:***@');
}
