/**
 * Reading the headline (passes/read-headline.ts, decision 0020): when the body yields no incident
 * the title is read, its mentions say their quote is in the title (`quoteIn`), and the quote and
 * every figure span are offsets into the title as ingested. Every title here is invented.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { embeddedDefault } from '../../src/services/gazetteer-service.ts';
import { extractDocument } from '../../src/pipeline/extract/extract-document.ts';
import { HEADLINE_RULES, headlineText } from '../../src/pipeline/extract/passes/read-headline.ts';
import { traceDocument } from '../../src/pipeline/extract/trace-document.ts';
import type { Article, Mention } from '../../src/domain/types.ts';

const { resolver } = embeddedDefault();
/** A body that tells nothing: what a paywalled or consent-walled page leaves in `text`. */
const LOGIN_PAGE = 'Log in or subscribe to continue reading. We use cookies to improve your experience on our site.';

function article(title: string | null, text = LOGIN_PAGE): Article {
  return { id: 'h1', text, published: '2015-03-04', url: null, outlet: null, title, language: 'en' };
}

function incidents(a: Article): Mention[] {
  return extractDocument(a, resolver).mentions.filter((m) => m.kind === 'incident');
}

interface Row {
  title: string;
  killed?: number;
  injured?: number;
  /** A headline.* rule among the mention's decisions. */
  rule?: string;
  /** The quote, when it is not the whole title. */
  quote?: string;
}

const ROWS: Row[] = [
  { title: 'Man shot dead outside corner store in Lakeville', killed: 1, rule: 'headline.body-silent' },
  { title: 'Man shot dead outside corner store | The Lakeville Ledger', killed: 1, rule: 'headline.site-suffix', quote: 'Man shot dead outside corner store' },
  { title: 'Man Shot Dead On Elm Street - Channel 9 News', killed: 1, rule: 'headline.site-suffix', quote: 'Man Shot Dead On Elm Street' },
  { title: 'Woman, 52, killed in Lakeville shooting - Channel 9 News - Lakeville, Ohio', killed: 1, rule: 'headline.person-outcome', quote: 'Woman, 52, killed in Lakeville shooting' },
  { title: 'Two Men Shot Dead Outside Corner Store In Lakeville', killed: 2, rule: 'headline.title-case' },
  { title: '4-Year-Old Boy Shot In Lakeville Park', injured: 1, rule: 'headline.title-case' },
  { title: 'Lakeville boy, 7, hospitalized after accidental shooting', injured: 1, rule: 'headline.person-outcome' },
  { title: 'Man, 34, killed in shooting on Elm Street', killed: 1, rule: 'headline.person-outcome' },
  { title: '3-year-old Lakeville girl shot in the arm, killed', killed: 1, rule: 'headline.person-outcome' },
  { title: 'Boy, 14, fatally shot in Lakeville park', killed: 1, rule: 'headline.person-outcome' },
  { title: 'Father held after 2-year-old killed in accidental shooting', killed: 1, rule: 'headline.person-outcome' },
  { title: 'Father, daughter, 9, found dead in Lakeville home', killed: 2, rule: 'headline.two-people-outcome' },
  { title: 'Mother and son wounded in Lakeville shooting', injured: 2, rule: 'headline.two-people-outcome' },
  { title: 'Police: 3 hit in shooting near Rio Club', injured: 3, rule: 'headline.count-hit' },
  { title: 'Lakeville man wounded in drive-by shooting', injured: 1, rule: 'headline.town-first' },
  { title: 'Man, 34, killed in shooting on Elm Street; teen wounded', killed: 1, injured: 1, rule: 'headline.person-outcome' },
  { title: 'Man shot dead; teen wounded', killed: 1, injured: 1 },
  { title: 'Police seek gunman in Lakeville triple shooting', injured: 3, rule: 'headline.multiple+cas.shot' },
  { title: 'One man dead after triple shooting in Lakeville', killed: 1, injured: 2, rule: 'headline.multiple+cas.shot' },
  { title: 'Arrest made in double homicide in East Lakeville', killed: 2, rule: 'cas.multiple-killing' },
  { title: 'Lakeville couple dead in apparent murder-suicide', killed: 2, rule: 'cas.multiple-killing' },
  { title: 'Veteran named as gunman in Lakeville murders-suicide', killed: 2, rule: 'cas.multiple-killing' },
  // A killer who turns the gun on himself died too; headline style drops the possessive before a relative.
  { title: 'Lakeville man kills wife, 2 kids then himself', killed: 4, rule: 'cas.killer-self' },
  { title: 'Police: man kills 4-month-old before shooting himself', killed: 2, rule: 'cas.killer-self' },
  { title: 'Father shoots son, 10, in Lakeville hunting accident', injured: 1 },
  // The toddler who shoots is not one of those shot.
  { title: 'Toddler shoots 2-year-old sister in parked car', injured: 1 },
  { title: 'Man arrested in fatal Lakeville nightclub shooting', killed: 1, rule: 'headline.fatal-shooting' },
  { title: 'Two arrested in deadly quadruple shooting at Lakeville bar', killed: 1, injured: 3, rule: 'headline.fatal-shooting' },
  { title: 'Shooting At Lakeville Halloween Party Leaves 2 Dead, 5 Injured', killed: 2, injured: 5, rule: 'headline.title-case' },
  { title: 'Lakeville man, 18, charged in shooting death', killed: 1, rule: 'headline.fatal-shooting' },
  { title: 'Five shot at Rio Club in Lakeville', injured: 5, rule: 'headline.count-hit' },
  { title: 'Shooting at Lakeville bar sends 4 people to the hospital', injured: 4, rule: 'headline.sends-to-hospital' },
  { title: '2 dead, 3 hurt in shooting at Lakeville party', killed: 2, injured: 3 },
  { title: 'Police: man shot dead outside Lakeville bar', killed: 1 },
  { title: 'Two deputies killed in Lakeville; suspect in custody', killed: 2, quote: 'Two deputies killed in Lakeville' },
];

