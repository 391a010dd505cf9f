/**
 * GET /api/v1/tallies, /stats, /export, /boundaries/{level}, /health, the dashboard at `/`, and
 * unknown paths, in-process over a real SQLite store. Exports of a filtered set hold exactly the
 * incidents the list gives for the same filters; an unfiltered export equals `tally export`.
 */
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { IncidentJson, IncidentsJson } from '../../src/export/incidents-json.ts';
import { ACLED_COLUMNS } from '../../src/export/acled-csv.ts';
import { renderExport } from '../../src/services/export-store.ts';
import { HealthSchema, FacetsSchema, StatsSchema, TallyListSchema } from '../../src/api/schemas.ts';
import { DASHBOARD_CSP } from '../../src/api/security-headers.ts';
import { parseCsv } from '../export/parse-csv.ts';
import { NOW, buildApi, getJson, type ApiFixture } from './api-fixture.ts';
import { assertError, expectGetError } from './api-assert.ts';

let fx: ApiFixture;
let all: IncidentJson[];
before(async () => {
  fx = await buildApi();
  all = (await getJson<{ items: IncidentJson[] }>(fx.app, '/api/v1/incidents?limit=500')).body.items;
});
after(async () => {
  await fx.store.close();
});

describe('GET /api/v1/tallies', () => {
  const cases: [string, string[]][] = [
    ['', ['snhr', 'sohr']],
    ['?claimant=SNHR', ['snhr']],
    ['?from=2023-06-01', ['sohr']],
    ['?to=2023-04-15', ['snhr']],
    ['?from=2023-05-01&to=2023-05-31', []],
    ['?document=api-07-weekly-toll', ['sohr']],
  ];
  for (const [query, claimants] of cases) {
    test(`tallies${query || ' (all)'}`, async () => {
      const { status, body } = await getJson(fx.app, `/api/v1/tallies${query}`);
      assert.equal(status, 200);
      const list = TallyListSchema.parse(body);
      assert.deepEqual(list.items.map((t) => t.claimant).sort(), claimants);
    });
  }

  test('the monthly tally keeps its period and figures', async () => {
    const { body } = await getJson<{ items: { period: unknown; killed: unknown; document: string }[] }>(fx.app, '/api/v1/tallies?claimant=snhr');
    assert.deepEqual(body.items[0].period, { start: '2023-04-01', end: '2023-04-30' });
    assert.deepEqual(body.items[0].killed, { total: 80, civilians: 80, children: 15 });
  });

  for (const [query, parameter] of [
    ['from=April', 'from'],
    ['to=2023-04-31', 'to'],
    ['perpetrator=russia', 'perpetrator'],
  ] as const) {
    test(`400 for ${query}`, async () => {
      await expectGetError(fx.app, `/api/v1/tallies?${query}`, { status: 400, code: 'invalid_parameter', parameter });
    });
  }
});

