/**
 * Country names, abbreviations and demonyms, as data, for reading which country a text is about.
 *
 * English names of every ISO 3166-1 country come from Intl.DisplayNames (built into Node: CLDR's
 * names, "Syria", "United States", "Myanmar (Burma)"); COUNTRY_ALIASES adds the names reports use
 * where CLDR's differ ("Turkey" for "Türkiye", "Burma", "Ivory Coast", "DR Congo"). Abbreviations
 * match case-sensitively ("US" is not "us"). Demonyms are weaker evidence (a "Russian" strike
 * happens in Syria), and callers weigh them so.
 */
import { foldName } from '../../domain/name-key.ts';

export interface CountryAliases {
  /** ISO 3166-1 alpha-2. */
  code: string;
  /** Other names, matched folded ("Turkey", "Ivory Coast"). */
  names?: readonly string[];
  /** Written exactly so ("US", "U.S.", "UK", "DRC", "UAE"). */
  abbreviations?: readonly string[];
  /** Adjectives and nouns of nationality ("Syrian", "Texan" is not one: states are admin-1 names). */
  demonyms?: readonly string[];
}

/** Region codes Intl.DisplayNames names that are not countries. */
const NOT_COUNTRIES = new Set(['EU', 'EZ', 'UN', 'QO', 'ZZ', 'XA', 'XB', 'AC', 'CP', 'DG', 'EA', 'IC', 'TA', 'CQ']);

export const COUNTRY_ALIASES: readonly CountryAliases[] = [
  { code: 'US', names: ['United States of America', 'America'], abbreviations: ['US', 'U.S.', 'USA', 'U.S.A.'], demonyms: ['American', 'Americans'] },
  { code: 'GB', names: ['Britain', 'Great Britain'], abbreviations: ['UK', 'U.K.'], demonyms: ['British', 'Briton', 'Britons'] },
  { code: 'CA', demonyms: ['Canadian', 'Canadians'] },
  { code: 'MX', demonyms: ['Mexican', 'Mexicans'] },
  { code: 'SY', names: ['Syrian Arab Republic'], demonyms: ['Syrian', 'Syrians'] },
  { code: 'IQ', demonyms: ['Iraqi', 'Iraqis'] },
  { code: 'TR', names: ['Turkey'], demonyms: ['Turkish', 'Turks'] },
  { code: 'LB', demonyms: ['Lebanese'] },
  { code: 'JO', demonyms: ['Jordanian', 'Jordanians'] },
  { code: 'IL', demonyms: ['Israeli', 'Israelis'] },
  { code: 'PS', names: ['Palestine', 'State of Palestine', 'Palestinian territories'], demonyms: ['Palestinian', 'Palestinians'] },
  { code: 'IR', names: ['Islamic Republic of Iran'], demonyms: ['Iranian', 'Iranians'] },
  { code: 'SA', names: ['Saudi'], abbreviations: ['KSA'], demonyms: ['Saudis'] },
  { code: 'YE', demonyms: ['Yemeni', 'Yemenis'] },
  { code: 'AE', abbreviations: ['UAE', 'U.A.E.'], demonyms: ['Emirati', 'Emiratis'] },
  { code: 'EG', demonyms: ['Egyptian', 'Egyptians'] },
  { code: 'LY', demonyms: ['Libyan', 'Libyans'] },
  { code: 'SD', demonyms: ['Sudanese'] },
  { code: 'SS', demonyms: ['South Sudanese'] },
  { code: 'SO', demonyms: ['Somali', 'Somalis'] },
  { code: 'ET', demonyms: ['Ethiopian', 'Ethiopians'] },
  { code: 'KE', demonyms: ['Kenyan', 'Kenyans'] },
  { code: 'NG', demonyms: ['Nigerian', 'Nigerians'] },
  { code: 'ML', demonyms: ['Malian', 'Malians'] },
  { code: 'BF', demonyms: ['Burkinabe'] },
  { code: 'NE', demonyms: ['Nigerien', 'Nigeriens'] },
  { code: 'CD', names: ['DR Congo', 'Democratic Republic of the Congo', 'Democratic Republic of Congo', 'Congo-Kinshasa'], abbreviations: ['DRC'], demonyms: ['Congolese'] },
  { code: 'CG', names: ['Republic of the Congo', 'Congo-Brazzaville'] },
  { code: 'CI', names: ['Ivory Coast', "Cote d'Ivoire"], demonyms: ['Ivorian', 'Ivorians'] },
  { code: 'CM', demonyms: ['Cameroonian', 'Cameroonians'] },
  { code: 'CF', names: ['Central African Republic'], abbreviations: ['CAR'] },
  { code: 'MZ', demonyms: ['Mozambican', 'Mozambicans'] },
  { code: 'ZA', demonyms: ['South African', 'South Africans'] },
  { code: 'AF', demonyms: ['Afghan', 'Afghans'] },
  { code: 'PK', demonyms: ['Pakistani', 'Pakistanis'] },
  { code: 'IN', demonyms: ['Indian', 'Indians'] },
  { code: 'BD', demonyms: ['Bangladeshi', 'Bangladeshis'] },
  { code: 'MM', names: ['Burma', 'Myanmar'], demonyms: ['Burmese'] },
  { code: 'TH', demonyms: ['Thai'] },
  { code: 'PH', demonyms: ['Filipino', 'Filipinos', 'Philippine'] },
  { code: 'ID', demonyms: ['Indonesian', 'Indonesians'] },
  { code: 'CN', demonyms: ['Chinese'] },
  { code: 'JP', demonyms: ['Japanese'] },
  { code: 'KR', demonyms: ['South Korean', 'South Koreans'] },
  { code: 'KP', demonyms: ['North Korean', 'North Koreans'] },
  { code: 'RU', names: ['Russian Federation'], demonyms: ['Russian', 'Russians'] },
  { code: 'UA', demonyms: ['Ukrainian', 'Ukrainians'] },
  { code: 'BY', demonyms: ['Belarusian', 'Belarusians'] },
  { code: 'GE', demonyms: ['Georgian', 'Georgians'] },
  { code: 'AM', demonyms: ['Armenian', 'Armenians'] },
  { code: 'AZ', demonyms: ['Azerbaijani', 'Azerbaijanis'] },
  { code: 'FR', demonyms: ['French'] },
  { code: 'DE', demonyms: ['German', 'Germans'] },
  { code: 'IT', demonyms: ['Italian', 'Italians'] },
  { code: 'ES', demonyms: ['Spanish', 'Spaniards'] },
  { code: 'IE', demonyms: ['Irish'] },
  { code: 'AU', demonyms: ['Australian', 'Australians'] },
  { code: 'NZ', demonyms: ['New Zealander', 'New Zealanders'] },
  { code: 'BR', demonyms: ['Brazilian', 'Brazilians'] },
  { code: 'CO', demonyms: ['Colombian', 'Colombians'] },
  { code: 'VE', demonyms: ['Venezuelan', 'Venezuelans'] },
  { code: 'HT', demonyms: ['Haitian', 'Haitians'] },
  { code: 'CZ', names: ['Czech Republic'] },
  { code: 'MK', names: ['Macedonia'] },
  { code: 'SZ', names: ['Swaziland'] },
  { code: 'TL', names: ['East Timor'] },
  { code: 'CV', names: ['Cape Verde'] },
  { code: 'VA', names: ['Vatican'] },
  { code: 'HK', names: ['Hong Kong'] },
  { code: 'MO', names: ['Macau', 'Macao'] },
  { code: 'GM', names: ['Gambia', 'The Gambia'] },
  { code: 'BS', names: ['Bahamas', 'The Bahamas'] },
  { code: 'VN', names: ['Viet Nam'] },
  { code: 'LA', names: ['Lao PDR'] },
];

