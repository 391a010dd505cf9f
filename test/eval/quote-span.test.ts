import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { locateQuote, quotesOverlap, spansOverlap } from '../../src/eval/quote-span.ts';

const TEXT = 'The monitor said “four civilians” were killed.\n\nRescuers  pulled  two children from the rubble — both survived.';

describe('locateQuote', () => {
  const cases: [string, string, string | null][] = [
    ['exact substring', 'were killed.', 'were killed.'],
    ['typographic quotes written straight', 'said "four civilians" were', 'said “four civilians” were'],
    ['whitespace runs and line breaks', 'killed. Rescuers pulled two children', 'killed.\n\nRescuers  pulled  two children'],
    ['dash variants and case', 'RUBBLE - both', 'rubble — both'],
    ['absent', 'three civilians', null],
    ['empty quote', '', null],
  ];
  for (const [name, quote, expected] of cases) {
    test(name, () => {
      const span = locateQuote(TEXT, quote);
      assert.equal(span === null ? null : TEXT.slice(span.start, span.end), expected);
    });
  }
});

describe('overlap', () => {
  test('spans overlap on a shared character only', () => {
    assert.equal(spansOverlap({ start: 0, end: 10 }, { start: 9, end: 12 }), true);
    assert.equal(spansOverlap({ start: 0, end: 10 }, { start: 10, end: 12 }), false);
  });
  test('quotes overlap when one contains the other after normalising', () => {
    assert.equal(quotesOverlap('Four  civilians were killed', 'civilians were'), true);
    assert.equal(quotesOverlap('Four civilians were killed', 'two children'), false);
  });
});
