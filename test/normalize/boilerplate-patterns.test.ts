import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { BOILERPLATE_PATTERNS, MAX_BOILERPLATE_LINE, matchBoilerplate } from '../../src/pipeline/normalize/boilerplate-patterns.ts';

describe('boilerplate patterns (data)', () => {
  test('ids are unique kebab-case', () => {
    const ids = BOILERPLATE_PATTERNS.map((p) => p.id);
    assert.equal(new Set(ids).size, ids.length);
    for (const id of ids) assert.match(id, /^[a-z0-9]+(?:-[a-z0-9]+)*$/);
  });

  for (const p of BOILERPLATE_PATTERNS) {
    test(`${p.id}: its example matches its own pattern`, () => {
      assert.ok(p.pattern.test(p.example), `${p.pattern} does not match ${JSON.stringify(p.example)}`);
      assert.notEqual(matchBoilerplate(p.example), null);
    });
  }
});

describe('matchBoilerplate', () => {
  const positives: [string, string][] = [
    ['Facebook Post', 'social-embed-label'],
    ['Related News', 'related-links'],
    ['Read more', 'read-more'],
    ['Read More:', 'read-more'],
    ['See also: Turkey and Russia agree on Idlib patrols', 'read-more'],
    ['Discussion about this post', 'comments'],
    ['Share this:', 'share'],
    ['Share on Facebook', 'share'],
    ['Advertisement', 'advertisement'],
    ['Story continues below advertisement', 'advertisement'],
    ['Subscribe to our newsletter', 'subscribe'],
    ['Sign up for the morning briefing', 'sign-up'],
    ['Click here for live updates', 'click-here'],
    ['Follow us on Twitter', 'follow-us'],
    ['Follow Example Wire on Google News', 'follow-us'],
    ['By Jane Doe', 'byline'],
    ['By Jane Doe and John Roe, AP', 'byline'],
    ['By Ahmad al-Hassan, Jane Doe & John Roe', 'byline'],
    ['BY JANE DOE', 'byline'],
    ['By AFP', 'byline'],
    ['By Jane Doe | 29 April 2016', 'byline'],
    ['Reporting by Jane Doe; Editing by John Roe', 'reporting-credits'],
    ['(Additional reporting by John Roe in Amman)', 'reporting-credits'],
    ['Photo: Syrian Civil Defence', 'photo-label'],
    ['(AFP Photo)', 'agency-photo'],
    ['Anadolu Agency Photo', 'agency-photo'],
    ['Getty Images', 'getty-images'],
    ['A rescuer carries a child in Ariha. Jane Doe/AFP via Getty Images', 'getty-images'],
    ['REUTERS/Jane Doe', 'agency-slash-credit'],
    ['AFP PHOTO / JANE DOE', 'agency-slash-credit'],
    ['Copyright 2024 Example Wire', 'copyright'],
    ['Example Wire 2024. All rights reserved', 'rights-reserved'],
    ['Update 14:45 29 April', 'timestamp-line'],
    ['Updated: 29 April 2016 14:45 GMT', 'timestamp-line'],
    ['Last Updated on Mar 03, 2020 5:00 pm by Jane Doe', 'timestamp-line'],
    ['Published on 2019-11-06 10:22', 'timestamp-line'],
    ['AFP Monday 14:02, 06 November 2019', 'agency-timestamp'],
    ['3 min read', 'reading-time'],
    ['5-minute read', 'reading-time'],
    ['August 16, 2017', 'date-only'],
    ['16 August 2017', 'date-only'],
    ['Wednesday, November 6, 2019', 'date-only'],
    ['Sept. 12, 2019 at 3:45 p.m. EDT', 'date-only'],
    ['06.11.2019', 'date-only'],
    ['2019-11-06', 'date-only'],
    ['- Jane Doe (@janedoe) November 6, 2019', 'tweet-attribution'],
    ['* * *', 'separator'],
  ];
  for (const [line, id] of positives) {
    test(`${JSON.stringify(line)} is ${id}`, () => assert.equal(matchBoilerplate(line)?.id, id));
  }

  const negatives = [
    'By Tuesday evening, the death toll had risen to 20.',
    'By nightfall rescuers had pulled 14 bodies from the rubble.',
    'UPDATE: The death toll has risen to 12, the White Helmets said.',
    'Update: the toll rose to 50',
    'Photographs posted online showed the market in ruins.',
    'Reported by local sources, the strike hit a bakery.',
    'Related to the attack, three men were arrested.',
    'Most of the victims were women and children.',
    'Share prices fell in Damascus.',
    'Subscribers to the monitor\u2019s channel saw the footage.',
    'Following the strike, residents fled to the Turkish border.',
    'On August 16, 2017, a strike hit a building in Raqqa.',
    'Eight civilians were killed on Wednesday, November 6.',
    'Copies of the report were sent to the UN.',
    'The AFP correspondent saw 11 bodies.',
    'Incident date',
  ];
  for (const line of negatives) {
    test(`${JSON.stringify(line)} is not boilerplate`, () => assert.equal(matchBoilerplate(line), null));
  }

  test(`lines longer than ${MAX_BOILERPLATE_LINE} characters are never boilerplate`, () => {
    const atLimit = `Copyright ${'x'.repeat(MAX_BOILERPLATE_LINE - 10)}`;
    assert.equal(matchBoilerplate(atLimit)?.id, 'copyright');
    assert.equal(matchBoilerplate(`${atLimit}x`), null);
  });
});
