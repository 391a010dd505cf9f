/**
 * GET /api/v1/documents/{id} (text and extracted spans) and POST /api/v1/documents (ingest with a
 * bearer token) in-process over a real SQLite store: spans point at the text they claim, unknown
 * ids are 404, writes without or with a wrong token are 401 before the body is read, bad bodies are
 * 400 naming the problem, and a posted article is extracted, linked and then listed.
 */
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import type { IncidentJson } from '../../src/export/incidents-json.ts';
import { DocumentDetailSchema, IngestResultSchema } from '../../src/api/schemas.ts';
import type { Article } from '../../src/domain/types.ts';
import { ARTICLES, TOKEN, buildApi, getJson, type ApiFixture } from './api-fixture.ts';
import { assertError, expectGetError } from './api-assert.ts';

let fx: ApiFixture;
before(async () => {
  fx = await buildApi();
});
after(async () => {
  await fx.store.close();
});

const SARAQIB: Article = {
  id: 'api-post-saraqib',
  text: 'Three civilians were killed on Thursday when government artillery shelled the town of Saraqib in Idlib province, the Syrian Observatory for Human Rights said.',
  published: '2023-07-14',
  url: 'https://example.org/2023/07/14/saraqib',
  outlet: 'Test Post (fictional)',
  title: 'Shelling kills three in Saraqib',
  language: 'en',
};

function post(body: string, headers: Record<string, string> = {}): Promise<Response> {
  return Promise.resolve(fx.app.request('/api/v1/documents', { method: 'POST', body, headers: { 'Content-Type': 'application/json', ...headers } }));
}
const auth = { Authorization: `Bearer ${TOKEN}` };

async function ingested(res: Response) {
  const text = await res.text();
  assert.equal(res.status, 200, text);
  return IngestResultSchema.parse(JSON.parse(text));
}

describe('GET /api/v1/documents/{id}', () => {
  test('the text, metadata and every extracted field with a span that points at its text', async () => {
    const { status, body } = await getJson(fx.app, '/api/v1/documents/api-01-ariha-wire');
    assert.equal(status, 200);
    const detail = DocumentDetailSchema.parse(body);
    const source = ARTICLES[0];
    assert.deepEqual(
      { ...detail.document, text: undefined },
      { id: source.id, url: null, outlet: source.outlet, published: source.published, title: source.title, language: 'en', version: 1, text: undefined, detected_language: null, provenance: null },
    );
    assert.equal(detail.document.text, source.text);
    assert.ok(detail.mentions.length >= 1);
    const fields = detail.mentions.flatMap((m) => m.fields);
    for (const f of fields) {
      assert.equal(detail.document.text.slice(f.start, f.end), f.text, `${f.field} span`);
      assert.ok(f.rule.length > 0, `${f.field} has a rule`);
    }
    for (const m of detail.mentions) {
      const starts = m.fields.map((f) => f.start);
      assert.deepEqual(starts, [...starts].sort((a, b) => a - b), 'fields in text order');
    }
    const byField = new Map(fields.map((f) => [f.field, f]));
    assert.equal(byField.get('killed.civilians')?.value, 9);
    assert.equal(byField.get('killed.children')?.value, 3);
    assert.equal(byField.get('perpetrator')?.value, 'russia');
    assert.equal(byField.get('claimant')?.value, 'sohr');
    assert.equal(byField.get('place')?.value, 'Ariha');
    assert.equal(byField.get('event_type')?.value, 'air_strike');
    assert.equal(byField.get('date')?.value, '2023-03-05');
    assert.equal(byField.get('date')?.text, 'on Sunday');
  });

  test('404 for an unknown document, naming it', async () => {
    await expectGetError(fx.app, '/api/v1/documents/no-such-doc', { status: 404, code: 'not_found', mentions: 'no-such-doc' });
  });

  test('ids with a slash are reached percent-encoded', async () => {
    const slashed = { ...SARAQIB, id: 'feed/item-7', text: SARAQIB.text.replace('Three', 'Two').replace('Thursday', 'Wednesday') };
    await ingested(await post(JSON.stringify(slashed), auth));
    const { status, body } = await getJson<{ document: { id: string } }>(fx.app, `/api/v1/documents/${encodeURIComponent('feed/item-7')}`);
    assert.equal(status, 200);
    assert.equal(body.document.id, 'feed/item-7');
  });
});

