/**
 * The Host check (src/api/host-check.ts), the DNS-rebinding defence: which hosts a server answers
 * to by default for the address it listens on, how `--allowed-hosts` is read, and the app refusing
 * a request that names another host with 421 problem details that carry the security headers.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { LOOPBACK_HOSTS, defaultAllowedHosts, hostNameOf, parseAllowedHosts, type AllowedHosts } from '../../src/api/host-check.ts';
import { API_CSP, DASHBOARD_CSP } from '../../src/api/security-headers.ts';
import { ARTICLES, buildApi, type ApiFixture } from './api-fixture.ts';
import { assertError } from './api-assert.ts';

describe('defaultAllowedHosts', () => {
  const rows: [string, AllowedHosts][] = [
    ['127.0.0.1', LOOPBACK_HOSTS],
    ['::1', LOOPBACK_HOSTS],
    ['localhost', LOOPBACK_HOSTS],
    ['LocalHost', LOOPBACK_HOSTS],
    ['127.0.0.2', [...LOOPBACK_HOSTS, '127.0.0.2']],
    ['0.0.0.0', 'any'],
    ['::', 'any'],
    ['192.168.1.20', 'any'],
    ['tally.example.org', 'any'],
  ];
  for (const [host, want] of rows) test(`listening on ${host}: ${want === 'any' ? 'any' : want.join(', ')}`, () => assert.deepEqual(defaultAllowedHosts(host), want));
});

describe('hostNameOf (a Host header, port aside)', () => {
  const rows: [string, string | null][] = [
    ['localhost:8080', 'localhost'],
    ['LOCALHOST', 'localhost'],
    ['localhost.:8080', 'localhost'],
    ['127.0.0.1:8080', '127.0.0.1'],
    ['[::1]:8080', '[::1]'],
    ['[::1]', '[::1]'],
    ['evil.example', 'evil.example'],
    ['::1', null],
    ['evil.example@localhost', null],
    ['localhost/path', null],
    ['localhost:80:80', null],
    ['', null],
  ];
  for (const [header, want] of rows) test(`${JSON.stringify(header)} -> ${want}`, () => assert.equal(hostNameOf(header), want));
});

describe('parseAllowedHosts (--allowed-hosts)', () => {
  const rows: [string, AllowedHosts | RegExp][] = [
    ['tally.example.org', ['tally.example.org']],
    ['Tally.Example.org, localhost ,127.0.0.1', ['tally.example.org', 'localhost', '127.0.0.1']],
    ['::1,[fe80::1]', ['[::1]', '[fe80::1]']],
    ['*', 'any'],
    ['', /is empty/],
    [' , ', /is empty/],
    ['*,localhost', /cannot be combined/],
    ['localhost:8080', /"localhost:8080" has a port; give host names without the port/],
    ['https://tally.example.org', /is not a host name/],
    ['user@host', /is not a host name/],
  ];
  for (const [value, want] of rows) {
    test(`${JSON.stringify(value)}`, () => {
      const got = parseAllowedHosts(value);
      if (want instanceof RegExp) {
        assert.ok('problem' in got, JSON.stringify(got));
        assert.match(got.problem, want);
      } else {
        assert.deepEqual(got, { hosts: want });
      }
    });
  }
});

describe('the app with allowed hosts', () => {
  let fx: ApiFixture;
  let open: ApiFixture;
  before(async () => {
    fx = await buildApi(ARTICLES.slice(0, 1), { allowedHosts: LOOPBACK_HOSTS });
    open = await buildApi([], { allowedHosts: 'any' });
  });
  after(async () => {
    await fx.store.close();
    await open.store.close();
  });

  for (const host of ['localhost:8080', 'localhost', '127.0.0.1:8080', '[::1]:8080', 'LOCALHOST:9']) {
    test(`Host ${host} is answered`, async () => {
      const res = await fx.app.request('/api/v1/incidents', { headers: { Host: host } });
      assert.equal(res.status, 200, await res.text());
    });
  }

  for (const host of ['evil.example', 'evil.example:8080', '127.0.0.1.evil.example', 'localhost.evil.example:8080', '[::2]:8080']) {
    test(`Host ${host} is refused with 421 problem details naming it and the allowed hosts`, async () => {
      const res = await fx.app.request('/api/v1/incidents', { headers: { Host: host } });
      assert.equal(res.headers.get('x-content-type-options'), 'nosniff');
      assert.equal(res.headers.get('referrer-policy'), 'no-referrer');
      assert.equal(res.headers.get('content-security-policy'), API_CSP);
      const body = await assertError(res, { status: 421, code: 'misdirected_request', parameter: 'Host', mentions: JSON.stringify(host) }, host);
      assert.match(body.error.message, /it answers to localhost, 127\.0\.0\.1, \[::1\]/);
      assert.equal(body.title, 'Misdirected Request');
    });
  }

  test('the dashboard and writes are refused too, before authentication', async () => {
    const page = await fx.app.request('/', { headers: { Host: 'evil.example' } });
    assert.equal(page.status, 421);
    assert.equal(page.headers.get('content-security-policy'), DASHBOARD_CSP);
    const write = await fx.app.request('/api/v1/documents', { method: 'POST', body: '{}', headers: { Host: 'evil.example', 'Content-Type': 'application/json' } });
    assert.equal(write.status, 421);
  });

  test('a request target in absolute form naming another host is refused (its host is checked too)', async () => {
    const res = await fx.app.request('http://evil.example:8080/api/v1/incidents', { headers: { Host: 'localhost:8080' } });
    await assertError(res, { status: 421, code: 'misdirected_request', mentions: 'evil.example' }, 'absolute form');
  });

  test("'any' (and no setting) answers every host", async () => {
    assert.equal((await open.app.request('/api/v1/health', { headers: { Host: 'evil.example' } })).status, 200);
  });
});
