/**
 * Ingest feedback (src/cli/progress.ts): plain lines every N documents when stderr is not a
 * terminal, a redrawn bar when it is, the closing summary's lines (documents, skipped with
 * reasons, incidents created/updated, warnings by code with examples), incident change counts, and
 * the document count of input paths used for the bar's percentage.
 */
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { countInputDocuments, createIngestProgress, formatIngestSummary, incidentChanges, phaseReporter, type ProgressStream } from '../../src/cli/progress.ts';
import type { IngestSummary } from '../../src/services/ingest-batch.ts';
import type { Incident } from '../../src/domain/types.ts';

function memoryStream(isTTY: boolean): ProgressStream & { text: () => string } {
  const chunks: string[] = [];
  return { isTTY, columns: 120, write: (s: string) => (chunks.push(s), true), text: () => chunks.join('') };
}

describe('createIngestProgress', () => {
  test('not a terminal: a plain line every N documents and the last count at the end', () => {
    const stream = memoryStream(false);
    const p = createIngestProgress({ stream, every: 2 });
    for (let i = 1; i <= 5; i++) p.onProgress({ read: i, source: `a.jsonl:${i}` });
    p.stop();
    assert.equal(stream.text(), 'read 2 documents\nread 4 documents\nread 5 documents\n');
  });

  test('not a terminal, with a total: lines say "of N"; no repeat when the last count was printed', () => {
    const stream = memoryStream(false);
    const p = createIngestProgress({ stream, every: 2, total: 4 });
    for (let i = 1; i <= 4; i++) p.onProgress({ read: i, source: 'x' });
    p.stop();
    assert.equal(stream.text(), 'read 2 of 4 documents\nread 4 of 4 documents\n');
  });

  test('a terminal: a bar redrawn in place with the count and the source', () => {
    const stream = memoryStream(true);
    const p = createIngestProgress({ stream, total: 3 });
    for (let i = 1; i <= 3; i++) p.onProgress({ read: i, source: `folder/article-${i}.txt` });
    p.stop();
    const out = stream.text();
    assert.match(out, /3\/3 documents/);
    assert.match(out, /100%/);
    assert.match(out, /article-3\.txt/);
    assert.doesNotMatch(out, /read \d+ documents\n/);
  });

  test('nothing is drawn when nothing was read', () => {
    const stream = memoryStream(true);
    createIngestProgress({ stream }).stop();
    assert.equal(stream.text(), '');
  });
});

describe('formatIngestSummary', () => {
  const summary: IngestSummary = {
    read: 4,
    added: 2,
    newVersions: 1,
    unchanged: 1,
    extracted: 3,
    notExtracted: {},
    rejected: [{ source: 'b.jsonl:3', message: 'b.jsonl:3: missing "text"' }],
    mentions: 7,
    incidents: 5,
    tallies: 1,
    warnings: [
      { code: 'input-rejected', message: 'b.jsonl:3: missing "text"', source: 'b.jsonl:3' },
      { code: 'place-not-found', message: 'place "Kafr Zita" not found in the gazetteer', source: 'doc-1@40' },
      { code: 'date-estimated', message: 'document doc-2 has no publication date', source: 'doc-2' },
      { code: 'place-not-found', message: 'place "Tell Rifaat" not found in the gazetteer', source: 'doc-3@12' },
    ],
  };

  test('documents, skipped with reasons, rejections, incident changes, warnings by code with examples', () => {
    assert.deepEqual(formatIngestSummary(summary, { created: 2, updated: 1, unchanged: 2, removed: 0 }), [
      'documents read: 4 (new 2, new versions 1, unchanged 1)',
      'skipped: 1 unchanged (same id and text as stored), 1 rejected (listed below)',
      'rejected: 1',
      '  b.jsonl:3: missing "text"',
      'mentions extracted: 7; incidents: 5 (created 2, updated 1, unchanged 2, removed 0); tallies: 1',
      'warnings: date-estimated 1, place-not-found 2',
      '  date-estimated: document doc-2 has no publication date (doc-2)',
      '  place-not-found: place "Kafr Zita" not found in the gazetteer (doc-1@40)',
      '  place-not-found: place "Tell Rifaat" not found in the gazetteer (doc-3@12)',
    ]);
  });

  test('a clean run says none', () => {
    const clean = { ...summary, unchanged: 0, notExtracted: {}, rejected: [], warnings: [] };
    const lines = formatIngestSummary(clean);
    assert.ok(lines.includes('skipped: none'));
    assert.ok(lines.includes('warnings: none'));
    assert.ok(lines.includes('mentions extracted: 7; incidents: 5; tallies: 1'));
  });
});

