/** Day arithmetic shared by extraction, linking, the store and the exports. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { addDays, dayNumber, dayStartMs, daysBetween, isoDayOfNumber, monthStartDay } from '../../src/domain/days.ts';

test('day numbers count whole days from 1970-01-01 and round-trip', () => {
  assert.equal(dayNumber('1970-01-01'), 0);
  assert.equal(dayNumber('1970-01-02'), 1);
  assert.equal(isoDayOfNumber(dayNumber('2016-02-29')), '2016-02-29');
  assert.equal(dayStartMs('1970-01-03'), 2 * 86_400_000);
});

const steps: [string, number, string][] = [
  ['2019-12-31', 1, '2020-01-01'],
  ['2020-03-01', -1, '2020-02-29'],
  ['2021-03-01', -1, '2021-02-28'],
  ['2019-11-06', -7, '2019-10-30'],
];
for (const [from, n, want] of steps) {
  test(`addDays(${from}, ${n}) = ${want}`, () => {
    assert.equal(addDays(from, n), want);
    assert.equal(daysBetween(from, want), n);
  });
}

test('the first of the month of a day number', () => {
  assert.equal(isoDayOfNumber(monthStartDay(dayNumber('2019-11-17'))), '2019-11-01');
  assert.equal(isoDayOfNumber(monthStartDay(dayNumber('2020-02-01'))), '2020-02-01');
});
