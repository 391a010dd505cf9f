/**
 * `tally serve` (src/cli/serve-command.ts) over a real SQLite file and a real port: it prints the
 * address and serves the API there, takes the token from --token or TALLY_API_TOKEN (else prints a
 * random one), binds 127.0.0.1 by default, refuses bad options as usage errors, reports a port in
 * use, and closes the store when told to stop.
 */
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { openStore } from '../../src/storage/open-store.ts';
import { serveInProcess, storeFileWith, type ServeRun } from './serve-fixture.ts';
import { incidentsJsonRendering } from '../../src/export/incidents-json.ts';
import { ingestItems } from '../../src/services/ingest-batch.ts';
import { embeddedDefault } from '../../src/services/gazetteer-service.ts';
import cluster from 'node:cluster';
import { request as httpRequest } from 'node:http';
import { DEFAULT_HOST, displayUrl, startServer } from '../../src/cli/serve-command.ts';
import type { Article } from '../../src/domain/types.ts';

class TestUsageError extends Error {}

const ARTICLE: Article = {
  id: 'serve-01',
  text: 'Five civilians were killed on Tuesday when Russian warplanes struck the town of Maarat al-Numan in Idlib province, the Syrian Observatory for Human Rights said.',
  published: '2023-02-08',
  url: null,
  outlet: 'Test Wire (fictional)',
  title: 'Strike on Maarat al-Numan',
  language: 'en',
};

let dir: string;
let db: string;
before(async () => {
  ({ dir, db } = await storeFileWith(ARTICLE, 'serve'));
});
after(() => rmSync(dir, { recursive: true, force: true }));

type Run = ServeRun;