describe('GET /api/v1/stats', () => {
  const killedOf = (i: IncidentJson) => i.killed.total?.best ?? (i.killed.civilians?.best ?? 0) + (i.killed.fighters?.best ?? 0);

  test('by month: one row per month with incidents, killed and civilians adding up to the list', async () => {
    const { status, body } = await getJson(fx.app, '/api/v1/stats?group_by=month');
    assert.equal(status, 200);
    const stats = StatsSchema.parse(body);
    assert.equal(stats.group_by, 'month');
    const keys = stats.rows.map((r) => r.key);
    assert.deepEqual(keys, [...new Set(all.map((i) => `${String(i.date.start).slice(0, 7)}-01`))].sort());
    assert.ok(all.every((i) => i.date.start !== null), 'this fixture has no incident of unknown date (undated-incident-api.test.ts has one)');
    assert.equal(stats.rows.reduce((n, r) => n + r.incidents, 0), all.length);
    assert.equal(stats.rows.reduce((n, r) => n + r.killed, 0), all.reduce((n, i) => n + killedOf(i), 0));
  });

  test('by day and week: keys are ISO days; weeks start on Monday', async () => {
    for (const group of ['day', 'week']) {
      const stats = StatsSchema.parse((await getJson(fx.app, `/api/v1/stats?group_by=${group}`)).body);
      assert.equal(stats.rows.reduce((n, r) => n + r.incidents, 0), all.length, group);
      for (const r of stats.rows) {
        assert.match(r.key, /^\d{4}-\d{2}-\d{2}$/);
        if (group === 'week') assert.equal(new Date(`${r.key}T00:00:00Z`).getUTCDay(), 1, `${r.key} is a Monday`);
      }
    }
  });

  test('by perpetrator, and filtered: each incident once, those with several perpetrators under shared and once per perpetrator in the shared series', async () => {
    const stats = StatsSchema.parse((await getJson(fx.app, '/api/v1/stats?group_by=perpetrator')).body);
    assert.equal(stats.rows.reduce((n, r) => n + r.incidents, 0), all.length, 'the rows add up to the incidents');
    assert.equal(stats.rows.reduce((n, r) => n + r.killed, 0), all.reduce((n, i) => n + killedOf(i), 0));
    const several = all.filter((i) => new Set(i.perpetrators).size > 1);
    assert.equal(stats.rows.find((r) => r.key === 'shared')?.incidents ?? 0, several.length);
    const russia = stats.rows.find((r) => r.key === 'russia');
    assert.ok(russia);
    assert.equal(russia.incidents, all.filter((i) => i.perpetrators.length === 1 && i.perpetrators[0] === 'russia').length);
    const russiaShared = stats.shared?.find((r) => r.key === 'russia')?.incidents ?? 0;
    assert.equal(russia.incidents + russiaShared, all.filter((i) => i.perpetrators.includes('russia')).length, 'its own and its shared incidents are all of its incidents');
    for (const r of stats.shared ?? []) assert.equal(r.incidents, several.filter((i) => i.perpetrators.includes(r.key)).length, r.key);
    const idlib = StatsSchema.parse((await getJson(fx.app, '/api/v1/stats?group_by=perpetrator&admin1=Idlib')).body);
    assert.deepEqual(idlib.rows.map((r) => r.key), ['russia']);
  });

  test('by year: the months of each year summed, with the year in the key', async () => {
    const years = StatsSchema.parse((await getJson(fx.app, '/api/v1/stats?group_by=year')).body);
    assert.deepEqual(years.rows.map((r) => r.key), [...new Set(all.map((i) => `${String(i.date.start).slice(0, 4)}-01-01`))].sort());
    assert.equal(years.rows.reduce((n, r) => n + r.incidents, 0), all.length);
    assert.equal(years.shared, undefined, 'no perpetrator rows, no shared series');
  });

  test('by month and perpetrator', async () => {
    const stats = StatsSchema.parse((await getJson(fx.app, '/api/v1/stats?group_by=month&by_perpetrator=true')).body);
    assert.ok(stats.rows.length > 0);
    assert.ok(stats.rows.every((r) => typeof r.perpetrator === 'string'));
    const march = stats.rows.filter((r) => r.key === '2023-03-01');
    assert.deepEqual(march.map((r) => r.perpetrator), ['russia']);
  });

  const bad: [string, string, string?][] = [
    ['', 'group_by', 'missing'],
    ['group_by=decade', 'group_by', 'decade'],
    ['group_by=month&by_perpetrator=yes', 'by_perpetrator', 'yes'],
    ['group_by=month&from=2023-1-1', 'from', '2023-1-1'],
    ['group_by=month&limit=5', 'limit', 'unknown parameter'],
  ];
  for (const [query, parameter, mentions] of bad) {
    test(`400 for stats?${query}`, async () => {
      await expectGetError(fx.app, `/api/v1/stats?${query}`, { status: 400, code: 'invalid_parameter', parameter, mentions });
    });
  }
});

