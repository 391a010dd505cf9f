/**
 * The day relative dates are reckoned from when a document has no `published` metadata: its URL,
 * its page's date line, its dateline, else the latest date it states (sentences written for these
 * tests). The page line and the dateline date the report, never the event.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { PUBLICATION_DAY_RULES, isPageDateLine, publicationDay, statedPublicationDay } from '../../src/pipeline/extract/passes/publication-day.ts';
import { extractDocument } from '../../src/pipeline/extract/extract-document.ts';
import { embeddedDefault } from '../../src/services/gazetteer-service.ts';
import type { Article } from '../../src/domain/types.ts';

const article = (text: string, extra: Partial<Article> = {}): Article => ({ id: 'doc', text, published: null, url: null, outlet: null, title: null, language: null, ...extra });

const STATED: [string, string | null, string | null][] = [
  ['Posted: 03/04/2014 10:21 PM EST\nA man was shot on Saturday.', '2014-03-04', 'published.page-line'],
  ['Posted: 25/04/2014\nA man was shot on Saturday.', '2014-04-25', 'published.page-line'],
  ['Updated 6:15 pm, Sunday, March 9, 2014\nTwo teens were wounded on Friday night.', '2014-03-09', 'published.page-line'],
  ['Published on May 2, 2016 at 7:02 AM\nA woman was found dead.', '2016-05-02', 'published.page-line'],
  ['LAKEVILLE, Ohio, March 3, 2014 — A man was shot on Saturday.', '2014-03-03', 'published.dateline'],
  ['PORT ELLIS, 12 June 2015 (Wire) — Two people died in a blast.', '2015-06-12', 'published.dateline'],
  ['A man was shot on Saturday, police said.', null, null],
];

for (const [text, day, rule] of STATED) {
  test(`stated publication day of ${JSON.stringify(text.slice(0, 40))}`, () => {
    const got = statedPublicationDay(text);
    assert.equal(got?.day ?? null, day);
    assert.equal(got?.rule ?? null, rule);
  });
}

test('every publication-day rule example is read by its rule', () => {
  for (const r of PUBLICATION_DAY_RULES) assert.equal(statedPublicationDay(r.example)?.rule, r.id, r.example);
});

test('metadata wins over the URL, the URL over the text, the text over nothing', () => {
  assert.equal(publicationDay(article('Posted: 03/04/2014', { published: '2015-01-01' }), 'Posted: 03/04/2014').published, '2015-01-01');
  assert.equal(publicationDay(article('Posted: 03/04/2014', { url: 'https://example.org/2016/07/08/story' }), 'Posted: 03/04/2014').published, '2016-07-08');
  const fromText = publicationDay(article('Posted: 03/04/2014'), 'Posted: 03/04/2014');
  assert.deepEqual([fromText.published, fromText.estimated, fromText.warning?.code], ['2014-03-04', false, 'date-from-text']);
  const none = publicationDay(article('A man was shot.'), 'A man was shot.');
  assert.deepEqual([none.published, none.warning?.code], [null, 'no-date']);
});

test('page date lines are told from prose', () => {
  assert.equal(isPageDateLine('Updated 6:15 pm, Sunday, March 9, 2014'), true);
  assert.equal(isPageDateLine('Posted: 03/04/2014'), true);
  assert.equal(isPageDateLine('Police posted a reward of 5,000 dollars for information on the shooting.'), false);
});

test('the dateline and the page line date the report: "on Saturday" is the Saturday before', () => {
  const { resolver } = embeddedDefault();
  for (const text of ['LAKEVILLE, Ohio, March 3, 2014 — A man was shot and killed outside a bar on Saturday, police said.', 'Posted: 03/04/2014 10:21 PM EST\nA man was shot and killed outside a bar on Saturday, police said.']) {
    const m = extractDocument(article(text), resolver).mentions.filter((x) => x.kind === 'incident');
    assert.equal(m.length, 1);
    assert.deepEqual([m[0].date?.start, m[0].date?.precision], ['2014-03-01', 'day'], text);
  }
});
