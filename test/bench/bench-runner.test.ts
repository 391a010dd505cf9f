import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { BenchUsageError, collectOptions, parseRunnerArgs } from '../../bench/run.ts';
import { BenchOptionError, integerOption, type Suite, type SuiteOutcome } from '../../bench/suite.ts';
import { describeRatio, speedRatio } from '../../bench/measure.ts';
import { formatTable } from '../../bench/format-table.ts';

const fake = (name: string, options: Suite['options']): Suite => ({
  name,
  description: `${name} suite`,
  options,
  run: async (): Promise<SuiteOutcome> => ({ parameters: {}, summary: [], table: { columns: [], rows: [] }, results: {}, notes: [] }),
});
const a = fake('alpha', [{ name: 'articles', valueName: 'n', description: 'how many', defaultValue: '10' }]);
const b = fake('beta', [
  { name: 'articles', valueName: 'n', description: 'how many', defaultValue: '10' },
  { name: 'mentions', valueName: 'n', description: 'how many mentions', defaultValue: '1000' },
]);

describe('parseRunnerArgs', () => {
  const rows: { name: string; argv: string[]; suites: string[]; options: Record<string, string> }[] = [
    { name: 'no suite named: all, defaults', argv: [], suites: ['alpha', 'beta'], options: { articles: '10', mentions: '1000' } },
    { name: 'one suite and an option', argv: ['beta', '--articles', '500'], suites: ['beta'], options: { articles: '500', mentions: '1000' } },
    { name: 'option before the suite, = form', argv: ['--mentions=7', 'alpha'], suites: ['alpha'], options: { articles: '10', mentions: '7' } },
  ];
  for (const r of rows) {
    test(r.name, () => {
      const got = parseRunnerArgs(r.argv, [a, b]);
      assert.deepEqual(got.suites.map((s) => s.name), r.suites);
      assert.deepEqual(Object.fromEntries(got.options), r.options);
    });
  }

  test('an unknown suite is named with the available ones', () => {
    assert.throws(() => parseRunnerArgs(['gamma'], [a, b]), (e: unknown) => e instanceof BenchUsageError && /"gamma"/.test(e.message) && /alpha, beta/.test(e.message));
  });

  test('an unknown option is refused with the usage', () => {
    assert.throws(() => parseRunnerArgs(['--artcles', '5'], [a, b]), (e: unknown) => e instanceof BenchUsageError && /artcles/.test(e.message) && /--mentions <n>/.test(e.message));
  });
});

describe('collectOptions', () => {
  test('one option declared by two suites with different defaults is refused', () => {
    const c = fake('gamma', [{ name: 'articles', valueName: 'n', description: 'how many', defaultValue: '99' }]);
    assert.throws(() => collectOptions([a, c]), (e: unknown) => e instanceof BenchUsageError && /--articles/.test(e.message) && /alpha/.test(e.message) && /gamma/.test(e.message));
  });
});

describe('integerOption', () => {
  const rows: [string, number | null][] = [
    ['10000', 10000],
    ['10_000', 10000],
    [' 7 ', 7],
    ['0', null],
    ['-3', null],
    ['1e4', null],
    ['ten', null],
    ['2.5', null],
  ];
  for (const [raw, expected] of rows) {
    test(`"${raw}" → ${expected ?? 'error'}`, () => {
      const options = new Map([['articles', raw]]);
      if (expected === null) {
        assert.throws(() => integerOption(options, 'articles', 1), (e: unknown) => e instanceof BenchOptionError && e.message.includes('--articles') && e.message.includes(`"${raw}"`));
      } else assert.equal(integerOption(options, 'articles', 1), expected);
    });
  }
});

describe('describeRatio', () => {
  const rows: [bigint, bigint, string][] = [
    [1000n, 250n, '4.00× faster than pipeline'],
    [1000n, 1000n, 'same speed as pipeline'],
    [1000n, 4000n, '4.00× slower than pipeline'],
    [100_000n, 40n, '2500× faster than pipeline'],
    [1000n, 0n, 'not measurable'],
  ];
  for (const [base, ns, expected] of rows) test(`${base} ns vs ${ns} ns`, () => assert.equal(describeRatio(speedRatio(base, ns), 'pipeline'), expected));
});

describe('formatTable', () => {
  test('aligns columns; figures right, text left', () => {
    const text = formatTable({ columns: ['pass', 'time', 'note'], rows: [['pipeline', '12.3 s', 'x'], ['regex', '0.05 s', 'much faster']] });
    assert.equal(text, ['pass        time  note', '--------  ------  -----------', 'pipeline  12.3 s  x', 'regex     0.05 s  much faster'].join('\n'));
  });
});
