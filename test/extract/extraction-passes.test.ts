/**
 * The extraction passes: each reads the state before it and returns new values (checked by running
 * them over deep-frozen inputs: a pass that wrote into its input would throw in strict mode), and
 * every mention carries the rule that classified it, from the rule table.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseArticle } from '../../src/pipeline/ingest/parse-article.ts';
import { embeddedDefault } from '../../src/services/gazetteer-service.ts';
import { extractDocument } from '../../src/pipeline/extract/extract-document.ts';
import { readDocument, splitGluedTitle } from '../../src/pipeline/extract/passes/read-document.ts';
import { carryContext } from '../../src/pipeline/extract/passes/carry-context.ts';
import { placeFrames } from '../../src/pipeline/extract/passes/place-frames.ts';
import { classifyFrames, CLASSIFY_RULES, KIND_RULES } from '../../src/pipeline/extract/passes/classify-frames.ts';
import { placeInDocumentTown } from '../../src/pipeline/extract/passes/document-town.ts';
import { mergeFrames } from '../../src/pipeline/extract/passes/merge-frames.ts';
import { buildMentions } from '../../src/pipeline/extract/passes/build-mentions.ts';
import { perpsCompatible } from '../../src/pipeline/extract/passes/frame-relations.ts';
import { completeCategories, reconcileOutcomes } from '../../src/pipeline/extract/passes/reconcile-outcomes.ts';
import { segment } from '../../src/pipeline/normalize/segment.ts';
import type { Article } from '../../src/domain/types.ts';

const GOLDEN = fileURLToPath(new URL('../golden/articles.jsonl', import.meta.url));
const articles: Article[] = readFileSync(GOLDEN, 'utf8')
  .split('\n')
  .filter((l) => l.trim())
  .map((l, i) => parseArticle(JSON.parse(l), `articles.jsonl:${i + 1}`));

function deepFreeze<T>(x: T, seen = new Set<unknown>()): T {
  if (x && typeof x === 'object' && !seen.has(x)) {
    seen.add(x);
    for (const v of Object.values(x)) deepFreeze(v, seen);
    Object.freeze(x);
  }
  return x;
}

test('no pass writes into the state it was given, and the passes give what extractDocument gives', () => {
  const { resolver } = embeddedDefault();
  let mentionsSeen = 0;
  for (const article of articles) {
    const geo = resolver.documentGeo({ text: article.text, title: article.title, url: article.url });
    const local = resolver.inContext(geo.context);
    const doc = deepFreeze(readDocument(article, local, geo));
    const frames = deepFreeze(carryContext(doc, local));
    const { placed } = placeFrames(doc, frames, local);
    const classified = deepFreeze(placeInDocumentTown(doc, deepFreeze(classifyFrames(doc, deepFreeze(placed))), local));
    const groups = deepFreeze(completeCategories(reconcileOutcomes(deepFreeze(mergeFrames(doc, classified))), doc));
    const mentions = buildMentions(doc, groups);
    assert.deepEqual(mentions, extractDocument(article, resolver).mentions, article.id);
    mentionsSeen += mentions.length;
  }
  assert.ok(mentionsSeen > articles.length, `the golden articles give mentions (${mentionsSeen})`);
});

test('kind rules have unique ids and an example each; every mention names one of them', () => {
  const ids = KIND_RULES.map((r) => r.id);
  assert.equal(new Set(ids).size, ids.length, 'unique ids');
  for (const r of KIND_RULES) assert.ok(r.example.length > 20 && /[.!?]$/.test(r.example), `${r.id} has an example sentence`);
  for (const r of CLASSIFY_RULES) assert.ok(ids.includes(r.id));
  const { resolver } = embeddedDefault();
  const used = new Set<string>();
  for (const article of articles) {
    for (const m of extractDocument(article, resolver).mentions) {
      assert.ok(m.classification, `${m.id} has a classification`);
      assert.equal(m.classification.kind, m.kind);
      assert.ok(ids.includes(m.classification.rule), `${m.id}: ${m.classification.rule}`);
      used.add(m.classification.rule);
    }
  }
  assert.ok(used.has('kind.event'), 'incidents are classified by kind.event');
  assert.ok([...used].some((r) => r !== 'kind.event'), `some tally rule fires on the golden articles: ${[...used].join(', ')}`);
});

/** Killed and injured totals of each incident mention, and whether its quote holds its figures. */
function incidentsOf(text: string) {
  const article: Article = { id: 'local', text, published: '2020-05-04', url: null, outlet: null, title: null, language: null };
  return extractDocument(article, embeddedDefault().resolver)
    .mentions.filter((m) => m.kind === 'incident')
    .map((m) => {
      const figures = [...Object.values(m.killed), ...Object.values(m.injured)].map((v) => v!.prov.span);
      return {
        killed: m.killed.total?.value ?? null,
        injured: m.injured.total?.value ?? null,
        quoteHoldsFigures: figures.every((s) => s.start >= m.span.start && s.end <= m.span.end),
        quote: m.quote,
      };
    });
}

