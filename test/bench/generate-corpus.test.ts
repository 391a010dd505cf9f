import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { embeddedGazetteer } from '../../src/pipeline/geocode/embedded-gazetteer.ts';
import { Gazetteer } from '../../src/pipeline/geocode/gazetteer.ts';
import { PlaceResolver } from '../../src/pipeline/geocode/place-resolver.ts';
import { TEMPLATES } from '../../bench/corpus-templates.ts';
import {
  MAX_WORDS,
  MIN_WORDS,
  corpusPlaces,
  countWords,
  generateCorpus,
  mulberry32,
  newsSpelling,
  CorpusGenerationError,
} from '../../bench/generate-corpus.ts';

const entries = embeddedGazetteer();
const places = corpusPlaces(entries);
const corpus = generateCorpus({ articles: 800, seed: 42, places });

describe('mulberry32', () => {
  test('matches the reference sequence for seed 1', () => {
    const next = mulberry32(1);
    assert.deepEqual([next(), next(), next()], [0.6270739405881613, 0.002735721180215478, 0.5274470399599522]);
  });
});

describe('newsSpelling: GeoNames ASCII names as reports write them', () => {
  const rows: [string, string][] = [
    ['Ma`arrat an Nu`man', 'Maarrat al-Numan'],
    ['Al Atarib', 'Al-Atarib'],
    ['Jisr ash Shughur', 'Jisr al-Shughur'],
    ["Ra's al `Ayn", 'Ras al-Ayn'],
    ['Saraqib', 'Saraqib'],
    ['Kafr Takharim', 'Kafr Takharim'],
    ['Deir ez-Zor', 'Deir ez-Zor'],
  ];
  for (const [ascii, expected] of rows) test(`${ascii} → ${expected}`, () => assert.equal(newsSpelling(ascii), expected));
});

describe('corpusPlaces', () => {
  test('Syrian towns with a governorate, no governorate capitals, each a gazetteer entry in SY', () => {
    const byId = new Map(entries.map((e) => [e.id, e]));
    assert.ok(places.length > 200, `only ${places.length} places`);
    for (const p of places) {
      const e = byId.get(p.gazetteerId);
      assert.ok(e, `${p.gazetteerId} not in the gazetteer`);
      assert.equal(e.countryCode, 'SY');
      assert.equal(e.featureClass, 'P');
      assert.ok(e.featureCode !== 'PPLA' && e.featureCode !== 'PPLC', `${p.name} is a governorate capital`);
      assert.equal(p.governorate, e.admin1Name);
    }
  });
});

