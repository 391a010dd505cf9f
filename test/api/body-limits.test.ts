/**
 * Every route that reads a request body has a size limit and refuses a larger body with a 413
 * whose JSON names the limit (`limit_bytes`), the body's size (`body_bytes`) and the route. The
 * routes come from the app (the OpenAPI operations with a requestBody, and every write route of the
 * router), not from a hand list. Both ways a body arrives are tried: with a declared Content-Length
 * (refused before reading) and in chunks without one (read up to the limit, then refused).
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { DEFAULT_MAX_BODY_BYTES } from '../../src/api/body-limit.ts';
import { TOKEN, buildApi, type ApiFixture } from './api-fixture.ts';
import { assertError } from './api-assert.ts';
import { bodyMediaType, concretePath, documentedBodies, documentedWrites, openApiDoc, routeName, routerWriteRoutes, type DocumentedRoute } from './write-routes.ts';

const LIMIT = 2000;
const auth = { Authorization: `Bearer ${TOKEN}` };

let fx: ApiFixture;
let withBodies: DocumentedRoute[] = [];
let bodiless: DocumentedRoute[] = [];

/** The limit a route documents in its 413 ("… 2000 bytes …"). */
function documentedLimit(r: DocumentedRoute): number {
  const m = /(\d+) bytes/.exec(r.operation.responses['413']?.description ?? '');
  assert.ok(m, `${routeName(r)} documents its limit in its 413`);
  return Number(m[1]);
}

/** Public routes (login) declare an empty security list: no credentials are asked before the body. */
const isPublic = (r: DocumentedRoute): boolean => Array.isArray(r.operation.security) && r.operation.security.length === 0;

before(async () => {
  fx = await buildApi([], { maxBodyBytes: LIMIT });
  const doc = await openApiDoc(fx.app);
  withBodies = documentedBodies(doc);
  // A write the router serves but the description does not document would still take a body; a
  // documented write without a body (a logout, a revocation) is checked below never to read one.
  const documented = new Set(documentedWrites(doc).map(routeName));
  const undocumented = routerWriteRoutes(fx.app).filter((r) => !documented.has(routeName(r)));
  assert.deepEqual(undocumented.map(routeName), [], 'every write route is documented');
  bodiless = documentedWrites(doc).filter((r) => r.operation.requestBody === undefined);
});
after(async () => {
  await fx.store.close();
});

/** A JSON array of articles `bytes` long (ASCII, so characters are bytes). */
function articlesOfSize(bytes: number): string {
  const head = '[{"id":"body-limit","text":"';
  const tail = '"}]';
  return head + 'x'.repeat(bytes - head.length - tail.length) + tail;
}

function chunked(text: string): ReadableStream<Uint8Array> {
  const bytes = new TextEncoder().encode(text);
  let at = 0;
  return new ReadableStream({
    pull(controller) {
      if (at >= bytes.length) return controller.close();
      controller.enqueue(bytes.subarray(at, at + 512));
      at += 512;
    },
  });
}

