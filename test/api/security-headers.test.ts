/**
 * Every response of the app carries the security headers of src/api/security-headers.ts: the API's
 * JSON and CSV answers, its errors (400, 401, 404, 413) and the dashboard's files. The policy
 * itself is checked for what it must say (no inline script, no framing), not only compared with the
 * constant, so weakening the constant fails here.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { API_CSP, DASHBOARD_CSP } from '../../src/api/security-headers.ts';
import { ARTICLES, TOKEN, buildApi, type ApiFixture } from './api-fixture.ts';

/** `{ directive: [sources] }` of a Content-Security-Policy header (CSP Level 3 §2.2.1). */
function directives(policy: string): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const part of policy.split(';')) {
    const [name, ...sources] = part.trim().split(/\s+/);
    if (name) out.set(name.toLowerCase(), sources);
  }
  return out;
}

function assertSecurityHeaders(res: Response, what: string, csp: string): void {
  assert.equal(res.headers.get('content-security-policy'), csp, `${what}: Content-Security-Policy`);
  assert.equal(res.headers.get('x-content-type-options'), 'nosniff', `${what}: X-Content-Type-Options`);
  assert.equal(res.headers.get('x-frame-options'), 'DENY', `${what}: X-Frame-Options`);
  assert.equal(res.headers.get('referrer-policy'), 'no-referrer', `${what}: Referrer-Policy`);
}

describe('security headers', () => {
  let fx: ApiFixture;
  let web: ApiFixture;
  let dist = '';
  before(async () => {
    fx = await buildApi(ARTICLES.slice(0, 2));
    dist = mkdtempSync(join(tmpdir(), 'tally-web-'));
    writeFileSync(join(dist, 'index.html'), '<!doctype html><title>Tally dashboard</title><script type="module" src="./app.js"></script>');
    writeFileSync(join(dist, 'app.js'), 'console.log("dashboard");');
    web = await buildApi([], { webDist: dist });
  });
  after(async () => {
    await fx.store.close();
    await web.store.close();
    rmSync(dist, { recursive: true, force: true });
  });

  test('the dashboard policy allows no inline or foreign script and no framing', () => {
    const d = directives(DASHBOARD_CSP);
    assert.deepEqual(d.get('script-src'), ["'self'"], 'scripts from this origin only: no unsafe-inline, no unsafe-eval, no host');
    assert.deepEqual(d.get('default-src'), ["'self'"]);
    assert.deepEqual(d.get('object-src'), ["'none'"]);
    assert.deepEqual(d.get('frame-ancestors'), ["'none'"]);
    assert.deepEqual(d.get('base-uri'), ["'self'"]);
    for (const [name, sources] of d) assert.ok(!sources.some((s) => /^(https?:|\*$)/.test(s)), `${name} names no other origin: ${sources.join(' ')}`);
  });

  test('the API policy allows nothing and no framing', () => {
    const d = directives(API_CSP);
    assert.deepEqual(d.get('default-src'), ["'none'"]);
    assert.deepEqual(d.get('frame-ancestors'), ["'none'"]);
  });

  const apiCases: [string, string, RequestInit | undefined, number][] = [
    ['JSON list', '/api/v1/incidents', undefined, 200],
    ['CSV export', '/api/v1/export?format=csv', undefined, 200],
    ['OpenAPI description', '/api/v1/openapi.json', undefined, 200],
    ['400 bad parameter', '/api/v1/incidents?limit=nope', undefined, 400],
    ['404 unknown incident', '/api/v1/incidents/no-such-id', undefined, 404],
    ['404 unknown endpoint', '/api/v1/no-such-endpoint', undefined, 404],
    ['401 write without token', '/api/v1/documents', { method: 'POST', body: '{}', headers: { 'Content-Type': 'application/json' } }, 401],
    ['400 write with a bad body', '/api/v1/documents', { method: 'POST', body: '[]', headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${TOKEN}` } }, 400],
  ];
  for (const [what, path, init, status] of apiCases) {
    test(`API ${what} (${status}) carries them, with the API policy`, async () => {
      const res = await fx.app.request(path, init);
      assert.equal(res.status, status, `${path}: ${await res.clone().text()}`);
      assertSecurityHeaders(res, what, API_CSP);
    });
  }

  test('413 for a body over the limit carries them', async () => {
    const small = await buildApi([], { maxBodyBytes: 10 });
    try {
      const res = await small.app.request('/api/v1/documents', { method: 'POST', body: 'x'.repeat(11), headers: { 'Content-Type': 'application/json', 'Content-Length': '11', Authorization: `Bearer ${TOKEN}` } });
      assert.equal(res.status, 413);
      assertSecurityHeaders(res, '413', API_CSP);
    } finally {
      await small.store.close();
    }
  });

  for (const [what, path] of [
    ['index', '/'],
    ['script', '/app.js'],
    ['a missing file', '/missing.js'],
  ] as const) {
    test(`dashboard ${what} carries them, with the dashboard policy`, async () => {
      const res = await web.app.request(path);
      assertSecurityHeaders(res, what, DASHBOARD_CSP);
    });
  }

  test('the notice served without a dashboard build carries them', async () => {
    assertSecurityHeaders(await fx.app.request('/'), 'notice', DASHBOARD_CSP);
  });
});
