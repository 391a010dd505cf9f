/**
 * The people of an event as a report names them (pass named-people): a name told with an age or
 * identified by the police, never an official quoted by title. Every sentence here was written for
 * this test.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { extractDocument } from '../../src/pipeline/extract/extract-document.ts';
import { personKey, PEOPLE_RULES } from '../../src/pipeline/extract/passes/named-people.ts';
import { embeddedDefault } from '../../src/services/gazetteer-service.ts';

function peopleOf(text: string): string[][] {
  const { resolver } = embeddedDefault();
  return extractDocument({ id: 'people', text, published: '2016-05-02', url: null, outlet: null, title: null, language: null }, resolver)
    .mentions.filter((m) => m.kind === 'incident')
    .map((m) => (m.people ?? []).map((p) => `${p.value}|${p.prov.rule}`));
}

describe('named people', () => {
  test('a name told with an age, before or after it, is a person of the event', () => {
    assert.deepEqual(peopleOf('LAKEVILLE, Ohio — Dana R. Lee, 24, was shot and killed outside a bar early Sunday, police said.'), [['dana lee|person.name-age']]);
    assert.deepEqual(peopleOf('LAKEVILLE, Ohio — A gunman killed 19-year-old Marisol Ortega on Sunday, police said.'), [['marisol ortega|person.age-name']]);
  });

  test('a person identified by the coroner is a person of the event; the official who speaks is not', () => {
    assert.deepEqual(
      peopleOf('LAKEVILLE, Ohio — A man was shot and killed outside a bar early Sunday, police said. The coroner identified the victim as Antwan Reyes. Sheriff Dale Porter said no arrests had been made.'),
      [['antwan reyes|person.identified-as']],
    );
  });

  test('in a report of two shootings, each person goes with the shooting told before them', () => {
    const text =
      'LAKEVILLE, Ohio — A man was shot and killed on Elm Street early Sunday, police said. The victim was Dana Lee, 31, of Lakeville. ' +
      'In a separate shooting on Monday night, a woman was wounded in Springfield, Ohio. Police said Carla Jones, 27, was in stable condition.';
    const people = peopleOf(text);
    const dana = people.findIndex((p) => p.includes('dana lee|person.name-age'));
    const carla = people.findIndex((p) => p.includes('carla jones|person.name-age'));
    assert.ok(dana >= 0 && carla > dana, JSON.stringify(people));
    assert.equal(people.flat().length, 2, JSON.stringify(people));
  });

  test('a name key is the first and last name, without initials or suffixes; a title or a place is no name', () => {
    assert.equal(personKey('Dana R. Lee Jr.'), 'dana lee');
    assert.equal(personKey('Police Chief Dale'), null);
    assert.equal(personKey('North Main'), null);
    assert.equal(personKey('Lee'), null);
  });

  test('every rule carries an invented example that the rule itself reads', () => {
    for (const rule of PEOPLE_RULES) {
      const text = `LAKEVILLE, Ohio — ${rule.example} Police said one person was shot and killed.`;
      const people = peopleOf(text).flat();
      assert.ok(people.some((p) => p.endsWith(`|${rule.id}`)), `${rule.id}: ${JSON.stringify(people)}`);
    }
  });
});
