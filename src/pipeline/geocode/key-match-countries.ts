/**
 * Countries whose Latin place names are transliterations (from Arabic, Persian, Pashto, Urdu or
 * Kurdish script), where one town is written many ways (Saraqib / Saraqeb, Maarrat al-Numan /
 * Maarat al-Nouman) and the loose transliteration key (src/domain/name-key.ts) is worth matching
 * on. Elsewhere a town has one Latin spelling, and a key match is a different name: "Dayton" and
 * "Dighton", "Police" and "Palos". The Gazetteer accepts key-only matches only in these countries.
 *
 * Turkey writes its own names in Latin script, but reports from the Syrian border render Turkish
 * towns through Arabic and Kurdish too (Akçakale / Akcakale, Ceylanpınar / Jilanpinar), and it was
 * matched so before the gazetteer went worldwide.
 */
export const KEY_MATCH_COUNTRIES: ReadonlySet<string> = new Set([
  // Levant, Iraq, the Gulf and Yemen
  'SY', 'IQ', 'LB', 'JO', 'PS', 'IL', 'SA', 'YE', 'OM', 'AE', 'QA', 'BH', 'KW',
  // North Africa and the Nile
  'EG', 'LY', 'TN', 'DZ', 'MA', 'EH', 'MR', 'SD',
  // Persian, Pashto, Urdu script
  'IR', 'AF', 'PK',
  'TR',
]);
