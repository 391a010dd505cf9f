/**
 * Actor lexicons as data: who does violence (perpetrators) and who states figures (claimants).
 * Each entry has a stable id (the annotation guide's ids), alias patterns (regex sources, matched
 * case-insensitively on word boundaries unless marked `caseSensitive`) and an example sentence that a
 * test checks the entry recognises. Aliases are reporting language, not names from any one corpus.
 */

export interface LexiconEntry {
  /** Rule id, unique across the lexicon. */
  rule: string;
  /** The value the rule assigns (perpetrator or claimant id). */
  id: string;
  /** How the id is shown to people (the dashboard's lists, legends and claims). */
  name: string;
  patterns: string[];
  /** Patterns that must match with case (acronyms that are also English words: "IS", "UN"). */
  caseSensitivePatterns?: string[];
  example: string;
}

/**
 * Perpetrator aliases. They count as perpetrators only in an attack context (see perpetrators.ts):
 * "Russian warplanes", "by the regime", "Moscow raids" — not "the Turkish-Russian agreement".
 */
export const PERPETRATORS: LexiconEntry[] = [
  {
    rule: 'perp.russia',
    id: 'russia',
    name: 'Russia',
    patterns: ['russian', 'russia(?:\'s)?', 'moscow(?:\'s)?', 'russians', 'the russian "guarantor(?:\'s)?"'],
    example: 'Russian warplanes struck the village on Tuesday.',
  },
  {
    rule: 'perp.syrian-government',
    id: 'syrian-government',
    name: 'Syrian government',
    patterns: [
      '(?:the )?(?:bashar )?(?:al-)?assad(?:\'s)? regime',
      '(?:the )?regime(?:\'s)?',
      'pro-(?:government|regime|assad)',
      'government(?:\'s)?(?=\\s+(?:forces|troops|warplanes|artillery|shelling|attacks?|bombardment|jets|aircraft|helicopters|army|militias|soldiers|air force|strikes?|rockets?|missiles?|drones?))',
      'syrian (?:army|government|regime|forces|troops|air force|warplanes|military|arab army|government forces|jets|helicopters)',
      'syria(?:\'s|’s) (?:army|government forces|forces|troops|air force|military|warplanes)',
      'loyalist',
      'assad(?:\'s)?(?= (?:forces|troops|army|warplanes|jets|helicopters|air force))',
      'damascus(?:\'s)?(?= (?:forces|troops|army|warplanes|government))',
    ],
    caseSensitivePatterns: ['SAA'],
    example: 'Regime helicopters dropped barrel bombs on the town.',
  },
  {
    rule: 'perp.opposition',
    id: 'opposition',
    name: 'Opposition',
    patterns: [
      'rebels?',
      'rebel (?:groups?|factions?|fighters?|forces)',
      'opposition (?:forces|factions?|fighters?|groups?|militants)',
      'moderate opposition',
      'insurgents?',
      'free syrian army',
      'national liberation front',
      'jaysh al-izza',
      'jaish al-izza',
      'jaish al-islam',
      'jaysh al-islam',
      'army of islam',
      'al-sham corps',
      'faylaq al-sham',
      'syrian national army',
      'terrorist (?:groups?|organizations?|organisations?)',
      'terrorists',
      'armed (?:groups?|terrorist groups?)',
      'turkish-backed (?:factions?|fighters?|groups?)',
    ],
    caseSensitivePatterns: ['FSA', 'NLF', 'SNA'],
    example: 'Rebel factions fired rockets at government-held neighbourhoods.',
  },
  {
    rule: 'perp.hts',
    id: 'hts',
    name: 'HTS',
    patterns: [
      'hayat tahrir al-sham',
      'hay\'at tahrir al-sham',
      'tahrir al-sham',
      'hayat group tahrir al-cham',
      'tahrir al-cham',
      'al-nusra(?: front)?',
      'nusra front',
      'jabhat al-nusra',
      'jihadists?',
      'jihadist (?:groups?|fighters?|factions?)',
    ],
    caseSensitivePatterns: ['HTS'],
    example: 'HTS fighters attacked army positions near the hills.',
  },
  {
    rule: 'perp.turkey',
    id: 'turkey',
    name: 'Turkey',
    patterns: ['turkish(?! president)', 'turkey(?:\'s)?', 'ankara(?:\'s)?', 'türkiye(?:\'s)?'],
    caseSensitivePatterns: ['TSK'],
    example: 'A Turkish drone struck a car near the border town.',
  },
  {
    rule: 'perp.iran-backed',
    id: 'iran-backed',
    name: 'Iran-backed',
    patterns: ['iran-backed', 'iranian-backed', 'pro-iranian', 'iranian militias?', 'hezbollah', 'hizbollah', 'iran-affiliated'],
    example: 'Iran-backed militias shelled the village overnight.',
  },
  {
    rule: 'perp.isis',
    id: 'isis',
    name: 'ISIS',
    patterns: ['islamic state', 'isis', 'isil', 'daesh', 'daish'],
    caseSensitivePatterns: ['IS'],
    example: 'Islamic State suicide bombers attacked the city at dawn.',
  },
  {
    rule: 'perp.sdf',
    id: 'sdf',
    name: 'SDF',
    patterns: ['syrian democratic forces', 'people(?:\'s|’s) protection units', 'ypg', 'pkk', 'ypg/pkk', 'pkk/ypg', 'kurdish(?:-led)? (?:militias?|fighters|forces)', 'asayish'],
    caseSensitivePatterns: ['SDF'],
    example: 'The SDF shelled the town, the ministry said.',
  },
  {
    rule: 'perp.us-coalition',
    id: 'us-coalition',
    name: 'US-led coalition',
    patterns: [
      'us-led coalition',
      'u\\.s\\.-led coalition',
      'international coalition',
      'anti-is coalition',
      'coalition(?= (?:warplanes|jets|aircraft|strikes?|air ?strikes?|forces|bombing|raids?))',
      'american (?:warplanes|jets|aircraft|strikes?|forces|drones?)',
      'u\\.?s\\.? (?:warplanes|jets|aircraft|strikes?|air ?strikes?|forces|military|drones?)',
    ],
    example: 'US-led coalition air strikes hit the neighbourhood.',
  },
  {
    rule: 'perp.israel',
    id: 'israel',
    name: 'Israel',
    patterns: ['israeli', 'israel(?:\'s)?'],
    example: 'An Israeli strike destroyed the building.',
  },
];

