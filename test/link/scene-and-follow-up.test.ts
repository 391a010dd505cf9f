/**
 * Reports of one shooting tied by the scene they name and by the people a follow-up names
 * (decision 0022): a shared street or venue links two reports of the same days even when one names
 * no town; within a month it links a follow-up in the same town; a county the gazetteer lacks
 * stands for the town; a suspect named by what was done ("Marcus Webb was charged") ties a trial
 * report to its event. And what keeps two events apart: a street shared by two towns, the same
 * street months later, other people named on both sides. Every article here was written for this
 * test; the towns are real US cities of the embedded gazetteer, the outlets, people, streets and
 * events are invented.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Article, Mention } from '../../src/domain/types.ts';
import { extractDocument } from '../../src/pipeline/extract/extract-document.ts';
import { judgeLink, linkMentions } from '../../src/pipeline/link/link-mentions.ts';
import { SITE_RULES, streetKey, venueKey } from '../../src/pipeline/extract/passes/scene-sites.ts';
import { embeddedDefault } from '../../src/services/gazetteer-service.ts';

function article(id: string, published: string, text: string): Article {
  return { id, published, text, title: null, url: null, outlet: 'Invented Ledger', language: 'en' };
}

function mentionsOf(articles: readonly Article[]): Mention[] {
  const { resolver } = embeddedDefault();
  return articles.flatMap((a) => extractDocument(a, resolver).mentions);
}

/** The documents of each incident, sorted, the incidents sorted: a linking outcome to compare. */
function linked(articles: readonly Article[]): string[][] {
  const mentions = mentionsOf(articles);
  const docs = new Map(articles.map((a) => [a.id, { outlet: a.outlet, published: a.published }]));
  return linkMentions(mentions, docs)
    .incidents.map((i) => [...i.documents].sort())
    .sort((a, b) => a.join().localeCompare(b.join()));
}

function incidentMention(a: Article): Mention {
  const m = mentionsOf([a]).find((x) => x.kind === 'incident');
  assert.ok(m, `${a.id} yields an incident`);
  return m;
}

describe('the scene a report names', () => {
  test('spellings of one street share a key; a numbered road, a possessive and a function word are no name', () => {
    assert.equal(streetKey('3rd', 'St.'), '3rd street');
    assert.equal(streetKey('Larkspur', 'Ave.'), 'larkspur avenue');
    assert.equal(streetKey('Larkspur', 'Avenue'), 'larkspur avenue');
    assert.equal(streetKey("Dana's Larkspur", 'Avenue'), 'larkspur avenue');
    assert.equal(streetKey('County', 'Road'), null);
    assert.equal(streetKey('The', 'Street'), null);
    assert.equal(venueKey('the Blue Heron', 'Tavern'), 'blue heron tavern');
  });

  test('streets, venues and counties go on the mention; a hospital is no venue', () => {
    const m = incidentMention(
      article('scene', '2016-05-07', 'AKRON, Ohio — Two men were shot outside the Blue Heron Tavern on W. 3rd St. early Friday, police said. Larkin County deputies helped. Both were taken to Mercy General Hospital.'),
    );
    assert.deepEqual((m.sites ?? []).map((s) => `${s.value}|${s.prov.rule}`), ['blue heron tavern|scene.venue', '3rd street|scene.street']);
    assert.deepEqual((m.counties ?? []).map((s) => s.value), ['larkin']);
  });

  test('every rule carries an invented example that the rule itself reads', () => {
    for (const rule of SITE_RULES) {
      const m = incidentMention(article(`rule-${rule.id}`, '2016-05-07', `AKRON, Ohio — ${rule.example} Police said one person was shot.`));
      const found = [...(m.sites ?? []), ...(m.counties ?? [])].map((s) => s.prov.rule);
      assert.ok(found.includes(rule.id), `${rule.id}: ${JSON.stringify(found)}`);
    }
  });
});