describe('GET /api/v1/facets', () => {
  test('the filter lists: every perpetrator and claimant of the incidents, named, with how many incidents hold each', async () => {
    const { status, body } = await getJson(fx.app, '/api/v1/facets');
    assert.equal(status, 200);
    const facets = FacetsSchema.parse(body);
    const perpetrators = new Set(all.flatMap((i) => i.perpetrators));
    assert.deepEqual(new Set(facets.perpetrators.map((p) => p.id)), perpetrators);
    for (const p of facets.perpetrators) assert.equal(p.incidents, all.filter((i) => i.perpetrators.includes(p.id)).length, p.id);
    assert.equal(facets.perpetrators.find((p) => p.id === 'russia')?.name, 'Russia');
    assert.deepEqual(new Set(facets.claimants.map((c) => c.id)), new Set(all.flatMap((i) => i.claims.map((c) => c.claimant))));
    for (const c of facets.claimants) assert.notEqual(c.name, c.id, `${c.id} has a name`);
    assert.deepEqual(new Set(facets.admin1.map((a) => a.id)), new Set(all.map((i) => i.location?.admin1).filter(Boolean)));
  });
});

describe('GET /api/v1/export', () => {
  test('json of the whole store equals `tally export --format json` but the timestamp', async () => {
    const res = await fx.app.request('/api/v1/export?format=json');
    assert.equal(res.status, 200);
    assert.match(res.headers.get('content-type')!, /^application\/json/);
    assert.equal(res.headers.get('content-disposition'), 'attachment; filename="tally-incidents.json"');
    assert.equal(await res.text(), await renderExport(fx.store, 'json', NOW));
  });

  test('a filtered json export holds the listed incidents, the cited documents and matching tallies', async () => {
    const res = await fx.app.request('/api/v1/export?format=json&perpetrator=russia');
    const file = (await res.json()) as IncidentsJson;
    assert.equal(file.format, 'incidents/1');
    assert.equal(file.generated_at, NOW);
    const want = all.filter((i) => i.perpetrators.includes('russia'));
    assert.deepEqual(file.incidents.map((i) => i.id).sort(), want.map((i) => i.id).sort());
    const cited = new Set([...want.flatMap((i) => i.documents), ...file.tallies.map((t) => t.document)]);
    assert.deepEqual(file.documents.map((d) => d.id).sort(), [...cited].sort());
  });

  test('csv has the ACLED columns and one row per matching incident', async () => {
    const res = await fx.app.request('/api/v1/export?format=csv&from=2023-04-01');
    assert.equal(res.status, 200);
    assert.match(res.headers.get('content-type')!, /^text\/csv/);
    assert.equal(res.headers.get('content-disposition'), 'attachment; filename="tally-incidents.csv"');
    const rows = parseCsv(await res.text());
    assert.deepEqual(rows[0].slice(0, ACLED_COLUMNS.length), [...ACLED_COLUMNS]);
    assert.equal(rows.length - 1, all.filter((i) => i.date.end !== null && i.date.end >= '2023-04-01').length);
  });

  test('geojson has one point per located matching incident', async () => {
    const res = await fx.app.request('/api/v1/export?format=geojson&event_type=air_strike');
    assert.equal(res.status, 200);
    assert.match(res.headers.get('content-type')!, /^application\/geo\+json/);
    const fc = (await res.json()) as { type: string; features: { id: string; geometry: { coordinates: number[] } }[] };
    assert.equal(fc.type, 'FeatureCollection');
    const want = all.filter((i) => i.event_type === 'air_strike' && i.location?.lat != null);
    assert.deepEqual(fc.features.map((f) => f.id).sort(), want.map((i) => i.id).sort());
    assert.deepEqual(fc.features[0].geometry.coordinates, [want[0].location!.lon, want[0].location!.lat]);
  });

  const bad: [string, string, string?][] = [
    ['', 'format', 'missing'],
    ['format=xml', 'format', 'geojson'],
    ['format=csv&bbox=1,2,3', 'bbox', '1,2,3'],
    ['format=csv&cursor=abc', 'cursor', 'unknown parameter'],
  ];
  for (const [query, parameter, mentions] of bad) {
    test(`400 for export?${query}`, async () => {
      await expectGetError(fx.app, `/api/v1/export?${query}`, { status: 400, code: 'invalid_parameter', parameter, mentions });
    });
  }
});

