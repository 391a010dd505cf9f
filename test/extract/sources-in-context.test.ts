/**
 * Who claims a figure when the source is named around it, not in its sentence, and where a part of
 * a town is placed. Texts are written for these tests (fictional people and organisations; real
 * towns of the embedded gazetteer).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { embeddedDefault } from '../../src/services/gazetteer-service.ts';
import { extractDocument } from '../../src/pipeline/extract/extract-document.ts';
import type { Mention } from '../../src/domain/types.ts';

function incidents(text: string, outlet: string | null = null): Mention[] {
  const article = { id: 'ctx', text, published: '2020-05-04', url: null, outlet, title: null, language: null };
  return extractDocument(article, embeddedDefault().resolver).mentions.filter((m) => m.kind === 'incident');
}
const claimants = (m: Mention) => m.claimants.map((c) => c.value);

test('a source confirming the toll of the sentence before claims it too, and is no event of its own', () => {
  const text = 'Rockets hit the market in Aleppo on Monday, killing five people, SANA reported. The Syrian Observatory for Human Rights confirmed the deaths from the shelling.';
  const found = incidents(text);
  assert.equal(found.length, 1, found.map((m) => m.quote).join(' | '));
  assert.deepEqual(claimants(found[0]), ['sana', 'sohr']);
  // Without the confirmation the toll is SANA's alone.
  assert.deepEqual(claimants(incidents(text.replace(/ The Syrian.*$/, ''))[0]), ['sana']);
});

test("an organisation's own release claims its toll over a next sentence citing someone for something else", () => {
  const text = 'The bombing of a clinic in Aleppo on Monday has killed at least 14 people. According to hospital staff on the ground, the building was reduced to rubble by a single strike.';
  assert.deepEqual(claimants(incidents(text, 'Doctors Without Borders (press release)')[0]), ['msf']);
  // In a news report the next sentence's source is still taken as the toll's ("According to X, …" often tells its detail).
  assert.deepEqual(claimants(incidents(text, 'Example Daily')[0]), ['medics']);
});

test('a later sentence restating the lead toll with a source adds that source to the lead', () => {
  const text = [
    'Twenty people were killed in air strikes on a hospital in Aleppo on Monday.',
    'The hospital was the main referral centre for children in the city.',
    'Its operating theatre and intensive care unit were destroyed.',
    'The head of the Syrian Observatory for Human Rights said at least 20 were killed in the shelling, including three children.',
  ].join(' ');
  const found = incidents(text);
  assert.equal(found.length, 1);
  assert.ok(claimants(found[0]).includes('sohr'), claimants(found[0]).join(','));
  assert.equal(found[0].killed.children?.value, 3);
});

test('districts named "in" a town are placed in that town, not at same-named towns far away', () => {
  const [m] = incidents('A gunman opened fire in the neighborhoods of Aurora and Elgin in Chicago on Monday, killing four people.');
  assert.deepEqual(m.resolvedPlaces.map((p) => `${p.name}, ${p.admin1}`), ['Chicago, Illinois']);
  // Not a part of a town: "Aurora" on its own is the town of that name.
  const [other] = incidents('A gunman opened fire in Aurora, Illinois, on Monday, killing four people.');
  assert.deepEqual(other.resolvedPlaces.map((p) => p.name), ['Aurora']);
});

test('a town named only as a reference point places an event that names no other, marked near', () => {
  const [m] = incidents('An air strike north of Saraqib killed four people on Monday.');
  assert.deepEqual(m.resolvedPlaces.map((p) => [p.name, p.precision, p.relation]), [['Saraqib', 'locality', 'near']]);
  // The event's own town is not displaced by a reference point.
  const [own] = incidents('An air strike on Sarmin, north of Saraqib, killed four people on Monday.');
  assert.deepEqual(own.resolvedPlaces.filter((p) => p.precision === 'locality').map((p) => [p.name, p.relation]), [['Sarmin', undefined]]);
});
