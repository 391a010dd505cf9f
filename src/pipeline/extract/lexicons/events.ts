/**
 * Event-type, target and casualty-category lexicons as data. Each entry: stable rule id, the value it
 * assigns, regex sources (case-insensitive, word-bounded) and an example. Priority orders ties:
 * when one clause names both "warplanes" and "rockets", the aircraft decide (annotation guide:
 * air_strike covers raids by aircraft; shelling is fire from the ground).
 */
import type { CountCategory, EventType } from '../../../domain/types.ts';

export interface EventCue {
  rule: string;
  value: EventType;
  priority: number;
  patterns: string[];
  example: string;
}

export const EVENT_CUES: EventCue[] = [
  {
    rule: 'event.air.aircraft',
    value: 'air_strike',
    priority: 10,
    patterns: [
      'air ?strikes?', 'air[- ]raids?', 'air attacks?', 'aerial (?:bombardment|attacks?|strikes?|bombing)', 'warplanes?', 'war ?planes?', '(?:fighter )?jets?',
      'aircraft', 'air force', 'helicopters?', 'barrel bombs?', 'bombers', 'planes', 'airplanes',
    ],
    example: 'Warplanes pounded the town overnight.',
  },
  {
    rule: 'event.air.drone',
    value: 'air_strike',
    priority: 10,
    patterns: ['drones?', 'drone strikes?', 'drone attacks?', 'uavs?', 'unmanned aerial vehicles?', 'kamikaze drones?'],
    example: 'A drone strike hit a car on the highway.',
  },
  {
    rule: 'event.air.raid',
    value: 'air_strike',
    priority: 8,
    patterns: ['raids?', 'strikes?', 'struck', 'bombed', 'bombing runs?'],
    example: 'Russian raids killed five people.',
  },
  {
    rule: 'event.shelling',
    value: 'shelling',
    priority: 7,
    patterns: [
      'shelling', 'shelled', 'shells?', 'artillery', 'rocket(?:s| fire| shells?| attacks?)?', 'mortars?(?: shells?| rounds?)?', 'missiles?(?: attacks?| strikes?)?',
      'grad', 'surface-to-surface', 'ground-to-ground', 'bombardment', 'bombarded', 'shelling attacks?',
    ],
    example: 'Artillery shelling killed a civilian in the city.',
  },
  {
    rule: 'event.explosion',
    value: 'explosion',
    priority: 9,
    patterns: [
      'car ?bombs?', 'car bombing', 'truck bombs?', 'tanker bombs?', '(?:fuel |oil )?(?:truck|tanker) (?:bomb|explosion)', 'motorcycle bombs?', 'booby-trapped', 'explosive(?:s| devices?)',
      'improvised explosive', 'ieds?', 'vbieds?', 'landmines?', 'mines?', 'explosions?', 'exploded', 'blasts?', 'detonated', 'suicide (?:bomb(?:er|ers|ing|ings)?|attacks?|vests?)',
      'bomb (?:attack|blast|explosion)', 'unexploded ordnance', 'remnants of war',
    ],
    example: 'A car bomb exploded near a busy market.',
  },
  {
    rule: 'event.clash.offensive',
    value: 'armed_clash',
    priority: 11,
    patterns: ['(?:launched|began|started|launching|mounted) (?:an? |their |a new |a ground )?(?:ground )?(?:offensive|assault)', 'ground offensive', 'clashed with', 'clashes (?:between|with)'],
    example: 'Regime forces launched an offensive on the hills on Sunday.',
  },
  {
    rule: 'event.clash',
    value: 'armed_clash',
    priority: 6,
    patterns: ['clash(?:es|ed)?', 'fighting', 'battles?', 'offensive', 'firefights?', 'gun ?battles?', 'confrontations', 'engagements?', 'ambush(?:ed)?', 'infiltration attempt'],
    example: 'Clashes between rebels and government forces killed 12 fighters.',
  },
  {
    rule: 'event.territory',
    value: 'territory_change',
    priority: 5,
    patterns: [
      '(?:took|taken|take|taking|regained|regain|seized|seize|retook|retaken|recaptured|recapture|reclaimed|captured|capture|wrested) (?:back )?(?:full )?control',
      'recaptured', 'retook', 'seized', 'captured', 'overran', 'advanced into',
    ],
    example: 'Government forces took back control of the town.',
  },
  {
    rule: 'event.attack',
    value: 'attack',
    priority: 3,
    patterns: ['shot dead', 'gunmen', 'gunfire', 'executed', 'executions?', 'stabbed', 'opened fire', 'assassinat(?:ed|ion)', 'attack(?:s|ed)?', 'massacre'],
    example: 'Gunmen shot dead two farmers in their field.',
  },
  {
    rule: 'event.chemical',
    value: 'attack',
    priority: 4,
    patterns: ['chemical (?:attack|weapons?|strike)', '(?:poison|toxic|nerve|chlorine|sarin) gas', 'gas attack'],
    example: 'A suspected chemical attack left dozens dead.',
  },
];