describe('POST /api/v1/documents', () => {
  const unauthorized: [string, Record<string, string>][] = [
    ['no Authorization header', {}],
    ['a wrong token', { Authorization: 'Bearer not-the-token' }],
    ['the token as Basic credentials', { Authorization: `Basic ${TOKEN}` }],
    ['an empty bearer', { Authorization: 'Bearer ' }],
    ['the token with a suffix', { Authorization: `Bearer ${TOKEN}x` }],
  ];
  for (const [what, headers] of unauthorized) {
    test(`401 with ${what}, and nothing is written`, async () => {
      const before = await fx.store.getDocument(SARAQIB.id);
      const res = await post(JSON.stringify(SARAQIB), headers);
      assert.equal(res.headers.get('www-authenticate'), 'Bearer realm="tally"');
      await assertError(res, { status: 401, code: 'unauthorized', mentions: 'Authorization' }, what);
      assert.deepEqual(await fx.store.getDocument(SARAQIB.id), before);
    });
  }

  test('401 comes before the body is read: a wrong token with a broken body is still 401', async () => {
    await assertError(await post('{not json', { Authorization: 'Bearer nope' }), { status: 401, code: 'unauthorized' }, 'broken body');
  });

  const badBodies: [string, string, string, string | undefined, string][] = [
    ['not JSON', '{"id": "x", ', 'application/json', undefined, 'not JSON'],
    ['an empty array', '[]', 'application/json', undefined, 'empty array'],
    ['a number', '42', 'application/json', undefined, 'number'],
    ['an article without text', JSON.stringify({ id: 'no-text' }), 'application/json', 'text', 'missing'],
    ['an article with a bad date', JSON.stringify({ ...SARAQIB, published: 'last week' }), 'application/json', 'published', 'last week'],
    ['JSON Lines with no valid line', '{"id": 1, "text": "x"}\n\n', 'application/x-ndjson', 'id', 'body:1'],
    ['an empty JSON Lines body', '\n\n', 'application/x-ndjson', undefined, 'no lines'],
  ];
  for (const [what, body, type, parameter, mentions] of badBodies) {
    test(`400 for ${what}`, async () => {
      await assertError(await post(body, { ...auth, 'Content-Type': type }), { status: 400, code: 'invalid_body', parameter, mentions }, what);
    });
  }

  test('415 for a body that is neither JSON nor JSON Lines', async () => {
    await assertError(await post('id,text\n1,x', { ...auth, 'Content-Type': 'text/csv' }), { status: 415, code: 'unsupported_media_type', mentions: 'application/x-ndjson' }, 'csv');
  });

  test('413 for a body over the limit', async () => {
    const small = await buildApi([], { maxBodyBytes: 100 });
    try {
      const res = await small.app.request('/api/v1/documents', { method: 'POST', body: JSON.stringify(SARAQIB), headers: { ...auth, 'Content-Type': 'application/json' } });
      await assertError(res, { status: 413, code: 'payload_too_large', mentions: '100 bytes' }, 'large body');
    } finally {
      await small.store.close();
    }
  });

  test('an article is ingested, linked, and then listed; posting it again changes nothing', async () => {
    const result = await ingested(await post(JSON.stringify(SARAQIB), auth));
    assert.deepEqual(
      { read: result.read, added: result.added, new_versions: result.new_versions, unchanged: result.unchanged, rejected: result.rejected },
      { read: 1, added: 1, new_versions: 0, unchanged: 0, rejected: [] },
    );
    assert.ok(result.mentions >= 1);
    const { body } = await getJson<{ items: IncidentJson[]; total: number }>(fx.app, `/api/v1/incidents?document=${SARAQIB.id}`);
    assert.equal(body.total, 1);
    const [incident] = body.items;
    assert.equal(incident.location?.name, 'Saraqib');
    assert.equal(incident.killed.civilians?.best, 3);
    assert.equal(incident.date.start, '2023-07-13');
    assert.equal(result.incidents, (await getJson<{ total: number }>(fx.app, '/api/v1/incidents')).body.total);

    const again = await ingested(await post(JSON.stringify(SARAQIB), auth));
    assert.deepEqual({ read: again.read, added: again.added, unchanged: again.unchanged }, { read: 1, added: 0, unchanged: 1 });
  });

  test('a changed text is a new version and the document shows it', async () => {
    const changed = { ...SARAQIB, id: 'api-post-versioned', text: SARAQIB.text.replace('Three', 'Four') };
    await ingested(await post(JSON.stringify(changed), auth));
    const result = await ingested(await post(JSON.stringify({ ...changed, text: changed.text.replace('Four', 'Five') }), auth));
    assert.equal(result.new_versions, 1);
    const { body } = await getJson<{ document: { version: number; text: string } }>(fx.app, '/api/v1/documents/api-post-versioned');
    assert.equal(body.document.version, 2);
    assert.match(body.document.text, /^Five civilians/);
  });

  test('a batch with one bad article lands the good ones and lists the bad one', async () => {
    const good = { ...SARAQIB, id: 'api-post-batch-good', text: SARAQIB.text.replace('Saraqib', 'Sarmin') };
    const result = await ingested(await post(JSON.stringify([good, { id: 'api-post-batch-bad', text: '' }]), auth));
    assert.equal(result.read, 1);
    assert.equal(result.added, 1);
    assert.equal(result.rejected.length, 1);
    assert.equal(result.rejected[0].source, 'body[1]');
    assert.match(result.rejected[0].message, /"text" is empty/);
    assert.ok(await fx.store.getDocument('api-post-batch-good'));
    assert.equal(await fx.store.getDocument('api-post-batch-bad'), null);
  });

  test('JSON Lines bodies are read line by line, with the line of a bad record', async () => {
    const a = { ...SARAQIB, id: 'api-post-ndjson-1', text: SARAQIB.text.replace('Saraqib', 'Ariha').replace('Thursday', 'Tuesday') };
    const body = `${JSON.stringify(a)}\n\n{"id": "broken"\n`;
    const result = await ingested(await post(body, { ...auth, 'Content-Type': 'application/x-ndjson; charset=utf-8' }));
    assert.equal(result.added, 1);
    assert.deepEqual(result.rejected.map((r) => r.source), ['body:3']);
  });
});