const WOUNDED_THEN_DIED: [string, number, number | null][] = [
  ['Four people were shot outside a nightclub on Saturday. One of them died at the hospital, police said.', 1, 3],
  ['Six people were shot, two of whom have died from their injuries.', 2, 4],
  ['Three people were shot, one fatally, near the park on Friday.', 1, 2],
  ['Police found a man with gunshot wounds on Oak Avenue. The victim was taken to the hospital, where he died.', 1, null],
  // Deaths told before the wounded are already apart from them.
  ['One man was killed and two others were wounded in the shooting on Friday.', 1, 2],
  ['Five people were wounded and two were killed when the gunman opened fire.', 2, 5],
  // Everyone shot includes the dead, whichever is told first; a later "the victim" is the one who died.
  ['Six people were killed on Saturday when a gunman shot eight people.', 6, 2],
  ['2 girls shot dead at a high school. Two teenagers were shot on Friday morning at the school, police said.', 2, null],
  ['A man was killed on Friday night. Police said the victim had been shot twice.', 1, null],
  ['One man was killed and two others were shot on Friday.', 1, 2],
  // The killer who turned the gun on himself was not among those he shot.
  ['A man shot four relatives, killing two, then himself, police said.', 3, 2],
  // The victims of a shooting are everyone hit.
  ['Officers found four victims suffering from gunshot wounds on Friday. Two of them died at the hospital.', 2, 2],
  // A victim counted by order, or who survived, is another person than the dead.
  ['Three people were killed on Friday. The fourth victim survived and was taken to a hospital.', 3, 1],
  // A shooter who killed himself is one more dead, not one of those he shot.
  ['A man killed himself after shooting two people at a bar on Friday.', 1, 2],
];

for (const [text, killed, injured] of WOUNDED_THEN_DIED) {
  test(`the wounded who died are counted once, as killed: ${text}`, () => {
    const incidents = incidentsOf(text);
    assert.equal(incidents.length, 1, JSON.stringify(incidents));
    assert.equal(incidents[0].killed, killed);
    assert.equal(incidents[0].injured, injured);
    assert.ok(incidents[0].quoteHoldsFigures, `quote "${incidents[0].quote}" holds every figure`);
  });
}

test('a category or sub-count stated in a sentence of its own completes the toll before it', () => {
  const article = (text: string): Article => ({ id: 'cat', text, published: '2019-11-11', url: null, outlet: null, title: null, language: null });
  const { resolver } = embeddedDefault();
  const killedOf = (text: string) => {
    const incidents = extractDocument(article(text), resolver).mentions.filter((m) => m.kind === 'incident');
    assert.equal(incidents.length, 1, text);
    return Object.fromEntries(Object.entries(incidents[0].killed).map(([k, v]) => [k, v!.value]));
  };
  assert.deepEqual(killedOf('Six people died in the raid on the village on Monday. Among them were two children and a woman.'), { total: 6, children: 2, women: 1 });
  assert.deepEqual(killedOf('Six people died in the raid on the village on Monday. All of the dead were civilians, the monitor said.'), { total: 6, civilians: 6 });
  assert.deepEqual(killedOf('Six people died in the raid on the village on Monday. Four fighters were among them.'), { total: 6, fighters: 4 });
  assert.deepEqual(killedOf('Six people died in the raid on the village on Monday. All of them were fighters, the monitor said.'), { total: 6, fighters: 6 });
});

