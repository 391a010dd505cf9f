/**
 * The words the synthetic benchmark corpus is made of, as data: report styles (AP, AFP, Reuters,
 * Anadolu, SOHR, SNHR and machine-translated French wire copy) with their fictional outlets,
 * datelines, claimants and page furniture, and sentence templates with `{slot}` placeholders,
 * each with a stable id and the styles it belongs to. Templates that state casualty figures
 * declare which slot holds which figure (outcome and category), so the generator can record what
 * every casualty sentence says. All text here was written for this project in the manner of those
 * outlets; none is copied from a published report. Outlet names are invented.
 */
import type { CountCategory } from '../src/domain/types.ts';

export const REPORT_STYLES = ['ap', 'afp', 'reuters', 'anadolu', 'sohr', 'snhr', 'mt-french'] as const;
export type ReportStyle = (typeof REPORT_STYLES)[number];

/** A figure a template states: `{n}` is the number killed among civilians, and so on. */
export interface FigureSlot {
  slot: FigureSlotName;
  outcome: 'killed' | 'injured';
  category: CountCategory;
}

/**
 * Figure slots. n, m, c, w belong to one event (killed, injured, children and women among the
 * killed); t, tc, tw belong to a tally (a period or area total and the children/civilians/women in it).
 */
export type FigureSlotName = 'n' | 'm' | 'c' | 'w' | 't' | 'tc' | 'tw';

export type TemplateKind =
  /** A complete casualty sentence: figure, place, governorate, day and (mostly) a claimant. */
  | 'incident'
  /** More figures about the event the preceding incident sentence told. */
  | 'detail'
  /** A period or area total. */
  | 'tally'
  /** Prose about the event without figures (witnesses, rescuers, damage). */
  | 'colour'
  /** Context without the event: the war, the region, diplomacy. */
  | 'background'
  | 'headline';

export interface SentenceTemplate {
  id: string;
  kind: TemplateKind;
  /** Styles that use the template; empty means every style. */
  styles: readonly ReportStyle[];
  text: string;
  figures?: readonly FigureSlot[];
  /** An incident template for a second event later in a report ("Elsewhere in ..."), not a lead. */
  secondEvent?: boolean;
}

export interface StyleSpec {
  id: ReportStyle;
  /** Invented outlets that carry this style of copy. */
  outlets: readonly string[];
  /** How the agency is named in "told {agency}". */
  agency: string;
  /** Ways this style names its source ("the Britain-based war monitor"). */
  claimants: readonly string[];
  /** Figures one to nine as words (wire style guides) or always digits. */
  numberWords: boolean;
  /** Between paragraphs. */
  paragraphBreak: '\n' | '\n\n';
  /** Starts the first paragraph; slots as in templates. Empty for none. */
  datelines: readonly string[];
  /** Whether the headline is repeated as the first line of the text. */
  headlineInText: boolean;
  /** Lines before the body (bylines); one is picked, or none when empty. */
  headerLines: readonly string[];
  /** Lines after the body (credits, share prompts); one is picked, or none when empty. */
  footerLines: readonly string[];
}

const C = (slot: FigureSlotName, category: CountCategory, outcome: 'killed' | 'injured' = 'killed'): FigureSlot => ({ slot, outcome, category });

