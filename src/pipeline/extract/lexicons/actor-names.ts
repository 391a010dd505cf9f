/**
 * How an actor id is shown to people: the lexicon's name for the ids it knows ("sohr" → "Syrian
 * Observatory for Human Rights"), a state's officials and media by the country's name
 * ("officials-jordan" → "Officials (Jordan)"), and for ids made from a name in the text (a
 * kebab-case organisation, an acronym) the words of the id. The one table of names: the API's
 * facets, the dashboard and the CSV's `source` column all read it.
 */
import { CLAIMANTS, NATIONALITIES, PERPETRATORS } from './actors.ts';

const LEXICON_NAMES = new Map<string, string>([...CLAIMANTS, ...PERPETRATORS].map((e) => [e.id, e.name]));
const COUNTRIES = new Map(NATIONALITIES.map((n) => [n.country, n]));

/** Ids of the statistics and claims that are no actor of the lexicons. */
const SPECIAL_NAMES: Record<string, string> = {
  unknown: 'Unknown',
  shared: 'Several perpetrators',
  unattributed: 'Unattributed',
};

/** An acronym id ("irgc") is shown in capitals; longer words are capitalised. */
function words(id: string): string {
  const parts = id.split('-').filter(Boolean);
  if (parts.length === 1 && /^[a-z]{2,5}$/.test(parts[0]) && !/[aeiou]{2}|[aeiou][^aeiou][aeiou]/.test(parts[0])) return parts[0].toUpperCase();
  return parts.map((w) => w.charAt(0).toUpperCase() + w.slice(1)).join(' ');
}

export function actorName(id: string): string {
  const known = SPECIAL_NAMES[id] ?? LEXICON_NAMES.get(id);
  if (known) return known;
  const officials = /^officials-(.+)$/.exec(id);
  if (officials) return `Officials (${COUNTRIES.get(officials[1])?.names[0] ?? words(officials[1])})`;
  const media = /^(.+)-state-media$/.exec(id);
  if (media && COUNTRIES.has(media[1])) return `${COUNTRIES.get(media[1])!.adjectives[0]} state media`;
  if (COUNTRIES.has(id)) return COUNTRIES.get(id)!.names[0];
  return words(id);
}
