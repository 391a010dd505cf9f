/**
 * Every figure of every claim lies inside the claim's quote, and the quote is the document's own
 * text at its offsets: an analyst who checks a quote finds each number it is cited for. Run over
 * the exports of the seeds and dev sets (with the village-level gazetteer) and of the gvdb set
 * (embedded gazetteer). Needs ../shared; skips with a message when it is absent, fails instead
 * under TALLY_REQUIRE_SHARED=1 (CI).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ingestAndExport } from '../../src/services/run-eval.ts';
import { REPO_ROOT } from '../../src/cli/main.ts';

const SHARED = join(REPO_ROOT, '..', 'shared');
const SETS = [
  { set: 'seeds', gazetteer: join(SHARED, 'data', 'gazetteer', 'geonames') },
  { set: 'dev', gazetteer: join(SHARED, 'data', 'gazetteer', 'geonames') },
  { set: 'gvdb', gazetteer: null },
] as const;
const needed = [...SETS.map((s) => join(SHARED, 'corpus', s.set, 'articles.jsonl')), join(SHARED, 'data', 'gazetteer', 'geonames', 'SY.txt')];
const missing = needed.filter((p) => !existsSync(p));
const skip = missing.length && process.env.TALLY_REQUIRE_SHARED !== '1' ? `missing ${missing.join(', ')}` : false;

for (const { set, gazetteer } of SETS) {
  test(`${set}: every figure of every claim lies inside its quote`, { skip }, async () => {
    assert.deepEqual(missing, [], `needs ${missing.join(', ')}`);
    const articles = join(SHARED, 'corpus', set, 'articles.jsonl');
    const texts = new Map<string, string>(
      readFileSync(articles, 'utf8')
        .split('\n')
        .filter((l) => l.trim())
        .map((l) => {
          const a = JSON.parse(l) as { id: string; text: string };
          return [a.id, a.text];
        }),
    );
    const { system } = await ingestAndExport({ articles, gazetteerDir: gazetteer, now: '2026-01-01T00:00:00Z' });
    const outside: string[] = [];
    let figures = 0;
    for (const incident of system.incidents) {
      for (const claim of incident.claims) {
        const text = texts.get(claim.document);
        assert.ok(text !== undefined, `claim of ${incident.id} cites an unknown document ${claim.document}`);
        assert.equal(text.slice(claim.start, claim.end), claim.quote, `${incident.id}: the quote is the document's text at its offsets`);
        const stated = [...Object.values(claim.killed), ...Object.values(claim.injured)].length;
        assert.equal(claim.figures.length, stated, `${incident.id}: one span per figure the claim reports`);
        for (const f of claim.figures) {
          figures++;
          if (f.start < claim.start || f.end > claim.end) outside.push(`${incident.id} ${claim.document} ${f.outcome}.${f.category}=${f.value} at ${f.start}-${f.end}, quote ${claim.start}-${claim.end}`);
        }
      }
    }
    assert.ok(figures > 10, `the ${set} export has figures to check (${figures})`);
    assert.deepEqual(outside.slice(0, 10), [], `${outside.length} of ${figures} figures lie outside their claim's quote`);
  });
}
