/**
 * What the API does for caches and slow links, in-process over the real SQLite fixture store:
 * data-version ETags answered with 304 and changed by a write, routes keeping their own
 * validators, compression by Accept-Encoding, the dashboard's hashed files cached for good and
 * its index never, cache-busting parameters ignored, 405 with Allow, and errors as RFC 9457
 * problem details.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { IMMUTABLE } from '../../src/api/web-static.ts';
import { chooseEncoding } from '../../src/api/compression.ts';
import { ErrorSchema } from '../../src/api/schemas.ts';
import { RouteTable } from '../../src/api/route-table.ts';
import { TOKEN, buildApi, type ApiFixture } from './api-fixture.ts';
import { assertError } from './api-assert.ts';

let fx: ApiFixture;
before(async () => {
  fx = await buildApi();
});
after(async () => {
  await fx.store.close();
});

const get = (path: string, headers: Record<string, string> = {}) => fx.app.request(path, { headers });

describe('ETag and 304', () => {
  for (const path of ['/api/v1/incidents?limit=5', '/api/v1/stats?group_by=month', '/api/v1/tallies', '/api/v1/health', '/api/v1/documents/api-03-azaz-bomb', '/api/v1/audit']) {
    test(`GET ${path}: a weak ETag, no-cache, and 304 with no body for the tag sent back`, async () => {
      const first = await get(path);
      assert.equal(first.status, 200);
      const tag = first.headers.get('etag');
      assert.match(tag ?? '', /^W\/"9\.9\.9-test-\d+\.\d+"$/);
      assert.equal(first.headers.get('cache-control'), 'no-cache');
      const again = await get(path, { 'If-None-Match': tag! });
      assert.equal(again.status, 304);
      assert.equal(await again.text(), '');
      assert.equal(again.headers.get('etag'), tag);
      // In a list of tags, and compared weakly (the W/ prefix does not matter).
      assert.equal((await get(path, { 'If-None-Match': `"other", ${tag!.slice(2)}` })).status, 304);
      assert.equal((await get(path, { 'If-None-Match': '"other"' })).status, 200);
    });
  }

  test('a write changes the tag: the old one gets the new data', async () => {
    const before = await get('/api/v1/incidents?limit=1');
    const tag = before.headers.get('etag')!;
    const total = ((await before.json()) as { total: number }).total;
    const posted = await fx.app.request('/api/v1/documents', {
      method: 'POST',
      headers: { Authorization: `Bearer ${TOKEN}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ id: 'etag-1', published: '2023-08-02', text: 'Five civilians were killed on Tuesday when government forces shelled the town of Sarmin in Idlib province, the Syrian Observatory for Human Rights said.' }),
    });
    assert.equal(posted.status, 200, await posted.clone().text());
    const after = await get('/api/v1/incidents?limit=1', { 'If-None-Match': tag });
    assert.equal(after.status, 200);
    assert.notEqual(after.headers.get('etag'), tag);
    assert.equal(((await after.json()) as { total: number }).total, total + 1);
  });

  test("a route's own validator is kept and answered: an incident's review version", async () => {
    const list = (await (await get('/api/v1/incidents?limit=1')).json()) as { items: { id: string }[] };
    const path = `/api/v1/incidents/${list.items[0].id}/decisions`;
    const first = await get(path);
    assert.equal(first.headers.get('etag'), '"0"');
    assert.equal((await get(path, { 'If-None-Match': '"0"' })).status, 304);
  });

  test('per-caller answers carry no tag: the session', async () => {
    const res = await get('/api/v1/session');
    assert.equal(res.status, 200);
    assert.equal(res.headers.get('etag'), null);
  });

  test('with --private, answers are private to their caller', async () => {
    const priv = await buildApi([], { privateReads: true });
    try {
      const res = await priv.app.request('/api/v1/tallies', { headers: { Authorization: `Bearer ${TOKEN}` } });
      assert.equal(res.status, 200);
      assert.equal(res.headers.get('cache-control'), 'private, no-cache');
      // The tag is no way around the login.
      const anonymous = await priv.app.request('/api/v1/tallies', { headers: { 'If-None-Match': res.headers.get('etag')! } });
      assert.equal(anonymous.status, 401);
    } finally {
      await priv.store.close();
    }
  });
});

describe('compression', () => {
  test('Accept-Encoding picks the coding by weight, brotli on a tie', () => {
    const rows: [string | undefined, string | null][] = [
      [undefined, null],
      ['identity', null],
      ['gzip, deflate', 'gzip'],
      ['gzip, deflate, br', 'br'],
      ['br;q=0.5, gzip', 'gzip'],
      ['br;q=0, gzip;q=0', null],
      ['*', 'br'],
      ['*;q=0.1, gzip;q=0', 'br'],
    ];
    for (const [header, want] of rows) assert.equal(chooseEncoding(header), want, String(header));
  });

  test('a large JSON answer is sent in brotli or gzip as asked, the same bytes once decoded', async () => {
    const plain = await get('/api/v1/incidents?limit=50');
    const text = await plain.text();
    assert.ok(text.length > 1024, `the page is ${text.length} bytes`);
    assert.equal(plain.headers.get('content-encoding'), null);
    assert.match(plain.headers.get('vary') ?? '', /Accept-Encoding/);

    const br = await get('/api/v1/incidents?limit=50', { 'Accept-Encoding': 'gzip, br' });
    assert.equal(br.headers.get('content-encoding'), 'br');
    const brBytes = Buffer.from(await br.arrayBuffer());
    assert.ok(brBytes.length < text.length / 2, `${brBytes.length} compressed bytes for ${text.length}`);
    assert.equal(brotliDecompressSync(brBytes).toString('utf8'), text);

    const gz = await get('/api/v1/incidents?limit=50', { 'Accept-Encoding': 'gzip' });
    assert.equal(gz.headers.get('content-encoding'), 'gzip');
    assert.equal(gz.headers.get('content-length'), null);
    assert.equal(gunzipSync(Buffer.from(await gz.arrayBuffer())).toString('utf8'), text);
  });

  test('an answer under a kilobyte is sent as it is', async () => {
    const res = await get('/api/v1/health', { 'Accept-Encoding': 'br, gzip' });
    assert.equal(res.headers.get('content-encoding'), null);
    assert.match(res.headers.get('vary') ?? '', /Accept-Encoding/);
    assert.equal(((await res.json()) as { ok: boolean }).ok, true);
  });
});

describe('dashboard files', () => {
  test('hashed assets are immutable for a year, index.html is asked again every time', async () => {
    const dist = mkdtempSync(join(tmpdir(), 'tally-web-cache-'));
    try {
      writeFileSync(join(dist, 'index.html'), '<!doctype html><title>Tally</title><script type="module" src="./assets/index-3f9c0a1b.js"></script>');
      mkdirSync(join(dist, 'assets'));
      const script = `console.log(${JSON.stringify('x'.repeat(4000))});`;
      writeFileSync(join(dist, 'assets', 'index-3f9c0a1b.js'), script);
      const web = await buildApi([], { webDist: dist });
      try {
        const index = await web.app.request('/');
        assert.equal(index.status, 200);
        assert.equal(index.headers.get('cache-control'), 'no-cache');
        const asset = await web.app.request('/assets/index-3f9c0a1b.js', { headers: { 'Accept-Encoding': 'gzip' } });
        assert.equal(asset.status, 200);
        assert.equal(asset.headers.get('cache-control'), IMMUTABLE);
        assert.equal(IMMUTABLE, 'public, max-age=31536000, immutable');
        assert.equal(asset.headers.get('content-encoding'), 'gzip');
        assert.equal(gunzipSync(Buffer.from(await asset.arrayBuffer())).toString('utf8'), script);
        const missing = await web.app.request('/assets/index-00000000.js');
        assert.equal(missing.status, 404);
        assert.equal(missing.headers.get('cache-control'), null);
      } finally {
        await web.store.close();
      }
    } finally {
      rmSync(dist, { recursive: true, force: true });
    }
  });
});

describe('query parameters', () => {
  test('cache-busters starting with _ are ignored on every query the API takes', async () => {
    const pairs = [
      ['/api/v1/incidents?limit=3', '/api/v1/incidents?limit=3&_=1733600000000'],
      ['/api/v1/stats?group_by=month', '/api/v1/stats?_=1&group_by=month&_ts=2'],
      ['/api/v1/tallies', '/api/v1/tallies?_=1'],
      ['/api/v1/audit?limit=2', '/api/v1/audit?limit=2&_=1'],
      ['/api/v1/review/queue', '/api/v1/review/queue?_=1'],
    ];
    for (const [plain, busted] of pairs) {
      const a = await get(plain);
      const b = await get(busted);
      assert.equal(b.status, 200, `${busted}: ${await b.clone().text()}`);
      assert.equal(await b.text(), await a.text(), busted);
    }
  });

  test('other unknown parameters are still refused, naming them and what the endpoint takes', async () => {
    const res = await get('/api/v1/incidents?_=1&governorate=Idlib');
    const body = await assertError(res, { status: 400, code: 'invalid_parameter', parameter: 'governorate' }, 'governorate');
    assert.match(body.error.message, /admin1/);
    await assertError(await get('/api/v1/audit?_=1&actor=x'), { status: 400, code: 'invalid_parameter', parameter: 'actor' }, 'audit actor');
  });
});

describe('methods and errors', () => {
  test('a known path asked with a method it does not take is 405 with Allow', async () => {
    const rows: [string, string, string][] = [
      ['DELETE', '/api/v1/incidents', 'GET, HEAD'],
      ['PUT', '/api/v1/session', 'DELETE, GET, HEAD, POST'],
      ['POST', '/api/v1/incidents/some-id', 'GET, HEAD'],
      ['GET', '/api/v1/users/ana/disable', 'POST'],
    ];
    for (const [method, path, allow] of rows) {
      const res = await fx.app.request(path, { method });
      await assertError(res, { status: 405, code: 'method_not_allowed', mentions: allow }, `${method} ${path}`);
      assert.equal(res.headers.get('allow'), allow, `${method} ${path}`);
    }
  });

  test('the route table names the pattern of a path, under its method or another, and none for an unknown path', () => {
    const routes = new RouteTable(fx.app);
    assert.equal(routes.patternOf('GET', '/api/v1/incidents/inc-1/decisions'), '/api/v1/incidents/:id/decisions');
    assert.equal(routes.patternOf('POST', '/api/v1/incidents/inc-1/decisions'), '/api/v1/incidents/:id/decisions');
    assert.equal(routes.patternOf('HEAD', '/api/v1/incidents/inc-1'), '/api/v1/incidents/:id');
    assert.equal(routes.patternOf('DELETE', '/api/v1/incidents'), '/api/v1/incidents');
    assert.equal(routes.patternOf('GET', '/api/v1/incidents/inc-1/claims'), null);
    assert.deepEqual(routes.allowedMethods('/api/v1/tokens/tok-1'), ['DELETE']);
    assert.deepEqual(routes.allowedMethods('/api/v2/incidents'), []);
  });

  test('errors are RFC 9457 problem details that keep the error object', async () => {
    const res = await get('/api/v1/incidents?min_killed=many');
    assert.equal(res.headers.get('content-type'), 'application/problem+json');
    const body = ErrorSchema.parse(await res.json());
    assert.deepEqual(
      { type: body.type, title: body.title, status: body.status, instance: body.instance, code: body.error.code, parameter: body.error.parameter },
      { type: 'about:blank', title: 'Bad Request', status: 400, instance: '/api/v1/incidents', code: 'invalid_parameter', parameter: 'min_killed' },
    );
    assert.equal(body.detail, body.error.message);
    assert.match(body.detail, /many/);
  });

  test('every answer carries a request id: the one sent when it is sane, else a new one', async () => {
    const kept = await get('/api/v1/health', { 'X-Request-Id': 'proxy-42.a' });
    assert.equal(kept.headers.get('x-request-id'), 'proxy-42.a');
    const replaced = await get('/api/v1/health', { 'X-Request-Id': 'bad id\twith "quotes"' });
    assert.match(replaced.headers.get('x-request-id') ?? '', /^[0-9a-f-]{36}$/);
    const failed = await get('/api/v1/nothing');
    assert.equal(failed.status, 404);
    assert.match(failed.headers.get('x-request-id') ?? '', /^[0-9a-f-]{36}$/);
  });
});

describe('OpenAPI description', () => {
  test('documents If-None-Match, the ETag and the 304 of the versioned reads only', async () => {
    type Op = { parameters?: { name: string; in: string }[]; responses: Record<string, { headers?: Record<string, unknown> }> };
    const doc = (await (await get('/api/v1/openapi.json')).json()) as { paths: Record<string, Record<string, Op>> };
    const list = doc.paths['/api/v1/incidents'].get;
    assert.ok(list.parameters?.some((p) => p.name === 'If-None-Match' && p.in === 'header'));
    assert.ok(list.responses['304']);
    assert.ok(list.responses['200'].headers?.ETag);
    assert.equal(doc.paths['/api/v1/users'].get.responses['304'], undefined);
    assert.equal(doc.paths['/api/v1/session'].get.responses['304'], undefined);
  });
});
