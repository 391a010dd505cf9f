import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { normalizeText } from '../../src/pipeline/normalize/normalize-text.ts';

describe('normalizeText', () => {
  const rows: [string, string, string][] = [
    ['curly single quotes and low quote', '\u2018Assad\u2019s forces\u201A \u201Bx', "'Assad's forces' 'x"],
    ['curly double quotes and low quote', '\u201CWe will respond,\u201D he said \u201Enow\u201F', '"We will respond," he said "now"'],
    ['guillemets', '\u00AB Nous allons riposter \u00BB \u2039a\u203A', '" Nous allons riposter " \'a\''],
    ['primes and an acute accent used as apostrophe', '5\u2032 10\u2033 Assad\u00B4s', '5\' 10" Assad\'s'],
    ['dashes and minus signs', 'ERBIL \u2013 Idlib\u2014Aleppo \u2212 3 \u2010 \u2011 \u2012 \u2015 \uFE58 \uFE63 \uFF0D', 'ERBIL - Idlib-Aleppo - 3 - - - - - - -'],
    ['Unicode spaces', 'at\u00A0least\u2009six\u202Fcivilians\u3000in\u2002Idlib\u205Fx\u1680y', 'at least six civilians in Idlib x y'],
    ['zero-width characters and soft hyphen become spaces', 'Sara\u200Bqib\u200C\u200D\u2060\uFEFFbom\u00ADbing', 'Sara qib    bom bing'],
    ['line and paragraph separators become line feeds', 'one\u2028two\u2029three\u0085four', 'one\ntwo\nthree\nfour'],
    ['Arabic punctuation', 'دمشق\u060C حلب\u061B لماذا\u061F ٥\u066A ٣\u066B٥ ١\u066C٠٠٠', 'دمشق, حلب; لماذا? 5% 3.5 1,000'],
    ['Arabic-Indic and Persian digits', '٠١٢٣٤٥٦٧٨٩ ۰۱۲۳۴۵۶۷۸۹', '0123456789 0123456789'],
    ['full-width ASCII', '\uFF11\uFF12 \uFF21\uFF42\uFF01', '12 Ab!'],
    ['ellipsis stays one character', 'The toll rose\u2026 again', 'The toll rose\u2026 again'],
    ['NFKC expansions are left alone', 'ﬁre ½ ™ ‥ ㎞ ‴', 'ﬁre ½ ™ ‥ ㎞ ‴'],
    ['accents and combining marks are left alone', 'Ma\u02BFarrat Hama\u0301 Sarāqib', 'Ma\u02BFarrat Hama\u0301 Sarāqib'],
    ['astral characters are left alone', '\u{1D400}\u{1F600}', '\u{1D400}\u{1F600}'],
  ];
  for (const [name, input, expected] of rows) {
    test(name, () => {
      const out = normalizeText(input);
      assert.equal(out, expected);
      assert.equal(out.length, input.length);
    });
  }

  test('preserves length for every BMP code unit, mapping each to one unit', () => {
    const units: string[] = [];
    for (let c = 0; c < 0x10000; c++) units.push(String.fromCharCode(c));
    const all = units.join('');
    const out = normalizeText(all);
    assert.equal(out.length, all.length);
    // Nothing below U+0085 changes: ASCII text is returned as is.
    assert.equal(out.slice(0, 0x85), all.slice(0, 0x85));
  });

  test('offsets found in the normalised text quote the original', () => {
    const original = 'The \u201CSyrian Observatory\u201D said\u00A0seven\u2014including two children\u2014died.';
    const norm = normalizeText(original);
    const start = norm.indexOf('seven-including');
    assert.ok(start > 0);
    assert.equal(original.slice(start, start + 'seven-including'.length), 'seven\u2014including');
  });

  test('text with nothing to fold is returned unchanged', () => {
    const text = 'Eight civilians were killed on Wednesday, the monitor said.';
    assert.equal(normalizeText(text), text);
  });
});