export interface CountryNameTables {
  /** Folded name → ISO code ("syria" → SY, "united states" → US). */
  names: ReadonlyMap<string, string>;
  /** Exact abbreviation → ISO code ("US", "U.S.", "UK"). */
  abbreviations: ReadonlyMap<string, string>;
  /** Folded demonym → ISO code ("syrian" → SY). */
  demonyms: ReadonlyMap<string, string>;
  /** ISO code → English name (CLDR's). */
  englishName: ReadonlyMap<string, string>;
}

let tables: CountryNameTables | null = null;

/** Every ISO 3166-1 alpha-2 code CLDR names, with its English name. */
function isoCountries(): Map<string, string> {
  const display = new Intl.DisplayNames(['en'], { type: 'region', fallback: 'none' });
  const out = new Map<string, string>();
  for (let a = 65; a <= 90; a++) {
    for (let b = 65; b <= 90; b++) {
      const code = String.fromCharCode(a, b);
      if (NOT_COUNTRIES.has(code)) continue;
      const name = display.of(code);
      if (name) out.set(code, name);
    }
  }
  return out;
}

/** The name tables, built once. */
export function countryNameTables(): CountryNameTables {
  if (tables !== null) return tables;
  const englishName = isoCountries();
  const names = new Map<string, string>();
  const abbreviations = new Map<string, string>();
  const demonyms = new Map<string, string>();
  for (const [code, name] of englishName) {
    names.set(foldName(name), code);
    // "Myanmar (Burma)", "Congo - Kinshasa", "Hong Kong SAR China": the part before the qualifier too.
    const head = name.split(/\s+(?:\(|-\s|SAR\b)/)[0];
    if (head !== name && !names.has(foldName(head))) names.set(foldName(head), code);
  }
  for (const c of COUNTRY_ALIASES) {
    for (const n of c.names ?? []) names.set(foldName(n), c.code);
    for (const a of c.abbreviations ?? []) abbreviations.set(a, c.code);
    for (const d of c.demonyms ?? []) demonyms.set(foldName(d), c.code);
  }
  // "Congo" alone is either Congo; CLDR's heads would give it to one of them silently.
  names.delete('congo');
  tables = { names, abbreviations, demonyms, englishName };
  return tables;
}

/** The country a name or abbreviation denotes ("Syria", "the United States", "U.S.", "UK"), or null. */
export function countryOfName(text: string): string | null {
  const t = countryNameTables();
  const trimmed = text.trim().replace(/(?:'s|’s)$/u, '');
  const exact = t.abbreviations.get(trimmed);
  if (exact) return exact;
  return t.names.get(foldName(trimmed).replace(/^the /, '')) ?? null;
}