/** GET over real HTTP with the Host header given (fetch does not let one set it). */
function getWithHost(port: string | number, host: string, path = '/api/v1/health'): Promise<{ status: number; body: string }> {
  return new Promise((done, fail) => {
    const req = httpRequest({ host: '127.0.0.1', port: Number(port), path, headers: { Host: host } }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () => done({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', fail);
    req.end();
  });
}

function serve(args: string[], env: NodeJS.ProcessEnv = {}): Run {
  return serveInProcess(args, dir, { env, usageError: (m) => new TestUsageError(m) });
}

describe('tally serve', () => {
  test('prints the address and serves the API over the store; the token is required for writes; stop closes the store', async () => {
    const run = serve(['--db', db, '--port', '0', '--token', 'sekrit']);
    const url = await run.url;
    assert.match(url, /^http:\/\/localhost:\d+$/);
    const port = url.split(':')[2];
    const health = (await (await fetch(`http://127.0.0.1:${port}/api/v1/health`)).json()) as { ok: boolean; version: string; incidents: number };
    assert.deepEqual({ ok: health.ok, incidents: health.incidents }, { ok: true, incidents: 1 });
    assert.match(health.version, /^\d+\.\d+\.\d+/, 'the package version');
    const list = (await (await fetch(`${url}/api/v1/incidents`)).json()) as { items: { location: { name: string } }[] };
    assert.equal(list.items[0].location.name, 'Maarat al-Numan');

    const doc = { ...ARTICLE, id: 'serve-02', text: ARTICLE.text.replace('Five', 'Two').replace('Maarat al-Numan', 'Saraqib') };
    const denied = await fetch(`${url}/api/v1/documents`, { method: 'POST', body: JSON.stringify(doc), headers: { 'Content-Type': 'application/json' } });
    assert.equal(denied.status, 401);
    const posted = await fetch(`${url}/api/v1/documents`, { method: 'POST', body: JSON.stringify(doc), headers: { 'Content-Type': 'application/json', Authorization: 'Bearer sekrit' } });
    assert.equal(posted.status, 200, await posted.clone().text());
    assert.equal(((await posted.json()) as { added: number }).added, 1);

    assert.ok(!run.lines.some((l) => l.includes('sekrit')), 'a given token is not printed');
    assert.ok(run.lines.some((l) => l.startsWith(`store: ${db}; gazetteer: embedded:`)), run.lines.join('\n'));
    run.stop();
    await run.done;
    await assert.rejects(fetch(`${url}/api/v1/health`), 'the port is closed after stop');
    const store = await openStore(db, incidentsJsonRendering);
    try {
      assert.ok(await store.getDocument('serve-02'), 'the posted document was written to the file');
    } finally {
      await store.close();
    }
  });

  test("a posted document is extracted off the event loop: other requests are answered while it is read", async () => {
    const run = serve(['--db', db, '--port', '0', '--token', 'sekrit']);
    const url = await run.url;
    try {
      const warm = await fetch(`${url}/api/v1/documents`, { method: 'POST', body: JSON.stringify({ ...ARTICLE, id: 'serve-warm' }), headers: { 'Content-Type': 'application/json', Authorization: 'Bearer sekrit' } });
      assert.equal(warm.status, 200, await warm.text());
      // A long report (seconds of extraction) posted; a read sent just after must not wait for it.
      const order: string[] = [];
      const long = { ...ARTICLE, id: 'serve-long', text: `${ARTICLE.text} `.repeat(6_000) };
      const posted = fetch(`${url}/api/v1/documents`, { method: 'POST', body: JSON.stringify(long), headers: { 'Content-Type': 'application/json', Authorization: 'Bearer sekrit' } }).then(async (r) => {
        order.push('post');
        return r;
      });
      await new Promise((done) => setTimeout(done, 100));
      const health = await fetch(`${url}/api/v1/health`);
      order.push('health');
      assert.equal(health.status, 200);
      assert.equal((await posted).status, 200);
      assert.deepEqual(order, ['health', 'post']);
    } finally {
      run.stop();
      await run.done;
    }
  });

  test('--private: reads need a login or a token; the server token reads; health stays open', async () => {
    const run = serve(['--db', db, '--port', '0', '--private'], { TALLY_API_TOKEN: 'private-token' });
    try {
      const url = await run.url;
      assert.ok(run.lines.some((l) => l.startsWith('private:')), run.lines.join('\n'));
      assert.equal((await fetch(`${url}/api/v1/incidents`)).status, 401);
      assert.equal((await fetch(`${url}/api/v1/incidents`, { headers: { Authorization: 'Bearer private-token' } })).status, 200);
      assert.equal((await fetch(`${url}/api/v1/health`)).status, 200);
    } finally {
      run.stop();
      await run.done;
    }
  });

  test('--open-export-limit: a whole export larger than it needs credentials; a bad value is a usage error', async () => {
    const run = serve(['--db', db, '--port', '0', '--open-export-limit', '0'], { TALLY_API_TOKEN: 'limit-token' });
    try {
      const url = await run.url;
      assert.equal((await fetch(`${url}/api/v1/export?format=json`)).status, 401, 'one incident is over a limit of 0');
      assert.equal((await fetch(`${url}/api/v1/export?format=json`, { headers: { Authorization: 'Bearer limit-token' } })).status, 200);
    } finally {
      run.stop();
      await run.done;
    }
    const open = serve(['--db', db, '--port', '0']);
    try {
      assert.equal((await fetch(`${await open.url}/api/v1/export?format=json`)).status, 200, 'the default allows a small store');
    } finally {
      open.stop();
      await open.done;
    }
    await assert.rejects(serve(['--db', db, '--port', '0', '--open-export-limit', 'lots']).done, /--open-export-limit lots/);
  });

  test('without --token: TALLY_API_TOKEN, else a random token that is printed', async () => {
    const fromEnv = serve(['--db', db, '--port', '0'], { TALLY_API_TOKEN: 'from-env' });
    const url = await fromEnv.url;
    const res = await fetch(`${url}/api/v1/documents`, { method: 'POST', body: '[]', headers: { 'Content-Type': 'application/json', Authorization: 'Bearer from-env' } });
    assert.equal(res.status, 400, 'authorised (the empty body is the only problem)');
    assert.ok(!fromEnv.lines.some((l) => l.includes('server token')));
    fromEnv.stop();
    await fromEnv.done;

    const random = serve(['--db', db, '--port', '0']);
    const url2 = await random.url;
    const line = random.lines.find((l) => l.startsWith('server token'));
    assert.ok(line, random.lines.join('\n'));
    const token = /: (\S+)/.exec(line)![1];
    assert.ok(token.length >= 32);
    const ok = await fetch(`${url2}/api/v1/documents`, { method: 'POST', body: '[]', headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` } });
    assert.equal(ok.status, 400);
    random.stop();
    await random.done;
  });

  test('on a loopback address it answers only to the loopback names by default (DNS rebinding); --allowed-hosts names others', async () => {
    const run = serve(['--db', db, '--port', '0']);
    try {
      const port = (await run.url).split(':')[2];
      assert.ok(run.lines.includes('answering to hosts: localhost, 127.0.0.1, [::1] (--allowed-hosts)'), run.lines.join('\n'));
      for (const host of [`localhost:${port}`, `127.0.0.1:${port}`, `[::1]:${port}`]) assert.equal((await getWithHost(port, host)).status, 200, host);
      const refused = await getWithHost(port, `rebound.example:${port}`, '/api/v1/incidents');
      assert.equal(refused.status, 421);
      assert.equal(JSON.parse(refused.body).error.code, 'misdirected_request');
      assert.equal((await getWithHost(port, 'rebound.example', '/')).status, 421, 'the dashboard too');
    } finally {
      run.stop();
      await run.done;
    }

    const named = serve(['--db', db, '--port', '0', '--allowed-hosts', 'tally.example.org,localhost']);
    try {
      const port = (await named.url).split(':')[2];
      assert.ok(named.lines.includes('answering to hosts: tally.example.org, localhost (--allowed-hosts)'), named.lines.join('\n'));
      assert.equal((await getWithHost(port, 'tally.example.org')).status, 200);
      assert.equal((await getWithHost(port, `localhost:${port}`)).status, 200);
      assert.equal((await getWithHost(port, `127.0.0.1:${port}`)).status, 421, 'only the names given');
    } finally {
      named.stop();
      await named.done;
    }
  });

  test('on another address (0.0.0.0) it answers to any host unless --allowed-hosts is given', async () => {
    const run = serve(['--db', db, '--port', '0', '--host', '0.0.0.0']);
    try {
      const port = (await run.url).split(':')[2];
      assert.ok(run.lines.includes('answering to hosts: any (name them with --allowed-hosts)'), run.lines.join('\n'));
      assert.equal((await getWithHost(port, 'tally.example.org')).status, 200);
    } finally {
      run.stop();
      await run.done;
    }
    const limited = serve(['--db', db, '--port', '0', '--host', '0.0.0.0', '--allowed-hosts', 'tally.example.org']);
    try {
      const port = (await limited.url).split(':')[2];
      assert.equal((await getWithHost(port, 'tally.example.org')).status, 200);
      assert.equal((await getWithHost(port, 'other.example.org')).status, 421);
    } finally {
      limited.stop();
      await limited.done;
    }
  });

  const usage: [string, string[], RegExp][] = [
    ['an allowed host with a port', ['--allowed-hosts', 'localhost:8080'], /--allowed-hosts localhost:8080: "localhost:8080" has a port; give host names without the port/],
    ['empty allowed hosts', ['--allowed-hosts', ','], /--allowed-hosts ,: is empty/],
    ['a port that is not a number', ['--port', 'eighty'], /--port eighty/],
    ['a port out of range', ['--port', '70000'], /0 to 65535/],
    ['a missing gazetteer folder', ['--gazetteer', '/no/such/dir'], /--gazetteer \/no\/such\/dir: no such folder/],
    ['a missing boundaries folder', ['--boundaries', '/no/such/dir'], /--boundaries/],
    ['an empty token', ['--token', ' '], /empty/],
    ['no workers', ['--workers', '0'], /--workers 0: expected a whole number/],
    ['workers that are not a number', ['--workers', 'all'], /--workers all/],
    ['an unknown log level', ['--log-level', 'loud'], /--log-level loud: expected one of fatal, error, warn, info, debug, trace, silent/],
  ];
  for (const [what, args, message] of usage) {
    test(`usage error for ${what}`, async () => {
      const run = serve(['--db', db, ...args]);
      await assert.rejects(run.done, (e: unknown) => e instanceof TestUsageError && message.test(e.message));
    });
  }
});

describe('tally serve --workers', () => {
  const alive = (pid: number) => {
    try {
      process.kill(pid, 0);
      return true;
    } catch {
      return false;
    }
  };

  test('two worker processes serve one port; writes through either are serialised and seen by both; stop ends every worker', async () => {
    const path = join(dir, 'cluster.db');
    const setup = await openStore(path, incidentsJsonRendering);
    await ingestItems(setup, embeddedDefault().resolver, [{ kind: 'article', article: ARTICLE, source: 'test' }], { now: '2026-01-01T00:00:00Z', runId: 'setup' });
    await setup.close();

    const run = serve(['--db', path, '--port', '0', '--token', 'sekrit', '--workers', '2', '--log-level', 'warn']);
    const url = await run.url;
    assert.match(url, /^http:\/\/localhost:\d+$/, run.lines.join('\n'));
    assert.ok(run.lines.includes('2 worker processes share the port'), run.lines.join('\n'));
    const pids = Object.values(cluster.workers ?? {}).map((w) => w!.process.pid!);
    assert.equal(pids.length, 2);
    assert.ok(!pids.includes(process.pid));

    // Four documents about four towns posted at once, spread over both workers.
    const towns = ['Saraqib', 'Ariha', 'Jisr al-Shughur', 'Khan Shaykhun'];
    const posts = await Promise.all(
      towns.map((town, i) =>
        fetch(`${url}/api/v1/documents`, {
          method: 'POST',
          body: JSON.stringify({ ...ARTICLE, id: `cluster-${i}`, published: `2023-02-1${i}`, text: ARTICLE.text.replace('Maarat al-Numan', town).replace('Five', `${i + 2}`) }),
          headers: { 'Content-Type': 'application/json', Authorization: 'Bearer sekrit' },
        }),
      ),
    );
    for (const res of posts) assert.equal(res.status, 200, await res.clone().text());
    // Every worker answers from the final data (its cached counts were dropped by the writes).
    const totals = new Set<number>();
    for (let i = 0; i < 8; i++) {
      const list = (await (await fetch(`${url}/api/v1/incidents?limit=10`)).json()) as { total: number; items: { location: { name: string } }[] };
      totals.add(list.total);
      assert.deepEqual(list.items.map((x) => x.location.name).sort(), ['Maarat al-Numan', ...towns].sort());
    }
    assert.deepEqual([...totals], [5]);
    // Every worker checks the Host (the primary hands them the default for a loopback address);
    // asserted after stopping, so a failure leaves no worker running.
    const rebound: number[] = [];
    for (let i = 0; i < 4; i++) rebound.push((await getWithHost(url.split(':')[2], 'rebound.example')).status);

    run.stop();
    await run.done;
    await assert.rejects(fetch(`${url}/api/v1/health`), 'the port is closed after stop');
    for (const pid of pids) assert.equal(alive(pid), false, `worker ${pid} has exited`);
    assert.deepEqual(rebound, [421, 421, 421, 421], 'a foreign Host is refused by every worker');
    const store = await openStore(path, incidentsJsonRendering);
    try {
      assert.equal((await store.listDocuments()).length, 5);
      assert.equal(await store.countIncidents({}), 5);
    } finally {
      await store.close();
    }
  });

  test('a port in use is reported as the server\'s own start-up error, and no worker is left', async () => {
    const store = await openStore(':memory:', incidentsJsonRendering);
    const taken = await startServer({ store, resolver: embeddedDefault().resolver, token: 't', boundariesDir: null, webDist: null, clock: () => 'x', version: '1', host: DEFAULT_HOST, port: 0 });
    try {
      const run = serve(['--db', db, '--port', String(taken.port), '--workers', '2']);
      await assert.rejects(run.done, /already in use; choose another with --port/);
      assert.equal(Object.keys(cluster.workers ?? {}).length, 0);
    } finally {
      await taken.close();
      await store.close();
    }
  });

  test('a :memory: store cannot be shared by workers (usage error)', async () => {
    const run = serve(['--db', ':memory:', '--workers', '2']);
    await assert.rejects(run.done, (e: unknown) => e instanceof TestUsageError && /:memory:/.test(e.message));
  });
});

describe('startServer', () => {
  test('binds 127.0.0.1 by default host and reports a port in use', async () => {
    const store = await openStore(':memory:', incidentsJsonRendering);
    try {
      const common = { store, resolver: embeddedDefault().resolver, token: 't', boundariesDir: null, webDist: null, clock: () => 'x', version: '1' };
      const first = await startServer({ ...common, host: DEFAULT_HOST, port: 0 });
      assert.equal(first.address, '127.0.0.1');
      await assert.rejects(startServer({ ...common, host: DEFAULT_HOST, port: first.port }), /already in use; choose another with --port/);
      await first.close();
    } finally {
      await store.close();
    }
  });

  const urls: [string, number, string][] = [
    ['127.0.0.1', 8080, 'http://localhost:8080'],
    ['0.0.0.0', 8080, 'http://localhost:8080'],
    ['::1', 9000, 'http://localhost:9000'],
    ['192.168.1.20', 8080, 'http://192.168.1.20:8080'],
    ['fe80::1', 8080, 'http://[fe80::1]:8080'],
  ];
  for (const [host, port, want] of urls) test(`displayUrl(${host}, ${port})`, () => assert.equal(displayUrl(host, port), want));
});