/** Titles that are no report of an event: nothing is read from them. */
const NOT_EVENTS = [
  'Who is to blame when a child finds a loaded gun?',
  'Dana Lee obituary - Lakeville',
  'City council approves new budget for parks',
  'Lakeville County jail inmate roster',
  'Subscribe to keep reading',
  // Fired at, not hit.
  'Police seek driver after man shot at on Route 9',
];

for (const row of ROWS) {
  test(`title: ${row.title}`, () => {
    const found = incidents(article(row.title));
    assert.equal(found.length, 1, `one incident from the title (${found.length})`);
    const m = found[0];
    assert.equal(m.quoteIn, 'title');
    assert.equal(m.killed.total?.value, row.killed, 'killed');
    assert.equal(m.injured.total?.value, row.injured, 'injured');
    assert.equal(row.title.slice(m.span.start, m.span.end), m.quote, 'the quote is the title at its offsets');
    assert.equal(m.quote, row.quote ?? row.title);
    for (const c of [m.killed, m.injured]) {
      for (const v of Object.values(c)) assert.ok(v!.prov.span.start >= m.span.start && v!.prov.span.end <= m.span.end, `figure ${v!.value} lies inside the quote`);
    }
    assert.equal(m.date?.start, '2015-03-04', 'the day is the publication day');
    const rules = (m.headlineRules ?? []).map((r) => r.rule);
    assert.equal(rules[0], 'headline.body-silent');
    // A headline rule, or a casualty rule that read the figure (cas.multiple-killing reads any sentence).
    const figureRules = [m.killed.total, m.injured.total].flatMap((v) => (v ? v.prov.rule.split('+') : []));
    if (row.rule) assert.ok(rules.includes(row.rule) || figureRules.includes(row.rule), `${row.rule} in ${[...rules, ...figureRules].join(', ')}`);
    for (const r of m.headlineRules ?? []) assert.equal(row.title.slice(r.span.start, r.span.end), r.text, `${r.rule} keeps its span in the title`);
  });
}

