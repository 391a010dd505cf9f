/**
 * Document country context: every rule of COUNTRY_RULES reads its own invented example and gives
 * its country (and admin-1 area), with the rule id in the evidence; rule ids are unique; then
 * table-driven cases of rules together (a dateline outweighs a demonym, a generic host says
 * nothing), and geoContextOf's cut-offs.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { COUNTRY_RULES, documentCountries, geoContextOf, type DocumentEvidence } from '../../src/pipeline/geocode/document-country.ts';
import { embeddedDefault } from '../../src/services/gazetteer-service.ts';

const { gazetteer } = embeddedDefault();

describe('COUNTRY_RULES', () => {
  test('rule ids are unique and every rule has an example and a positive weight', () => {
    const ids = COUNTRY_RULES.map((r) => r.id);
    assert.equal(new Set(ids).size, ids.length);
    for (const r of COUNTRY_RULES) {
      assert.ok(r.weight > 0 && r.maxHits >= 1, r.id);
      assert.ok((r.example.text ?? '').length > 10, `${r.id} has an example sentence`);
    }
  });

  for (const rule of COUNTRY_RULES) {
    test(`${rule.id}: ${rule.example.text}`, () => {
      const found = documentCountries(rule.example, gazetteer);
      const top = found.countries[0];
      assert.equal(top?.country, rule.expect.country);
      assert.ok(top.evidence.some((e) => e.rule === rule.id), `evidence of ${rule.id}: ${JSON.stringify(top.evidence)}`);
      if (rule.expect.admin1) {
        assert.equal(found.admin1[0]?.code, rule.expect.admin1);
        assert.ok(found.admin1[0].evidence.some((e) => e.rule === rule.id));
      }
    });
  }
});

describe('documentCountries', () => {
  const cases: [string, DocumentEvidence, string | null, string | null][] = [
    // [what, evidence, best country, best admin-1]
    ['a state in the dateline', { text: 'TOLEDO, Ohio — Firefighters were called to a warehouse early on Sunday.' }, 'US', 'US.OH'],
    ['a wire abbreviation with the agency', { text: 'DAYTON, Ohio (AP) — A bus slid off an icy road.' }, 'US', 'US.OH'],
    ['an abbreviation as a dateline region', { text: 'BISMARCK, N.D. (Wire) — The legislature adjourned.' }, 'US', 'US.ND'],
    ['a wire feed\'s underscore after the dateline', { text: 'BISMARCK, N.D._The legislature adjourned on Friday.' }, 'US', 'US.ND'],
    ['a country in the dateline', { text: 'ALEPPO, Syria (Reuters) - Shelling hit a market on Monday.' }, 'SY', null],
    ['the dateline outweighs a nationality', { text: 'MOOSE JAW, Sask. (Wire) — Two American tourists were hurt in a crash.' }, 'CA', 'CA.11'],
    ['admin-1 names in running text', { text: 'Troopers of the Ohio State Highway Patrol said the crash in northern Ohio closed the road.' }, 'US', 'US.OH'],
    ['a state abbreviation after a town', { text: 'The shooting happened in Springfield, Ill., on Friday.' }, 'US', 'US.IL'],
    ['a country abbreviation', { text: 'The U.K. government said the ferry would sail again.' }, 'GB', null],
    ['a country-code host', { text: 'A lorry overturned.', url: 'https://news.example.com.au/story/1' }, 'AU', null],
    ['a .gov host is the United States', { text: 'A statement was issued.', url: 'https://www.example.gov/press' }, 'US', null],
    ['a given name that is also an area counts for nothing', { text: 'LAKE CHARLES, La. — Police Chief Victoria Hale said two men were arrested.' }, 'US', 'US.LA'],
    ['an area before an institution word still counts', { text: 'Officers of the Saskatchewan Highway Patrol closed the road.' }, 'CA', 'CA.11'],
    ['a bare dateline opening the paragraph after a page headline', { text: 'Heavy rain floods roads | City News\n\nNAIROBI - Several roads were closed overnight, the council said.' }, 'KE', null],
    ['Punjab is shared by India and Pakistan until the text says which', { text: 'Floods hit Punjab. Pakistan said relief was on the way.' }, 'PK', 'PK.04'],
  ];
  for (const [what, evidence, country, admin1] of cases) {
    test(what, () => {
      const found = documentCountries(evidence, gazetteer);
      assert.equal(found.countries[0]?.country ?? null, country, JSON.stringify(found.countries.slice(0, 3)));
      if (admin1) assert.equal(found.admin1[0]?.code, admin1);
    });
  }

  const silent: [string, DocumentEvidence][] = [
    ['a bare .com host says nothing', { text: 'A car hit a pole.', url: 'https://www.example-news.com/a/b' }],
    ['a URL that is not one says nothing', { text: 'A car hit a pole.', url: 'not a url' }],
    ['capitalised common words are not places or areas', { text: 'Police said Independence Day traffic was Central to the delays.' }],
    ['no dateline without a dash', { text: 'NAIROBI is a large city.' }],
    ['a capitalised heading after a headline is not a dateline unless it is a place', { text: 'Roads reopen after storm\n\nUPDATE - Crews cleared the last of the debris.' }],
  ];
  for (const [what, evidence] of silent) {
    test(what, () => {
      assert.deepEqual(documentCountries(evidence, gazetteer).countries, []);
    });
  }

  test('an admin-1 name mentioned many times counts at most maxHits times', () => {
    const text = Array.from({ length: 8 }, () => 'Saskatchewan officials spoke.').join(' ');
    const ca = documentCountries({ text }, gazetteer).countries.find((c) => c.country === 'CA');
    assert.equal(ca?.score, 6);
  });
});

describe('geoContextOf', () => {
  test('keeps countries within half of the best, and their admin-1 areas scoring 2 or more', () => {
    const found = documentCountries({ text: 'TOLEDO, Ohio — Crews from Ohio and a team from Spain helped.', url: 'https://x.example.es/' }, gazetteer);
    const ctx = geoContextOf(found);
    assert.deepEqual(ctx.countries, ['US']);
    assert.deepEqual(ctx.admin1, ['US.OH']);
  });

  test('one nationality word sets no context', () => {
    assert.deepEqual(geoContextOf(documentCountries({ text: 'Ukrainian officials said so.' }, gazetteer)), { countries: [], admin1: [] });
  });

  test('a lower share keeps the runner-up country', () => {
    const found = documentCountries({ text: 'Officials in Mozambique said so. Mozambique again, then Malawi. Mozambique once more.' }, gazetteer);
    assert.deepEqual(geoContextOf(found).countries, ['MZ']);
    assert.deepEqual(geoContextOf(found, 0.1).countries, ['MZ', 'MW']);
  });
});