describe('generateCorpus', () => {
  test('the same seed gives the same articles', () => {
    assert.deepEqual(generateCorpus({ articles: 60, seed: 42, places }), corpus.slice(0, 60));
  });

  test('a smaller corpus is a prefix of a larger one with the same seed', () => {
    assert.deepEqual(
      generateCorpus({ articles: 10, seed: 42, places }).map((a) => a.article),
      corpus.slice(0, 10).map((a) => a.article),
    );
  });

  test('another seed gives other articles', () => {
    const other = generateCorpus({ articles: 60, seed: 43, places });
    const same = other.filter((a, i) => a.article.text === corpus[i].article.text).length;
    assert.equal(same, 0);
  });

  test('ids are unique and name the seed', () => {
    const ids = corpus.map((a) => a.article.id);
    assert.equal(new Set(ids).size, ids.length);
    assert.equal(ids[7], 'syn-42-000007');
  });

  test(`every article has ${MIN_WORDS}–${MAX_WORDS} words, counted as recorded`, () => {
    for (const a of corpus) {
      assert.equal(countWords(a.article.text), a.words, a.article.id);
      assert.ok(a.words >= MIN_WORDS && a.words <= MAX_WORDS, `${a.article.id}: ${a.words} words`);
    }
  });

  test('articles carry an outlet, a publication day in 2015–2021, a title, a URL and the language', () => {
    for (const { article } of corpus) {
      assert.match(article.published ?? '', /^20(?:1[5-9]|2[01])-\d\d-\d\d$/);
      assert.ok(article.outlet && article.title && article.url);
      assert.equal(article.language, 'en');
    }
  });

  test('every style is used, and every template that states figures', () => {
    const styles = new Set(corpus.map((a) => a.style));
    assert.equal(styles.size, 7);
    const used = new Set(corpus.flatMap((a) => a.statements.map((s) => s.templateId)));
    const missing = TEMPLATES.filter((t) => t.figures?.length && !used.has(t.id)).map((t) => t.id);
    assert.deepEqual(missing, []);
  });

  test('each statement is where its offsets say, and states its figures in words or digits', () => {
    for (const a of corpus) {
      assert.ok(a.statements.some((s) => s.kind === 'incident'), `${a.article.id} has no incident sentence`);
      for (const s of a.statements) {
        assert.equal(a.article.text.slice(s.start, s.end), s.sentence);
        for (const f of s.figures) {
          assert.ok(new RegExp(`(?<!\\w|\\d,)${f.text}(?!\\w|,\\d)`, 'i').test(s.sentence), `${a.article.id} ${s.templateId}: "${f.text}" not in "${s.sentence}"`);
          const written = /^\d/.test(f.text) ? Number(f.text.replace(/,/g, '')) : ['zero', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine'].indexOf(f.text.toLowerCase());
          assert.equal(written, f.value);
        }
        if (s.kind !== 'tally') {
          assert.ok(s.place && s.eventDate, `${s.templateId} has no place or date`);
          assert.ok(s.kind === 'detail' || s.sentence.includes(s.place.name), `${s.templateId}: ${s.place.name} not in "${s.sentence}"`);
        }
      }
    }
  });

  test('rejects a corpus size that is not a whole number, naming the option', () => {
    assert.throws(() => generateCorpus({ articles: 2.5, places }), (e: unknown) => e instanceof CorpusGenerationError && /articles/.test(e.message) && e.context.option === 'articles');
  });
});

/**
 * Phrasings the generator writes (as reports do) that the extractor does not read yet, with the
 * reason; their sentences are checked in a todo test so a fix shows up without editing this file.
 */
const KNOWN_EXTRACTOR_GAPS: Record<string, string> = {
  'incident.sohr-risen': 'the extractor reads "the death toll rose to N" but not "... has risen to N" (reported to the lead)',
};

describe('generator and extractor agree on casualty sentences', async () => {
  const { extractDocument } = await import('../../src/pipeline/extract/extract-document.ts');
  const resolver = new PlaceResolver(new Gazetteer(entries));
  const incidents = corpus.flatMap((a) => a.statements.filter((s) => s.kind === 'incident').map((s) => ({ a, s })));

  /** Sentences whose stated killed figure extraction does not read, each extracted alone. */
  const misses = (sample: typeof incidents): string[] => {
    const out: string[] = [];
    for (const { a, s } of sample) {
      const figure = s.figures.find((f) => f.outcome === 'killed');
      assert.ok(figure, `${s.templateId} states no killed figure`);
      const { mentions } = extractDocument({ ...a.article, id: `${a.article.id}@${s.start}`, text: s.sentence }, resolver);
      const read = mentions.flatMap((m) => Object.values(m.killed).map((c) => c?.value));
      if (!read.includes(figure.value)) out.push(`${s.templateId}: expected ${figure.value}, read [${read.join(', ')}] in "${s.sentence}"`);
    }
    return out;
  };

  test('a sample of incident sentences, each extracted alone, yields its stated killed figure', () => {
    const sample = incidents.filter((x, i) => i % 7 === 0 && !(x.s.templateId in KNOWN_EXTRACTOR_GAPS));
    assert.ok(sample.length >= 100, `sample of ${sample.length}`);
    assert.deepEqual(misses(sample), []);
  });

  for (const [templateId, reason] of Object.entries(KNOWN_EXTRACTOR_GAPS)) {
    test(`known gap: ${templateId} sentences yield their stated killed figure`, { todo: reason }, () => {
      const sample = incidents.filter((x) => x.s.templateId === templateId).slice(0, 10);
      assert.ok(sample.length > 0, `no ${templateId} sentence in the corpus`);
      assert.deepEqual(misses(sample), []);
    });
  }
});