export const STYLES: readonly StyleSpec[] = [
  {
    id: 'ap',
    outlets: ['Lakeview Courier', 'The Harborside Tribune', 'Prairie State Ledger'],
    agency: 'The Associated Press',
    claimants: [
      'the Britain-based Syrian Observatory for Human Rights',
      'opposition activists',
      'the White Helmets civil defense group',
      'the opposition-run civil defense',
    ],
    numberWords: true,
    paragraphBreak: '\n\n',
    datelines: ['BEIRUT (AP) —', 'DAMASCUS, Syria (AP) —'],
    headlineInText: true,
    headerLines: ['By {first} {last}, AP', 'By {first} {last} and {first2} {last2}, AP'],
    footerLines: ['Associated Press writer {first2} {last2} in Beirut contributed to this report.', 'Share this:'],
  },
  {
    id: 'afp',
    outlets: ['Riviera Morning Post', 'The Cape Mercury', 'Eastern Seaboard Herald'],
    agency: 'AFP',
    claimants: ['the Syrian Observatory for Human Rights', 'the Britain-based war monitor', 'the Observatory', 'the White Helmets rescue group'],
    numberWords: true,
    paragraphBreak: '\n',
    datelines: ['Beirut (AFP) -', 'Idlib (AFP) -'],
    headlineInText: true,
    headerLines: ['Photo: AFP / {first} {last}', '(AFP Photo)'],
    footerLines: ['Related Articles', 'Follow us on Telegram'],
  },
  {
    id: 'reuters',
    outlets: ['Meridian Markets Daily', 'Northbridge Times', 'The Capital Dispatch'],
    agency: 'Reuters',
    claimants: ['a war monitor', 'rescue workers', 'the Syrian Observatory for Human Rights', 'state media', 'local activists'],
    numberWords: true,
    paragraphBreak: '\n\n',
    datelines: ['AMMAN, {dateline_day} (Reuters) -', 'BEIRUT, {dateline_day} (Reuters) -'],
    headlineInText: false,
    headerLines: ['By {first} {last}'],
    footerLines: ['(Reporting by {first} {last} in Amman and {first2} {last2} in Beirut; Editing by {first3} {last3})'],
  },
  {
    id: 'anadolu',
    outlets: ['Anatolian Morning', 'Marmara Observer', 'Bosporus Bulletin'],
    agency: 'Anadolu Agency',
    claimants: ['local sources', 'the White Helmets civil defense agency', 'a local civil defense official', 'local activists'],
    numberWords: false,
    paragraphBreak: '\n',
    datelines: ['ANKARA -', 'IDLIB, Syria -'],
    headlineInText: true,
    headerLines: ['By {first} {last}', 'Subscribe to our daily newsletter'],
    footerLines: ['Share this:', 'Read More: {readmore}'],
  },
  {
    id: 'sohr',
    outlets: ['Orontes Watch', 'Levant Monitor Desk'],
    agency: 'SOHR',
    claimants: ['SOHR sources', 'SOHR activists', 'the Syrian Observatory'],
    numberWords: false,
    paragraphBreak: '\n',
    datelines: [],
    headlineInText: true,
    headerLines: [],
    footerLines: ['Share this:', 'Related Articles'],
  },
  {
    id: 'snhr',
    outlets: ['Rights Record Weekly', 'Documentation Desk Review'],
    agency: 'SNHR',
    claimants: ['the Syrian Network for Human Rights', 'SNHR'],
    numberWords: false,
    paragraphBreak: '\n\n',
    datelines: [],
    headlineInText: true,
    headerLines: [],
    footerLines: ['Follow us on Telegram'],
  },
  {
    id: 'mt-french',
    outlets: ['Le Petit Courrier (English edition)', 'Francophone Wire English Service', 'Journal du Levant International'],
    agency: 'AFP',
    claimants: ['the OSDH', 'the Syrian Observatory of Human Rights (OSDH)', 'the Civil Defense', 'the official agency Sana'],
    numberWords: false,
    paragraphBreak: '\n',
    datelines: ['Beirut (AFP) -', ''],
    headlineInText: true,
    headerLines: ['ADVERTISEMENT'],
    footerLines: ['Read More: {readmore}', 'Share this:'],
  },
];

/** Air powers, with the phrases each style uses for them. `id` is the annotation guide's perpetrator id. */
export interface AirPerpetrator {
  id: string;
  planes: string;
  strikes: string;
  adj: string;
  /** Machine-translated French: "the aviation of the regime". */
  aviation: string;
}

export const AIR_PERPETRATORS: readonly AirPerpetrator[] = [
  { id: 'russia', planes: 'Russian warplanes', strikes: 'Russian air strikes', adj: 'Russian', aviation: 'the Russian aviation' },
  { id: 'russia', planes: 'Russian jets', strikes: 'Russian raids', adj: 'Russian', aviation: 'the aviation of the Russian ally' },
  { id: 'syrian-government', planes: 'Syrian government warplanes', strikes: 'government air strikes', adj: 'government', aviation: 'the aviation of the regime' },
  { id: 'syrian-government', planes: 'regime warplanes', strikes: 'regime airstrikes', adj: 'regime', aviation: 'the regime aviation' },
  { id: 'us-coalition', planes: 'US-led coalition aircraft', strikes: 'coalition air strikes', adj: 'coalition', aviation: 'the aviation of the international coalition' },
  { id: 'turkey', planes: 'Turkish jets', strikes: 'Turkish air strikes', adj: 'Turkish', aviation: 'the Turkish aviation' },
];

