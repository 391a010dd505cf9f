/**
 * The gazetteer room: the place names geocoding resolves against (`gazetteer`, in the order they
 * were given) and where they came from (`gazetteer_meta`). A dump import replaces the whole set;
 * entries are checked one by one as they stream in, so a bad one is named by its position and id.
 */
import type { GazetteerEntry } from '../../domain/gazetteer-entry.ts';
import type { GazetteerTable } from '../store-schema.ts';
import { StoreWriteError } from '../store-errors.ts';
import { storedJson, type Db, type StoreWriter } from './store-writer.ts';

/** Entries per batch handed to insertBatches, so a dump of millions is never held whole. */
const STREAM_BATCH = 5000;

function toGazetteerEntry(row: GazetteerTable): GazetteerEntry {
  return {
    id: row.id,
    name: row.name,
    asciiName: row.ascii_name,
    alternateNames: JSON.parse(row.alt_names) as string[],
    lat: row.lat,
    lon: row.lon,
    featureClass: row.feature_class,
    featureCode: row.feature_code,
    countryCode: row.country,
    admin1Code: row.admin1_code,
    admin1Name: row.admin1_name,
    admin2Code: row.admin2_code,
    admin2Name: row.admin2_name,
    population: row.population,
  };
}

/** Why a gazetteer entry cannot be stored, or null. */
function gazetteerEntryProblem(e: GazetteerEntry): string | null {
  for (const key of ['id', 'name', 'asciiName', 'featureClass', 'featureCode', 'countryCode'] as const) {
    if (typeof e[key] !== 'string') return `${key} is ${JSON.stringify(e[key]) ?? 'undefined'}, expected a string`;
  }
  for (const key of ['lat', 'lon', 'population'] as const) {
    if (typeof e[key] !== 'number' || !Number.isFinite(e[key])) return `${key} is ${JSON.stringify(e[key]) ?? 'undefined'}, expected a number`;
  }
  if (!Array.isArray(e.alternateNames)) return 'alternateNames is not a list';
  return null;
}

export class GazetteerRoom {
  constructor(
    private readonly db: Db,
    private readonly writer: StoreWriter,
  ) {}

  /** Replace every entry and record `source`; returns the number of entries stored. */
  async replace(entries: Iterable<GazetteerEntry>, source: string): Promise<number> {
    const op = `replaceGazetteer(source '${source}')`;
    return this.writer.write(op, async (trx) => {
      await trx.deleteFrom('gazetteer').execute();
      const seen = new Map<string, number>();
      let batch: GazetteerTable[] = [];
      let batchStart = 0;
      let n = 0;
      const flush = async () => {
        const rows = batch;
        const first = batchStart;
        await this.writer.insertBatches(trx, 'gazetteer', rows, op, (i) => `entry #${first + i} '${rows[i].id}'`);
        batch = [];
        batchStart = n;
      };
      for (const e of entries) {
        const what = `entry #${n} '${e.id}'`;
        const problem = gazetteerEntryProblem(e);
        if (problem) throw new StoreWriteError(op, `${what}: ${problem}`);
        const first = seen.get(e.id);
        if (first !== undefined) throw new StoreWriteError(op, `${what}: duplicate id (first given at #${first})`);
        seen.set(e.id, n);
        batch.push({
          id: e.id,
          seq: n,
          name: e.name,
          ascii_name: e.asciiName,
          alt_names: storedJson(e.alternateNames, () => what, op),
          lat: e.lat,
          lon: e.lon,
          feature_class: e.featureClass,
          feature_code: e.featureCode,
          country: e.countryCode,
          admin1_code: e.admin1Code,
          admin1_name: e.admin1Name,
          admin2_code: e.admin2Code,
          admin2_name: e.admin2Name,
          population: e.population,
        });
        n++;
        if (batch.length >= STREAM_BATCH) await flush();
      }
      await flush();
      await trx
        .insertInto('gazetteer_meta')
        .values({ singleton: 1, source, entry_count: n })
        .onConflict((oc) => oc.column('singleton').doUpdateSet({ source, entry_count: n }))
        .execute();
      return n;
    });
  }

  /** Every entry, in the order given to replace. */
  async load(): Promise<GazetteerEntry[]> {
    const rows = await this.db.selectFrom('gazetteer').selectAll().orderBy('seq').execute();
    return rows.map(toGazetteerEntry);
  }

  /** The source named at the last replace, null before the first. */
  async source(): Promise<string | null> {
    const row = await this.db.selectFrom('gazetteer_meta').select('source').where('singleton', '=', 1).executeTakeFirst();
    return row?.source ?? null;
  }
}