describe('incidentChanges', () => {
  const incident = (id: string, best: number) => ({ id, killed: { total: { best, min: best, max: best } } }) as unknown as Incident;
  test('created, updated, unchanged and removed by id', () => {
    assert.deepEqual(incidentChanges([incident('a', 1), incident('b', 2), incident('c', 3)], [incident('a', 1), incident('b', 5), incident('d', 1)]), {
      created: 1,
      updated: 1,
      unchanged: 1,
      removed: 1,
    });
    assert.deepEqual(incidentChanges([], []), { created: 0, updated: 0, unchanged: 0, removed: 0 });
  });
});

describe('countInputDocuments', () => {
  let dir: string;
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'tally-count-'));
    writeFileSync(join(dir, 'a.jsonl'), '{"id":"1"}\n\n{"id":"2"}\n{"id":"3"}');
    mkdirSync(join(dir, 'texts'));
    writeFileSync(join(dir, 'texts', 'one.txt'), 'x');
    writeFileSync(join(dir, 'texts', 'two.txt'), 'y');
    writeFileSync(join(dir, 'texts', '.hidden.txt'), 'z');
    writeFileSync(join(dir, 'notes.md'), 'not an input');
    writeFileSync(join(dir, 'list.json'), '{"id":"4"}\n{"id":"5"}\n');
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  const cases: [string, () => string[], number | null][] = [
    ['a folder: JSON Lines lines and .txt files, dot-files and .json skipped', () => [dir], 5],
    ['a .json named explicitly is read as JSON Lines', () => [join(dir, 'list.json')], 2],
    ['several paths add up', () => [join(dir, 'a.jsonl'), join(dir, 'texts')], 5],
    ['a missing path: unknown', () => [join(dir, 'missing.jsonl')], null],
  ];
  for (const [what, paths, want] of cases) test(what, async () => assert.equal(await countInputDocuments(paths()), want));
});

describe('phases after the reading', () => {
  test('one line per phase, each closed with the seconds it took', () => {
    const out = memoryStream(false);
    let t = 0;
    const phase = phaseReporter(out, () => t);
    phase('linking every stored mention');
    t = 2500;
    phase('writing 12 incidents and 3 tallies');
    t = 2600;
    phase('done\n');
    assert.equal(out.text(), 'linking every stored mention  (2.5 s)\nwriting 12 incidents and 3 tallies  (0.1 s)\ndone\n');
  });

  test('an ingest ends its reading count, then tells its phases, then done (plain lines off a terminal)', () => {
    const out = memoryStream(false);
    const progress = createIngestProgress({ stream: out, total: 3, every: 1000 });
    for (let read = 1; read <= 3; read++) progress.onProgress({ read, source: `a:${read}` });
    progress.onPhase('linking every stored mention');
    progress.onPhase('writing 2 incidents and 0 tallies');
    progress.stop();
    const lines = out.text().split('\n');
    assert.equal(lines[0], 'read 3 of 3 documents');
    assert.match(lines[1], /^linking every stored mention {2}\(\d+\.\d s\)$/);
    assert.match(lines[2], /^writing 2 incidents and 0 tallies {2}\(\d+\.\d s\)$/);
    assert.equal(lines[3], 'done');
  });
});