export interface TargetCue {
  rule: string;
  value: string;
  patterns: string[];
  example: string;
}

export const TARGET_CUES: TargetCue[] = [
  { rule: 'target.hospital', value: 'hospital', patterns: ['hospitals?', 'clinics?', 'medical (?:facility|facilities|centers?|centres?|structures?|points?)', 'health (?:facility|facilities|centers?|centres?)', 'field hospital'], example: 'The strike put the hospital out of service.' },
  { rule: 'target.school', value: 'school', patterns: ['schools?', 'kindergartens?', 'universit(?:y|ies)'], example: 'Shells fell on a school in the town.' },
  { rule: 'target.market', value: 'market', patterns: ['markets?', 'marketplaces?', 'souqs?', 'bazaars?', '(?:vegetable|fruit|popular|crowded|busy) market'], example: 'The car bomb went off in a crowded market.' },
  { rule: 'target.bakery', value: 'bakery', patterns: ['bakery', 'bakeries', 'bread queue'], example: 'People queuing at a bakery were hit.' },
  { rule: 'target.camp', value: 'camp', patterns: ['(?:idp |displacement |refugee )?camps?(?! of)', 'camp for (?:the )?displaced'], example: 'Rockets hit a camp for displaced families.' },
  { rule: 'target.mosque', value: 'mosque', patterns: ['mosques?', 'worshipers', 'worshippers', 'friday prayers'], example: 'The blast hit worshippers leaving the mosque.' },
  { rule: 'target.residential', value: 'residential', patterns: ['residential (?:areas?|neighbou?rhoods?|buildings?|blocks?)', 'houses?', 'homes?', 'family home', 'apartment (?:building|block)s?', 'residential'], example: 'The raid destroyed a house sheltering two families.' },
  { rule: 'target.military', value: 'military', patterns: ['military (?:academy|college|base|positions?|points?|posts?|checkpoint|headquarters|convoy|vehicle)', 'military points?', 'positions', 'barracks', 'checkpoints?', 'graduation ceremony'], example: 'The drone hit a military academy during a ceremony.' },
];

export interface CategoryCue {
  rule: string;
  category: CountCategory;
  /** Nouns that name the category (singular and plural). */
  patterns: string[];
  example: string;
}

