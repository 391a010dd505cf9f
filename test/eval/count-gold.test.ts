/**
 * Reading the count gold tables: per-article counts and incidents with their reports, every bad
 * value named by line and column, and per-report gold figures taken from the reports' incidents.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { CountGoldError, parseCountsCsv, parseIncidentsCsv, reportCounts } from '../../src/eval/count-gold.ts';

test('parseCountsCsv: rows with extra columns and a quoted newline', () => {
  const text = 'id,killed,injured,incident_date,state,city\na1,1,0,2016-02-22,Unclear,Antioch\na2,2,3,2016-02-23,CO,"headline text\nBAILEY"\na3,0,0,,,\n';
  assert.deepEqual(parseCountsCsv(text, 'c.csv'), [
    { id: 'a1', killed: 1, injured: 0 },
    { id: 'a2', killed: 2, injured: 3 },
    { id: 'a3', killed: 0, injured: 0 },
  ]);
});

test('parseCountsCsv: every bad value in one error, by line and column', () => {
  const text = 'id,killed,injured\na1,one,0\na1,1,-2\n,0,0\n';
  assert.throws(
    () => parseCountsCsv(text, 'c.csv'),
    (e: unknown) =>
      e instanceof CountGoldError &&
      e.problems.map((p) => `${p.path}: ${p.message}`).join('\n') ===
        [
          'line 2, killed: expected a whole number ≥ 0, got "one"',
          'line 3, id: id a1 appears twice',
          'line 3, injured: expected a whole number ≥ 0, got "-2"',
          'line 4, id: expected an id, got an empty field',
        ].join('\n'),
  );
});

const INCIDENTS = [
  'incident_id,date,state,city_or_county,killed,injured,documents',
  '10,2016-05-12,Tennessee,Memphis,0,1,r1 r2',
  '11,2016-05-13,Tennessee,Memphis,0,1,r2 r3',
  '12,2016-05-14,Ohio,Akron,2,0,r4',
  '',
].join('\n');

test('parseIncidentsCsv: documents split on spaces', () => {
  assert.deepEqual(parseIncidentsCsv(INCIDENTS, 'i.csv'), [
    { id: '10', date: '2016-05-12', killed: 0, injured: 1, documents: ['r1', 'r2'] },
    { id: '11', date: '2016-05-13', killed: 0, injured: 1, documents: ['r2', 'r3'] },
    { id: '12', date: '2016-05-14', killed: 2, injured: 0, documents: ['r4'] },
  ]);
});

test('parseIncidentsCsv: a bad date and an empty report list are named', () => {
  const text = 'incident_id,date,killed,injured,documents\n10,2016-02-30,0,1,r1\n11,2016-02-01,0,1, \n';
  assert.throws(() => parseIncidentsCsv(text, 'i.csv'), /line 2, date: expected a date YYYY-MM-DD, got "2016-02-30"[\s\S]*line 3, documents: expected at least one report id/);
});

test('reportCounts: each report carries its incident; a report under two incidents takes the first', () => {
  assert.deepEqual(reportCounts(parseIncidentsCsv(INCIDENTS, 'i.csv')), [
    { id: 'r1', killed: 0, injured: 1, incident: '10' },
    { id: 'r2', killed: 0, injured: 1, incident: '10' },
    { id: 'r3', killed: 0, injured: 1, incident: '11' },
    { id: 'r4', killed: 2, injured: 0, incident: '12' },
  ]);
});