describe('a shared street links reports of one shooting', () => {
  const first = article('a-street', '2016-05-07', 'AKRON, Ohio — Two men were shot in the 1200 block of Larkspur Avenue early Friday, police said. Both were taken to a hospital.');
  const noTown = article('b-no-town', '2016-05-08', 'Two men who were shot on Larkspur Ave. remain in the hospital, police said. No arrests have been made.');

  test('a report that names no town joins the shooting on its street', () => {
    assert.deepEqual(linked([first, noTown]), [['a-street', 'b-no-town']]);
    const j = judgeLink(incidentMention(first), incidentMention(noTown));
    assert.ok(j.joins && j.evidence.reasons.includes('same site (larkspur avenue)'), JSON.stringify(j));
  });

  test('the same street name in another town the same day is another shooting', () => {
    const dayton = article('c-dayton', '2016-05-07', 'DAYTON, Ohio — Two men were shot in the 400 block of Larkspur Avenue early Friday, police said.');
    assert.deepEqual(linked([first, dayton]), [['a-street'], ['c-dayton']]);
  });

  test('a named venue links like a street', () => {
    const a = article('a-venue', '2016-05-07', 'AKRON, Ohio — A man was shot and killed outside the Blue Heron Tavern early Friday, police said.');
    const b = article('b-venue', '2016-05-08', 'Detectives are looking for the gunman who killed a man outside the Blue Heron Tavern, police said.');
    assert.deepEqual(linked([a, b]), [['a-venue', 'b-venue']]);
  });
});

describe('a follow-up on the street of the shooting', () => {
  const shooting = article('a-shooting', '2016-05-07', 'AKRON, Ohio — A man was shot and killed in the 1200 block of Larkspur Avenue early Friday, police said.');
  const charged = article('b-charged', '2016-05-26', 'AKRON, Ohio — A 30-year-old man was charged with murder on Wednesday in the shooting that killed a man on Larkspur Avenue this month, police said.');
  const months = article('c-months-later', '2016-09-10', 'AKRON, Ohio — A man was shot and killed in the 1300 block of Larkspur Avenue early Friday, police said.');

  test('within a month, in the same town: one incident', () => {
    assert.deepEqual(linked([shooting, charged]), [['a-shooting', 'b-charged']]);
  });

  test('the same street months later is another shooting', () => {
    assert.deepEqual(linked([shooting, months]), [['a-shooting'], ['c-months-later']]);
  });
});

describe('a county the gazetteer lacks stands for the town', () => {
  test('two reports of one day naming one county and one toll: one incident', () => {
    const a = article('a-county', '2016-05-07', 'A 17-year-old was shot and killed Friday in Larkin County, deputies said.');
    const b = article('b-county', '2016-05-07', 'Larkin County deputies said a teenager was fatally shot at a home on Friday.');
    assert.deepEqual(linked([a, b]), [['a-county', 'b-county']]);
    const j = judgeLink(incidentMention(a), incidentMention(b));
    assert.ok(j.joins && j.evidence.reasons.includes('same county (larkin)'), JSON.stringify(j));
  });

  test('two shootings of one day in one county, with other tolls and no town: two incidents', () => {
    const a = article('a-county-killed', '2016-05-07', 'A 17-year-old was shot and killed Friday in Larkin County, deputies said.');
    const b = article('b-county-wounded', '2016-05-07', 'Two men were wounded in a shooting Friday in Larkin County, deputies said.');
    assert.deepEqual(linked([a, b]), [['a-county-killed'], ['b-county-wounded']]);
  });
});

describe('people named by what was done to them or what they did', () => {
  test('a suspect charged, then on trial months later: one incident; another name in another town stays apart', () => {
    const a = article('a-killing', '2016-05-07', 'AKRON, Ohio — A man was shot and killed outside a bar early Friday. Marcus Webb was charged with murder on Saturday, police said.');
    const b = article('b-trial', '2016-11-15', 'Jurors heard opening statements on Monday in the trial of Marcus Webb, who is accused of killing a man outside a bar in May.');
    const c = article('c-other', '2016-11-12', 'DAYTON, Ohio — A man was shot and killed on a porch on Friday. Police said Tariq Osei was arrested at the scene.');
    assert.deepEqual(linked([a, b, c]), [['a-killing', 'b-trial'], ['c-other']]);
  });

  test('two shootings of one town and day, each naming its own victim, stay apart', () => {
    const a = article('a-lee', '2016-05-07', 'AKRON, Ohio — Dana Lee, 24, was shot and wounded early Friday, police said.');
    const b = article('b-hill', '2016-05-07', 'AKRON, Ohio — Marcus Hill, 31, was shot and wounded Friday night, police said.');
    const j = judgeLink(incidentMention(a), incidentMention(b));
    assert.ok(!j.joins && j.reasons.includes('different people named'), JSON.stringify(j));
    assert.deepEqual(linked([a, b]), [['a-lee'], ['b-hill']]);
  });
});