/** Nouns after a number that tell who was counted. Order matters: first match wins. */
export const CATEGORY_CUES: CategoryCue[] = [
  { rule: 'cat.children', category: 'children', patterns: ['children', 'child', 'kids?', 'minors?', 'boys?', 'girls?', 'infants?', 'babies', 'baby', 'toddlers?', 'students', 'pupils', 'schoolchildren', 'daughters?', 'sons?', 'grandchildren', 'grandsons?', 'granddaughters?', 'nephews?', 'nieces?'], example: 'Three children were killed.' },
  { rule: 'cat.women', category: 'women', patterns: ['women', 'woman', 'mothers?', 'wives', 'wife', 'females?', 'sisters?', 'grandmothers?', 'aunts?', 'girlfriends?'], example: 'Two women were among the dead.' },
  {
    rule: 'cat.fighters',
    category: 'fighters',
    patterns: [
      'fighters?', 'militants?', 'soldiers?', 'troops', 'members', 'gunm[ae]n', 'shooters?', 'assailants?', 'attackers?', 'combatants?', 'militiamen', 'militia members', 'jihadists?', 'rebels?',
      'servicemen', 'personnel', 'officers?', 'deput(?:y|ies)', 'troopers?', 'guards?', 'terrorists?', 'insurgents?', 'recruits', 'cadets', 'commanders?', 'military personnel', 'elements',
    ],
    example: 'Seven fighters of a rebel faction were killed.',
  },
  { rule: 'cat.civilians', category: 'civilians', patterns: ['civilians?', 'citizens?', 'residents?', 'villagers', 'farmers?', 'shepherds?', 'traders', 'worshippers', 'worshipers', 'displaced (?:people|persons)', 'family members', 'workers'], example: 'Four civilians were killed.' },
  {
    rule: 'cat.total',
    category: 'total',
    patterns: ['people', 'persons?', 'individuals', 'others', 'victim', '(?<!of (?:the|those) )victims', 'teens?', 'teenagers?', '(?:\\d+|[a-z]+(?:-[a-z]+)?)-(?:year|month|week)-olds?', 'syrians', 'iraqis', 'kurds', 'palestinians', 'iranians', 'lebanese', 'afghans', 'turks', 'russians', 'men', 'man', 'bodies', 'dead', 'casualties', 'patients', 'doctors?', 'medical staff', 'staff', 'rescue workers', 'rescuers', 'paramedics', 'nurses?', 'journalists?', 'martyrs', 'lives', 'adults?', 'relatives', 'husbands?', 'fathers?', 'brothers?', 'grandfathers?', 'uncles?', 'boyfriends?', 'cousins?', 'neighbou?rs?',
      // People as local news names them ('a store clerk', 'a bystander', 'two juveniles').
      'firefighters?', 'customers?', 'clerks?', 'employees?', 'patrons?', 'bystanders?', 'friends?', 'roommates?', 'co-?workers?', 'acquaintances?', 'males?', 'juveniles?', 'youths?',
      'motorists?', 'pedestrians?', 'homeowners?', 'guests?', 'shoppers?', 'teachers?', 'partygoers?', 'tenants?', 'owners?'],
    example: 'Twenty people were wounded.',
  },
];

/** Outcome words: what happened to the counted people. */
export const KILLED_WORDS = [
  // Police and local-news phrasing ("was pronounced dead at the scene", "was fatally shot").
  'pronounced dead', 'found dead', 'shot to death', 'stabbed to death', 'beaten to death', 'shot and killed', 'fatally (?:shot|wounded|injured|stabbed|struck|hit)',
  'succumbed', 'passed away',
  // "fatally shoots himself", "shoots, kills self", "turned the gun on himself": a death by one's own hand.
  'fatally shoots(?= (?:him|her|them)sel(?:f|ves))',
  // A death by one's own hand told on its own: "took his own life", "committed suicide".
  '(?:took|taken|takes|ended|ends) (?:his|her|their) own li(?:fe|ves)', 'ended (?:his|her|their) li(?:fe|ves)', 'committed suicide', 'killed (?:him|her|them)sel(?:f|ves)', '(?:shoots|shot),? (?:and )?kill(?:s|ed) (?:him|her|them)?sel(?:f|ves)', 'turned (?:the|a|his|her) (?:gun|weapon|rifle|pistol|handgun|firearm) on (?:him|her)self',
  // "sustained a fatal gunshot wound", "suffered a fatal, self-inflicted wound": a wound that killed.
  "(?:sustained|suffered|received) (?:a |an )?fatal,? (?:[\\w-]+ )?(?:gunshot )?wounds?",
  'killed', 'dead', 'died', 'die', 'dies', 'dying', 'perished', 'lost their lives', 'lost his life', 'lost her life', 'martyred', 'slain', 'shot dead',
  'executed', 'fatalities', 'deaths', 'death', 'bodies', 'lifeless', 'massacred', 'martyrdom', 'were buried',
];
export const INJURED_WORDS = [
  // Hospital status and wound words of police and local-news reports ("is in critical condition").
  'in (?:critical|serious|stable|fair|good|grave|life-threatening) condition', 'gunshot wounds?', 'grazed', 'treated for (?:\\w+ )?(?:wounds|injuries)',
  '(?:taken|transported|rushed|airlifted|flown|sent|driven) to (?:the |a |an |two |area |local )*(?:[A-Z][\\w.\'-]* )*(?:hospitals?|medical cent(?:er|re)s?|trauma cent(?:er|re)s?)', 'recovering', 'hospitali[sz]ed',
  'received (?:\\w+[ -])?(?:threatening )?injuries', 'suffered (?:a |an |two |multiple )?(?:\\w+[ -])?(?:threatening )?(?:gunshot |graze |grazing )?(?:wounds?|injuries)',
  'wounded', 'injured', 'hurt', 'injuries', 'injuring', 'wounding', 'wounds', 'injury', 'maimed', 'suffered injuries', 'were hospitali[sz]ed'];