test('a past event recalled with a year of its own is background, not a second claim of the lead', () => {
  const { resolver } = embeddedDefault();
  for (const published of ['2019-11-11', null]) {
    const text = 'A man was shot and killed on Main Street on Sunday. In 2013 a gunman killed six neighbours in the same town.';
    const incidents = extractDocument({ id: 'recap', text, published, url: null, outlet: null, title: null, language: null }, resolver).mentions.filter((m) => m.kind === 'incident');
    assert.equal(incidents.length, 1, `published ${published}`);
    assert.equal(incidents[0].killed.total?.value, 1);
    assert.deepEqual(incidents[0].statements, [], `published ${published}: no statement from the recap`);
  }
});

test('places are resolved in the document\'s country; a report with no place of its own takes its dateline city', () => {
  const { resolver } = embeddedDefault();
  const placesOf = (text: string) =>
    extractDocument({ id: 'geo', text, published: '2016-05-02', url: null, outlet: null, title: null, language: null }, resolver)
      .mentions.filter((m) => m.kind === 'incident')
      .map((m) => m.resolvedPlaces.map((p) => `${p.name}|${p.admin1}|${p.mention?.prov.rule ?? ''}`));
  // Springfield is a town in many states and countries: the dateline's state decides.
  assert.deepEqual(placesOf('SPRINGFIELD, Ill. (Wire) — Two men were wounded in a shooting in Springfield on Sunday, police said.'), [['Springfield|Illinois|place.prep-name']]);
  assert.deepEqual(placesOf('SPRINGFIELD, Mass. (Wire) — Two men were wounded in a shooting in Springfield on Sunday, police said.'), [['Springfield|Massachusetts|place.prep-name']]);
  // No place in the story: the dateline's city.
  assert.deepEqual(placesOf('SPRINGFIELD, Ill. (Wire) — A man was shot and killed outside a bar on Saturday, police said.'), [['Springfield|Illinois|place.dateline']]);
  // A dateline town the gazetteer lacks still gives its state.
  assert.deepEqual(placesOf('QUILLIAMTOWN, N.C. (Wire) — A man was shot and killed outside a bar on Saturday, deputies said.'), [['North Carolina|North Carolina|place.dateline']]);
  // A bare dateline after the page's headline, and a neighbourhood only a foreign town is named like: the dateline's city.
  assert.deepEqual(placesOf('Man killed in shooting | News 4\n\nNEW ORLEANS -- A man was shot and killed in Gentilly on Saturday, police said.'), [['New Orleans|Louisiana|place.dateline']]);
});

test('an incident naming no town takes the one town the report names elsewhere, never one of two', () => {
  const { resolver } = embeddedDefault();
  const placesOf = (text: string) =>
    extractDocument({ id: 'town', text, published: '2016-05-02', url: null, outlet: null, title: null, language: null }, resolver)
      .mentions.filter((m) => m.kind === 'incident')
      .map((m) => m.resolvedPlaces.map((p) => `${p.name}|${p.admin1}|${p.mention?.prov.rule ?? ''}`));
  // The toll's sentence names no place; the next names the town.
  assert.deepEqual(placesOf('A man was shot and killed early Sunday, police said. The shooting happened outside a bar in Pasadena, California, just after midnight.'), [['Pasadena|California|place.document-town']]);
  // Two towns named: which one the shooting was in is not known.
  assert.deepEqual(placesOf('A man was shot and killed early Sunday, police said. His family lives in Pasadena, California, and a vigil was held in Fresno, California.'), [[]]);
  // A round-up's total keeps no town.
  const roundUp = extractDocument({ id: 'town', text: 'Five people were killed in separate shootings across the city over the weekend. Police in Fresno, California, asked for witnesses.', published: '2016-05-02', url: null, outlet: null, title: null, language: null }, resolver).mentions;
  assert.ok(roundUp.every((m) => m.kind !== 'incident' || m.resolvedPlaces.every((p) => p.mention?.prov.rule !== 'place.document-town')));
});

