/**
 * Other names of admin-1 areas outside Syria, as data (Syria's are in syria-admin-names.ts).
 *
 * Two kinds, matched differently:
 * - `abbreviations` are matched exactly as written, case and full stops included: postal codes
 *   ("OH", "ON") and the state abbreviations of US wire style ("Calif.", "N.Y."). Folded to lower
 *   case they would be words ("in" is Indiana, "al" Alabama and also the Arabic article), so they
 *   never enter the folded name index.
 * - `aliases` are other spellings and older names, matched like any admin name (folded, article
 *   and admin words such as "province" or "state" dropped).
 *
 * Codes are GeoNames' full admin-1 codes (admin1CodesASCII.txt): US codes are the postal codes,
 * Canadian ones are numbers ("CA.08" is Ontario). Sources: the USPS state abbreviations, the
 * Canada Post province symbols, the AP Stylebook's state abbreviations for datelines.
 */

export interface Admin1Names {
  /** GeoNames full admin-1 code ("US.OH"). */
  code: string;
  /** Written exactly so (case-sensitive): postal codes, wire-style abbreviations. */
  abbreviations?: readonly string[];
  /** Other spellings or former names, matched folded. */
  aliases?: readonly string[];
}

/** AP-style abbreviations of US states in datelines ("DAYTON, Ohio" is written out; "Ill." is not). */
const US_WIRE: Record<string, readonly string[]> = {
  AL: ['Ala.'], AZ: ['Ariz.'], AR: ['Ark.'], CA: ['Calif.', 'Cal.'], CO: ['Colo.'], CT: ['Conn.'], DE: ['Del.'],
  DC: ['D.C.'], FL: ['Fla.'], GA: ['Ga.'], IL: ['Ill.'], IN: ['Ind.'], KS: ['Kan.', 'Kans.'], KY: ['Ky.'],
  LA: ['La.'], MD: ['Md.'], MA: ['Mass.'], MI: ['Mich.'], MN: ['Minn.'], MS: ['Miss.'], MO: ['Mo.'],
  MT: ['Mont.'], NE: ['Neb.', 'Nebr.'], NV: ['Nev.'], NH: ['N.H.'], NJ: ['N.J.'], NM: ['N.M.'], NY: ['N.Y.'],
  NC: ['N.C.'], ND: ['N.D.'], OK: ['Okla.'], OR: ['Ore.', 'Oreg.'], PA: ['Pa.', 'Penn.'], RI: ['R.I.'],
  SC: ['S.C.'], SD: ['S.D.'], TN: ['Tenn.'], TX: ['Tex.'], VT: ['Vt.'], VA: ['Va.'], WA: ['Wash.'],
  WV: ['W.Va.', 'W. Va.'], WI: ['Wis.', 'Wisc.'], WY: ['Wyo.'],
};

const US_STATE_CODES = [
  'AL', 'AK', 'AZ', 'AR', 'CA', 'CO', 'CT', 'DE', 'DC', 'FL', 'GA', 'HI', 'ID', 'IL', 'IN', 'IA', 'KS', 'KY', 'LA', 'ME', 'MD',
  'MA', 'MI', 'MN', 'MS', 'MO', 'MT', 'NE', 'NV', 'NH', 'NJ', 'NM', 'NY', 'NC', 'ND', 'OH', 'OK', 'OR', 'PA', 'RI', 'SC',
  'SD', 'TN', 'TX', 'UT', 'VT', 'VA', 'WA', 'WV', 'WI', 'WY',
] as const;

/** Canada Post symbols and the usual abbreviations, by GeoNames code. */
const CANADA: Admin1Names[] = [
  { code: 'CA.01', abbreviations: ['AB', 'Alta.'] },
  { code: 'CA.02', abbreviations: ['BC', 'B.C.'] },
  { code: 'CA.03', abbreviations: ['MB', 'Man.'] },
  { code: 'CA.04', abbreviations: ['NB', 'N.B.'] },
  { code: 'CA.05', abbreviations: ['NL', 'N.L.', 'Nfld.'], aliases: ['Newfoundland'] },
  { code: 'CA.07', abbreviations: ['NS', 'N.S.'] },
  { code: 'CA.08', abbreviations: ['ON', 'Ont.'] },
  { code: 'CA.09', abbreviations: ['PE', 'P.E.I.', 'PEI'] },
  { code: 'CA.10', abbreviations: ['QC', 'Que.'], aliases: ['Québec'] },
  { code: 'CA.11', abbreviations: ['SK', 'Sask.'] },
  { code: 'CA.12', abbreviations: ['YT'], aliases: ['Yukon Territory'] },
  { code: 'CA.13', abbreviations: ['NT', 'N.W.T.', 'NWT'] },
  { code: 'CA.14', abbreviations: ['NU'] },
];

/** Spellings and former names reports still use, for conflict-reporting countries and large federations. */
const OTHERS: Admin1Names[] = [
  { code: 'US.DC', aliases: ['Washington DC', 'Washington, D.C.'] },
  { code: 'GB.NIR', abbreviations: ['N. Ireland'] },
  { code: 'IN.21', aliases: ['Orissa'] },
  { code: 'IN.39', aliases: ['Uttaranchal'] },
  { code: 'IN.22', aliases: ['Pondicherry'] },
  { code: 'IN.12', abbreviations: ['J&K'] },
  { code: 'PK.03', abbreviations: ['KP', 'KPK', 'NWFP'], aliases: ['North-West Frontier Province', 'Khyber-Pakhtunkhwa'] },
  { code: 'PK.02', aliases: ['Baluchistan', 'Balochistan'] },
  { code: 'NG.11', abbreviations: ['FCT'], aliases: ['Federal Capital Territory'] },
  { code: 'IQ.18', aliases: ['Salahuddin', 'Salahaddin', 'Salah al-Din', 'Saladin'] },
  { code: 'IQ.15', aliases: ['Ninawa', 'Ninewa', 'Nineveh'] },
  { code: 'IQ.08', aliases: ['Dohuk', 'Dahuk'] },
  { code: 'IQ.11', aliases: ['Arbil', 'Irbil', 'Hawler'] },
  { code: 'IQ.01', aliases: ['Al Anbar', 'al-Anbar'] },
  { code: 'IQ.05', aliases: ['Sulaimaniya', 'Sulaimani', 'Slemani'] },
  { code: 'UA.12', aliases: ['Kiev', 'Kyiv'] },
  { code: 'UA.17', aliases: ['Odessa'] },
  { code: 'UA.07', aliases: ['Kharkov'] },
  { code: 'UA.26', aliases: ['Zaporozhye', 'Zaporizhia'] },
  { code: 'UA.04', aliases: ['Dnipro', 'Dnepropetrovsk'] },
  { code: 'UA.16', aliases: ['Nikolaev', 'Mykolayiv'] },
];

/** Every admin-1 area's other names, by GeoNames code. */
export const ADMIN1_NAMES: readonly Admin1Names[] = [
  ...US_STATE_CODES.map((c) => ({ code: `US.${c}`, abbreviations: [c, ...(US_WIRE[c] ?? [])] })),
  ...CANADA,
  ...OTHERS,
];
