/**
 * Transliteration keys (src/domain/name-key.ts): spellings of one Arabic place name that reports
 * and gazetteers use must share a key; different places with short keys must not match.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { foldName, isShortKey, nameForms, nameKey, sameName } from '../../src/domain/name-key.ts';

describe('sameName: spellings of the same place match', () => {
  const same: [string, string][] = [
    ['Saraqib', 'Saraqeb'],
    ['Jabbala', 'Jabala'],
    ['Jabbala', 'Jibala'],
    ['Kafranbel', 'Kafr Nabl'],
    ["Maarrat al-Nu'man", 'Maarat al-Numan'],
    ["Maarrat al-Nu'man", "Ma'arrat an-Nu'man"],
    ['Maarat al-Numan', "Ma'arrat an-Nu'man"],
    ['Maarat al-Numan', 'Ma`arrat an Nu`man'],
    ['Jisr al-Shughur', 'Jisr ash-Shughur'],
    ['Jisr al-Shughur', 'Jisr ash Shughūr'],
    ['Khan Sheikhoun', 'Khan Shaykhun'],
    ['Khan Sheikhoun', 'Khān Shaykhūn'],
    ['Deir ez-Zor', 'Deir Ezzor'],
    ['Deir ez-Zor', 'Deir al-Zour'],
    ['Qamishli', 'Qamishlo'],
    ['Qamishli', 'Al-Qamishli'],
    ['Qamishlo', 'Al-Qamishli'],
    ['al-Sahara', 'Al Sahara'],
    ['al-Sahara', 'Saharah'],
    ['Idlib', 'Idleb'],
    ['Idlib', 'Edlib'],
    ['Raqqa', 'Ar-Raqqah'],
    ['Deraa', "Dar'a"],
    ['Daraa', 'Dar‘ā'],
    ['Sweida', 'As-Suwayda'],
    ['Hama', 'Ḩamāh'],
    ['Lattakia', 'Latakia'],
    ['Tartous', 'Tartus'],
    ['Hasaka', 'Al-Hasakah'],
    ['Marshourin', 'Ma`arr Shurin'],
    ['Anqawi', '`Ankawi'],
    ['Shnan', 'Shinan'],
    ['Sfuhan', 'Safuhun'],
    ['Jableh', 'Jablah'],
    ['Ḩamāh\u200e', 'Hamah'],
  ];
  for (const [a, b] of same) {
    test(`${a} = ${b}`, () => {
      assert.equal(sameName(a, b), true, `keys ${nameKey(a)} / ${nameKey(b)}`);
      assert.equal(sameName(b, a), true);
    });
  }
});

describe('sameName: different places do not match', () => {
  const different: [string, string, string][] = [
    ['Hama', 'Homs', 'different consonants'],
    ['Hama', 'Homa', 'short key: vowels must agree'],
    ['Bab', 'Bub', 'short key: vowels must agree'],
    ['Daraa', 'Dura', 'short key: vowels must agree'],
    ['Idlib', 'Aleppo', 'different names'],
    ['Saraqib', 'Sarmin', 'different names'],
    ['', '', 'empty names never match'],
  ];
  for (const [a, b, why] of different) {
    test(`${a} ≠ ${b} (${why})`, () => {
      assert.equal(sameName(a, b), false, `keys ${nameKey(a)} / ${nameKey(b)}`);
    });
  }
});

describe('foldName', () => {
  const cases: [string, string][] = [
    ['Sarāqib', 'saraqib'],
    ['Ma`arrat an Nu`man', 'maarrat an numan'],
    ['Jisr ash-Shughūr', 'jisr ash shughur'],
    ["Dar'a", 'dara'],
    ['  Al-Bāb  ', 'al bab'],
    ['İdlip', 'idlip'],
    ['Kafr ‘Uwayd', 'kafr uwayd'],
    ['Tell Rif\u2019at', 'tell rifat'],
  ];
  for (const [input, expected] of cases) {
    test(`${input} → ${expected}`, () => assert.equal(foldName(input), expected));
  }
});

describe('nameForms', () => {
  test('bare drops only a leading article; the key drops inner articles too', () => {
    const forms = nameForms('Al-Jisr al-Shughur');
    assert.equal(forms.fold, 'al jisr al shughur');
    assert.equal(forms.bare, 'jisr al shughur');
    assert.equal(forms.vowelKey, 'jisrsugur');
    assert.equal(forms.key, 'jsrsgr');
  });
  test('a leading vowel becomes a, later vowels leave the key', () => {
    assert.equal(nameKey('Idlib'), 'adlb');
    assert.equal(nameKey('Edlib'), 'adlb');
    assert.equal(nameKey('Saraqib'), 'srkb');
  });
  test('word-final h after a vowel is dropped, a final kh is not', () => {
    assert.equal(nameForms('Raqqah').vowelKey, 'raka');
    assert.equal(nameForms('Sheikh').vowelKey, 'saik');
  });
  test('a name with no letters has an empty key', () => {
    assert.equal(nameKey(' - '), '');
  });
});

describe('isShortKey', () => {
  const cases: [string, boolean][] = [
    ['hm', true],
    ['dr', true],
    ['an', true],
    ['hms', false],
    ['srkb', false],
  ];
  for (const [key, expected] of cases) {
    test(`${key} → ${expected}`, () => assert.equal(isShortKey(key), expected));
  }
});