export interface GroundForce {
  id: string;
  forces: string;
  shelling: string;
}

export const GROUND_FORCES: readonly GroundForce[] = [
  { id: 'syrian-government', forces: 'government forces', shelling: 'government shelling' },
  { id: 'syrian-government', forces: 'regime forces', shelling: 'regime artillery fire' },
  { id: 'iran-backed', forces: 'Iran-backed militias', shelling: 'rocket fire by Iran-backed militias' },
  { id: 'opposition', forces: 'rebel factions', shelling: 'rebel rocket fire' },
  { id: 'turkey', forces: 'Turkish-backed fighters', shelling: 'Turkish artillery fire' },
  { id: 'sdf', forces: 'Kurdish-led forces', shelling: 'shelling by Kurdish-led forces' },
  { id: 'hts', forces: 'jihadist fighters', shelling: 'jihadist rocket fire' },
];

export const FIRST_NAMES: readonly string[] = [
  'Omar', 'Lina', 'Hassan', 'Rania', 'Khaled', 'Maya', 'Sami', 'Nour', 'Yusuf', 'Hiba',
  'Ahmad', 'Dana', 'Karim', 'Layla', 'Tarek', 'Sarah', 'David', 'Anna', 'Thomas', 'Claire',
];

export const LAST_NAMES: readonly string[] = [
  'Haddad', 'Khalil', 'Nasser', 'Saleh', 'Darwish', 'Mansour', 'Hamdan', 'Barakat', 'Aziz', 'Farouk',
  'Miller', 'Dubois', 'Keller', 'Morgan', 'Petit', 'Laurent', 'Okafor', 'Jensen',
];

/** Compass words for "Idlib's southern countryside". */
export const DIRECTIONS: readonly string[] = ['northern', 'southern', 'eastern', 'western', 'north-western', 'south-eastern'];

/** Round figures for the war's overall toll, as reports give it. */
export const WAR_TOLLS: readonly string[] = ['380,000', '387,000', 'half a million', '500,000', '350,000'];

const ALL: readonly ReportStyle[] = [];
const WIRES: readonly ReportStyle[] = ['ap', 'afp', 'reuters'];

