/**
 * How every room of the store (../kysely-incident-store.ts) writes: one transaction per operation,
 * multi-row INSERTs kept under the dialect's parameter limit, and refusals that name the object
 * (its position and id) — checked before anything is sent where possible, so a refused write
 * leaves the store as it was. Domain objects are stored whole as JSON `body` text and read back
 * from it, so they round-trip exactly. Every transaction ends by bumping the data version
 * (`store_state.data`), which HTTP caching (ETag) reads: one place, so no write can forget it.
 */
import type { Kysely, Transaction } from 'kysely';
import type { StoreDatabase, StoreDialect } from '../store-schema.ts';
import { StoreWriteError, VersionConflictError, describeError } from '../store-errors.ts';

export type Db = Kysely<StoreDatabase>;

/** Bound parameters per statement: SQLite allows 32766, PostgreSQL 65535. */
const MAX_PARAMETERS: Record<StoreDialect, number> = { sqlite: 32_000, postgres: 60_000 };
/** Rows per INSERT, so a statement stays a few hundred kilobytes whatever the table. */
const MAX_BATCH_ROWS = 500;

export class StoreWriter {
  constructor(
    private readonly db: Db,
    readonly dialect: StoreDialect,
  ) {}

  /**
   * Run `fn` in one transaction that also bumps the data version; any failure rolls both back and
   * surfaces as a StoreWriteError. The bump comes last, so on PostgreSQL the version row is locked
   * only for the end of a long write, not its whole length.
   */
  async write<T>(op: string, fn: (trx: Transaction<StoreDatabase>) => Promise<T>): Promise<T> {
    try {
      return await this.db.transaction().execute(async (trx) => {
        const result = await fn(trx);
        await bumpDataVersion(trx);
        return result;
      });
    } catch (err) {
      if (err instanceof StoreWriteError || err instanceof VersionConflictError) throw err;
      throw new StoreWriteError(op, describeError(err), { cause: err });
    }
  }

  /**
   * Multi-row INSERTs of at most MAX_BATCH_ROWS rows and the dialect's parameter limit. A row
   * the database refuses is named by the range of its batch (`what` of the first and last row).
   */
  async insertBatches<T extends keyof StoreDatabase>(trx: Db, table: T, rows: readonly object[], op: string, what: (index: number) => string): Promise<void> {
    if (rows.length === 0) return;
    const columns = Object.keys(rows[0]).length;
    const size = Math.max(1, Math.min(MAX_BATCH_ROWS, Math.floor(MAX_PARAMETERS[this.dialect] / columns)));
    for (let start = 0; start < rows.length; start += size) {
      const batch = rows.slice(start, start + size);
      try {
        await trx.insertInto(table).values(batch as never).execute();
      } catch (err) {
        const end = start + batch.length - 1;
        const where = batch.length === 1 ? what(start) : `one of ${what(start)} … ${what(end)}`;
        throw new StoreWriteError(op, `${where}: ${describeError(err)}`, { cause: err });
      }
    }
  }
}

/** The `store_state` key counting committed writes of any kind (no migration: the row is made by the first write). */
export const DATA_VERSION_KEY = 'data';

/** One more committed write; an upsert, so stores made before the key existed need no migration. */
async function bumpDataVersion(trx: Db): Promise<void> {
  await trx
    .insertInto('store_state')
    .values({ key: DATA_VERSION_KEY, value: 1 })
    .onConflict((oc) => oc.column('key').doUpdateSet((eb) => ({ value: eb('store_state.value', '+', 1) })))
    .execute();
}

/** JSON text of a domain object; a value JSON cannot hold (a BigInt, a cycle) is refused here. */
export function storedJson(value: unknown, what: () => string, op: string): string {
  try {
    return JSON.stringify(value);
  } catch (err) {
    throw new StoreWriteError(op, `${what()}: cannot be stored as JSON: ${describeError(err)}`, { cause: err });
  }
}

/** The domain object a row's `body` column holds. */
export function parseBody<T>(row: { body: string }): T {
  return JSON.parse(row.body) as T;
}

export function refuseDuplicates(ids: readonly string[], what: (i: number, id: string) => string, op: string): void {
  const seen = new Map<string, number>();
  ids.forEach((id, i) => {
    const first = seen.get(id);
    if (first !== undefined) throw new StoreWriteError(op, `${what(i, id)}: duplicate id (first given at #${first})`);
    seen.set(id, i);
  });
}