describe('the wounded of an incident are not the dead counted again', () => {
  function figuresOf(articles: readonly Article[]): { killed?: number; injured?: number }[] {
    const docs = new Map(articles.map((a) => [a.id, { outlet: a.outlet, published: a.published }]));
    return linkMentions(mentionsOf(articles), docs).incidents.map((i) => ({ killed: i.killed.total?.best, injured: i.injured.total?.best }));
  }
  const deadOnly = article('a-dead', '2016-05-07', 'AKRON, Ohio — A man was shot and killed on Larkspur Avenue early Friday, police said.');
  const oneWounded = article('b-one-wounded', '2016-05-07', 'AKRON, Ohio — A man was killed on Larkspur Avenue on Friday. One person was wounded, police said.');

  test('one wounded, no more than the toll, from no more reports than tell the toll alone: left out', () => {
    assert.deepEqual(figuresOf([deadOnly, oneWounded]), [{ killed: 1, injured: undefined }]);
  });

  test('more wounded than dead, or wounded most reports give, stay', () => {
    const twoWounded = article('c-two-wounded', '2016-05-07', 'AKRON, Ohio — A man was killed on Larkspur Avenue on Friday. Two other people were wounded, police said.');
    assert.deepEqual(figuresOf([deadOnly, twoWounded]), [{ killed: 1, injured: 2 }]);
    const again = article('d-one-wounded-again', '2016-05-08', 'A man was killed and one person was wounded in a shooting on Larkspur Avenue, police said.');
    assert.deepEqual(figuresOf([deadOnly, oneWounded, again]), [{ killed: 1, injured: 1 }]);
  });
});

describe('the same person or two sites outweigh towns that differ, on the same days only', () => {
  const akron = article('a-akron', '2016-05-07', 'AKRON, Ohio — Dana Lee, 24, was shot and killed outside a bar early Friday, police said.');
  const canton = article('b-canton', '2016-05-08', 'CANTON, Ohio — Dana Lee, 24, died after being shot outside a bar early Friday, police said.');

  test('one victim named by outlets that place the shooting in two towns: one incident', () => {
    assert.deepEqual(linked([akron, canton]), [['a-akron', 'b-canton']]);
  });

  test('a street and its cross street named in two towns the same day: one incident', () => {
    const a = article('a-corner', '2016-05-07', 'AKRON, Ohio — Two men were shot near Larkspur Avenue and Birchwood Drive early Friday, police said.');
    const b = article('b-corner', '2016-05-07', 'CANTON, Ohio — Two men were wounded near Larkspur Avenue and Birchwood Drive early Friday, police said.');
    assert.deepEqual(linked([a, b]), [['a-corner', 'b-corner']]);
  });

  test('one shared street in two towns, or the same name in another town months later, stays apart', () => {
    const a = article('a-one-street', '2016-05-07', 'AKRON, Ohio — Two men were shot on Larkspur Avenue early Friday, police said.');
    const b = article('b-one-street', '2016-05-07', 'CANTON, Ohio — Two men were wounded on Larkspur Avenue early Friday, police said.');
    assert.deepEqual(linked([a, b]), [['a-one-street'], ['b-one-street']]);
    const later = article('c-later', '2016-09-10', 'CANTON, Ohio — Dana Lee, 24, was shot and wounded on Friday night, police said.');
    assert.deepEqual(linked([akron, later]), [['a-akron'], ['c-later']]);
  });
});
