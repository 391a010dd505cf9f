/** Names shown for actor ids (dashboard, facets, the CSV's source column): the lexicon's, a country's officials and media, and the words of other ids. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { actorName } from '../../src/pipeline/extract/lexicons/actor-names.ts';
import { CLAIMANTS, PERPETRATORS } from '../../src/pipeline/extract/lexicons/actors.ts';

test('every lexicon id has a name of its own, not the id itself', () => {
  for (const e of [...PERPETRATORS, ...CLAIMANTS]) {
    assert.equal(actorName(e.id), e.name);
    assert.notEqual(e.name, e.id, e.id);
  }
});

const cases: [string, string][] = [
  ['sohr', 'Syrian Observatory for Human Rights'],
  ['officials-jordan', 'Officials (Jordan)'],
  ['iran-state-media', 'Iranian state media'],
  ['jordan', 'Jordan'],
  ['interfax-news-agency', 'Interfax News Agency'],
  ['irgc', 'IRGC'],
  ['dana-lee', 'Dana Lee'],
  ['shared', 'Several perpetrators'],
  ['unknown', 'Unknown'],
];
for (const [id, name] of cases) test(`${id} → ${name}`, () => assert.equal(actorName(id), name));