/** Claimant aliases: whoever a figure is attributed to. */
export const CLAIMANTS: LexiconEntry[] = [
  {
    rule: 'claimant.sohr',
    id: 'sohr',
    name: 'Syrian Observatory for Human Rights',
    patterns: [
      'syrian observatory for human rights',
      'syrian observatory',
      'britain-based (?:war )?monitor(?:ing group)?',
      'uk-based (?:war )?monitor(?:ing group)?',
      'british-based (?:war )?monitor',
      'london-based (?:war )?monitor',
      'the observatory',
      'rami abd[eu]l[- ]?rahman',
      '(?:britain|uk|u\\.k\\.|british|london)-based observatory',
      '(?:the )?monitor(?:\'s|’s) activists',
      '(?:sohr|osdh) activists',
      'activists of (?:the )?(?:sohr|syrian observatory)',
    ],
    caseSensitivePatterns: ['SOHR', 'OSDH'],
    example: 'Seven civilians died, the Britain-based war monitor said.',
  },
  {
    rule: 'claimant.white-helmets',
    id: 'white-helmets',
    name: 'Syria Civil Defence (White Helmets)',
    patterns: [
      'white helmets',
      'syrian civil defen[cs]e',
      'civil defen[cs]e(?: agency| groups?| sources| teams?| organi[sz]ation| service| rescuers| workers| directorate)?',
      'rescuers',
    ],
    caseSensitivePatterns: ['SCD'],
    example: 'Rescuers pulled four bodies from the rubble, the White Helmets said.',
  },
  {
    rule: 'claimant.snhr',
    id: 'snhr',
    name: 'Syrian Network for Human Rights',
    patterns: ['syrian network for human rights'],
    caseSensitivePatterns: ['SNHR'],
    example: 'The Syrian Network for Human Rights documented the deaths.',
  },
  {
    rule: 'claimant.sana',
    id: 'sana',
    name: 'SANA',
    patterns: ['syrian arab news agency', '(?:the )?official (?:syrian )?(?:sana )?news agency', 'state news agency', 'syrian state media', 'state television', 'state tv'],
    caseSensitivePatterns: ['SANA'],
    example: 'Two people were wounded, the official SANA news agency reported.',
  },
  {
    rule: 'claimant.un',
    id: 'un',
    name: 'United Nations',
    patterns: ['united nations', 'office of the (?:un |u\\.n\\. )?high commissioner for human rights', '(?:un |u\\.n\\. )?high commissioner for (?:human rights|refugees)', 'humanitarian needs assessment programme', 'u\\.n\\.', 'un (?:office|agency|officials?|human rights office|envoy|spokesperson|spokesman|report)', 'ocha', 'ohchr', 'unicef', 'unhcr', 'world health organi[sz]ation'],
    caseSensitivePatterns: ['UN', 'WHO'],
    example: 'The UN human rights office said three children were among the dead.',
  },
  {
    rule: 'claimant.local-sources',
    id: 'local-sources',
    name: 'Local sources',
    patterns: ['local sources?', 'local (?:news )?networks?', 'local activists?', 'activists?', 'local media', 'local officials?', 'local residents said', 'locals', 'sources on the ground'],
    example: 'Nine people were killed, local sources said.',
  },
  {
    rule: 'claimant.aircraft-observatory',
    id: 'aircraft-observatory',
    name: 'Opposition aircraft observers',
    patterns: ['(?:opposition )?aircraft observatory', 'plane spotters?', 'flight monitors?', 'aircraft monitors?'],
    example: 'The jets took off from Hmeimim, an opposition aircraft observatory said.',
  },
  {
    rule: 'claimant.witnesses',
    id: 'witnesses',
    name: 'Witnesses',
    patterns: ['witnesses', 'eyewitnesses', 'a witness', 'an eyewitness'],
    example: 'Witnesses said two people died when the bomb went off in the market.',
  },
  {
    rule: 'claimant.medics',
    id: 'medics',
    name: 'Medical sources',
    patterns: ['medics', 'doctors', 'paramedics', 'medical sources?', 'hospital (?:officials?|sources?|staff|director)', 'a doctor'],
    example: 'Medics said most of the wounded were children.',
  },
  {
    rule: 'claimant.journalist',
    id: 'journalist',
    name: 'Journalist',
    patterns: ['(?:an? )?(?:afp|ap|reuters) (?:correspondent|reporter|photographer|journalist)', 'correspondent'],
    example: 'An AFP correspondent saw rescuers carrying bodies.',
  },
  { rule: 'claimant.msf', id: 'msf', name: 'Médecins Sans Frontières (MSF)', patterns: ['doctors without borders', 'm[ée]decins sans fronti[èe]res'], caseSensitivePatterns: ['MSF'], example: 'MSF said two of its staff were killed when the clinic was hit.' },
  { rule: 'claimant.sams', id: 'sams', name: 'Syrian American Medical Society (SAMS)', patterns: ['syrian american medical society'], caseSensitivePatterns: ['SAMS'], example: 'The Syrian American Medical Society counted 70 dead.' },
  { rule: 'claimant.airwars', id: 'airwars', name: 'Airwars', patterns: ['airwars'], example: 'Airwars assessed the civilian harm as fair.' },
  { rule: 'claimant.uossm', id: 'uossm', name: 'UOSSM', patterns: ['union of medical care and relief organi[sz]ations'], caseSensitivePatterns: ['UOSSM'], example: 'UOSSM said two clinics were hit.' },
  {
    rule: 'claimant.response-coordination-group',
    id: 'response-coordination-group',
    name: 'Response Coordination Group',
    patterns: ['response coordination group', 'response coordinators'],
    example: 'Some 10,000 people fled, according to the Response Coordination Group.',
  },
  {
    rule: 'claimant.turkish-mod',
    id: 'turkish-mod',
    name: 'Turkish Defence Ministry',
    patterns: ['turkish (?:defen[cs]e|national defen[cs]e) ministry', 'turkish ministry of (?:national )?defen[cs]e', 'turkey\'s (?:defen[cs]e|national defen[cs]e) ministry', 'turkish military', 'turkish armed forces'],
    example: 'The Turkish Defence Ministry said 12 militants were neutralised.',
  },
  {
    rule: 'claimant.russian-mod',
    id: 'russian-mod',
    name: 'Russian Defence Ministry',
    patterns: ['russian (?:defen[cs]e )?ministry(?: of defen[cs]e)?', 'russia\'s defen[cs]e ministry', 'russian ministry of defen[cs]e', 'russian military'],
    example: 'The Russian Defence Ministry said its jets killed 30 militants near the town.',
  },
  {
    rule: 'claimant.officials-syria',
    id: 'officials-syria',
    name: 'Syrian officials',
    patterns: [
      'syrian (?:health |interior |defen[cs]e )?ministry',
      'syrian officials?',
      'a source (?:at|in) (?:the )?\\w+ (?:governorate|police command|health directorate)',
      'police command',
      'syrian military source',
      'military source',
    ],
    example: 'A source at the police command said four civilians were killed.',
  },
  { rule: 'claimant.sdf', id: 'sdf', name: 'SDF', patterns: ['sdf (?:media cent(?:er|re)|said|statement)', 'syrian democratic forces said'], example: 'The SDF Media Centre said four fighters were killed.' },
  { rule: 'claimant.rojava-information-centre', id: 'rojava-information-centre', name: 'Rojava Information Centre', patterns: ['rojava information cent(?:re|er)'], caseSensitivePatterns: ['RIC'], example: 'The Rojava Information Centre said five people were killed.' },
  {
    rule: 'claimant.security-source',
    id: 'security-source',
    name: 'Security sources',
    patterns: ['(?:an? |the )?(?:\\w+ )?security sources?', 'sources? in the security (?:forces|services)'],
    example: 'Four soldiers were killed at the checkpoint, a security source told reporters.',
  },
  {
    rule: 'claimant.asayish',
    id: 'asayish',
    name: 'Asayish (internal security forces)',
    patterns: ['asayish', 'kurdish(?:-led)? internal security forces', 'kurdish security forces'],
    example: 'Two men were killed at the roadblock, the Asayish said in a statement.',
  },
  { rule: 'claimant.hts', id: 'hts', name: 'HTS', patterns: ['hts (?:announced|said|claimed)', 'hayat tahrir al-sham (?:announced|said|claimed)'], example: 'HTS announced that it had destroyed a tank.' },
  { rule: 'claimant.isis', id: 'isis', name: 'ISIS', patterns: ['amaq', 'islamic state (?:claimed|said)', 'isis claimed'], example: 'The Amaq agency claimed the attack.' },
];

