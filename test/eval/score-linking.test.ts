/**
 * Linking against gold incidents that list their reports: B-cubed on clusters small enough to
 * compute by hand, the share of multi-report incidents fully linked, and the figures of the system
 * incident citing most of a gold incident's reports.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { ReportedIncident } from '../../src/eval/count-gold.ts';
import { reportedIncidentsSummary, scoreIncidentFigures, scoreLinking, scoreReportedIncidents } from '../../src/eval/score-linking.ts';
import type { CountedExport } from '../../src/eval/document-figures.ts';
import { exportOf, incident } from './count-builders.ts';

function gold(...clusters: (string[] | [string[], number, number])[]): ReportedIncident[] {
  return clusters.map((c, i) => {
    const [documents, killed, injured] = typeof c[0] === 'string' ? [c as string[], 1, 0] : (c as [string[], number, number]);
    return { id: `G${i + 1}`, date: '2016-01-01', killed, injured, documents };
  });
}

const BCUBED: [string, ReportedIncident[], CountedExport, [number, number, number]][] = [
  // label, gold, system, [precision, recall, F1] worked out by hand in the comment
  // a, b: P 2/3 R 1; c: P 1/3 R 1 → P 5/9, R 1, F1 5/7
  ['one incident over two gold incidents', gold(['a', 'b'], ['c']), exportOf(incident('i1', ['a', 'b', 'c'], { total: 1 })), [5 / 9, 1, 5 / 7]],
  // a, b: R 2/3; c: R 1/3; d: R 1 → R 2/3, F1 4/5
  ['a gold incident split in two', gold(['a', 'b', 'c'], ['d']), exportOf(incident('i1', ['a', 'b'], { total: 1 }), incident('i2', ['c'], { total: 1 })), [1, 2 / 3, 4 / 5]],
  ['an incident with no figure links nothing', gold(['a', 'b']), exportOf(incident('i1', ['a', 'b'])), [1, 1 / 2, 2 / 3]],
  ['an injured figure is enough to link', gold(['a', 'b']), exportOf(incident('i1', ['a', 'b'], {}, { total: 2 })), [1, 1, 1]],
  // clusters are per report, not transitive: a {a,b}, b {a,b,c}, c {b,c} → R (2/3 + 1 + 2/3)/3 = 7/9, F1 7/8
  ['overlapping incidents', gold(['a', 'b', 'c']), exportOf(incident('i1', ['a', 'b'], { total: 1 }), incident('i2', ['b', 'c'], { total: 1 })), [1, 7 / 9, 7 / 8]],
  // b is filed under both: its gold cluster is {a,b,c}; R (1/2 + 1/3 + 1/2)/3 = 4/9
  ['a report under two gold incidents', gold(['a', 'b'], ['b', 'c']), exportOf(), [1, 4 / 9, 8 / 13]],
  ['documents outside the gold are left out', gold(['a']), exportOf(incident('i1', ['a', 'x'], { total: 1 })), [1, 1, 1]],
];

const close = (a: number | null, b: number) => a !== null && Math.abs(a - b) < 1e-12;

for (const [label, g, system, [p, r, f]] of BCUBED) {
  test(`B-cubed: ${label}`, () => {
    const { bcubed } = scoreLinking(g, system);
    assert.ok(close(bcubed.precision, p) && close(bcubed.recall, r) && close(bcubed.f1, f), `got ${JSON.stringify(bcubed)}, want ${[p, r, f]}`);
  });
}

test('B-cubed: no reports gives nulls', () => {
  assert.deepEqual(scoreLinking([], exportOf()).bcubed, { precision: null, recall: null, f1: null });
});

test('fully linked: multi-report incidents all cited by one incident with a figure', () => {
  const g = gold(['a', 'b'], ['c', 'd'], ['e'], ['f', 'g']);
  const system = exportOf(
    incident('i1', ['a', 'b', 'x'], { total: 1 }), // covers G1 (extra documents allowed)
    incident('i2', ['c'], { total: 1 }),
    incident('i3', ['d'], { total: 1 }),
    incident('i4', ['f', 'g']), // no figure: not a link
  );
  const score = scoreLinking(g, system);
  assert.deepEqual(score.fullyLinked, { n: 1, of: 3, rate: 1 / 3 });
  assert.deepEqual(score.unlinked, [
    { goldId: 'G2', reports: [{ id: 'c', incidents: ['i2'] }, { id: 'd', incidents: ['i3'] }] },
    { goldId: 'G4', reports: [{ id: 'f', incidents: [] }, { id: 'g', incidents: [] }] },
  ]);
});

test('incident figures: the system incident citing most reports, ties to the tighter incident', () => {
  const g = gold([['a', 'b'], 2, 1], [['c', 'd'], 0, 1], [['e', 'f'], 0, 1], [['h', 'i'], 1, 0], [['j'], 1, 0]);
  const system = exportOf(
    incident('i1', ['a'], { total: 2 }, { total: 1 }), // right figures but covers 1 of 2
    incident('i2', ['a', 'b'], { total: 1 }, { total: 1 }), // covers 2: chosen, killed wrong
    incident('i4', ['d', 'x', 'y'], { total: 5 }), // covers 1 with 2 others
    incident('i3', ['c'], {}, { total: 1 }), // covers 1 with none: chosen, unstated killed counts 0
    incident('i5', ['e', 'f'], {}, { total: 1 }),
    incident('i6', ['j'], { total: 9 }), // single-report gold incidents are not scored here
  );
  const score = scoreIncidentFigures(g, system);
  assert.deepEqual(score.both, { n: 2, of: 4, rate: 2 / 4 });
  assert.deepEqual(
    score.misses.map((m) => [m.goldId, m.systemId, `${m.covers.n}/${m.covers.of}`, m.system.killed?.value ?? null, m.system.injured?.value ?? null]),
    [
      ['G1', 'i2', '2/2', 1, 1],
      ['G4', null, '0/2', null, null],
    ],
  );
});

test('scoreReportedIncidents: per-report counts take each report’s incident figures', () => {
  const g = gold([['a', 'b'], 1, 2], [['c'], 0, 1]);
  const system = exportOf(incident('i1', ['a', 'b'], { total: 1 }, { total: 2 }), incident('i2', ['c'], { total: 1 }, { total: 1 }));
  const summary = reportedIncidentsSummary(scoreReportedIncidents(g, system));
  assert.deepEqual(summary, {
    'reports.killed_exact': 2 / 3,
    'reports.injured_exact': 1,
    'reports.both_exact': 2 / 3,
    'linking.bcubed_precision': 1,
    'linking.bcubed_recall': 1,
    'linking.bcubed_f1': 1,
    'linking.fully_linked': 1,
    'incidents.both_exact': 1,
  });
});