test('a round-up of separate shootings across a city is a tally, not an incident at the city', () => {
  const { resolver } = embeddedDefault();
  const text = 'Five people were killed and at least 17 others wounded in separate shootings across Lakeville since Friday evening.';
  const mentions = extractDocument({ id: 'roundup', text, published: '2016-05-02', url: null, outlet: null, title: null, language: null }, resolver).mentions;
  assert.deepEqual(mentions.map((m) => [m.kind, m.classification?.rule]), [['tally', 'kind.round-up']]);
  for (const roundUp of [
    'Police are investigating two separate shootings that left five people wounded on Tuesday night.',
    'At least nine people were shot in three overnight shootings in Lakeville, police said.',
    'Another 12 people were wounded in other citywide shootings since Friday evening.',
  ]) {
    const kinds = extractDocument({ id: 'roundup', text: roundUp, published: '2016-05-02', url: null, outlet: null, title: null, language: null }, resolver).mentions.map((m) => [m.kind, m.classification?.rule]);
    assert.deepEqual(kinds, [['tally', 'kind.round-up']], roundUp);
  }
  // One shooting that hit several people is an incident.
  const one = extractDocument({ id: 'one', text: 'Three people were wounded in a shooting at a party in Lakeville, Ohio, on Saturday.', published: '2016-05-02', url: null, outlet: null, title: null, language: null }, resolver).mentions;
  assert.deepEqual(one.map((m) => m.kind), ['incident']);
});

test('"over the weekend" sums a weekend\'s shootings only when it counts more than one person', () => {
  const { resolver } = embeddedDefault();
  const kinds = (text: string) =>
    extractDocument({ id: 'weekend', text, published: '2016-05-02', url: null, outlet: null, title: null, language: null }, resolver).mentions.map((m) => [m.kind, m.classification?.rule]);
  assert.deepEqual(kinds('Six people were shot in Lakeville, Ohio, over the weekend, police said.'), [['tally', 'kind.round-up']]);
  assert.notDeepEqual(kinds('A man was shot and killed in Lakeville, Ohio, over the weekend, police said.')[0], ['tally', 'kind.round-up']);
  assert.equal(kinds('A man was shot and killed in Lakeville, Ohio, over the weekend, police said.')[0]?.[0], 'incident');
});

test('a page whose text begins with its own title glued to the lead reads the title as a headline apart', () => {
  const title = 'Shot twice near the river, teenager is rushed to hospital';
  const text = `${title}A 17-year-old was shot twice early Thursday in Lakeville, Ohio, police said. He is expected to recover.`;
  const segs = splitGluedTitle(segment(text), text, title);
  assert.deepEqual(segs.slice(0, 2).map((s) => [s.kind, s.text.slice(0, 20)]), [['headline', 'Shot twice near the '], ['sentence', 'A 17-year-old was sh']]);
  assert.equal(segs[1].text, text.slice(segs[1].start, segs[1].end));
  // A title followed by a break, or text that does not begin with it, is left as it is.
  assert.deepEqual(splitGluedTitle(segment(`${title}\n\nA man was shot.`), `${title}\n\nA man was shot.`, title), segment(`${title}\n\nA man was shot.`));
  assert.deepEqual(splitGluedTitle(segment(text), text, 'Another headline altogether'), segment(text));
  const mentions = extractDocument({ id: 'glued', text, published: '2016-05-02', url: null, outlet: null, title, language: null }, embeddedDefault().resolver).mentions.filter((m) => m.kind === 'incident');
  assert.deepEqual(mentions.map((m) => [m.killed.total?.value ?? null, m.injured.total?.value ?? null]), [[null, 1]]);
});

test('a figure for a day\'s strikes that names no place is a tally; one strike\'s figure is not', () => {
  const { resolver } = embeddedDefault();
  const kinds = (text: string) =>
    extractDocument({ id: 'strikes', text, published: '2023-06-26', url: null, outlet: null, title: null, language: null }, resolver).mentions.map((m) => [m.kind, m.classification?.rule]);
  assert.deepEqual(kinds("At least 30 civilians were wounded in Sunday's strikes, the monitor said."), [['tally', 'kind.plural-attacks']]);
  assert.deepEqual(kinds('Nine civilians were wounded in the raids, the monitor said.'), [['tally', 'kind.plural-attacks']]);
  assert.equal(kinds("At least 30 civilians were wounded in Sunday's strike, the monitor said.")[0]?.[0], 'incident');
  // Several strikes on one target are one event.
  assert.equal(kinds('The toll from the strikes on the embassy annex has risen to 11, the monitor said.')[0]?.[0], 'incident');
});

