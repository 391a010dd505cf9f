/**
 * What an operator of `tally serve` reads, over a real SQLite file and real HTTP requests: one JSON
 * log line per request with its id, method, path, status and duration and no credential in it, and
 * GET /metrics in the Prometheus text format — counting every request of every worker under
 * `--workers 2`, whichever worker the scrape lands on.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { serveInProcess, storeFileWith } from './serve-fixture.ts';
import type { Article } from '../../src/domain/types.ts';

const ARTICLE: Article = {
  id: 'ops-01',
  text: 'Three civilians were killed on Monday when government forces shelled the town of Ariha in Idlib province, the Syrian Observatory for Human Rights said.',
  published: '2023-02-07',
  url: null,
  outlet: 'Test Wire (fictional)',
  title: 'Shelling on Ariha',
  language: 'en',
};

let dir: string;
let db: string;
before(async () => {
  ({ dir, db } = await storeFileWith(ARTICLE, 'ops'));
});
after(() => rmSync(dir, { recursive: true, force: true }));

/** `tally serve ARGS` over the test store; its request log lines are kept in `log`. */
function serve(args: string[]) {
  return serveInProcess(['--db', db, '--port', '0', ...args], dir, { env: { TALLY_API_TOKEN: 'ops-secret-token' } });
}

/** GET on a new connection each time (so the cluster's workers share the requests), the body as text. */
function get(url: string, headers: Record<string, string> = {}): Promise<{ status: number; headers: Record<string, unknown>; body: string }> {
  return new Promise((done, fail) => {
    const req = httpRequest(url, { agent: false, headers }, (res) => {
      let body = '';
      res.setEncoding('utf8').on('data', (s: string) => (body += s));
      res.on('end', () => done({ status: res.statusCode!, headers: res.headers, body }));
    });
    req.on('error', fail);
    req.end();
  });
}

/** The value of one sample line of an exposition text, by its name and labels as printed. */
function sample(text: string, series: string): number | null {
  const line = text.split('\n').find((l) => l.startsWith(`${series} `));
  return line === undefined ? null : Number(line.slice(series.length + 1));
}

const waitFor = async (what: () => boolean) => {
  for (let i = 0; i < 100 && !what(); i++) await new Promise((r) => setTimeout(r, 20));
};

describe('request log', () => {
  test('one JSON line per request with its id, method, path, status and duration; credentials redacted', async () => {
    const run = serve([]);
    try {
      const url = await run.url;
      const read = await get(`${url}/api/v1/incidents?limit=1`, { 'X-Request-Id': 'ops-req-1', Authorization: 'Bearer ops-secret-token', Cookie: 'tally_session=s3ss10n-secret' });
      assert.equal(read.status, 200);
      assert.equal(read.headers['x-request-id'], 'ops-req-1');
      const missing = await get(`${url}/api/v1/incidents/no-such-id`);
      assert.equal(missing.status, 404);
      const generated = String(missing.headers['x-request-id']);
      await waitFor(() => run.log.length >= 2);

      const lines = run.log.map((l) => JSON.parse(l) as { reqId: string; msg: string; req: { method: string; path: string; query?: string; headers: Record<string, string> }; res: { status: number }; durationMs: number });
      assert.equal(lines.length, 2, run.log.join(''));
      const [first, second] = lines;
      assert.deepEqual(
        { reqId: first.reqId, msg: first.msg, method: first.req.method, path: first.req.path, query: first.req.query, status: first.res.status },
        { reqId: 'ops-req-1', msg: 'request', method: 'GET', path: '/api/v1/incidents', query: 'limit=1', status: 200 },
      );
      assert.equal(typeof first.durationMs, 'number');
      assert.ok(first.durationMs >= 0);
      assert.equal(first.req.headers.authorization, '[redacted]');
      assert.equal(first.req.headers.cookie, '[redacted]');
      assert.deepEqual({ reqId: second.reqId, path: second.req.path, status: second.res.status }, { reqId: generated, path: '/api/v1/incidents/no-such-id', status: 404 });
      const raw = run.log.join('');
      assert.ok(!raw.includes('ops-secret-token') && !raw.includes('s3ss10n-secret'), 'no credential reaches the log');
    } finally {
      run.stop();
      await run.done;
    }
  });
});

describe('GET /metrics', () => {
  test('one process: requests by route pattern and status, durations, process metrics', async () => {
    const run = serve(['--log-level', 'silent']);
    try {
      const url = await run.url;
      for (const id of ['a', 'b', 'c']) assert.equal((await get(`${url}/api/v1/incidents/${id}`)).status, 404);
      assert.equal((await get(`${url}/api/v1/health`)).status, 200);
      assert.equal((await get(`${url}/api/v1/nowhere`)).status, 404);
      const scrape = await get(`${url}/metrics`);
      assert.equal(scrape.status, 200);
      assert.match(String(scrape.headers['content-type']), /^text\/plain; version=0\.0\.4/);
      const text = scrape.body;
      assert.equal(sample(text, 'tally_http_requests_total{method="GET",route="/api/v1/incidents/:id",status="404"}'), 3, text);
      assert.equal(sample(text, 'tally_http_requests_total{method="GET",route="/api/v1/health",status="200"}'), 1);
      // A path no route serves is counted under one label, so ids and typos do not make new series.
      assert.equal(sample(text, 'tally_http_requests_total{method="GET",route="unmatched",status="404"}'), 1);
      assert.equal(sample(text, 'tally_http_request_duration_seconds_count{method="GET",route="/api/v1/incidents/:id"}'), 3);
      assert.equal(sample(text, 'tally_http_request_duration_seconds_bucket{method="GET",route="/api/v1/incidents/:id",le="+Inf"}'), 3);
      assert.match(text, /^# TYPE tally_http_request_duration_seconds histogram$/m);
      assert.ok((sample(text, `process_resident_memory_bytes{pid="${process.pid}",role="server"}`) ?? 0) > 0, text);
    } finally {
      run.stop();
      await run.done;
    }
  });

  test('--workers 2: every worker counted, whichever answers the scrape; the processes listed', async () => {
    const run = serve(['--workers', '2', '--log-level', 'silent']);
    try {
      const url = await run.url;
      assert.doesNotMatch(url, /^failed/);
      const n = 12;
      for (let i = 0; i < n; i++) assert.equal((await get(`${url}/api/v1/health`)).status, 200);
      const health = 'tally_http_requests_total{method="GET",route="/api/v1/health",status="200"}';
      const first = await get(`${url}/metrics`);
      assert.equal(sample(first.body, health), n, first.body);
      const pids = new Set([...first.body.matchAll(/^process_resident_memory_bytes\{pid="(\d+)",role="(\w+)"\}/gm)].map((m) => `${m[2]}:${m[1]}`));
      assert.equal([...pids].filter((p) => p.startsWith('worker:')).length, 2, [...pids].join(', '));
      assert.equal([...pids].filter((p) => p.startsWith('primary:')).length, 1);
      // Scrapes land on either worker; the counts only grow, and the earlier scrape is counted too.
      for (let i = 0; i < 3; i++) {
        const next = await get(`${url}/metrics`);
        assert.equal(sample(next.body, health), n);
        assert.equal(sample(next.body, 'tally_http_requests_total{method="GET",route="/metrics",status="200"}'), i + 1, next.body);
      }
    } finally {
      run.stop();
      await run.done;
    }
  });
});
