/**
 * GDAL reads the GeoJSON export (issue 12): `ogrinfo -al -so` counts one feature per incident,
 * those without coordinates (geometry null) included. Skipped when ogrinfo is not installed
 * (Debian gdal-bin), failed instead under CI=true.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openStore } from '../../src/storage/open-store.ts';
import type { IncidentStore } from '../../src/storage/incident-store.ts';
import { incidentsJsonRendering } from '../../src/export/incidents-json.ts';
import { toGeoJson } from '../../src/export/geojson.ts';
import { embeddedDefault } from '../../src/services/gazetteer-service.ts';
import { ingestPaths } from '../../src/services/ingest-batch.ts';
import { exportText } from '../../src/services/export-stream.ts';
import { REPO_ROOT } from '../../src/cli/main.ts';
import { makeIncident, makePlace } from '../storage/domain-fixtures.ts';

const HAS_OGRINFO = spawnSync('ogrinfo', ['--version'], { encoding: 'utf8' }).status === 0;
const skip = !HAS_OGRINFO && process.env.CI !== 'true' ? 'ogrinfo is not installed (apt-get install gdal-bin); CI=true fails instead' : false;

let dir: string;
before(() => {
  dir = mkdtempSync(join(tmpdir(), 'tally-ogr-'));
});
after(() => rmSync(dir, { recursive: true, force: true }));

/** The feature count ogrinfo reports for a GeoJSON text. */
function ogrFeatureCount(name: string, text: string): number {
  const path = join(dir, name);
  writeFileSync(path, text);
  const run = spawnSync('ogrinfo', ['-ro', '-al', '-so', path], { encoding: 'utf8' });
  assert.equal(run.status, 0, `ogrinfo failed:\n${run.stdout}\n${run.stderr}`);
  const m = /^Feature Count: (\d+)$/m.exec(run.stdout);
  assert.ok(m, `no feature count in:\n${run.stdout}`);
  return Number(m[1]);
}

describe('GeoJSON read by GDAL (ogrinfo)', () => {
  test('ogrinfo is installed when CI=true', { skip: process.env.CI === 'true' ? false : 'only checked under CI=true' }, () => {
    assert.ok(HAS_OGRINFO, 'ogrinfo is needed under CI (.ci/run installs gdal-bin)');
  });

  test('the bundled sample: one feature per incident', { skip }, async () => {
    const store: IncidentStore = await openStore(':memory:', incidentsJsonRendering);
    try {
      await ingestPaths(store, embeddedDefault().resolver, [join(REPO_ROOT, 'sample')], { now: '2026-11-01T08:00:00.000Z', runId: 'ogr', policy: 'latest' });
      const incidents = (await store.listIncidents()).filter((i) => i.review.status !== 'rejected');
      const text = await exportText(store, { format: 'geojson', generatedAt: '2026-12-07T12:00:00Z' });
      assert.equal(ogrFeatureCount('sample.geojson', text), incidents.length);
    } finally {
      await store.close();
    }
  });

  test('incidents without coordinates are features too (geometry null)', { skip }, () => {
    const incidents = [
      makeIncident({ id: 'placed' }),
      makeIncident({ id: 'no-location', location: null, places: [] }),
      makeIncident({ id: 'no-coordinates', location: makePlace({ name: 'Idlib', lat: null, lon: null, precision: 'admin1' }) }),
    ];
    const text = JSON.stringify(toGeoJson({ incidents }), null, 2);
    assert.equal(ogrFeatureCount('unplaced.geojson', text), 3);
  });
});
