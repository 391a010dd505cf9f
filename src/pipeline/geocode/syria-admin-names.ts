/**
 * Names of Syria's governorates and districts as data: the GeoNames admin1 code of each
 * governorate with the spellings reports use for it, and groups of district spellings that the
 * transliteration key cannot bridge (Al Ma'ra is the Maarrat al-Numan district, Tadmor is Palmyra).
 * The embedded gazetteer takes governorate names from here (its source package has codes only);
 * the Gazetteer adds these spellings to whatever names a dump gives the same codes.
 *
 * Codes are GeoNames' admin1 codes for SY (admin1CodesASCII.txt), e.g. SY.12 = Idlib. Spellings
 * that differ from a listed one only in vowels, articles, doubled letters or apostrophes need not
 * be listed: the name key already matches them (see src/domain/name-key.ts).
 */

export interface GovernorateNames {
  /** GeoNames admin1 code within SY ("12"). */
  code: string;
  /** The governorate's name as GeoNames spells it in admin1CodesASCII.txt. */
  name: string;
  /** Other spellings and names used in reports. */
  aliases: readonly string[];
}

/** The fourteen governorates of Syria by GeoNames admin1 code. */
export const SYRIA_GOVERNORATES: readonly GovernorateNames[] = [
  { code: '01', name: 'Al-Hasakah', aliases: ['Hasaka', 'Hasakah', 'Hassakeh', 'Hasakeh', 'Al-Hasakeh', 'Haseke', 'Hassake'] },
  { code: '02', name: 'Latakia', aliases: ['Lattakia', 'Latakiya', 'Lathqiyah', 'Al-Ladhiqiyah', 'Ladhiqiyah', 'Lattaquie'] },
  { code: '03', name: 'Quneitra', aliases: ['Qunaytirah', 'Al-Qunaytirah', 'Kuneitra', 'Qunaitra'] },
  { code: '04', name: 'Raqqa', aliases: ['Raqqah', 'Ar-Raqqah', 'Al-Raqqa', 'Rakka', 'Racca'] },
  { code: '05', name: 'As-Suwayda', aliases: ['Suwayda', 'Sweida', 'Suweida', 'Sweyda', 'Soueida', 'As-Suwaida', 'Al-Suwayda'] },
  { code: '06', name: 'Daraa', aliases: ['Deraa', "Dar'a", 'Derra'] },
  { code: '07', name: 'Deir ez-Zor', aliases: ['Deir Ezzor', 'Deir al-Zour', 'Deir al-Zor', 'Deir ez-Zour', 'Dayr az-Zawr', 'Deir Ez Zor', 'Deir Azzour', 'Deirezzor'] },
  {
    code: '08',
    name: 'Rif Dimashq',
    aliases: [
      'Rif Dimashq',
      'Rif-Dimashq',
      'Reef Dimashq',
      'Rif Damascus',
      'Reef Damascus',
      'Rural Damascus',
      'Damascus Rural',
      'Damascus countryside',
      'countryside of Damascus',
      'Damascus suburbs',
      'suburbs of Damascus',
      'Damascus Countryside Governorate',
    ],
  },
  { code: '09', name: 'Aleppo', aliases: ['Halab', 'Haleb', 'Alep', 'Halep'] },
  { code: '10', name: 'Hama', aliases: ['Hamah', 'Hamat'] },
  { code: '11', name: 'Homs', aliases: ['Hims', 'Hums'] },
  { code: '12', name: 'Idlib', aliases: ['Idleb', 'Edlib', 'Idlip'] },
  { code: '13', name: 'Damascus', aliases: ['Dimashq', 'Damas'] },
  { code: '14', name: 'Tartus', aliases: ['Tartous', 'Tartos'] },
];

/**
 * Spellings of one district that the name key does not bridge. A group applies to a district
 * whose name matches any spelling in it; the district then answers to all of them.
 */
export const SYRIA_DISTRICT_ALIASES: readonly (readonly string[])[] = [
  ["Al Ma'ra", "Maarrat al-Nu'man", 'Maarat Numan', 'Maarrat al-Numan', 'Al-Maarra'],
  ['Jebel Saman', "Jabal Sim'an", 'Mount Simeon', 'Jabal Semaan'],
  ['Ain Al Arab', 'Ayn al-Arab', 'Kobani', 'Kobane'],
  ['Tadmor', 'Tadmur', 'Palmyra'],
  ['Ath-Thawrah', 'Al-Thawra', 'Tabqa', 'Al-Tabqa', 'Madinat al-Thawra'],
  ['Abu Kamal', 'Al-Bukamal', 'Albukamal', 'Bukamal'],
  ['Al-Malikeyyeh', 'Al-Malikiyah', 'Derik', 'Dayrik'],
  ['Ras Al Ain', 'Ras al-Ayn', 'Serekaniye'],
  ['Tell Abiad', 'Tal Abyad', 'Gire Spi'],
  ['Jisr-Ash-Shugur', 'Jisr al-Shughur', 'Jisr ash-Shughur'],
  ['Idleb', 'Idlib'],
  ["A'zaz", 'Azaz', 'Aazaz', 'Izaz'],
  ['Menbij', 'Manbij', 'Minbij'],
  ['As-Salamiyeh', 'Salamiyah', 'Salamiyeh', 'Salamieh'],
  ['Rural Damascus', 'Markaz Rif Dimashq'],
];