describe('request body limits', () => {
  test('the app has routes that read a body (POST /api/v1/documents at least)', () => {
    assert.ok(withBodies.map(routeName).includes('POST /api/v1/documents'), withBodies.map(routeName).join(', '));
  });

  test('each documents its 413 and its limit', () => {
    for (const r of withBodies) {
      const description = r.operation.responses['413']?.description ?? '';
      assert.ok(description.includes(`${LIMIT} bytes`), `${routeName(r)} documents 413 with its limit: ${description}`);
    }
  });

  test('413 with limit and size for a declared body over the limit', async () => {
    for (const r of withBodies) {
      const size = LIMIT + 1;
      const res = await fx.app.request(concretePath(r.path), {
        method: r.method,
        headers: { ...auth, 'Content-Type': bodyMediaType(r), 'Content-Length': String(size) },
        body: articlesOfSize(size),
      });
      const body = await assertError(res, { status: 413, code: 'payload_too_large', mentions: `${size} bytes` }, routeName(r));
      assert.equal(body.error.limit_bytes, LIMIT);
      assert.equal(body.error.body_bytes, size);
      assert.ok(body.error.message.includes(`limit of ${LIMIT} bytes for ${routeName(r)}`), body.error.message);
    }
  });

  test('413 for a body sent in chunks, read no further than the limit', async () => {
    for (const r of withBodies) {
      const res = await fx.app.request(concretePath(r.path), {
        method: r.method,
        headers: { ...auth, 'Content-Type': bodyMediaType(r) },
        body: chunked(articlesOfSize(LIMIT * 50)),
        duplex: 'half',
      } as RequestInit);
      const body = await assertError(res, { status: 413, code: 'payload_too_large', mentions: `more than ${LIMIT} bytes` }, routeName(r));
      assert.equal(body.error.limit_bytes, LIMIT);
      assert.equal(body.error.body_bytes, null);
    }
  });

  test('a body of exactly the limit is read', async () => {
    for (const r of withBodies) {
      const body = articlesOfSize(LIMIT);
      const res = await fx.app.request(concretePath(r.path), {
        method: r.method,
        headers: { ...auth, 'Content-Type': 'application/json', 'Content-Length': String(body.length) },
        body,
      });
      // Read, not refused for its size: the documents route takes the articles; a route taking
      // another body (a review decision) reads it and refuses its content (400), not its size.
      const expected = routeName(r) === 'POST /api/v1/documents' ? 200 : 400;
      assert.equal(res.status, expected, `${routeName(r)}: ${await res.text()}`);
    }
  });

  test('a write without a documented body answers without reading one sent anyway', async () => {
    assert.ok(bodiless.length > 0, 'there are such writes (DELETE /api/v1/session at least)');
    for (const r of bodiless) {
      const res = await fx.app.request(concretePath(r.path), {
        method: r.method,
        headers: { ...auth, 'Content-Type': 'application/json' },
        body: chunked(articlesOfSize(LIMIT * 50)),
        duplex: 'half',
      } as RequestInit);
      assert.ok(res.status < 500 && res.status !== 413, `${routeName(r)} answered ${res.status}: ${await res.text()}`);
    }
  });

  test('without credentials, an oversized body is refused with 401 before it is read (every route but the public login)', async () => {
    assert.deepEqual(withBodies.filter(isPublic).map(routeName), ['POST /api/v1/session']);
    for (const r of withBodies.filter((r) => !isPublic(r))) {
      const res = await fx.app.request(concretePath(r.path), {
        method: r.method,
        headers: { 'Content-Type': bodyMediaType(r) },
        body: chunked(articlesOfSize(LIMIT * 50)),
        duplex: 'half',
      } as RequestInit);
      await assertError(res, { status: 401, code: 'unauthorized' }, routeName(r));
    }
  });

  test(`the default limit is ${DEFAULT_MAX_BODY_BYTES} bytes`, async () => {
    const plain = await buildApi([]);
    try {
      for (const r of documentedBodies(await openApiDoc(plain.app))) {
        const declared = DEFAULT_MAX_BODY_BYTES + 1;
        const res = await plain.app.request(concretePath(r.path), {
          method: r.method,
          headers: { ...auth, 'Content-Type': 'application/json', 'Content-Length': String(declared) },
          body: articlesOfSize(100),
        });
        const body = await assertError(res, { status: 413, code: 'payload_too_large' }, routeName(r));
        // Ingest takes the server's limit; the login, admin and review bodies are a few fields and stop at 16 KiB.
        assert.equal(body.error.limit_bytes, r.path === '/api/v1/documents' ? DEFAULT_MAX_BODY_BYTES : 16 * 1024, routeName(r));
        assert.equal(body.error.limit_bytes, documentedLimit(r), `${routeName(r)} documents the limit it applies`);
        assert.equal(body.error.body_bytes, declared);
      }
    } finally {
      await plain.store.close();
    }
  });
});
