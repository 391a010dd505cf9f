/**
 * The scorer against the real gold files in ../shared/corpus: each must parse, and a system
 * output built from the gold itself (at run time; nothing is copied into the repo) must score
 * perfectly on every measure that does not depend on how claims are split. Skips, naming what is
 * missing, when ../shared is absent — unless TALLY_REQUIRE_SHARED=1, when it fails instead.
 */
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseGoldFile, type GoldFile } from '../../src/eval/gold-file.ts';
import type { ExportIncident, IncidentsExport } from '../../src/eval/incidents-export.ts';
import { locateQuote } from '../../src/eval/quote-span.ts';
import { scoreRun } from '../../src/eval/score-run.ts';

const CORPUS = fileURLToPath(new URL('../../../shared/corpus/', import.meta.url));
const REQUIRE = process.env.TALLY_REQUIRE_SHARED === '1';

/** The gold as a system would ideally export it: same places, dates, figures, claims and documents. */
function perfectSystem(gold: GoldFile, texts: Map<string, string>): IncidentsExport {
  const incidents: ExportIncident[] = gold.incidents.map((g) => {
    const name = g.places[0] ?? g.admin1 ?? '';
    const point = g.places[0] ? g.coords[g.places[0]] : undefined;
    const best = (counts: GoldFile['incidents'][number]['killed']) =>
      Object.fromEntries(Object.entries(counts).map(([cat, r]) => [cat, { best: r.min, min: r.min, max: r.max }]));
    return {
      id: `sys-${g.id}`,
      event_type: g.event_type,
      date: { ...g.date, precision: g.date.start === g.date.end ? 'day' : 'range' },
      location: { name, lat: point?.lat ?? null, lon: point?.lon ?? null, admin1: g.admin1, precision: g.places.length ? 'locality' : 'admin1' },
      places: g.places.slice(1).map((p) => ({ name: p, lat: g.coords[p]?.lat ?? null, lon: g.coords[p]?.lon ?? null, admin1: g.admin1 })),
      perpetrators: g.perpetrators,
      killed: best(g.killed),
      injured: best(g.injured),
      claims: g.mentions.map((m) => {
        const span = locateQuote(texts.get(m.doc) ?? '', m.quote);
        return { claimant: g.claimants[0] ?? '', document: m.doc, quote: m.quote, start: span?.start ?? null, end: span?.end ?? null };
      }),
      documents: [...new Set(g.mentions.map((m) => m.doc))],
    };
  });
  const tallies = gold.tallies.map((t) => ({ id: `sys-${t.id}`, document: t.doc, claimant: t.claimant, period: t.period, killed: t.killed, quote: t.quote }));
  return { format: 'incidents/1', incidents, tallies };
}

for (const set of ['seeds', 'dev']) {
  const goldPath = `${CORPUS}${set}/gold.json`;
  const articlesPath = `${CORPUS}${set}/articles.jsonl`;
  const missing = [goldPath, articlesPath].filter((p) => !existsSync(p));
  const skip = missing.length > 0 && !REQUIRE ? `missing ${missing.join(' and ')} (../shared corpus)` : false;

  describe(`shared corpus: ${set}`, () => {
    test('gold file parses, and a system equal to the gold scores perfectly', { skip }, () => {
      assert.deepEqual(missing, [], `missing ${missing.join(', ')} (TALLY_REQUIRE_SHARED=1)`);
      const gold = parseGoldFile(JSON.parse(readFileSync(goldPath, 'utf8')), goldPath);
      assert.ok(gold.incidents.length > 0);
      const articles = readFileSync(articlesPath, 'utf8')
        .split('\n')
        .filter((l) => l.trim())
        .map((l) => JSON.parse(l) as { id: string; text: string });
      const system = perfectSystem(gold, new Map(articles.map((a) => [a.id, a.text])));
      const r = scoreRun({ gold, system, articles });

      assert.deepEqual(r.warnings, [], 'every gold quote is found in its article');
      assert.ok(r.pairs.every((p) => p.systemId === `sys-${p.goldId}`), 'each gold incident pairs with its own copy');
      const s = r.summary;
      for (const key of ['incidents.precision', 'incidents.recall', 'figures.accuracy', 'perpetrators.exact', 'event_type.equal', 'documents.exact', 'documents.cross_document', 'tallies.recognised'] as const) {
        assert.equal(s[key], 1, key);
      }
      assert.equal(s['tallies.turned_into_incident'], 0);
    });
  });
}
