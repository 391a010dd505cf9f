/**
 * Golden whole-article tests: the fictional articles in articles.jsonl (styles of AP, AFP
 * machine-translated from French, Reuters, Anadolu, a monitor's own site and a monthly report)
 * go through the real ingest service into an in-memory SQLite store with the embedded gazetteer,
 * the store is exported as incidents/1 JSON, and the result is compared field group by field group
 * with what an analyst recorded by hand in expected.json. On any difference the normalised actual
 * output is written to `<case>-changed.json` beside this file for review (gitignored).
 *
 * Where the current extractor disagrees with the hand analysis, the expectation stays and the
 * group is listed in KNOWN_GAPS, which marks that assertion `todo` with the reason.
 */
import { describe, test, before } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { openSqliteStore } from '../../src/storage/sqlite-incident-store.ts';
import { embeddedDefault } from '../../src/services/gazetteer-service.ts';
import { ingestItems } from '../../src/services/ingest-batch.ts';
import { renderExport } from '../../src/services/export-store.ts';
import { parseArticle } from '../../src/pipeline/ingest/parse-article.ts';
import type { InputItem } from '../../src/pipeline/ingest/read-inputs.ts';
import type { IncidentsJson } from '../../src/export/incidents-json.ts';
import {
  GROUPS,
  compareCase,
  formatDifferences,
  normaliseExport,
  type Difference,
  type GoldenCase,
  type Group,
} from './golden-compare.ts';

const HERE = dirname(fileURLToPath(import.meta.url));
const NOW = '2026-01-01T00:00:00Z';

/**
 * Field groups where the current pipeline disagrees with the hand analysis (see the report in the
 * run that added them). The expectation is right; the assertion is `todo` until the pipeline is.
 */
const KNOWN_GAPS: Record<string, Partial<Record<Group, string>>> = {};

interface ArticleLine {
  source: string;
  id: string;
  item: InputItem;
}

function readArticles(): ArticleLine[] {
  const file = join(HERE, 'articles.jsonl');
  return readFileSync(file, 'utf8')
    .split('\n')
    .map((line, n) => ({ line, n: n + 1 }))
    .filter(({ line }) => line.trim() !== '')
    .map(({ line, n }) => {
      const source = `articles.jsonl:${n}`;
      const article = parseArticle(JSON.parse(line), source);
      return { source, id: article.id, item: { kind: 'article' as const, article, source } };
    });
}

function readCases(): GoldenCase[] {
  const json = JSON.parse(readFileSync(join(HERE, 'expected.json'), 'utf8')) as { format: string; cases: GoldenCase[] };
  assert.equal(json.format, 'tally-golden/1', 'expected.json format');
  return json.cases;
}

const articles = readArticles();
const cases = readCases();

test('every golden article belongs to exactly one case, and every case names existing articles', () => {
  const owners = new Map<string, string[]>();
  for (const c of cases) for (const id of c.articles) owners.set(id, [...(owners.get(id) ?? []), c.name]);
  for (const a of articles) assert.deepEqual(owners.get(a.id)?.length, 1, `${a.source} (${a.id}) is in cases ${JSON.stringify(owners.get(a.id) ?? [])}`);
  const ids = new Set(articles.map((a) => a.id));
  for (const id of owners.keys()) assert.ok(ids.has(id), `expected.json names article ${id}, which is not in articles.jsonl`);
  for (const g of Object.keys(KNOWN_GAPS)) assert.ok(cases.some((c) => c.name === g), `KNOWN_GAPS names unknown case ${g}`);
});

for (const golden of cases) {
  describe(`golden case ${golden.name}`, () => {
    let diffs: Difference[] = [];
    let rejected: string[] = [];

    before(async () => {
      const store = openSqliteStore(':memory:');
      try {
        const items = articles.filter((a) => golden.articles.includes(a.id)).map((a) => a.item);
        const summary = await ingestItems(store, embeddedDefault().resolver, items, { now: NOW, runId: NOW });
        rejected = summary.rejected.map((r) => r.message);
        const exported = JSON.parse(renderExport(store, 'json', NOW)) as IncidentsJson;
        const actual = normaliseExport(golden.name, exported);
        diffs = compareCase(golden, actual);
        const changedFile = join(HERE, `${golden.name}-changed.json`);
        if (diffs.length) writeFileSync(changedFile, JSON.stringify(actual, null, 2) + '\n');
        else if (existsSync(changedFile)) rmSync(changedFile);
      } finally {
        store.close();
      }
    });

    test('every article is accepted', () => {
      assert.deepEqual(rejected, []);
    });

    for (const group of GROUPS) {
      const todo = KNOWN_GAPS[golden.name]?.[group];
      test(group, todo ? { todo } : {}, () => {
        const mine = diffs.filter((d) => d.group === group);
        if (mine.length) {
          assert.fail(`${formatDifferences(golden.name, mine)}\n  (whole output: test/golden/${golden.name}-changed.json)`);
        }
      });
    }
  });
}