for (const title of NOT_EVENTS) {
  test(`not an event: ${title}`, () => {
    assert.deepEqual(incidents(article(title)), []);
  });
}

test('the title is read only when the body yields no incident', () => {
  const body = 'A man was shot and killed on Elm Street in Lakeville on Monday, police said.';
  const found = incidents(article('Two Men Shot Dead On Elm Street', body));
  assert.equal(found.length, 1);
  assert.equal(found[0].quoteIn, undefined, 'the body is quoted, not the title');
  assert.equal(found[0].killed.total?.value, 1);
  assert.equal(found[0].headlineRules, undefined);
});

test('no title, nothing read', () => {
  assert.deepEqual(incidents(article(null)), []);
  assert.deepEqual(incidents(article('')), []);
});

test('headline ids follow the body mentions: unique within the document', () => {
  const body = 'The city recorded 40 homicides in 2014, according to police figures.';
  const ms = extractDocument(article('Man shot dead outside corner store in Lakeville', body), resolver).mentions;
  assert.equal(new Set(ms.map((m) => m.id)).size, ms.length);
});

test('headlineText keeps the title length: a site name blanked, Title Case folded letter for letter', () => {
  const title = 'Two Men Shot Dead In Lakeville | The Lakeville Ledger';
  const h = headlineText(title)!;
  assert.equal(h.text.length, title.length);
  assert.equal(h.text.trimEnd(), 'Two men shot dead in Lakeville');
  assert.deepEqual(h.decisions.map((d) => d.rule), ['headline.site-suffix', 'headline.title-case']);
  assert.equal(h.notEvent, null);
  // A part after a separator that tells of violence is part of the story, not a site's name.
  assert.equal(headlineText('Gunman opens fire at party - two dead, three hurt')!.decisions.length, 0);
});

test('headline rules: unique ids, an invented example each, and each example read as its rule says', () => {
  const ids = HEADLINE_RULES.map((r) => r.id);
  assert.equal(new Set(ids).size, ids.length);
  for (const r of HEADLINE_RULES) {
    assert.ok(r.example.length > 15, `${r.id} has an example`);
    const found = incidents(article(r.example));
    if (r.id === 'headline.not-event') assert.deepEqual(found, [], r.example);
    else assert.ok(found.length === 1 && (found[0].headlineRules ?? []).some((x) => x.rule === r.id || x.rule.startsWith(`${r.id}+`) || x.rule.includes(`+${r.id}`)), `${r.id}: ${r.example}`);
  }
});

test('a trace shows the headline frames, with their spans in the title', () => {
  const title = 'Man, 34, killed in Lakeville shooting | The Lakeville Ledger';
  const t = traceDocument(article(title), resolver);
  const headline = t.frames.filter((f) => f.quoteIn === 'title');
  assert.equal(headline.length, 1);
  assert.equal(title.slice(headline[0].span.start, headline[0].span.end), headline[0].quote);
  assert.deepEqual(headline[0].fate, { to: 'mention', mentionId: t.mentions[0].id, as: 'lead' });
});

test('the town a headline opens with is the place of its person', () => {
  const [m] = incidents(article('Lakeville man wounded in drive-by shooting'));
  assert.equal(m.places[0]?.name, 'Lakeville');
  assert.equal(m.places[0]?.prov.rule, 'headline.town-first');
  assert.equal(m.resolvedPlaces[0]?.name, 'Lakeville');
  // A word the gazetteer does not know as a place is no town.
  const [n] = incidents(article('Masked man wounded in drive-by shooting'));
  assert.deepEqual(n.places, []);
});