/**
 * Countries by the adjective and the names reporting uses for them, for the state's own voices
 * ("Iranian state TV", "Iran's ambassador", "Jordanian officials"; actors.ts `findStateVoices`). The
 * country id is the country's name in kebab-case, as the annotation guide writes `officials-<country>`.
 */
export interface Nationality {
  country: string;
  adjectives: string[];
  names: string[];
}

export const NATIONALITIES: Nationality[] = [
  { country: 'afghanistan', adjectives: ['Afghan'], names: ['Afghanistan'] },
  { country: 'algeria', adjectives: ['Algerian'], names: ['Algeria'] },
  { country: 'armenia', adjectives: ['Armenian'], names: ['Armenia'] },
  { country: 'azerbaijan', adjectives: ['Azerbaijani'], names: ['Azerbaijan'] },
  { country: 'bahrain', adjectives: ['Bahraini'], names: ['Bahrain'] },
  { country: 'china', adjectives: ['Chinese'], names: ['China'] },
  { country: 'egypt', adjectives: ['Egyptian'], names: ['Egypt'] },
  { country: 'ethiopia', adjectives: ['Ethiopian'], names: ['Ethiopia'] },
  { country: 'france', adjectives: ['French'], names: ['France'] },
  { country: 'germany', adjectives: ['German'], names: ['Germany'] },
  { country: 'india', adjectives: ['Indian'], names: ['India'] },
  { country: 'iran', adjectives: ['Iranian'], names: ['Iran'] },
  { country: 'iraq', adjectives: ['Iraqi'], names: ['Iraq'] },
  { country: 'israel', adjectives: ['Israeli'], names: ['Israel'] },
  { country: 'jordan', adjectives: ['Jordanian'], names: ['Jordan'] },
  { country: 'kenya', adjectives: ['Kenyan'], names: ['Kenya'] },
  { country: 'kuwait', adjectives: ['Kuwaiti'], names: ['Kuwait'] },
  { country: 'lebanon', adjectives: ['Lebanese'], names: ['Lebanon'] },
  { country: 'libya', adjectives: ['Libyan'], names: ['Libya'] },
  { country: 'mali', adjectives: ['Malian'], names: ['Mali'] },
  { country: 'morocco', adjectives: ['Moroccan'], names: ['Morocco'] },
  { country: 'niger', adjectives: ['Nigerien'], names: ['Niger'] },
  { country: 'nigeria', adjectives: ['Nigerian'], names: ['Nigeria'] },
  { country: 'pakistan', adjectives: ['Pakistani'], names: ['Pakistan'] },
  { country: 'palestine', adjectives: ['Palestinian'], names: ['Palestine'] },
  { country: 'qatar', adjectives: ['Qatari'], names: ['Qatar'] },
  { country: 'russia', adjectives: ['Russian'], names: ['Russia'] },
  { country: 'saudi-arabia', adjectives: ['Saudi'], names: ['Saudi Arabia'] },
  { country: 'somalia', adjectives: ['Somali'], names: ['Somalia'] },
  { country: 'sudan', adjectives: ['Sudanese'], names: ['Sudan'] },
  { country: 'syria', adjectives: ['Syrian'], names: ['Syria'] },
  { country: 'tunisia', adjectives: ['Tunisian'], names: ['Tunisia'] },
  { country: 'turkey', adjectives: ['Turkish'], names: ['Turkey', 'Türkiye'] },
  { country: 'ukraine', adjectives: ['Ukrainian'], names: ['Ukraine'] },
  { country: 'united-arab-emirates', adjectives: ['Emirati'], names: ['UAE'] },
  { country: 'united-kingdom', adjectives: ['British'], names: ['Britain'] },
  { country: 'united-states', adjectives: ['American', 'US', 'U\\.S\\.'], names: ['America'] },
  { country: 'yemen', adjectives: ['Yemeni'], names: ['Yemen'] },
];

/**
 * The guide's id for a country's state media where it names one: Syrian state media are `sana`,
 * Turkish state media the state agency `anadolu-agency`; other countries' are `<country>-state-media`.
 */
export const STATE_MEDIA_IDS: Record<string, string> = { syria: 'sana', turkey: 'anadolu-agency' };
