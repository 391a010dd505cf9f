/**
 * Casualty figures above MAX_CASUALTY_FIGURE (src/pipeline/extract/casualties.ts, rule
 * cas.implausible-figure) are refused: no anchor, so no figure of any incident, and the document's
 * extraction carries an `implausible-figure` warning naming the document, the number as written
 * and where it is. Figures up to the ceiling are read as before.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { IMPLAUSIBLE_FIGURE_RULE, MAX_CASUALTY_FIGURE, readCasualties } from '../../src/pipeline/extract/casualties.ts';
import { extractDocument } from '../../src/pipeline/extract/extract-document.ts';
import { embeddedDefault } from '../../src/services/gazetteer-service.ts';
import type { Article } from '../../src/domain/types.ts';

const article = (id: string, text: string): Article => ({ id, text, published: '2024-03-05', url: null, outlet: null, title: null, language: 'en' });

/** Every killed and injured value of every mention of a document. */
function figures(text: string, id = 'doc-implausible'): { values: number[]; warnings: ReturnType<typeof extractDocument>['warnings'] } {
  const { mentions, warnings } = extractDocument(article(id, text), embeddedDefault().resolver);
  const values = mentions.flatMap((m) => [...Object.values(m.killed), ...Object.values(m.injured)].flatMap((c) => (c ? [c.value, c.min ?? c.value, c.max ?? c.value] : [])));
  return { values, warnings };
}

describe('cas.implausible-figure', () => {
  test('the ceiling is a million, within exact integers', () => {
    assert.equal(MAX_CASUALTY_FIGURE, 1_000_000);
    assert.ok(Number.isSafeInteger(MAX_CASUALTY_FIGURE));
  });

  test('its example yields no anchor and one refused figure by that rule', () => {
    const { anchors, refused } = readCasualties(IMPLAUSIBLE_FIGURE_RULE.example, 0);
    assert.deepEqual(anchors, []);
    const number = '99999999999999999999';
    const at = IMPLAUSIBLE_FIGURE_RULE.example.indexOf(number);
    assert.deepEqual(refused, [{ start: at, end: at + number.length, text: number, rule: IMPLAUSIBLE_FIGURE_RULE.id }]);
  });

  test('a document with the example gives no casualty figure of that size, and a warning naming the document, the number and its offsets', () => {
    const lead = 'Shelling killed four people in the village of Kafr Nabl on Sunday, a monitor said. ';
    const text = lead + IMPLAUSIBLE_FIGURE_RULE.example;
    const { values, warnings } = figures(text);
    assert.ok(values.every((v) => v <= MAX_CASUALTY_FIGURE), `figures ${values.join(', ')}`);
    assert.ok(values.includes(4), 'the plausible figure of the lead is still read');
    const implausible = warnings.filter((w) => w.code === 'implausible-figure');
    assert.equal(implausible.length, 1, JSON.stringify(warnings));
    const w = implausible[0];
    const at = text.indexOf('99999999999999999999');
    assert.equal(w.source, `doc-implausible@${at}`);
    assert.match(w.message, /^document doc-implausible: casualty figure "99999999999999999999" at offset \d+ \(sentence at offset \d+\) is above 1,000,000/);
    assert.ok(w.message.includes(`at offset ${at} (sentence at offset ${lead.length})`), w.message);
    assert.ok(w.message.includes('cas.implausible-figure'), w.message);
  });

  const rows: [string, string, number | null][] = [
    ['a million exactly is a figure', 'Officials said 1,000,000 people were killed in the famine.', 1_000_000],
    ['one more is not', 'Officials said 1,000,001 people were killed in the famine.', null],
    ['two million in words is not', 'Officials said two million people were killed in the famine.', null],
    ['a range reaching past the ceiling is not', 'Officials said between 500,000 and 2,000,000 people were killed in the famine.', null],
    ['"up to" past the ceiling is not', 'Officials said up to 3,000,000 people were killed in the famine.', null],
    ['a number too long for a double is not', `Officials said ${'9'.repeat(400)} people were killed.`, null],
  ];
  for (const [name, text, want] of rows) {
    test(name, () => {
      const { anchors, refused } = readCasualties(text, 0);
      if (want === null) {
        assert.deepEqual(anchors, []);
        assert.equal(refused.length, 1);
      } else {
        assert.deepEqual(anchors.map((a) => a.quantity.value), [want]);
        assert.deepEqual(refused, []);
      }
    });
  }

  test('a sub-count of a refused toll is not put under the toll before it', () => {
    const text = 'Three soldiers were killed in Ariha, and 5000000 people were killed, including two children.';
    const { anchors, refused } = readCasualties(text, 100);
    assert.equal(refused.length, 1);
    assert.equal(refused[0].text, '5000000');
    assert.equal(refused[0].start, 100 + text.indexOf('5000000'));
    assert.ok(anchors.every((a) => a.parent === null), JSON.stringify(anchors.map((a) => [a.rule, a.text, a.parent])));
  });

  test('a number beyond a million that is no casualty figure gives no warning', () => {
    const { warnings } = figures('Fighting in the province displaced 1,500,000 people, the UN said. The UN appealed for $4 billion in aid.');
    assert.deepEqual(warnings.filter((w) => w.code === 'implausible-figure'), []);
  });
});