export const TEMPLATES: readonly SentenceTemplate[] = [
  // --- headlines (n is the first event's figure) ---------------------------------------------
  { id: 'headline.strikes-kill', kind: 'headline', styles: ['ap', 'afp', 'reuters'], text: '{perp_strikes} kill {n} civilians in Syria\'s {gov}' },
  { id: 'headline.killed-in-town', kind: 'headline', styles: ['ap', 'afp', 'reuters', 'anadolu'], text: '{n} killed in {perp_adj} strikes on Syrian town of {place}' },
  { id: 'headline.monitor-says', kind: 'headline', styles: ['afp', 'reuters'], text: 'Syria: {n} civilians killed in strikes on {place}, monitor says' },
  { id: 'headline.anadolu', kind: 'headline', styles: ['anadolu'], text: 'Regime attacks kill {n} civilians in Syria\'s {gov}' },
  { id: 'headline.sohr', kind: 'headline', styles: ['sohr'], text: '{gov} | {n} civilians killed in {perp_adj} airstrikes on {place}' },
  { id: 'headline.snhr', kind: 'headline', styles: ['snhr'], text: '{n} Civilians Killed in {place} in {gov} Governorate' },
  { id: 'headline.mt', kind: 'headline', styles: ['mt-french'], text: 'Syria: {n} civilians killed in strikes of the regime on {place}' },
  // For leads that name no air power (car bombs, clashes, shelling).
  { id: 'headline.neutral', kind: 'headline', styles: ALL, text: '{n} killed in {place}, {gov} province' },

  // --- incident sentences: the event's figures, place and day --------------------------------
  {
    id: 'incident.warplanes-struck',
    kind: 'incident',
    styles: ['ap', 'afp', 'reuters', 'anadolu'],
    text: 'At least {n} civilians were killed when {perp_planes} struck {place} in {gov} province on {weekday}, {claimant} said.',
    figures: [C('n', 'civilians')],
  },
  {
    id: 'incident.strikes-on-town',
    kind: 'incident',
    styles: ['ap', 'afp', 'reuters'],
    text: '{perp_strikes} on the town of {place} in {gov}\'s {dir} countryside killed {n} people on {weekday}, including {c} children, {claimant} said.',
    figures: [C('n', 'total'), C('c', 'children')],
  },
  {
    id: 'incident.shelling',
    kind: 'incident',
    styles: ['ap', 'reuters', 'anadolu'],
    text: '{ground_shelling} on {place} in {gov} province killed {n} civilians and wounded {m} others on {weekday}, according to {claimant}.',
    figures: [C('n', 'civilians'), C('m', 'total', 'injured')],
  },
  {
    id: 'incident.car-bomb',
    kind: 'incident',
    styles: ['ap', 'afp', 'reuters', 'anadolu'],
    text: 'A car bomb exploded near a crowded market in {place} in {gov} province on {weekday}, killing at least {n} people and wounding {m}, {claimant} said.',
    figures: [C('n', 'total'), C('m', 'total', 'injured')],
  },
  {
    id: 'incident.family',
    kind: 'incident',
    styles: ['ap', 'afp', 'sohr'],
    text: '{n} members of one family, among them {c} children, were killed when a shell fired by {ground_forces} hit their house in {place}, {gov} province, on {weekday}, {claimant} said.',
    figures: [C('n', 'total'), C('c', 'children')],
  },
  {
    id: 'incident.clashes',
    kind: 'incident',
    styles: ['afp', 'reuters', 'sohr'],
    text: 'Clashes between {ground_forces} and {ground2_forces} near {place} in the {gov} countryside left {n} fighters dead on {weekday}, {claimant} said.',
    figures: [C('n', 'fighters')],
  },
  {
    id: 'incident.drone',
    kind: 'incident',
    styles: ['ap', 'reuters', 'anadolu'],
    text: 'A {perp_adj} drone strike on a car near {place} in {gov} province killed {n} people on {weekday}, {claimant} said.',
    figures: [C('n', 'total')],
  },
  {
    id: 'incident.pounded',
    kind: 'incident',
    styles: ['ap'],
    text: '{perp_planes} pounded {place} in {gov} province on {weekday}, killing at least {n} people, including {c} children, {claimant} said.',
    figures: [C('n', 'total'), C('c', 'children')],
  },
  {
    id: 'incident.afp-house',
    kind: 'incident',
    styles: ['afp'],
    text: '{n} civilians, including {c} children, were killed on {weekday} in {perp_strikes} on the town of {place} in {gov} province, the Britain-based Syrian Observatory for Human Rights said.',
    figures: [C('n', 'civilians'), C('c', 'children')],
  },
  {
    id: 'incident.reuters-rescuers',
    kind: 'incident',
    styles: ['reuters'],
    text: '{perp_strikes} killed at least {n} people in {place}, a town in {gov} province, on {weekday}, rescue workers and a war monitor said.',
    figures: [C('n', 'total')],
  },
  {
    id: 'incident.anadolu-regime',
    kind: 'incident',
    styles: ['anadolu'],
    text: 'At least {n} civilians were killed on {weekday} in airstrikes by the Assad regime and its ally Russia on {place} in {gov} province, according to {claimant}.',
    figures: [C('n', 'civilians')],
  },
  {
    id: 'incident.anadolu-residential',
    kind: 'incident',
    styles: ['anadolu'],
    text: '{n} civilians were killed and {m} others injured on {weekday} when regime forces shelled a residential area in {place} in {gov} province, said {claimant}.',
    figures: [C('n', 'civilians'), C('m', 'total', 'injured')],
  },
  {
    id: 'incident.sohr-documented',
    kind: 'incident',
    styles: ['sohr'],
    text: 'SOHR activists have documented the death of {n} civilians, including {c} children, in {perp_strikes} on {place} in {gov} countryside on {weekday}.',
    figures: [C('n', 'civilians'), C('c', 'children')],
  },
  {
    id: 'incident.sohr-risen',
    kind: 'incident',
    styles: ['sohr'],
    text: 'The number of people killed in the {perp_adj} airstrikes on {place} in the {gov} countryside on {weekday} has risen to {n}, {claimant} said.',
    figures: [C('n', 'total')],
  },
  {
    id: 'incident.snhr-missiles',
    kind: 'incident',
    styles: ['snhr'],
    text: 'On {weekday}, {perp_planes} fired missiles at a residential neighbourhood in {place} in {gov} governorate, killing {n} civilians, including {c} children, {claimant} documented.',
    figures: [C('n', 'civilians'), C('c', 'children')],
  },
  {
    id: 'incident.snhr-barrels',
    kind: 'incident',
    styles: ['snhr'],
    text: 'Syrian regime helicopters dropped barrel bombs on {place} in {gov} governorate on {weekday}, killing {n} civilians, {claimant} said.',
    figures: [C('n', 'civilians')],
  },
  {
    id: 'incident.mt-aviation',
    kind: 'incident',
    styles: ['mt-french'],
    text: 'At least {n} civilians, among them {c} children, have been killed {weekday} in strikes of {perp_aviation} on the locality of {place}, in the province of {gov}, announced {claimant}.',
    figures: [C('n', 'civilians'), C('c', 'children')],
  },
  {
    id: 'incident.mt-lost-life',
    kind: 'incident',
    styles: ['mt-french'],
    text: '{n} civilians have been killed in bombardments of {perp_aviation} on {place} (province of {gov}) this {weekday}, according to {claimant}.',
    figures: [C('n', 'civilians')],
  },

  // --- details: more figures about the event just told ---------------------------------------
  { id: 'detail.among-dead', kind: 'detail', styles: ['ap', 'afp', 'reuters', 'anadolu'], text: 'Among the dead were {c} children and {w} women, {claimant} said.', figures: [C('c', 'children'), C('w', 'women')] },
  { id: 'detail.wounded', kind: 'detail', styles: ['ap', 'afp', 'reuters', 'anadolu'], text: 'At least {m} other people were wounded, some of them seriously, {claimant2} said.', figures: [C('m', 'total', 'injured')] },
  {
    id: 'detail.sohr-injured',
    kind: 'detail',
    styles: ['sohr'],
    text: 'SOHR sources also reported that {m} people were injured, some of them seriously, meaning the death toll is expected to rise.',
    figures: [C('m', 'total', 'injured')],
  },
  { id: 'detail.mt-victims', kind: 'detail', styles: ['mt-french'], text: 'Among the victims figure {c} children and {w} women, specified {claimant}.', figures: [C('c', 'children'), C('w', 'women')] },
  {
    id: 'detail.mt-wounded',
    kind: 'detail',
    styles: ['mt-french'],
    text: 'The strikes also made {m} wounded, of which several in serious condition, according to the same source.',
    figures: [C('m', 'total', 'injured')],
  },
  {
    id: 'detail.snhr-women',
    kind: 'detail',
    styles: ['snhr'],
    text: 'The victims included {w} women, and {m} other civilians were injured, SNHR documented.',
    figures: [C('w', 'women'), C('m', 'civilians', 'injured')],
  },

  // --- second incidents elsewhere in the same report (slots are the second event's) ----------
  {
    id: 'incident.elsewhere',
    kind: 'incident',
    secondEvent: true,
    styles: ['ap', 'afp', 'reuters', 'anadolu'],
    text: 'Elsewhere in {gov} province, {perp_strikes} on {place} killed {n} people on {weekday}, {claimant} said.',
    figures: [C('n', 'total')],
  },
  {
    id: 'incident.separate-attack',
    kind: 'incident',
    secondEvent: true,
    styles: ['ap', 'afp', 'reuters', 'anadolu', 'snhr'],
    text: 'In a separate attack on {weekday}, {n} civilians were killed by {ground_shelling} on {place} in {gov} province, according to {claimant}.',
    figures: [C('n', 'civilians')],
  },
  {
    id: 'incident.mt-also',
    kind: 'incident',
    secondEvent: true,
    styles: ['mt-french'],
    text: 'In the province of {gov}, {n} civilians have also been killed {weekday} in bombardments on {place}, according to {claimant}.',
    figures: [C('n', 'civilians')],
  },
  {
    id: 'incident.sohr-meanwhile',
    kind: 'incident',
    secondEvent: true,
    styles: ['sohr'],
    text: 'Meanwhile, SOHR activists documented the death of {n} civilians in {perp_strikes} on {place} in {gov} countryside on {weekday}.',
    figures: [C('n', 'civilians')],
  },

  // --- tallies --------------------------------------------------------------------------------
  {
    id: 'tally.sohr-since-month',
    kind: 'tally',
    styles: ['sohr'],
    text: 'SOHR has documented the death of {t} people across Syria since the beginning of {month}, among them {tc} civilians.',
    figures: [C('t', 'total'), C('tc', 'civilians')],
  },
  {
    id: 'tally.snhr-month',
    kind: 'tally',
    styles: ['snhr'],
    text: 'SNHR documented the killing of {t} civilians in {prev_month} {prev_year}, including {tc} children and {tw} women.',
    figures: [C('t', 'civilians'), C('tc', 'children'), C('tw', 'women')],
  },
  {
    id: 'tally.afp-offensive',
    kind: 'tally',
    styles: ['afp', 'ap'],
    text: 'According to the Observatory, more than {t} civilians have been killed in {gov} province since the offensive began in {offensive_month}.',
    figures: [C('t', 'civilians')],
  },
  {
    id: 'tally.anadolu-zone',
    kind: 'tally',
    styles: ['anadolu'],
    text: 'More than {t} civilians have been killed in attacks by the regime and its allies in the de-escalation zone since the ceasefire took effect, according to local sources.',
    figures: [C('t', 'civilians')],
  },
  {
    id: 'tally.mt-offensive',
    kind: 'tally',
    styles: ['mt-french'],
    text: 'Since the start of the offensive in {offensive_month}, more than {t} civilians have been killed, according to the OSDH.',
    figures: [C('t', 'civilians')],
  },
  {
    id: 'tally.reuters-week',
    kind: 'tally',
    styles: ['reuters'],
    text: 'The monitor said {t} people had been killed across the {gov} countryside in the past month, {tc} of them children.',
    figures: [C('t', 'total'), C('tc', 'children')],
  },

  // --- colour: the event without figures ------------------------------------------------------
  { id: 'colour.footage', kind: 'colour', styles: ALL, text: 'Footage posted online by activists showed rescuers pulling a child from the rubble of a collapsed building in {place}.' },
  { id: 'colour.digging', kind: 'colour', styles: ALL, text: 'Rescuers were still digging through the rubble for survivors late on {weekday}.' },
  { id: 'colour.market', kind: 'colour', styles: WIRES, text: 'The strikes hit a busy street as people were queuing for bread, witnesses said.' },
  { id: 'colour.flattened', kind: 'colour', styles: ALL, text: 'Several buildings were flattened and a mosque was badly damaged, residents said.' },
  { id: 'colour.ambulances', kind: 'colour', styles: ALL, text: 'Ambulances rushed the wounded to field hospitals in nearby towns, some of which were already overwhelmed.' },
  { id: 'colour.quote-planes', kind: 'colour', styles: ['ap', 'afp', 'reuters', 'anadolu'], text: '"We heard the planes circling and then the whole street shook," said {person}, a resident of {place}.' },
  { id: 'colour.quote-rubble', kind: 'colour', styles: ['ap', 'afp', 'reuters', 'anadolu'], text: '"There are still people under the rubble and we cannot reach them," {person}, a rescue worker, told {agency}.' },
  { id: 'colour.quote-doctor', kind: 'colour', styles: ['ap', 'afp', 'reuters'], text: '"Most of the wounded are women and children," a doctor at a field hospital near {place} said.' },
  { id: 'colour.mt-inhabitant', kind: 'colour', styles: ['mt-french'], text: '"The aviation has not stopped to bomb since the morning," told {person}, an inhabitant of {place}, to {agency}.' },
  {
    id: 'colour.mt-unclear',
    kind: 'colour',
    styles: ['mt-french'],
    text: 'The OSDH, which disposes of a vast network of sources in Syria, did not precise if the strikes were led by the Syrian aviation or by the Russian ally.',
  },
  { id: 'colour.sohr-worth-noting', kind: 'colour', styles: ['sohr'], text: 'It is worth noting that {perp_planes} have intensified their strikes on the {gov} countryside in recent days.' },
  { id: 'colour.snhr-no-military', kind: 'colour', styles: ['snhr'], text: 'SNHR found no military targets in the area at the time of the attack.' },

  // --- background -------------------------------------------------------------------------------
  { id: 'background.offensive', kind: 'background', styles: ALL, text: '{gov} province has been the target of a government offensive backed by Russian air power for months.' },
  { id: 'background.war-toll', kind: 'background', styles: ['ap', 'afp', 'reuters', 'anadolu'], text: 'Syria\'s war has killed more than {war_toll} people and displaced millions since it started in 2011 with the repression of anti-government protests.' },
  { id: 'background.population', kind: 'background', styles: ALL, text: 'Around three million people live in the region, roughly half of them displaced from other parts of the country.' },
  { id: 'background.ceasefire', kind: 'background', styles: ALL, text: 'A ceasefire brokered by Russia and Turkey in {ceasefire_month} has largely held, although violations are reported almost daily.' },
  { id: 'background.aid-warning', kind: 'background', styles: ALL, text: 'Aid groups have warned of a humanitarian disaster as families flee towards the Turkish border.' },
  { id: 'background.tents', kind: 'background', styles: ALL, text: 'Many of the displaced are sheltering in tents, unfinished buildings and schools, aid workers say.' },
  { id: 'background.government-says', kind: 'background', styles: ALL, text: 'The government says it is fighting terrorists and accuses rebel groups of using residential areas as cover.' },
  { id: 'background.moscow-denies', kind: 'background', styles: ALL, text: 'Moscow denies targeting civilians and says its aircraft strike only militant positions.' },
  { id: 'background.highway', kind: 'background', styles: ALL, text: '{place2}, which had some {pop} residents before the war, lies on a highway that links the north of the country with the capital.' },
  { id: 'background.hospitals', kind: 'background', styles: ALL, text: 'Hospitals in the area have been overwhelmed, and several have been put out of service by bombardment in recent months, doctors say.' },
  { id: 'background.un-calls', kind: 'background', styles: ALL, text: 'The United Nations has repeatedly called for a halt to the fighting and for unhindered access for aid convoys.' },
  { id: 'background.turkey-posts', kind: 'background', styles: ALL, text: 'Turkey, which backs some rebel groups, has deployed troops to observation posts across the region.' },
  { id: 'background.hts-control', kind: 'background', styles: WIRES, text: 'Jihadists of Hayat Tahrir al-Sham, a group led by members of Syria\'s former Al-Qaeda affiliate, control large parts of the region.' },
  { id: 'background.verify', kind: 'background', styles: ['ap', 'afp', 'anadolu'], text: 'It was not possible to independently verify the toll.' },
  { id: 'background.schools', kind: 'background', styles: ALL, text: 'Schools in several towns of the {gov} countryside have suspended classes because of the bombardment, teachers said.' },
  { id: 'background.winter', kind: 'background', styles: ALL, text: 'The fighting has pushed thousands of families to camps near the border, where winter temperatures fall below freezing.' },
  { id: 'background.recaptured', kind: 'background', styles: ALL, text: 'Government troops have recaptured dozens of towns and villages in the area since the start of the year.' },
  { id: 'background.geneva', kind: 'background', styles: WIRES, text: 'Diplomats are due to meet in Geneva next week in another attempt to revive stalled peace talks.' },
  { id: 'background.electricity', kind: 'background', styles: ALL, text: 'The electricity network in much of the province has been out of service for weeks, residents said.' },
  { id: 'background.prices', kind: 'background', styles: ALL, text: 'Prices of bread and fuel have soared in the area as supply routes have been cut.' },
  { id: 'background.military-statement', kind: 'background', styles: ALL, text: 'The military said in a statement that it had targeted positions of armed groups in the area.' },
  { id: 'background.reconnaissance', kind: 'background', styles: ALL, text: 'Residents of {place2} said reconnaissance aircraft had been circling over the town since dawn.' },
  { id: 'background.waves', kind: 'background', styles: ALL, text: 'The region has seen repeated waves of displacement since the conflict began.' },
  { id: 'background.councils', kind: 'background', styles: ALL, text: 'Local councils in the area have appealed for fuel and medical supplies.' },
  { id: 'background.food-aid', kind: 'background', styles: ALL, text: 'A UN food agency said it was delivering aid to families who had fled their homes in recent weeks.' },
  { id: 'background.truce-blame', kind: 'background', styles: ALL, text: 'Both sides have accused each other of violating the truce.' },
  { id: 'background.infrastructure', kind: 'background', styles: ALL, text: 'The offensive has been accompanied by strikes on infrastructure, including water stations and bakeries, according to aid groups.' },
  { id: 'background.roads', kind: 'background', styles: ALL, text: 'Observers say the government is seeking to secure the main roads that cross the region.' },
  { id: 'background.dozens-wounded', kind: 'background', styles: ALL, text: 'Dozens of people were also wounded in separate incidents across the province over the past week, activists said.' },
  { id: 'background.fuel', kind: 'background', styles: ALL, text: 'Civil defence teams said they had run out of fuel for their heavy equipment.' },
  {
    id: 'background.afp-method',
    kind: 'background',
    styles: ['afp'],
    text: 'The Britain-based monitor relies on a network of sources across the country and identifies which aircraft carried out a raid from its flight pattern and the munitions it used.',
  },
  { id: 'background.ap-activists', kind: 'background', styles: ['ap'], text: 'The Britain-based Observatory tracks the conflict through a network of activists on the ground.' },
  { id: 'background.reuters-verify', kind: 'background', styles: ['reuters'], text: 'Reuters could not independently verify the report, and there was no immediate comment from the Syrian military.' },
  {
    id: 'background.anadolu-zone',
    kind: 'background',
    styles: ['anadolu'],
    text: 'The area falls inside a de-escalation zone set up under an agreement between Ankara and Moscow, where attacks are banned.',
  },
  { id: 'background.anadolu-ypg', kind: 'background', styles: ['anadolu'], text: 'Ankara regards the YPG as the Syrian branch of the PKK, which it lists as a terrorist organization.' },
  { id: 'background.sohr-calls', kind: 'background', styles: ['sohr'], text: 'SOHR renews its call on the international community to protect civilians and to hold those responsible for these crimes accountable.' },
  { id: 'background.snhr-security-council', kind: 'background', styles: ['snhr'], text: 'SNHR calls on the UN Security Council to take urgent action to stop attacks on civilians and vital facilities.' },
  { id: 'background.snhr-ihl', kind: 'background', styles: ['snhr'], text: 'The report stresses that the attacks documented in it amount to violations of international humanitarian law.' },
  {
    id: 'background.mt-war',
    kind: 'background',
    styles: ['mt-french'],
    text: 'Triggered in 2011 by the repression of pro-democracy demonstrations, the war in Syria has made more than {war_toll} dead and pushed millions of people to exile.',
  },
  {
    id: 'background.mt-hts',
    kind: 'background',
    styles: ['mt-french'],
    text: 'The province of {gov} and sectors of the neighbouring provinces are dominated by the jihadists of Hayat Tahrir al-Cham (HTS, ex-branch of Al-Qaeda).',
  },
  { id: 'background.mt-multiplied', kind: 'background', styles: ['mt-french'], text: 'The regime of Bashar al-Assad, supported by Moscow, multiplied these last weeks the bombardments on the sector.' },
  {
    id: 'background.mt-truce',
    kind: 'background',
    styles: ['mt-french'],
    text: 'At the end of {ceasefire_month}, a truce had been announced under the aegis of Moscow and Ankara, but it was violated several times.',
  },
];

/**
 * Spellings of each governorate (keyed by the gazetteer's admin1 name) that English-language
 * reports use besides the gazetteer's own; the generator uses one now and then.
 */
export const GOVERNORATE_SPELLINGS: Readonly<Record<string, readonly string[]>> = {
  'Al-Hasakah': ['Hasakah', 'Hasakeh'],
  Latakia: ['Lattakia'],
  Quneitra: ['Qunaitra'],
  Raqqa: ['Raqqah'],
  'As-Suwayda': ['Sweida', 'Suwayda'],
  Daraa: ['Deraa'],
  'Deir ez-Zor': ['Deir al-Zor', 'Deir ez-Zour'],
  'Rif Dimashq': ['Rural Damascus', 'Reef Damascus'],
  Hama: ['Hamah'],
  Idlib: ['Idleb'],
  Tartus: ['Tartous'],
};

/** Titles of other stories, for "Read More:" lines. */
export const READ_MORE: readonly string[] = [
  'Rebels retake village in {gov2} countryside',
  'Aid convoy reaches displaced families near {place2}',
  'Talks on northern Syria end without agreement',
  'Winter storms flood camps in {gov2}',
];