test('figures that split a tally told sentences before (by day) are parts of it, not incidents', () => {
  const { resolver } = embeddedDefault();
  const text =
    'At least 15 people have been killed in northwestern Syria since Thursday, rescuers said.\n\nThe shelling hit markets and schools in a dozen villages, the group said.\n\nTwo people were killed on Friday while 13 died on Thursday.';
  const mentions = extractDocument({ id: 'split', text, published: '2023-10-07', url: null, outlet: null, title: null, language: null }, resolver).mentions;
  assert.deepEqual(mentions.filter((m) => m.kind === 'incident').map((m) => m.quote), []);
  assert.ok(mentions.some((m) => m.classification?.rule === 'kind.split-of-earlier-tally'), JSON.stringify(mentions.map((m) => m.classification)));
  // Parts that do not add up to the earlier total are events of their own.
  const other = extractDocument({ id: 'split', text: text.replace('13 died', '4 died'), published: '2023-10-07', url: null, outlet: null, title: null, language: null }, resolver).mentions;
  assert.ok(other.every((m) => m.classification?.rule !== 'kind.split-of-earlier-tally'));
});

test('a document saying nobody knows who did it gives its incidents the perpetrator unknown, not the first actor it names', () => {
  const { resolver } = embeddedDefault();
  const perpsOf = (text: string) =>
    extractDocument({ id: 'unknown', text, published: '2020-05-04', url: null, outlet: null, title: null, language: null }, resolver)
      .mentions.filter((m) => m.kind === 'incident')
      .map((m) => m.perpetrators.map((p) => `${p.value} ${p.prov.rule}`));
  // Said in the next sentence of the paragraph.
  assert.deepEqual(perpsOf('A car bomb killed seven people at a market in Fresno, California, on Monday, police said. It was not immediately clear who was behind the blast.'), [['unknown perp.unknown']]);
  // Said further on, after a paragraph naming an actor in the background.
  assert.deepEqual(
    perpsOf('A car bomb killed seven people at a market in Fresno, California, on Monday.\n\nRebels attacked police stations in the county last year.\n\nNo group has claimed the bombing.'),
    [['unknown perp.unknown']],
  );
  // Whom someone blames stands beside unknown, as the claim it is.
  assert.deepEqual(
    perpsOf('A car bomb killed seven people at a market in Fresno, California, on Monday. It was not immediately clear who was behind the blast.\n\nThe ministry blamed the attack on the rebels.'),
    [['unknown perp.unknown', 'opposition perp.opposition']],
  );
  // An actor the document names before the frame still stands in for it: the unknown is another event's.
  assert.deepEqual(
    perpsOf('Regime forces shelled the outskirts on Monday.\n\nFour people were killed in Fresno, California, on Monday.\n\nThe council met on Tuesday.\n\nNo group has claimed the car bomb.'),
    [['syrian-government perp.syrian-government']],
  );
});

test('unknown names no one, so it conflicts with no perpetrator when frames are merged', () => {
  const tag = (value: string) => ({ value, prov: { rule: `perp.${value}`, span: { start: 0, end: 0 }, text: value } });
  assert.ok(perpsCompatible([tag('unknown')], [tag('opposition')]));
  assert.ok(perpsCompatible([tag('unknown'), tag('sdf')], [tag('sdf')]));
  assert.ok(!perpsCompatible([tag('unknown'), tag('sdf')], [tag('turkey')]));
});

test('attribution does not carry across a paragraph break into another place', () => {
  const { resolver } = embeddedDefault();
  const claimantsOf = (text: string) =>
    extractDocument({ id: 'carry', text, published: '2020-05-04', url: null, outlet: null, title: null, language: null }, resolver)
      .mentions.filter((m) => m.kind === 'incident')
      .map((m) => m.claimants.map((c) => c.value));
  assert.deepEqual(
    claimantsOf('Two children were killed in Fresno, California, on Monday, according to the civil defence.\n\nFour people were killed in Reno, Nevada, on Tuesday.'),
    [['white-helmets'], []],
  );
});
