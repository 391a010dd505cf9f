/**
 * GET /api/v1/incidents and /api/v1/incidents/{id} in-process over a real SQLite store: every
 * filter on its own (the API's answer must equal the unfiltered list filtered by the filter's
 * meaning, and must actually narrow it), pagination to the end with no repeats or gaps, one 400
 * per bad parameter naming the parameter, and 404 for an unknown id.
 */
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import type { IncidentJson } from '../../src/export/incidents-json.ts';
import { headlineCount } from '../../src/domain/headline-figure.ts';
import { IncidentDetailSchema, IncidentListSchema } from '../../src/api/schemas.ts';
import { buildApi, getJson, type ApiFixture } from './api-fixture.ts';
import { expectGetError } from './api-assert.ts';
import type { Incident } from '../../src/domain/types.ts';
import { assignIncidentIds } from '../../src/pipeline/link/incident-identity.ts';

type List = { items: IncidentJson[]; next_cursor: string | null; total: number };

let fx: ApiFixture;
let all: IncidentJson[];

async function list(query: string): Promise<List> {
  const { status, body } = await getJson<List>(fx.app, `/api/v1/incidents${query}`);
  assert.equal(status, 200, `${query}: ${JSON.stringify(body)}`);
  return IncidentListSchema.parse(body) as List;
}

/** The store's headline figure (total, else civilians + fighters); none counts as 0. */
const bestKilled = (i: IncidentJson): number => headlineCount(i.killed, 'best') ?? 0;

before(async () => {
  fx = await buildApi();
  all = (await list('?limit=500')).items;
});
after(async () => {
  await fx.store.close();
});