describe('GET /api/v1/boundaries/{level}', () => {
  let dir: string;
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'tally-boundaries-'));
    writeFileSync(join(dir, 'syria_admin1_governorates.geojson'), JSON.stringify({ type: 'FeatureCollection', features: [{ type: 'Feature', properties: { name: 'Idlib' }, geometry: null }] }));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  test('serves the configured file as GeoJSON', async () => {
    const withBoundaries = await buildApi([], { boundariesDir: dir });
    try {
      const res = await withBoundaries.app.request('/api/v1/boundaries/admin1');
      assert.equal(res.status, 200);
      assert.match(res.headers.get('content-type')!, /^application\/geo\+json/);
      const fc = (await res.json()) as { features: { properties: { name: string } }[] };
      assert.equal(fc.features[0].properties.name, 'Idlib');
      await expectGetError(withBoundaries.app, '/api/v1/boundaries/admin2', { status: 404, code: 'not_found', mentions: 'syria_admin2_districts.geojson' });
    } finally {
      await withBoundaries.store.close();
    }
  });

  test('404 when the server has no boundaries folder; 400 for an unknown level', async () => {
    await expectGetError(fx.app, '/api/v1/boundaries/admin1', { status: 404, code: 'not_found', mentions: '--boundaries' });
    await expectGetError(fx.app, '/api/v1/boundaries/admin3', { status: 400, code: 'invalid_parameter', parameter: 'level', mentions: 'admin3' });
  });
});

describe('health, dashboard and unknown paths', () => {
  test('health reports the version and the number of incidents', async () => {
    const { status, body } = await getJson(fx.app, '/api/v1/health');
    assert.equal(status, 200);
    assert.deepEqual(HealthSchema.parse(body), { ok: true, version: '9.9.9-test', incidents: all.length });
  });

  test('without a dashboard build, / says where the API is', async () => {
    const res = await fx.app.request('/');
    assert.equal(res.status, 200);
    assert.match(await res.text(), /\/api\/v1\/openapi\.json/);
    assert.equal(res.headers.get('content-security-policy'), DASHBOARD_CSP);
  });

  test('with a build, / and its files are served with a same-origin-only policy', async () => {
    const dist = mkdtempSync(join(tmpdir(), 'tally-web-'));
    try {
      writeFileSync(join(dist, 'index.html'), '<!doctype html><title>Tally dashboard</title><script type="module" src="/app.js"></script>');
      writeFileSync(join(dist, 'app.js'), 'console.log("dashboard");');
      const web = await buildApi([], { webDist: dist });
      try {
        const index = await web.app.request('/');
        assert.equal(index.status, 200);
        assert.match(await index.text(), /Tally dashboard/);
        assert.equal(index.headers.get('content-security-policy'), DASHBOARD_CSP);
        const js = await web.app.request('/app.js');
        assert.equal(js.status, 200);
        assert.match(js.headers.get('content-type')!, /javascript/);
        assert.equal((await web.app.request('/api/v1/health')).status, 200);
      } finally {
        await web.store.close();
      }
    } finally {
      rmSync(dist, { recursive: true, force: true });
    }
  });

  test('an unknown API path is a 404 naming the path; a known path asked with another method is a 405 naming the methods', async () => {
    await expectGetError(fx.app, '/api/v1/incident', { status: 404, code: 'not_found', mentions: '/api/v1/incident' });
    const del = await fx.app.request('/api/v1/incidents', { method: 'DELETE' });
    await assertError(del, { status: 405, code: 'method_not_allowed', mentions: 'GET, HEAD' }, 'DELETE /api/v1/incidents');
    assert.equal(del.headers.get('allow'), 'GET, HEAD');
  });
});
