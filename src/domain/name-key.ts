/**
 * Transliteration-tolerant keys for Arabic place names written in Latin script.
 *
 * The same place is spelt Saraqib / Saraqeb, Jabbala / Jabala, Kafranbel / Kafr Nabl,
 * Maarrat al-Nu'man / Maarat al-Numan, al-Sahara / Al Sahara. A key folds those differences:
 * diacritics, ʿayn/hamza marks and apostrophes, the article (al-/el-/ash-/as-/ad-/…), spaces and
 * hyphens, a word-final h after a vowel (Raqqa / Raqqah), the common digraphs (kh, gh, sh, th, dh,
 * dj, ou), doubled letters, the quality of a leading vowel (Idlib / Edlib) and all vowels after the
 * first letter (Latin renderings of Arabic differ mostly in vowels). Two names with equal keys are
 * candidate matches; callers rank candidates.
 *
 * A key with two consonants or fewer (Hama "hm", Daraa "dr") matches too much, so such names must
 * also agree on their vowel key, the same folding with the vowels kept ("hama", "dara"): Raqqa =
 * Raqqah and Deraa = Daraa still match, Hama and Homa do not.
 */

/** Articles that open a name ("Al-Bab", "As Safira", "Ech Cheikh" is not handled). */
const LEADING_ARTICLE = /^(?:al|el|il|as|ash|ad|adh|ar|at|ath|az|an|ed|es|er|et|ez|en) (?=\S)/;
/** Articles inside a name ("Jisr ash Shughur", "Ma`arrat an Nu`man", "Deir ez-Zor"). */
const INNER_ARTICLE = / (?:al|el|as|ash|ad|adh|ar|at|ath|az|an|ed|es|er|et|ez|en)(?= \S)/g;

/** Letters that NFKD does not decompose into a base letter plus marks. */
const LETTER_FOLDS: Record<string, string> = {
  ı: 'i', ł: 'l', ø: 'o', æ: 'ae', œ: 'oe', ß: 'ss', đ: 'd', ħ: 'h', þ: 'th', ð: 'd',
};

const ASCII_ONLY = /^[\x00-\x7f]*$/;

/** Lower-case, strip diacritics and marks; keeps letters, digits and single spaces between words. */
export function foldName(name: string): string {
  let s = name;
  if (!ASCII_ONLY.test(s)) {
    s = s
      .normalize('NFKD')
      .replace(/[\u0300-\u036f]/g, '')
      // Invisible format characters (left-to-right marks) that some sources leave inside names.
      .replace(/\p{Cf}/gu, '')
      .replace(/[ʿʾʼʻʹˈ’‘´′]/g, '');
  }
  return s
    .replace(/[`']/g, '')
    .toLowerCase()
    .replace(/[ıłøæœßđħþð]/g, (c) => LETTER_FOLDS[c] ?? c)
    .replace(/[^a-z0-9\u0600-\u06ff]+/g, ' ')
    .trim();
}

/** Every form of one name used for matching, computed in one pass. */
export interface NameForms {
  /** foldName(name). */
  fold: string;
  /** The fold without a leading article: "al sahara" and "sahara" are the same written name. */
  bare: string;
  /** The transliteration folding with vowels kept ("Saraqib" → "sarakib"). */
  vowelKey: string;
  /** The loose key: vowelKey without vowels after the first letter ("Saraqib" → "srkb"). */
  key: string;
}

/** Digraphs that render one Arabic letter (and c/ck/q for k), replaced left to right inside each word. */
const DIGRAPHS: Record<string, string> = {
  kh: 'k', gh: 'g', sh: 's', th: 't', dh: 'd', dj: 'j', ou: 'u', oo: 'u', ee: 'i', ck: 'k', q: 'k', c: 'k',
};
const DIGRAPH = /kh|gh|sh|th|dh|dj|ou|oo|ee|ck|q|c/g;
/** Letters after the first that only colour vowels: w and y as u and i, e as a, o as u. */
const VOWEL_LETTERS: Record<string, string> = { w: 'u', y: 'i', e: 'a', o: 'u' };

/**
 * All matching forms of a name; see the module comment. Names recur constantly (the same towns in
 * every report), so their forms are computed once and cached (the cache is bounded).
 */
const FORMS_CACHE = new Map<string, NameForms>();
const FORMS_CACHE_MAX = 200_000;

export function nameForms(name: string): NameForms {
  const hit = FORMS_CACHE.get(name);
  if (hit) return hit;
  const forms = computeNameForms(name);
  if (FORMS_CACHE.size >= FORMS_CACHE_MAX) FORMS_CACHE.clear();
  FORMS_CACHE.set(name, forms);
  return forms;
}

function computeNameForms(name: string): NameForms {
  return nameFormsOfFold(foldName(name));
}

/** nameForms for a name already passed through foldName (lets indexers skip names whose fold they have seen). */
export function nameFormsOfFold(fold: string): NameForms {
  const bare = fold.replace(LEADING_ARTICLE, '');
  const words = bare
    .replace(INNER_ARTICLE, '')
    // Word-final h after a vowel is silent (ta marbuta): Raqqah / Raqqa, Jableh / Jabla.
    .replace(/([aeiou])h(?= |$)/g, '$1')
    .split(' ')
    .map((w) => w.replace(DIGRAPH, (d) => DIGRAPHS[d]))
    .join('');
  let vowelKey = '';
  if (words.length > 0) {
    // A leading vowel is an alif or ʿayn whose vowel quality writers render freely (Idlib / Edlib).
    const first = /[aeiou]/.test(words[0]) ? 'a' : words[0];
    const rest = words.slice(1).replace(/[wyeo]/g, (c) => VOWEL_LETTERS[c]);
    vowelKey = (first + rest).replace(/(.)\1+/g, '$1');
  }
  const key = vowelKey.length > 1 ? vowelKey[0] + vowelKey.slice(1).replace(/[aeiou]/g, '') : vowelKey;
  return { fold, bare, vowelKey, key };
}

/** The loose matching key: see module comment. */
export function nameKey(name: string): string {
  return nameForms(name).key;
}

/** True when a key has two consonants or fewer, so that equal keys alone prove little. */
export function isShortKey(key: string): boolean {
  return key.replace(/[aeiou]/g, '').length <= 2;
}

/** Equal up to transliteration (short keys must also agree on their vowels). */
export function sameName(a: string, b: string): boolean {
  const fa = nameForms(a);
  const fb = nameForms(b);
  if (fa.key === '' || fa.key !== fb.key) return false;
  return !isShortKey(fa.key) || fa.vowelKey === fb.vowelKey;
}