describe('GET /api/v1/incidents', () => {
  test('lists every incident newest first, as the incidents/1 export renders them, with the total', async () => {
    const page = await list('');
    assert.equal(page.total, 4);
    assert.equal(page.items.length, 4);
    assert.equal(page.next_cursor, null);
    const starts = page.items.map((i) => i.date.start);
    assert.deepEqual(starts, [...starts].sort().reverse());
    const ariha = page.items.find((i) => i.location?.name === 'Ariha');
    assert.ok(ariha, 'the Ariha strike is listed');
    assert.equal(ariha.event_type, 'air_strike');
    assert.deepEqual([...ariha.documents].sort(), ['api-01-ariha-wire', 'api-02-ariha-agency']);
    assert.ok(ariha.claims.every((c) => c.quote.length > 0 && c.end > c.start));
  });

  // Each filter with the meaning it must have; the answer must equal the full list filtered by it.
  const filters: [string, (i: IncidentJson) => boolean][] = [
    // A date range never matches an incident of unknown date (null start and end).
    ['from=2023-05-01', (i) => i.date.end !== null && i.date.end >= '2023-05-01'],
    ['to=2023-04-30', (i) => i.date.start !== null && i.date.start <= '2023-04-30'],
    ['from=2023-04-01&to=2023-05-31', (i) => i.date.end !== null && i.date.start !== null && i.date.end >= '2023-04-01' && i.date.start <= '2023-05-31'],
    // A box around Idlib and Aleppo governorates (Ariha, Azaz), not Douma or Deir ez-Zor.
    ['bbox=36.0,35.5,37.5,37.0', (i) => !!i.location && i.location.lon! >= 36 && i.location.lon! <= 37.5 && i.location.lat! >= 35.5 && i.location.lat! <= 37],
    ['admin1=idlib', (i) => i.location?.admin1?.toLowerCase() === 'idlib'],
    ['perpetrator=russia', (i) => i.perpetrators.includes('russia')],
    ['event_type=shelling', (i) => i.event_type === 'shelling'],
    ['min_killed=5', (i) => bestKilled(i) >= 5],
    ['min_killed=0', () => true],
    ['claimant=sohr', (i) => i.claims.some((c) => c.claimant === 'sohr')],
    ['q=Azaz', (i) => i.location?.name === 'Azaz'],
    ['review_status=unreviewed', (i) => i.review.status === 'unreviewed'],
    ['review_status=confirmed', (i) => i.review.status === 'confirmed'],
    ['document=api-02-ariha-agency', (i) => i.documents.includes('api-02-ariha-agency')],
    ['perpetrator=russia&admin1=Idlib&min_killed=9', (i) => i.perpetrators.includes('russia') && i.location?.admin1 === 'Idlib' && bestKilled(i) >= 9],
  ];
  for (const [query, meaning] of filters) {
    test(`filter ${query}`, async () => {
      const page = await list(`?${query}`);
      const want = all.filter(meaning).map((i) => i.id);
      assert.deepEqual(page.items.map((i) => i.id), want);
      assert.equal(page.total, want.length);
    });
  }

  test('the fixture makes each single filter narrow the list (so the filter tests test something)', () => {
    for (const [query, meaning] of filters) {
      if (query === 'min_killed=0' || query === 'review_status=unreviewed' || query === 'review_status=confirmed') continue;
      const n = all.filter(meaning).length;
      assert.ok(n > 0 && n < all.length, `${query} keeps ${n} of ${all.length}`);
    }
    assert.equal(all.filter((i) => i.review.status === 'unreviewed').length, all.length);
  });

  for (const limit of [1, 3]) {
    test(`pages of ${limit} reach the end with every incident exactly once, in order`, async () => {
      const seen: string[] = [];
      let cursor: string | null = null;
      let pages = 0;
      do {
        const page: List = await list(`?limit=${limit}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
        assert.ok(page.items.length <= limit);
        assert.equal(page.total, all.length);
        seen.push(...page.items.map((i) => i.id));
        cursor = page.next_cursor;
        pages++;
        assert.ok(pages <= all.length + 1, 'pagination ends');
      } while (cursor !== null);
      assert.deepEqual(seen, all.map((i) => i.id));
      assert.equal(pages, Math.ceil(all.length / limit));
    });
  }

  test('a filtered list pages through only the matching incidents', async () => {
    const want = all.filter((i) => i.date.end !== null && i.date.end >= '2023-04-01').map((i) => i.id);
    const first = await list('?from=2023-04-01&limit=2');
    assert.ok(first.next_cursor);
    const second = await list(`?from=2023-04-01&limit=2&cursor=${first.next_cursor}`);
    assert.deepEqual([...first.items, ...second.items].map((i) => i.id), want);
    assert.equal(second.next_cursor, null);
  });

  test('a cursor used with other filters is refused rather than answered wrongly', async () => {
    const first = await list('?limit=1');
    await expectGetError(fx.app, `/api/v1/incidents?limit=1&perpetrator=russia&cursor=${first.next_cursor}`, {
      status: 400,
      code: 'invalid_parameter',
      parameter: 'cursor',
      mentions: 'different filters',
    });
  });

  const forged = Buffer.from(JSON.stringify([1, 'x', 'y'])).toString('base64url');
  const bad: [string, string, string?][] = [
    ['from=2023-13-01', 'from', '2023-13-01'],
    ['from=yesterday', 'from', 'yesterday'],
    ['to=2023-02-30', 'to', '2023-02-30'],
    ['from=2023-06-01&to=2023-01-01', 'to', '2023-01-01'],
    ['bbox=35,32,42', 'bbox', '35,32,42'],
    ['bbox=35,37,42,32', 'bbox', 'south'],
    ['bbox=42,32,35,37', 'bbox', 'west'],
    ['bbox=a,b,c,d', 'bbox', 'a,b,c,d'],
    ['bbox=35,32,200,37', 'bbox', 'out of range'],
    ['limit=0', 'limit', '"0"'],
    ['limit=501', 'limit', '501'],
    ['limit=ten', 'limit', 'ten'],
    ['limit=2.5', 'limit', '2.5'],
    ['min_killed=-1', 'min_killed', '-1'],
    ['min_killed=many', 'min_killed', 'many'],
    ['event_type=bombing', 'event_type', 'air_strike'],
    ['review_status=done', 'review_status', 'unreviewed'],
    ['admin1=', 'admin1'],
    ['cursor=not*a*cursor', 'cursor', 'not*a*cursor'],
    [`cursor=${forged}`, 'cursor'],
    ['cursor=eyJub3QiOiJhIGN1cnNvciJ9', 'cursor'],
    ['evnt_type=air_strike', 'evnt_type', 'event_type'],
    ['from=2023-01-01&from=2023-02-01', 'from', 'once'],
  ];
  for (const [query, parameter, mentions] of bad) {
    test(`400 for ${query}`, async () => {
      await expectGetError(fx.app, `/api/v1/incidents?${query}`, { status: 400, code: 'invalid_parameter', parameter, mentions });
    });
  }

  test('the 400 message for an unknown parameter lists the parameters the endpoint takes', async () => {
    const res = await fx.app.request('/api/v1/incidents?governorate=Idlib');
    const body = (await res.json()) as { error: { message: string } };
    for (const name of ['from', 'to', 'bbox', 'admin1', 'perpetrator', 'event_type', 'min_killed', 'claimant', 'q', 'review_status', 'document', 'cursor', 'limit']) {
      assert.ok(body.error.message.includes(name), `${name} in ${body.error.message}`);
    }
  });
});

describe('GET /api/v1/incidents/{id}', () => {
  test('one incident with its claims, quotes and the documents it cites', async () => {
    const ariha = all.find((i) => i.location?.name === 'Ariha')!;
    const { status, body } = await getJson(fx.app, `/api/v1/incidents/${ariha.id}`);
    assert.equal(status, 200);
    const detail = IncidentDetailSchema.parse(body);
    assert.deepEqual(detail.incident, ariha);
    assert.deepEqual(
      detail.documents.map((d) => [d.id, d.outlet, d.published, d.title]),
      [
        ['api-01-ariha-wire', 'Test Wire (fictional)', '2023-03-06', 'Air strikes kill 9 in Ariha'],
        ['api-02-ariha-agency', 'Test Agency (fictional)', '2023-03-06', 'Death toll in Ariha rises to 12'],
      ].filter(([id]) => ariha.documents.includes(id as string)),
    );
    const wire = detail.incident.claims.find((c) => c.document === 'api-01-ariha-wire');
    assert.ok(wire, 'a claim from the wire report');
    assert.match(wire.quote, /nine civilians/);
  });

  test('404 for an unknown id, naming it', async () => {
    await expectGetError(fx.app, '/api/v1/incidents/inc-000000000000', { status: 404, code: 'not_found', mentions: 'inc-000000000000' });
  });
});

describe('GET /api/v1/incidents/{id} for an earlier id (decision 0017)', () => {
  // A store where one incident absorbed another: the fixture's articles ingested, then the
  // assignment step run on a relink that put the second incident's mentions into the first.
  let merged: ApiFixture;
  let keeper: Incident;
  let absorbed: Incident;
  before(async () => {
    merged = await buildApi();
    const incidents = await merged.store.listIncidents();
    const docs = new Map((await merged.store.listDocuments()).map((d) => [d.id, d.contentHash]));
    const mentions = new Map((await merged.store.listMentions()).map((m) => [m.id, m]));
    const keysOf = (i: Incident) => i.mentionIds.map((id) => ({ document: mentions.get(id)!.docId, contentHash: docs.get(mentions.get(id)!.docId)!, start: mentions.get(id)!.span.start, end: mentions.get(id)!.span.end }));
    [keeper, absorbed] = [...incidents].sort((a, b) => b.mentionIds.length - a.mentionIds.length);
    const rest = incidents.filter((i) => i !== keeper && i !== absorbed);
    const joined = { ...keeper, mentionIds: [...keeper.mentionIds, ...absorbed.mentionIds].sort() };
    const result = assignIncidentIds({ incidents: [joined, ...rest], keys: [keysOf(keeper).concat(keysOf(absorbed)), ...rest.map(keysOf)], issued: await merged.store.listIssuedIncidentIds() });
    await merged.store.replaceIncidents(result.incidents, await merged.store.listTallies(), result.issued);
  });
  after(() => merged.store.close());

  test('an absorbed id answers 301 with the current incident as Location; that incident lists it in previous_ids', async () => {
    assert.ok(keeper.mentionIds.length >= absorbed.mentionIds.length && keeper.id !== absorbed.id);
    const res = await merged.app.request(`/api/v1/incidents/${absorbed.id}`);
    assert.equal(res.status, 301);
    assert.equal(res.headers.get('location'), `/api/v1/incidents/${keeper.id}`);
    const { status, body } = await getJson<{ incident: IncidentJson }>(merged.app, res.headers.get('location')!);
    assert.equal(status, 200);
    assert.deepEqual(IncidentDetailSchema.parse(body).incident.previous_ids, [absorbed.id]);
  });

  test('the list and the current id show previous_ids on every incident', async () => {
    const { body } = await getJson<List>(merged.app, '/api/v1/incidents?limit=500');
    const page = IncidentListSchema.parse(body) as List;
    assert.deepEqual(page.items.map((i) => [i.id, i.previous_ids]).filter(([, p]) => p.length), [[keeper.id, [absorbed.id]]]);
    assert.ok(page.items.every((i) => Array.isArray(i.previous_ids)));
  });

  test('an id never issued is 404, naming it', async () => {
    await expectGetError(merged.app, '/api/v1/incidents/inc-never-issued', { status: 404, code: 'not_found', mentions: 'inc-never-issued' });
  });
});