describe('GET /api/v1/documents/{id}: an HTML page', () => {
  test("says where each field was read and the address it was fetched from", async () => {
    const page = await buildApi([]);
    try {
      const html = `<html lang="en"><head><meta property="og:site_name" content="Valley Wire"><meta property="article:published_time" content="2024-03-04T08:00:00Z">
<link rel="canonical" href="https://valley.example/a/9"></head><body><article><p>Shelling killed four civilians in the market of Ariha on Sunday, a fictional monitor said.</p></article></body></html>`;
      const { readHtmlPage } = await import('../../src/pipeline/ingest/html-page.ts');
      await page.store.putDocument(readHtmlPage(html, { source: 'fetched', fetchedFrom: 'https://valley.example/a/9?ref=feed' }), '2024-03-05T00:00:00Z');
      const { status, body } = await getJson(page.app, `/api/v1/documents/${encodeURIComponent('https://valley.example/a/9')}`);
      assert.equal(status, 200, JSON.stringify(body));
      const d = DocumentDetailSchema.parse(body).document;
      assert.equal(d.outlet, 'Valley Wire');
      assert.deepEqual(d.provenance, {
        format: 'html',
        fetched_from: 'https://valley.example/a/9?ref=feed',
        fields: { id: 'link[rel=canonical]', url: 'link[rel=canonical]', text: 'readability', published: 'meta[property="article:published_time"]', outlet: 'og:site_name', language: 'html[lang]' },
      });
    } finally {
      await page.store.close();
    }
  });
});

describe('POST /api/v1/documents: the per-document extraction budget', () => {
  test('a posted document over the budget is answered as rejected, with its place and why, and not stored', async () => {
    const tight = await buildApi([], { documentBudgetMs: 0 });
    try {
      const res = await Promise.resolve(tight.app.request('/api/v1/documents', { method: 'POST', body: JSON.stringify(SARAQIB), headers: { 'Content-Type': 'application/json', ...auth } }));
      const result = IngestResultSchema.parse(JSON.parse(await res.text()));
      assert.equal(result.added, 0);
      assert.equal(result.rejected.length, 1);
      assert.match(result.rejected[0].message, /extraction of document "api-post-saraqib" ran \d+ ms past its deadline/);
      assert.equal(await tight.store.getDocument(SARAQIB.id), null);
    } finally {
      await tight.store.close();
    }
  });
});
