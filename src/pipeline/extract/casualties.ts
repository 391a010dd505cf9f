/**
 * Casualty phrases: finds every "number + who + what happened" in a sentence, in the forms conflict
 * reporting uses ("At least six civilians were killed", "left seven dead and twenty wounded",
 * "kill 20 civilians including 5 children", "Five of the victims, including four women, died",
 * "killing nine people and injuring many others", "resulting in the martyrdom of four of our
 * fighters"). Each anchor keeps the rule id and span that produced it. Sub-counts introduced by
 * "including"/"among them" belong to the head count before them and inherit its outcome.
 * A figure above MAX_CASUALTY_FIGURE is refused (rule cas.implausible-figure) and returned apart,
 * so the document's reading can report it as a warning.
 */
import type { CountCategory, CountSet, CountValue, Provenance } from '../../domain/types.ts';
import { CATEGORY_CUES, INJURED_WORDS, KILLED_WORDS } from './lexicons/events.ts';
import { findQuantities, type Quantity, type QuantityMention } from './numbers.ts';

export type Outcome = 'killed' | 'injured';

export interface CountAnchor {
  outcome: Outcome;
  category: CountCategory;
  quantity: Quantity;
  /** Span of the whole phrase (number through category/outcome). */
  start: number;
  end: number;
  text: string;
  rule: string;
  /** A sub-count ("including five children") of the head anchor at index `parent`. */
  parent: number | null;
  /** "3 children of the same family": children, and therefore civilians. */
  impliesCivilians: boolean;
}

export interface CasualtyRule {
  id: string;
  description: string;
  example: string;
}

/** The rule ids this module assigns, with examples (tested in test/extract/casualties.test.ts). */
export const CASUALTY_RULES: CasualtyRule[] = [
  { id: 'cas.num-cat-outcome', description: 'number, who, then the outcome verb', example: 'At least six civilians were killed in the raid.' },
  { id: 'cas.num-outcome', description: 'number directly followed by the outcome', example: 'The strikes left seven dead and twenty wounded.' },
  { id: 'cas.verb-num', description: 'active outcome verb before the number', example: 'Russian jets hit a house, killing nine people.' },
  { id: 'cas.toll', description: 'death toll reaching a number', example: 'The death toll rose to 33 on Friday.' },
  { id: 'cas.of-victims', description: 'number of the victims', example: 'Five of the victims died in the village.' },
  { id: 'cas.sub', description: 'sub-count in an including-list', example: 'Seven civilians, including two women and a child, were killed.' },
  { id: 'cas.elliptical', description: 'a bare count placed in a town right after a toll is part of it', example: 'Nine civilians were killed on Monday: five in Sarmin and four in Taftanaz.' },
  { id: 'cas.conjoined', description: 'a count joined to the previous one shares its outcome', example: 'The strikes killed 14 soldiers and 9 rebel fighters.' },
  { id: 'cas.pronoun-died', description: 'a pronoun for a victim told before, who died', example: 'The victim was taken to the hospital, where he died.' },
  { id: 'cas.among-dead', description: 'a count of a category among a toll told before', example: 'Four fighters were among them.' },
  { id: 'cas.ref', description: 'suffix (+cas.ref) of a singular mention that may point back at a victim already counted', example: 'The victim was shot in the leg.' },
  { id: 'cas.fatally', description: 'a count of those hit who died of it', example: 'Three people were shot, one fatally, outside a nightclub.' },
  { id: 'cas.pronoun-shot', description: 'a pronoun for a person told before, who was shot; no one if the report tells of a death (most often the same person)', example: 'A mother is expected to recover after she was shot by her toddler.' },
  { id: 'cas.homicide', description: 'suffix (+cas.homicide): people shot in a sentence that tells of a murder, manslaughter or homicide charge died', example: 'A man is facing a manslaughter charge after accidentally shooting his friend.' },
  { id: 'cas.pair', description: 'suffix (+cas.pair): two people under one article count two', example: 'A man and woman were shot outside the bar on Friday.' },
  { id: 'cas.named-list', description: 'two or more people named each with an age, then what happened to them', example: 'Dana Reyes, 21, and Sam Ortiz, 19, were killed in the shooting outside the club.' },
  { id: 'cas.multiple-killing', description: 'the word for the killing gives the toll when no figure is stated', example: 'Detectives are investigating a double homicide on the east side.' },
  { id: 'cas.fatally-verb', description: 'suffix (+cas.fatally-verb): "fatally shooting" someone killed them', example: 'Prosecutors charged a man with fatally shooting his neighbour during an argument.' },
  { id: 'cas.killer-self', description: 'suffix (+cas.killer-self): one who killed or shot others and then himself or herself died too, one more killed', example: 'Police say a man shot his wife and their son before turning the gun on himself.' },
  { id: 'cas.shot', description: 'suffix (+cas.shot) of a count of people hit by gunfire, wounded unless the clause says they died', example: 'Four people were shot on Saturday night.' },
];

/**
 * The largest casualty figure one report can plausibly state. The largest tolls reported for whole
 * wars stay below it (Syria's war, all sides, about 600,000 by SOHR's count in 2021; the Iraq war's
 * highest survey estimate, about 650,000 by 2006), so a larger number in a casualty phrase is a
 * typo, a joined-up pair of numbers or garbage. It is also far within exact integers
 * (Number.MAX_SAFE_INTEGER, 2^53 - 1): a figure past that would lose digits when stored.
 */
export const MAX_CASUALTY_FIGURE = 1_000_000;

/** The refusal of a casualty figure above MAX_CASUALTY_FIGURE, with the sentence that shows it. */
export const IMPLAUSIBLE_FIGURE_RULE: CasualtyRule = {
  id: 'cas.implausible-figure',
  description: `a casualty figure above ${MAX_CASUALTY_FIGURE.toLocaleString('en-US')} (value or upper bound) is no figure; it is reported as a warning of the document`,
  example: 'Officials in Kafr Tala said 99999999999999999999 people were killed in the blast.',
};

/** A number that would have been a casualty figure, refused by IMPLAUSIBLE_FIGURE_RULE. */
export interface RefusedFigure {
  /** The number's span (offsets in the document) and its words as written. */
  start: number;
  end: number;
  text: string;
  rule: string;
}

const isImplausibleFigure = (q: Quantity): boolean => !(q.value <= MAX_CASUALTY_FIGURE && q.max <= MAX_CASUALTY_FIGURE);

// The outcome words are regex sources already (lexicons/events.ts).
const KILLED_RE_SRC = KILLED_WORDS.join('|');
const INJURED_RE_SRC = INJURED_WORDS.join('|');
/**
 * Hit by gunfire, with the outcome left open: "Four people were shot", "was struck by gunfire".
 * Whoever is shot is wounded unless the clause goes on to say they died (see `shotOutcome`).
 */
/**
 * "shot at police" is fired at, not hit; "shot at a house party", "shot at about 2 a.m." and "shot at
 * least twice" are hit, at a place or a time.
 */
const SHOT_AT_HIT = String.raw`(?:least|about|around|approximately|roughly|\d|(?:an?|the)\s+(?:[\w'’-]+\s+){0,2}(?:home|house|residence|party|bar|club|nightclub|park|station|store|shop|apartments?|complex|restaurant|school|motel|hotel|intersection|scene|church|lounge|mall|lot|event|gathering|reception|barbershop|market|business|building|playground|festival|concert|game|funeral|corner|block)\b)`;
const SHOT_RE_SRC = String.raw`shoots(?=,?\s+(?:him|her|them)sel(?:f|ves)\b)|shot(?!\s+(?:and\s+killed|dead|to\s+death|at\b(?!\s+${SHOT_AT_HIT})))|(?:struck|hit|wounded)(?: in the [a-z]+(?: [a-z]+)?)? by (?:an? )?(?:apparent |stray |errant )*(?:gunfire|bullets?|a bullet|stray bullets?|return fire|police fire|gunshots?|a round|rounds|shotgun (?:pellets|blasts?))|suffered (?:a |multiple )?gunshot wounds?`;
const OUTCOME_RE = new RegExp(`(?<![\\p{L}])(?:(${KILLED_RE_SRC})|(${INJURED_RE_SRC})|(${SHOT_RE_SRC}))(?![\\p{L}])`, 'iu');

/** Category noun phrases, longest first so "members of the same family" wins over "members". */
const CATEGORY_PATTERNS: { src: string; category: CountCategory; rule: string; family?: boolean }[] = [
  { src: 'members of (?:the same|one|a single|a|one single) family', category: 'civilians' as CountCategory, rule: 'cat.family', family: true },
  { src: 'family members', category: 'civilians' as CountCategory, rule: 'cat.family', family: true },
  { src: 'members of (?:his|her|their) family', category: 'civilians' as CountCategory, rule: 'cat.family', family: true },
  { src: 'adults?', category: 'civilians' as CountCategory, rule: 'cat.civilians' },
  { src: 'members? of (?:the |a )?(?:local |city |town |municipal |village |provincial )?council', category: 'civilians' as CountCategory, rule: 'cat.civilians' },
  ...CATEGORY_CUES.flatMap((c) => c.patterns.map((p) => ({ src: p, category: c.category as CountCategory, rule: c.rule }))),
].sort((a, b) => b.src.length - a.src.length);

// Words that may stand between the number and the category noun.
const FILLER =
  "(?:more|other|additional|further|innocent|unarmed|civilian|syrian|kurdish|turkish|russian|iraqi|iranian|local|young|elderly|old|displaced|injured|wounded|" +
  "killed|of the|of our|of their|of his|of them|the|same|medical|military|regime|government|opposition|rebel|sdf|ypg|hts|isis|armed|foreign|" +
  "[a-z]+-(?:year|month|week)-old|\\d+-(?:year|month|week)-old|aged \\d+|aid|health|humanitarian|security|police|army|pro-[a-z]+|[a-z]+-(?:backed|affiliated|linked|led|aligned|allied))";
/**
 * One lower-case word that may name what a victim does or where ("a store clerk", "a gas station
 * employee"): not a verb form, a number word or a function word.
 */
const NOUN_MODIFIER = "(?!(?:and|or|of|the|were|was|are|is|had|has|have|been|being|who|that|which|more|other|than|to|in|at|on|by|with|from|for|as|after|before|when|while|killed|dead|died|wounded|injured|shot|dozen|dozens|further|few|couple|number|total|hundred|hundreds|thousand|thousands|score|scores|lot|handful|pair|group|series|string|wave|spate|host|her|his|their|its|our|your|my|this|these|those|some|any|all|both|each|every|another|such|many|much|most|several|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|[a-z]+teen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)\\b)[a-z]{3,}(?<!ed|ing|ly)";
/** Nouns a free modifier may stand before: people as local news names them, not ranks of fighters ("a senior commander"). */
const MODIFIED_NOUNS = `(?:${CATEGORY_PATTERNS.filter((c) => c.category !== 'fighters').map((c) => c.src).join('|')})(?![\\p{L}])`;
const CATEGORY_AFTER_RE = new RegExp(
  `^["'”’]?\\s*(?:${FILLER}\\s+){0,3}(?:${NOUN_MODIFIER}\\s+(?=${MODIFIED_NOUNS}))?(${CATEGORY_PATTERNS.map((c) => c.src).join('|')})(?![\\p{L}])`,
  'iu',
);
const CATEGORY_ANY_RE = new RegExp(`(?<![\\p{L}])(?:${CATEGORY_PATTERNS.map((c) => c.src).join('|')})(?![\\p{L}])`, 'giu');
const OF_VICTIMS_RE = /^\s*of (?:the|those) (?:victims|dead|people killed|killed|casualties)|^\s*of (?:them|whom)/i;
const SAME_FAMILY_RE = /^\s*(?:mostly |all )?(?:from|of) (?:the same|one|a single) family/i;

// Units that make a number not a head count ("48 hours", "180 raids").
const UNIT_AFTER_RE =
  /^\s*(?:more\s+|other\s+)?(?:hours?|days?|weeks?|months?|years?|minutes?|km|kilometres?|kilometers?|miles?|metres?|meters?|percent|per cent|%|times|air ?strikes?|raids?|strikes?|sorties|shells?|rockets?|missiles?|bombs?|barrel bombs?|tons?|tonnes?|villages?|towns?|areas?|sites?|facilities|hospitals?|schools?|houses?|buildings?|cars?|vehicles?|families|homes?|points?|positions?|attacks?|incidents?|cases?|displacements?|million|billion|(?:gunshot |bullet |stab |knife )?wounds?|rounds|shots|shell casings|guns|handguns|rifles|firearms|weapons)(?![\p{L}])/iu;

const BEFORE_ACTIVE_RE =
  /(?:(kill(?:ed|ing|s)?|killings? of|left|leaving|among the (?:dead|killed|victims|fatalities)(?: (?:were|was|are|is))?|among them (?:were|was|are|is)|(?:the dead|the victims|those killed|the fatalities|the killed)(?: also)? (?:included|include|includes|were|are)|(?:murder|slaying)s? of|claim(?:ed|ing|s)? the lives of|took the lives of|taking the lives of|cost the lives of|deaths? of|martyrdom of|massacre of|massacred|executed|bod(?:y|ies) of|shot dead|(?:shooting|stabbing) deaths? of|(?:fatal|deadly) (?:shooting|stabbing)s? of|(?:led|leading) to the (?:death|killing) of|resulted in the (?:death|killing) of|resulting in the (?:death|killing) of)|(shot|shoots|shooting(?: of)?|struck|striking|grazed|grazing|wound(?:ed|ing|s)?|wounding of|injur(?:ed|ing|es)|injury of|injuries (?:of|to)|hurt|maim(?:ed|ing)|among the (?:injured|wounded)(?: (?:were|was|are|is))?))\s+(?:(?:at least|about|around|nearly|more than|some|over)\s+)?(?:the\s+)?$/i;
const TOLL_BEFORE_RE = /(?:death toll|toll|number of (?:dead|deaths|victims|people killed|those killed|fatalities)|fatalities|casualties)(?:\s+[\w'’-]+){0,22}?\s+(?:to|at|of|reached|hit|is|was|stands at|stood at|rose to|rises to|has risen to|had risen to|risen to|climbed to|increased to|went up to|jumped to|now stands at)\s+(?:(?:at least|about|around|nearly|more than|some|over)\s+)?$/i;
const INJURED_TOLL_BEFORE_RE = /(?:number of (?:injured|wounded)|injured toll)(?:\s+[\w'-]+){0,4}?\s+(?:to|at|of|reached|is|was)\s+$/i;
const SUB_BEFORE_RE = /(?:including|includ(?:es|ed)|among them|among whom|of whom|of them|among the (?:dead|victims|killed)|mostly|mainly|most of them|,?\s*and|as well as)\s*(?:at least\s+)?$/i;
const INCLUDING_ONLY_RE = /(?:including|among them|among whom|of whom|of which|of them|among the (?:dead|victims|killed))\s*(?:at least\s+)?$/i;
const IMMEDIATE_OUTCOME_RE = new RegExp(
  `^(?:\\s*,?\\s*(?:between\\s+)?(?:the\\s+)?(?:ages?(?:\\s+of)?|aged)\\s+\\d{1,3}(?:\\s*,\\s*\\d{1,3})*,?\\s+(?:and|&|to)\\s+\\d{1,3}\\s*,?|\\s*,\\s*(?:an?\\s+|the\\s+)?(?:\\d{1,3}|[\\p{Lu}][\\p{L}'’.-]*(?:\\s+[\\p{Lu}][\\p{L}'’.-]*){0,3}(?:,\\s*\\d{1,3})?|\\d{1,3}-(?:year|month|week)-old\\s+[\\p{Lu}][\\p{L}'’.-]*(?:\\s+[\\p{Lu}][\\p{L}'’.-]*){0,2})\\s*,)?\\s*(?:people\\s+|persons\\s+)?(?:who\\s+)?(?:survived\\s+and\\s+)?(?:(?:were|was|have been|has been|had been|are|is|got|being)\\s+)?(?:(?:also|reportedly|later|all|either|subsequently|confirmed|critically|seriously|slightly|lightly|(?!fatally|mortally)\\w+ly)\\s+)?(?:among\\s+(?:those|the|them)\\s+(?:who\\s+(?:were|had been)\\s+)?)?(?:(${KILLED_RE_SRC})|(${INJURED_RE_SRC})|(${SHOT_RE_SRC}))(?![\\p{L}])`,
  'iu',
);
/**
 * After "were shot" / "were wounded": the same people died ("and killed", "and later died",
 * "fatally"; "a boy who was shot on Monday has died").
 */
const DIED_AFTER_RE = /^(?:(?:(?!\b(?:of whom|of them|one|two|three|four|five|six|seven|eight|nine|ten|\d+|some|several|both|all|others?|another)\b)[^.;:!?]){0,80}?\s(?:has|have)\s+(?:since\s+|now\s+)?died\b|\s+(?:fatally|dead|to death)\b|\s+(?:fatally|dead|to death)\b|\s*,\s*(?:killed|dies|died)\b|[^.;:,]{0,12}?\s+(?:and|but)\s+(?:(?:was|were|had|has|have)\s+)?(?:later\s+|since\s+|subsequently\s+)?(?:killed|died|pronounced dead|succumbed)\b|[^.;:]{0,60}?\bwhere\s+(?:they|both|all(?: three| four)?)\s+(?:later\s+|both\s+|all\s+)?(?:died|were pronounced dead|succumbed)\b)/i;
/** An object right after an outcome verb used actively: "… killed his wife", "… shot two people". */
const ACTIVE_OBJECT_AFTER_RE = /^\s+(?:(?:a|an|the|his|her|their|its|my|our|two|three|four|five|six|seven|eight|nine|ten|\d+|one|him|them|me|us)\b|(?:Officer\s+|Deputy\s+)?(?!(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b)[A-Z][a-z'’-]+\s+[A-Z][a-z'’-]+)/;
/** Outcome verbs that take an object when used actively ("died", "dead" never do). */
const TRANSITIVE_OUTCOME_RE = /(?:shot dead|killed|shot|slain|executed|massacred|wounded|injured|hurt|maimed|stabbed|struck|hit|injuring|wounding)\s*$/i;
/** "… and her boyfriend questioned by police": the count has a verb of its own that is no outcome. */
const OWN_VERB_AFTER_RE = /^\s*(?:(?:was|were|is|are|has been|have been|had been)\s+)?(?:\w+ly\s+)?(?:questioned|arrested|detained|charged|held|taken into custody|interviewed|released|booked|sought|wanted|said|told|called|fled|escaped|survived|ran|fired|opened fire|pulled)\b/i;
/**
 * Singular mentions that may point back at someone already told of ("the victim", "he", a name,
 * a headline's bare "Man"): suffix +cas.ref, so the same person is not counted twice.
 */
const REFERRING_QUANTITIES = new Set(['singular-definite', 'singular-pronoun', 'singular-name', 'singular-bare', 'singular-object']);
/** "Four fighters were among them", "two children were among the dead": part of a toll told before. */
const AMONG_DEAD_AFTER_RE = /^\s*(?:were|was|are|is)\s+(?:also\s+)?among\s+(?:them|the (?:dead|victims|fatalities)|those (?:killed|who died))\b/i;
/** A charge or ruling that someone was killed; "attempted murder" says the opposite. */
const HOMICIDE_RE = /\b(?:murder|manslaughter|homicide)\b/i;
const ATTEMPTED_RE = /\battempted\s+(?:murder|homicide|manslaughter)\b|\battempt(?:ing)? to (?:murder|kill)\b/i;
/** What strikes or grazes a person in a shooting. */
const GUNFIRE_RE = /\b(?:bullets?|rounds?|gunfire|gunshots?|shots?|shotgun|gun|pistol|rifle|handgun|weapon|firearm|discharged|fired|ricochet(?:ed)?)\b/i;
/** An age written without its hyphens ("15 year old", "15 year-old", "15-year old"). */
const AGE_SPELLING_RE = /(?<![\p{L}\p{N}])(\d{1,3}|[a-z]+(?:-[a-z]+)?)[ -](year|month|week)[ -]old(?=s?(?![\p{L}]))/giu;
/** "Three people were shot, one fatally": the count before "fatally" died of the wounds counted. */
const FATALLY_AFTER_RE = /^\s*(?:of (?:them|whom)\s+)?(?:(?:was|were)\s+)?fatally\b/i;
// A forward scan for the verb stops at these: they start another statement or change the subject.
const FORWARD_STOP_RE = /[.!?]|\b(?:while|whereas|but|after|before|when|because|since|as a result)\b|\bthey are\b/i;
/**
 * Between a count and a later outcome word, a verb that makes the counted people suspects, captives
 * or survivors: "Two men were charged with murder in the death of …", "three were arrested after …".
 */
const NOT_VICTIMS_RE =
  /\b(?:were|was|have been|had been|being)\s+(?:\w+\s+)?(?:displaced|arrested|detained|kidnapped|missing|evacuated|rescued|trapped)\b|\b(?:were|was|are|is|have been|has been|had been|being|been)\s+(?:\w+\s+)?(?:arrested|charged|accused|booked|indicted|sentenced|convicted|jailed|wanted|questioned|sought|taken into custody|in custody)\b|\b(?:pleaded|pleads|pled)\b|\b(?:charged|accused|arrested|indicted|convicted|sentenced)\s+(?:in|with|for)\b|\b(?:suspects?|accused|defendants?)\b|\b(?:were|was)\s+(?:\w+ly\s+)?(?:inside|present|in the (?:building|plant|store|club|house|home|school|church|room|area))\b/i;
/** "ages 17, 23 and 41", "the victims were 17 and 23": numbers in a list of ages count no one. */
const AGE_LIST_AFTER_RE = /^\s*(?:,\s*\d{1,3}\s*)*(?:,?\s*(?:and|&)\s+\d{1,3})(?![\d\p{L}-])/u;
const AGE_LIST_BEFORE_RE = /(?:\bages?|\baged|\d{1,3}\s*,)\s*$/i;
/** "a man and woman", "a teenager and child": two people under one article (not "a man and a woman", told twice). */
const PAIR_ONE_ARTICLE_RE = /^(?:an?|one)\s+(?:[\w-]+\s+)?(?:man|woman|boy|girl|teen|teenager|child|mother|father|husband|wife|son|daughter)\s+and\s+(?!an?\b|the\b|his\b|her\b|their\b)(?:[\w-]+\s+)?(?:man|woman|boy|girl|teen|teenager|child|mother|father|husband|wife|son|daughter|toddler|infant|baby)\b/i;

/** Two or more people named each with an age, then what happened to them (group 2). */
const NAMED_LIST_RE = /((?:\p{Lu}[\p{L}'’.-]+(?:\s+\p{Lu}[\p{L}'’.-]+){0,3},\s*\d{1,3}\s*,\s*(?:and\s+)?){2,})(?:(?:were|have been|had been|are|was)\s+(?:all\s+|both\s+)?(?:\w+ly\s+)?)?(shot dead|shot and killed|shot to death|found dead|killed|slain|pronounced dead|wounded|injured|hurt|hospitali[sz]ed|shot)\b/gu;
const NAME_APPOSITION_BEFORE_RE = /\p{Lu}[\p{L}'’.-]+(?:\s+(?:Jr|Sr|II|III|IV)\.?)?\s*[,(]\s*$/u;
const YEAR_BEFORE_RE = /\b(?:of|in|since|during|for|from|until|through|by|before|after|early|late|mid)\s+$/i;
/** People gathered, marching or mourning: a crowd, not the victims the clause later names. */
const GATHERING_RE = /\b(?:gathered|gathering|attended|attending|marched|marching|rallied|protested|mourned|vigil|funeral|memorial|candlelight)\b/i;
/** "a motorist escaped serious injury", "were not hurt": the outcome did not befall them. */
const ESCAPED_OUTCOME_BEFORE_RE = /\b(?:escaped|escaping|avoided|avoiding|spared|without|not|never)\s+(?:(?:any|serious|major|significant|physical|being)\s+)?$/i;
/** The noun after a count of gunfire ("one shot", "three rounds"), and the verbs before one. */
const SHOTS_COUNTED_RE = /^\s*(?:more\s+)?(?:gun)?(?:shots?|rounds?|bullets?|volleys?)\b(?!\s+(?:and\s+)?(?:killed|dead|wounded|injured))/i;
/** After the shots: "was fired", "rang out", "went off". */
const SHOTS_VERB_AFTER_RE = /^\s*(?:was\s+|were\s+|had been\s+)?(?:fired|rang out|ring out|went off|heard)\b/i;
const SHOTS_VERB_BEFORE_RE = /\b(?:fire[sd]?|firing|heard|hearing|let off|squeezed off|got off|emptied|discharged|unloaded)\s+(?:(?:at least|about|around|some|nearly|more than|as many as|up to)\s+)?$/i;
const NEGATED_RE = /\b(?:no|not|none|nobody|without)\s+(?:one\s+)?(?:was|were|been)?\s*$/i;
// Vague quantities analysts do not count.
const VAGUE_RE = /^(?:several|a number of|a few|some|many|numerous|a large number of|countless|scores of wounded)$/i;

/**
 * "A woman and her two children were", "Four children and two women were": only counts, victim
 * nouns and connectives stand between the first count and the verb.
 */
function isCountList(between: string): boolean {
  let rest = between;
  for (const q of findQuantities(between, 0)) rest = rest.replace(q.text, ' ');
  rest = rest.replace(CATEGORY_ANY_RE, ' ');
  return /^(?:\s|,|and|or|her|his|their|them|whom|which|the|of|same|family|also|were|was|have|has|had|been|all|both|more|other|another|a|an|young)*$/i.test(rest);
}

/** The outcome of an outcome-word match; "shot" or "wounded" followed by "and died" is killed. */
function outcomeOf(m: RegExpExecArray | RegExpMatchArray, after = ''): Outcome {
  if (m[1]) return 'killed';
  return DIED_AFTER_RE.test(after) ? 'killed' : 'injured';
}

/** Rule suffix for a count of people shot, whose deaths a later statement may take from it. */
function shotSuffix(m: RegExpExecArray | RegExpMatchArray, outcome: Outcome): string {
  return m[3] && outcome === 'injured' ? '+cas.shot' : '';
}

function isSingular(q: QuantityMention): boolean {
  return /^(?:a|an|one|another|a single|the|his|her|their)$/i.test(q.text.trim());
}

/**
 * Find casualty anchors in `text` (a sentence of normalised text); offsets are shifted by `offset`
 * so they refer to the document. Figures refused as implausible are left out (see readCasualties).
 */
export function findCasualtyAnchors(text: string, offset = 0): CountAnchor[] {
  return readCasualties(text, offset).anchors;
}

/**
 * The casualty anchors of `text` (as findCasualtyAnchors) and the figures refused as implausible
 * (IMPLAUSIBLE_FIGURE_RULE): a number that would have made an anchor but is above
 * MAX_CASUALTY_FIGURE. A refused head count takes its sub-counts with it: "including two
 * children" after it is not put under the toll before.
 */
export function readCasualties(text: string, offset = 0): { anchors: CountAnchor[]; refused: RefusedFigure[] } {
  const refused: RefusedFigure[] = [];
  const refuses = (q: QuantityMention): boolean => {
    if (!isImplausibleFigure(q.quantity)) return false;
    refused.push({ start: offset + q.start, end: offset + q.end, text: q.text, rule: IMPLAUSIBLE_FIGURE_RULE.id });
    return true;
  };
  // A dash glued to a word ("(Kurdistan 24) –Seven Syrian soldiers") is punctuation, not a hyphen.
  text = text.replace(/(^|[\s)\]])[-–—](?=\p{L})/gu, '$1 ');
  // "a 15 year-old", "a 15-year old", "a 15 year old": one spelling of an age, same length.
  text = text.replace(AGE_SPELLING_RE, '$1-$2-old');
  const quantities = [...findQuantities(text, 0), ...findArticleSingulars(text)].sort((a, b) => a.start - b.start);
  const anchors: CountAnchor[] = [];
  let lastHead: number | null = null;
  let lastHeadEnd = -1;
  for (const q of quantities) {
    const rawQ = q.text.trim();
    if (VAGUE_RE.test(rawQ.replace(/\s+of$/i, '').trim()) || VAGUE_RE.test(rawQ)) continue;
    const after = text.slice(q.end, q.end + 160);
    const before = text.slice(Math.max(0, q.start - 80), q.start);
    if (UNIT_AFTER_RE.test(after)) continue;
    if (/(?:aged|age of|ages of|\bages?)\s*$/i.test(before)) continue;
    if (q.quantity.value < 120 && /^\d+$/.test(rawQ) && (AGE_LIST_AFTER_RE.test(after) || (AGE_LIST_BEFORE_RE.test(before) && /^\s*(?:,|and\b|$|\.)/.test(after)))) continue;
    // "Two men, ages 20 and 27, were taken to hospital": the last age of a list is an age too.
    if (q.quantity.value < 120 && /^\d+$/.test(rawQ) && /\b(?:ages?(?:\s+of)?|aged)\s+\d{1,3}(?:\s*,\s*\d{1,3})*,?\s+(?:and|&|to)\s*$/i.test(before)) continue;
    // "Dana Reyes, 21, and Sam Ortiz, 19, were killed": a number set off after a name is an age.
    if (q.quantity.value < 120 && /^\d+$/.test(rawQ) && NAME_APPOSITION_BEFORE_RE.test(before) && /^\s*[,)]/.test(after)) continue;
    // "the death of 3 yr old": an age written short, not a count.
    if (/^\d+$/.test(rawQ) && /^[\s-]*yrs?\.?[\s-]*old\b/i.test(after)) continue;
    // "told KSLA News 12 the woman was shot": a channel's number, not a count.
    if (/^\d+$/.test(rawQ) && /\b(?:News|Channel|TV|Radio|FOX|CBS|NBC|ABC|CW|Eyewitness|Action)\s+$/.test(before)) continue;
    // "the first homicide of 2016 was …": a year, not a count.
    if (/^(?:19|20)\d\d$/.test(rawQ) && YEAR_BEFORE_RE.test(before)) continue;
    // "the deputy fired one shot", "heard three shots", "at least one shot was fired": a count of
    // shots, not of people shot.
    const shots = SHOTS_COUNTED_RE.exec(after);
    if (shots && (SHOTS_VERB_BEFORE_RE.test(before) || SHOTS_VERB_AFTER_RE.test(after.slice(shots[0].length)))) continue;

    let category: CountCategory | null = null;
    let catRule = '';
    let phraseEnd = q.end;
    let impliesCivilians = false;
    const named = q.quantity.rule === 'singular-name';
    const catM = named ? null : CATEGORY_AFTER_RE.exec(after);
    if (named) {
      category = 'total';
      catRule = 'cat.named';
    }
    if (catM) {
      const noun = catM[1];
      const cp = CATEGORY_PATTERNS.find((c) => new RegExp(`^(?:${c.src})$`, 'iu').test(noun));
      if (cp) {
        category = cp.category;
        catRule = cp.rule;
        phraseEnd = q.end + catM[0].length;
        if (cp.family) impliesCivilians = true;
        // "dead"/"bodies"/"lives" as a noun is itself the outcome: "seven dead".
      }
    }
    // "Eight civilians, three of them children, killed": a sub-count of the count before.
    const ofThemCat = lastHead !== null ? new RegExp(`^\\s*of (?:them|whom|which)\\s+(?:were\\s+|are\\s+)?(${CATEGORY_PATTERNS.map((c) => c.src).join('|')})(?![\\p{L}])`, 'iu').exec(after) : null;
    if (ofThemCat) {
      const cp = CATEGORY_PATTERNS.find((c) => new RegExp(`^(?:${c.src})$`, 'iu').test(ofThemCat[1]));
      const parent = anchors[lastHead!];
      if (cp && cp.category !== 'total' && cp.category !== parent.category) {
        if (refuses(q)) continue;
        anchors.push({ outcome: parent.outcome, category: cp.category, quantity: q.quantity, start: offset + q.start, end: offset + q.end + ofThemCat[0].length, text: text.slice(q.start, q.end + ofThemCat[0].length), rule: 'cas.sub', parent: lastHead, impliesCivilians: true });
        continue;
      }
    }
    // An earlier, superseded figure ("up from an earlier toll of 22") is not a second toll.
    if (/(?:up|down|rising|risen|increased) from\s+(?:an?\s+|the\s+)?(?:earlier|previous|initial|prior|first)?\s*(?:death\s+)?(?:toll|figure|count|estimate)?\s*(?:of\s+)?$|(?:earlier|previous|initial|prior) (?:death )?(?:toll|figure|count|estimate) of\s+$/i.test(before)) continue;
    const ofVictims = !category ? OF_VICTIMS_RE.exec(after) : null;
    if (ofVictims) {
      // "of the victims": in casualty reporting the victims of a strike are civilians.
      category = /victims/i.test(ofVictims[0]) ? 'civilians' : 'total';
      catRule = 'cas.of-victims';
      phraseEnd = q.end + ofVictims[0].length;
    }
    const famM = SAME_FAMILY_RE.exec(text.slice(phraseEnd, phraseEnd + 60));
    if (famM) impliesCivilians = true;

    // "the other four", "another two": the same kind of victims as the count before.
    if (!category && lastHead !== null && (/(?:the other|another|the remaining)\s*$/i.test(before) || (q.quantity.additional && !/others?$/i.test(rawQ)))) {
      category = anchors[lastHead].category;
      catRule = 'cat.inherited';
    }
    const singular = isSingular(q);
    const rest = text.slice(phraseEnd, phraseEnd + 200);
    let outcome: Outcome | null = null;
    let rule = '';
    let end = phraseEnd;

    // 1. Outcome immediately after the phrase: "seven dead", "a civilian was killed", "20 wounded".
    const fatally = lastHead !== null && FATALLY_AFTER_RE.exec(rest);
    if (fatally) {
      outcome = 'killed';
      rule = 'cas.fatally';
      end = phraseEnd + fatally[0].length;
    }
    const amongDead = outcome || !category ? null : AMONG_DEAD_AFTER_RE.exec(rest);
    if (amongDead) {
      outcome = 'killed';
      rule = 'cas.among-dead';
      end = phraseEnd + amongDead[0].length;
    }
    const imm = outcome ? null : IMMEDIATE_OUTCOME_RE.exec(rest);
    // "A man shot and killed his neighbour", "the gunman shot two people": the count did it.
    const active = imm && TRANSITIVE_OUTCOME_RE.test(imm[0]) && !/\b(?:were|was|have been|has been|had been|are|is|got|being)\b/i.test(imm[0]) && ACTIVE_OBJECT_AFTER_RE.test(rest.slice(imm[0].length));
    if (imm && !active && (category || !singular || /^one$/i.test(rawQ))) {
      outcome = outcomeOf(imm, rest.slice(imm[0].length));
      rule = (category ? 'cas.num-cat-outcome' : 'cas.num-outcome') + shotSuffix(imm, outcome);
      end = phraseEnd + imm[0].length;
    }
    if (catM && category === 'total' && /^(?:dead|bodies)$/i.test(catM[1])) {
      outcome = 'killed';
      rule = 'cas.num-outcome';
    }
    // 2. An active outcome verb right before the number: "killing nine people", "left 10 injured".
    if (!outcome) {
      const bm = BEFORE_ACTIVE_RE.exec(before);
      if (bm && (category || !singular || (/^one$/i.test(rawQ) && /\b(?:killing|wounding|injuring)\s+$/i.test(before)))) {
        // "left" alone is ambiguous: "left 10 civilians injured" is decided by what follows.
        const leftOnly = /(?:^|\s)(?:left|leaving)\s+(?:(?:at least|about|around|nearly|more than|some|over)\s+)?(?:the\s+)?$/i.test(before);
        // "the bullet struck a boy" is a wound; "a car struck a pedestrian" is not one of gunfire.
        const strikeWithoutGun = /^(?:struck|striking|grazed|grazing)\b/i.test(bm[0]) && !GUNFIRE_RE.test(text.slice(0, q.start));
        if (!leftOnly && !strikeWithoutGun) {
          outcome = bm[1] ? 'killed' : 'injured';
          // "shot a 14-year-old boy to death": the object's outcome follows it.
          if (outcome === 'injured' && /^[^.;,]{0,40}?\s(?:to death|dead)\b/i.test(text.slice(phraseEnd, phraseEnd + 60)) && /\bshot\b/i.test(bm[0])) outcome = 'killed';
          // "charged with fatally shooting her husband": the shooting killed.
          const fatal = outcome === 'injured' && /\b(?:fatally|mortally)\s+(?:shooting|shot|shoots|wounding|wounded|stabbing|stabbed)\s+$/i.test(before);
          if (fatal) outcome = 'killed';
          rule = 'cas.verb-num' + (fatal ? '+cas.fatally-verb' : outcome === 'injured' && /\b(?:shot|shoots|shooting)\b/i.test(bm[0]) ? '+cas.shot' : '');
        }
      }
    }
    if (!outcome && !singular) {
      if (TOLL_BEFORE_RE.test(text.slice(Math.max(0, q.start - 160), q.start))) {
        outcome = 'killed';
        rule = 'cas.toll';
        category = category ?? 'total';
      } else if (INJURED_TOLL_BEFORE_RE.test(before)) {
        outcome = 'injured';
        rule = 'cas.toll';
        category = category ?? 'total';
      }
    }
    // 3. With a category, the verb may come later in the clause: "7 fighters of the X faction killed in".
    if (!outcome && category) {
      const stop = FORWARD_STOP_RE.exec(rest);
      const window = stop ? rest.slice(0, stop.index) : rest;
      const om = OUTCOME_RE.exec(window);
      if (om && om.index !== undefined) {
        const between = window.slice(0, om.index);
        // No other head count in between, unless it is an including-list.
        const otherNumbers = findQuantities(between, 0).filter((x) => !isSingular(x));
        const listy = /including|among them|mostly|mainly|of the same family|of whom/i.test(between) || otherNumbers.length === 0 || isCountList(between);
        const words = between.trim().split(/\s+/).filter(Boolean).length;
        const activeVerb = TRANSITIVE_OUTCOME_RE.test(om[0]) && !/\b(?:were|was|have been|has been|had been|are|is|got|being)\b/i.test(between + om[0]) && ACTIVE_OBJECT_AFTER_RE.test(window.slice(om.index + om[0].length));
        // "200 people gathered for a vigil to honor an officer who was killed": the outcome is the
        // officer's (a singular verb after a plural count), and a crowd gathering is no victims.
        const anotherSubject = q.quantity.value > 1 && /\b(?:was|has been|is)\s+(?:\w+ly\s+)?$/i.test(between);
        if (listy && words <= 22 && !activeVerb && !NOT_VICTIMS_RE.test(between) && !ESCAPED_OUTCOME_BEFORE_RE.test(between) && !anotherSubject && !GATHERING_RE.test(between)) {
          outcome = outcomeOf(om, window.slice(om.index + om[0].length));
          rule = 'cas.num-cat-outcome' + shotSuffix(om, outcome);
          end = phraseEnd + om.index + om[0].length;
        }
      }
    }
    // Sub-count of the previous head: "including five children", "including 5 children and 3 women".
    // After "and" it is a sub-count only when the list before it was one ("... and 3 women");
    // "killed 14 soldiers and 9 fighters" adds a second head.
    const lastAnchor = anchors.length ? anchors[anchors.length - 1] : null;
    const includingCtx = lastHead !== null && INCLUDING_ONLY_RE.test(before);
    const andAfterSub = lastAnchor !== null && lastAnchor.parent !== null && q.start - (lastAnchor.end - offset) < 40 && SUB_BEFORE_RE.test(before);
    // "Five people were shot, including one man who was shot 10 times": a part of them, whatever its noun.
    const partOfTotal = (c: CountCategory | null) => includingCtx && c === 'total' && anchors[lastHead!].category === 'total' && q.quantity.value <= anchors[lastHead!].quantity.value;
    const subsetOfParent = (c: CountCategory | null) =>
      partOfTotal(c) || (c !== null && c !== 'total' && lastHead !== null && c !== anchors[lastHead].category && !(c === 'fighters' && anchors[lastHead].category === 'civilians'));
    if ((includingCtx || andAfterSub) && subsetOfParent(category) && (!outcome || rule !== 'cas.num-cat-outcome' || includingCtx)) {
      const parent = anchors[lastHead!];
      if (parent) {
        if (refuses(q)) continue;
        anchors.push({
          outcome: parent.outcome,
          category: category!,
          quantity: q.quantity,
          start: offset + q.start,
          end: offset + phraseEnd,
          text: text.slice(q.start, phraseEnd),
          rule: 'cas.sub',
          parent: lastHead,
          impliesCivilians: impliesCivilians || category === 'children' || category === 'women',
        });
        lastHeadEnd = phraseEnd;
        continue;
      }
    }
    // "Nine were killed: five in Maarat Misrin and four in Taftanaz": a bare count placed "in X" right
    // after a toll is a part of it, with its category and outcome.
    if (!outcome && !category && !singular && lastHead !== null && /^\s+(?:of them\s+|others?\s+|more\s+)?(?:were\s+)?(?:killed\s+|died\s+|wounded\s+|injured\s+)?(?:in|at|near|on)\s+(?:the\s+(?:town|village|city)\s+of\s+)?[A-Z]/.test(after) && /(?:[:,;]|\band|\bwhile)\s*$/.test(before)) {
      category = anchors[lastHead].category;
      catRule = 'cat.inherited';
      outcome = anchors[lastHead].outcome;
      rule = 'cas.elliptical';
    }
    // Monitor style "killed 13 civilians, they are 7 civilians ... in al-Sahara, and 6 ...": the
    // breakdown after "they are"/"namely" shares the outcome of the total it breaks down.
    const continuesBreakdown = lastHead !== null && anchors[lastHead].rule.startsWith('cas.elliptical') && /(?:[,;]|\band)\s*$/i.test(before) && /^\s*(?:\w+\s+){0,6}?(?:in|at|near|on)\s+(?:the\s+\w+\s+of\s+)?[A-Z]/.test(text.slice(phraseEnd, phraseEnd + 80));
    if (!outcome && category && lastHead !== null && (/(?:they are|they were|namely|as follows|these are)\s*:?\s*$/i.test(before) || continuesBreakdown)) {
      outcome = anchors[lastHead].outcome;
      rule = 'cas.elliptical';
    }
    // "killed 14 soldiers and 9 rebel fighters", "two in Saraqib, three others in Sarmin",
    // "six on Tuesday and eight more on Wednesday": a count joined to the previous one shares its outcome.
    // Not the one who did it: "shot in the face by his friend", "after his father fired".
    const between = text.slice(lastHeadEnd, q.start);
    // "the murder of Dana Lee, a 23-year-old from Lakeville": a person named, then described, is one.
    const listGoesOn = /^\s*(?:,\s*(?:and\s+)?|and\s+)(?:an?|the|his|her|their|\d+|one|two|three|four|five)\b/i.test(text.slice(phraseEnd, phraseEnd + 30));
    const describesNamed = singular && anchors[lastHead ?? -1]?.quantity.rule === 'singular-name' && /^\s*,\s*$/.test(between) && !listGoesOn;
    if (!outcome && lastHead !== null && category && !describesNamed && q.start - lastHeadEnd < 60 && /^(?:\s+(?:on|in|at|near)\s+[\p{L}'’ -]{1,30}?)?(?:\s*,?\s*(?:and|as well as)?\s*)$/iu.test(between) && !/\b(?:by|after|before|when|while|because|with|from)\b/i.test(between) && !OWN_VERB_AFTER_RE.test(rest)) {
      outcome = anchors[lastHead].outcome;
      rule = 'cas.conjoined';
    }
    if (!outcome) continue;
    if (NEGATED_RE.test(before)) continue;
    // "four victims suffering from gunshot wounds", "the victims were taken to the hospital": the
    // victims of a shooting are everyone hit, the dead among them, like a count of the shot.
    if (outcome === 'injured' && catM && /^victims$/i.test(catM[1]) && !rule.includes('+cas.shot')) rule += '+cas.shot';
    // "one fired a shot": the one who fired, not a person hit.
    const spanText = text.slice(q.start, Math.max(end, phraseEnd));
    if (outcome === 'injured' && /\b(?:fired|fire|firing)\s+(?:\w+\s+)?shots?$/i.test(spanText)) continue;
    if (refuses(q)) {
      // No head: what follows it is not put under the toll before it.
      lastHead = null;
      lastHeadEnd = Math.max(end, phraseEnd);
      continue;
    }
    anchors.push({
      outcome,
      category: category ?? 'total',
      quantity: q.quantity,
      start: offset + q.start,
      end: offset + Math.max(end, phraseEnd),
      text: text.slice(q.start, Math.max(end, phraseEnd)),
      rule: rule + (catRule ? `+${catRule}` : '') + (REFERRING_QUANTITIES.has(q.quantity.rule) || /^(?:the|his|her|their)$/i.test(rawQ) ? '+cas.ref' : ''),
      parent: null,
      impliesCivilians,
    });
    lastHead = anchors.length - 1;
    lastHeadEnd = Math.max(end, phraseEnd);
  }
  // "…, where he died": a person already told of died; one death, when the sentence counts no other.
  if (!anchors.some((a) => a.outcome === 'killed')) {
    const died = pronounAnchor(text, offset, PRONOUN_DIED_RE, 'killed', 'cas.pronoun-died');
    if (died) anchors.push(died);
  }
  // "… after she was shot by her son", "he accidentally shot himself": one person hit, wounded; it
  // may be a victim told before (+cas.ref; reconcile-outcomes drops it when the report tells of a death).
  if (!anchors.length && !KILLED_ANYWHERE_RE.test(text)) {
    const shot = pronounAnchor(text, offset, PRONOUN_SHOT_RE, 'injured', 'cas.pronoun-shot+cas.shot+cas.ref');
    if (shot) anchors.push(shot);
  }
  // "charged with manslaughter after shooting his friend": the one who was shot died of it (with
  // several shot, who died is not said).
  if (HOMICIDE_RE.test(text) && !ATTEMPTED_RE.test(text)) {
    for (let i = 0; i < anchors.length; i++) {
      const a = anchors[i];
      if (a.outcome === 'injured' && a.rule.includes('+cas.shot') && a.quantity.max === 1) anchors[i] = { ...a, outcome: 'killed', rule: `${a.rule.replace('+cas.shot', '')}+cas.homicide` };
    }
  }
  // "a man and woman were shot": one article for two people; the second noun has no anchor of its own.
  for (let i = 0; i < anchors.length; i++) {
    const a = anchors[i];
    if (a.parent !== null || a.quantity.value !== 1 || !PAIR_ONE_ARTICLE_RE.test(a.text)) continue;
    const two = { ...a.quantity, value: 2, min: 2, max: 2, rule: 'pair' };
    anchors[i] = { ...a, category: 'total', quantity: two, rule: `${a.rule.replace(/\+cat\.\w+/, '').replace('+cas.ref', '')}+cat.total+cas.pair` };
  }
  // "Dana Reyes, 21, and Sam Ortiz, 19, were killed": people named with their ages, counted.
  for (const m of text.matchAll(NAMED_LIST_RE)) {
    const count = (m[1].match(/,\s*\d{1,3}\s*,/g) ?? []).length;
    const start = m.index!;
    const end = start + m[0].length;
    if (count < 2 || anchors.some((a) => a.start - offset < end && a.end - offset > start)) continue;
    const outcome: Outcome = /wounded|injured|hurt|hospitali[sz]ed/i.test(m[2]) ? 'injured' : 'killed';
    const shotOnly = /^shot$/i.test(m[2].trim());
    anchors.push({
      outcome: shotOnly ? 'injured' : outcome,
      category: 'total',
      quantity: { value: count, min: count, max: count, qualifier: 'exact', approximate: false, additional: false, rule: 'named-list' },
      start: offset + start,
      end: offset + end,
      text: m[0],
      rule: shotOnly ? 'cas.named-list+cas.shot' : 'cas.named-list',
      parent: null,
      impliesCivilians: false,
    });
  }
  // "a double homicide", "the triple murder", "a murder-suicide": the word says how many died,
  // when the text gives no killed figure of its own.
  if (!anchors.some((a) => a.outcome === 'killed')) {
    const m = MULTIPLE_KILLING_RE.exec(text);
    if (m && !NEGATED_RE.test(text.slice(Math.max(0, m.index - 20), m.index)) && !/\battempt(?:ed|ing to commit)\s+$/i.test(text.slice(Math.max(0, m.index - 30), m.index))) {
      const value = m[2] ? MULTIPLE_OF[m[2].toLowerCase()] : (m[1] ? MULTIPLE_OF[m[1].toLowerCase()] : 1) + 1;
      anchors.push({
        outcome: 'killed',
        category: 'total',
        quantity: { value, min: value, max: value, qualifier: 'exact', approximate: false, additional: false, rule: 'multiple-word' },
        start: offset + m.index,
        end: offset + m.index + m[0].length,
        text: m[0],
        rule: 'cas.multiple-killing',
        parent: null,
        impliesCivilians: false,
      });
    }
  }
  // "shot his wife and son before turning the gun on himself", "killing two, then himself": the
  // one who shot the others died too.
  const self = KILLER_SELF_RE.exec(text);
  if (self) {
    const start = offset + self.index + self[0].length - self[0].trimStart().length;
    const end = offset + self.index + self[0].length;
    const victimsBefore = anchors.some((a) => a.parent === null && a.start < start);
    const toldAlready = anchors.some((a) => a.start < end && a.end > start);
    if (victimsBefore && !toldAlready && !/(?:attempt(?:ed|ing)?|tried|threatened|threatening)[^.;]*$/i.test(text.slice(0, self.index))) {
      anchors.push({
        outcome: 'killed',
        category: 'total',
        quantity: { value: 1, min: 1, max: 1, qualifier: 'exact', approximate: false, additional: true, rule: 'killer-self' },
        start,
        end,
        text: text.slice(start - offset, end - offset),
        rule: 'cas.killer-self',
        parent: null,
        impliesCivilians: false,
      });
    }
  }
  // "A man killed himself after shooting two people": the one who died by his own hand shot the
  // others; he is one more dead, not one of those he shot (as cas.killer-self).
  const shotOthers = anchors.some((a) => a.parent === null && a.outcome === 'injured' && a.rule.includes('+cas.shot'));
  for (let i = 0; i < anchors.length && shotOthers; i++) {
    const a = anchors[i];
    if (a.parent === null && a.outcome === 'killed' && a.quantity.value === 1 && a.rule.startsWith('cas.num-cat-outcome') && OWN_HAND_RE.test(a.text)) {
      anchors[i] = { ...a, rule: 'cas.killer-self', quantity: { ...a.quantity, additional: true, rule: 'killer-self' } };
    }
  }
  // A headline glued to its lead ("Girl shot on west sideLAKEVILLE — A child was shot …") tells
  // one person twice: the headline's bare noun is the person the lead counts.
  const single = (a: CountAnchor) => a.parent === null && a.quantity.value === 1 && a.quantity.max === 1;
  const kept = anchors.filter(
    (a) => !(a.quantity.rule === 'singular-bare' && single(a) && anchors.some((b) => b !== a && single(b) && b.outcome === a.outcome && b.category === a.category && b.quantity.rule !== 'singular-bare' && b.rule !== 'cas.killer-self')),
  );
  return { anchors: kept, refused };
}

/** A death by one's own hand, in the words of an anchor. */
const OWN_HAND_RE = /\b(?:(?:him|her|them)sel(?:f|ves)|own li(?:fe|ves)|ended (?:his|her|their) li(?:fe|ves)|suicide)\b/i;

/**
 * After victims in the same sentence: "then himself", "before killing herself", "before turning the
 * gun on himself", "and then took his own life", "and later committed suicide" — the killer's own death.
 */
const KILLER_SELF_RE =
  /(?:,\s*|\s+)(?:and\s+)?(?:then|before|later)\s+(?:(?:fatally\s+)?(?:killing|killed|kills|shooting|shot|shoots|turning|turned|turns)\s+(?:(?:the|a|his|her)\s+(?:gun|weapon|rifle|pistol|handgun|shotgun|firearm)\s+on\s+)?)?(?:him|her)self(?![\p{L}])(?!\s+(?:in the (?:hand|leg|arm|foot|shoulder)|with (?:a )?non-life))|(?:,\s*|\s+)(?:and\s+)?(?:then|before|later)\s+(?:(?:taking|took|takes)\s+(?:his|her)\s+own\s+life|(?:committing|committed|commits)\s+suicide)/iu;

/**
 * "double homicide" (2), "triple murder" (3), "quadruple slaying" (4), "murder-suicide" (2: the
 * killer and one victim), "double murder-suicide" (3). Group 1: the victims of a murder-suicide
 * (one when absent); group 2: the multiplier of a killing.
 */
const MULTIPLE_KILLING_RE = /(?<![\p{L}-])(?:(?:(double|triple|quadruple)[ -])?murders?[ -]suicides?|(double|triple|quadruple|quintuple)[ -](?:homicide|murder|slaying|killing|fatal shooting))(?![\p{L}])/iu;
const MULTIPLE_OF: Record<string, number> = { double: 2, triple: 3, quadruple: 4, quintuple: 5 };

/** One person told of before, read from a pronoun ("he died", "she was shot"), unless negated. */
function pronounAnchor(text: string, offset: number, re: RegExp, outcome: Outcome, rule: string): CountAnchor | null {
  const m = re.exec(text);
  if (!m || NEGATED_RE.test(text.slice(Math.max(0, m.index - 20), m.index))) return null;
  const start = m.index + m[0].length - m[0].trimStart().length;
  return {
    outcome,
    category: 'total',
    quantity: onePerson(start, start, '', 'singular-pronoun').quantity,
    start: offset + start,
    end: offset + m.index + m[0].length,
    text: text.slice(start, m.index + m[0].length),
    rule,
    parent: null,
    impliesCivilians: false,
  };
}

/** "she was shot by her son", "he accidentally shot himself": a person told of was hit by gunfire. */
const PRONOUN_SHOT_RE = /(?<![\p{L}])(?:(?:he|she)\s+(?:was|had been|has been)\s+(?:\w+ly\s+)?shot(?!\s+at\b)|(?:he|she)\s+(?:\w+ly\s+)?shot\s+(?:himself|herself))(?![\p{L}])/iu;
const KILLED_ANYWHERE_RE = new RegExp(`(?<![\\p{L}])(?:${KILLED_RE_SRC})(?![\\p{L}])`, 'iu');

/**
 * "he died", "she was pronounced dead", "where he later died", "he was shot in the head and was
 * pronounced dead", "he was rushed to the hospital but died", "she was accidentally killed": a
 * victim named before has died.
 */
const PRONOUN_DIED_RE =
  /(?<![\p{L}])(?:he|she)\s+(?:(?:was|had been)\s+(?:shot|rushed|taken|transported|airlifted|hospitali[sz]ed)\b[^.;!?]{0,60}?\b(?:and|but)\s+(?:was\s+|later\s+)?|(?:was|has|had)\s+)?(?:later\s+|since\s+|subsequently\s+)?(?:died|succumbed|pronounced dead|been pronounced dead|was pronounced dead)(?![\p{L}])|(?<![\p{L}])(?:he|she)\s+(?:was|had been|has been)\s+(?:(?!fatally)\w+ly\s+)?(?:killed|shot dead|shot and killed|fatally shot|shot to death)(?![\p{L}])/iu;

const ARTICLE_SINGULAR_RE = new RegExp(
  `(?<![\\p{L}\\p{N}])(an?)\\s+(?=(?:${FILLER}\\s+){0,2}(?:${NOUN_MODIFIER}\\s+(?=${MODIFIED_NOUNS}))?(?:${CATEGORY_PATTERNS.map((c) => c.src).join('|')})(?![\\p{L}]))`,
  'giu',
);

/**
 * "The two-year-old child was killed", "the gunman turned the gun on himself": one definite victim
 * whose death or wound the sentence reports.
 */
const DEFINITE_SINGULAR_RE = new RegExp(
  `(?<![\\p{L}\\p{N}])([Tt]he)\\s+(?=(?:${FILLER}\\s+|young\\s+|little\\s+|elderly\\s+|(?:first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth)\\s+){0,2}(?:child|boy|girl|baby|toddler|infant|woman|man|civilian|farmer|shepherd|teenager|teen|fighter|soldier|victim|person|driver|passenger|officer|deputy|trooper|student|resident|gunman|shooter|male|female|juvenile|firefighter|customer|clerk|employee|bystander|(?:\\d+|[a-z]+(?:-[a-z]+)?)-(?:year|month|week)-old)(?:\\s*,[^,.;]{1,60},|\\s+who\\s+(?:was|had been)\\s+(?:\\w+ly\\s+)?(?:shot|wounded|injured|hit|struck)\\b[^,.;]{0,70}?(?=\\s+(?:has|had)\\s+(?:since\\s+|now\\s+)?died\\b))?\\s+(?:(?:has|had)\\s+(?:since\\s+|now\\s+)?died|(?:was|is|had been|has been)\\s+(?:also\\s+|later\\s+|(?!fatally|mortally)\\w+ly\\s+)?(?:killed|shot dead|pronounced dead|found dead|fatally (?:shot|wounded|stabbed)|shot and killed|shot to death|stabbed to death|shot|wounded|injured|hospitali[sz]ed|(?:listed\\s+)?in (?:critical|serious|stable|fair|grave) condition)|survived\\s+and\\s+(?:was|is)\\s+(?:taken|transported|rushed|airlifted) to (?:an? |the )?(?:[\\w-]+ )?hospital|died|(?:later\\s+)?died|succumbed|(?:then\\s+)?turned (?:the|a|his|her) (?:gun|weapon|rifle|pistol|handgun|firearm) on (?:him|her)self|(?:(?!fatally)\\w+ly\\s+)?(?:shot|killed) (?:him|her)self)\\b)`,
  'gu',
);

/**
 * Headline style drops the article: "Man fatally shot near park", "… | Teen dies after shooting",
 * "4-year-old boy accidentally shoots himself", "Teen in critical condition after shooting".
 * At the start of a line or after a headline separator, a bare person noun before an outcome is one.
 */
const BARE_HEADLINE_SINGULAR_RE = /(?:^|[,:;|–—]\s*|\s-\s*|\b(?:say|says|said|after|before)\s+)((?:\d{1,3}-(?:year|month|week)-old\s+)?(?:[Mm]an|[Ww]oman|[Tt]een|[Tt]eenager|[Bb]oy|[Gg]irl|[Cc]hild|[Tt]oddler|[Pp]erson|[Oo]fficer|[Dd]eputy|[Tt]rooper|[Dd]river|[Pp]assenger|[Ss]tudent|[Mm]other|[Ff]ather))\s+(?=(?:is\s+|was\s+)?(?:(?!fatally)\w+ly\s+)?(?:fatally shot|shot dead|shot and killed|shot to death|killed|dies|died|found dead|shot|fatally shoots|shoots(?=,?\s+(?:kills\s+)?(?:him|her)?self\b)|wounded|injured|hurt|stabbed|in (?:critical|serious|stable|grave) condition)\b)/g;

/** "… shot the officer", "… fatally shot his brother": the object of a shooting is one victim. */
const OBJECT_SINGULAR_RE = new RegExp(
  `(?<![\\p{L}])(?:shot|shoots|shooting|wounded|wounding|killed|killing|grazed|grazing|struck|striking|hit|hitting)\\s+(?:and\\s+(?:killed|wounded)\\s+)?(the|his|her|their)\\s+(?=(?:${FILLER}\\s+){0,2}(?:${NOUN_MODIFIER}\\s+(?=${MODIFIED_NOUNS}))?(?:${CATEGORY_PATTERNS.map((c) => c.src).join('|')})(?![\\p{L}]))`,
  'giu',
);
/** "killed 22-year-old …", "the death of 4-year-old …": an age with no article before it is one person. */
const BARE_AGE_SINGULAR_RE = /(?<=\b(?:kills|shoots|killed|killing|shot|shooting|wounded|wounding|death of|deaths of|body of|injuring|injured|grazed|struck|of|identified)\s+)(?=(?:\d{1,3}|[a-z]+(?:-[a-z]+)?)-(?:year|month|week)-old(?![\p{L}-]))/giu;
/**
 * "Antwan Reyes, 17, was shot twice", "Lyman was pronounced dead", "Marisol died Saturday": a
 * person named once is one victim when an outcome follows the name (and an age, if given).
 */
/** "striking Officer Dana Lee", "shot and killed Dana Lee": a person named as the object of a shooting. */
/** Titles before a name ("Officer Dana Lee"): part of how the person is named, not a first name. */
const TITLES = String.raw`(?:Officer|Deputy|Trooper|Detective|Sergeant|Sgt\.|Cpl\.|Agent)`;
const NAME_OBJECT_RE = new RegExp(
  String.raw`(?<=\b(?:shot|shooting|struck|striking|wounding|killing|killed)\s+)((?:${TITLES}\s+)?(?!${TITLES}\s)[A-Z][a-z'’-]+(?:\s+[A-Z]\.)?(?:\s+[A-Z][a-z'’-]+){1,2})(?=,\s*\d{1,3}\b|\s*[,.;]|\s+(?:in|at|on|who|as|and|during|after|before|while|multiple|several|once|twice|three|four)\b)`,
  'gu',
);
const TITLE_RE = new RegExp(String.raw`^${TITLES}\s+`);
/** "Dana Lee was shot", "Officer Dana Lee died": a person named as the subject of an outcome (the title is no first name). */
const NAME_SINGULAR_RE = new RegExp(String.raw`(?<![\p{L}\p{N}'’.-])(?:${TITLES}\s+)?([A-Z][a-z'’-]+(?:\s+[A-Z]\.)?(?:\s+[A-Z][a-z'’-]+){0,2})(?:,\s*\d{1,3},)?(?=\s+(?:(?:was|had been|has been|is)\s+(?:\w+ly\s+)?(?:pronounced dead|shot|killed|wounded|injured|hospitali[sz]ed|found dead|fatally|struck|hit|grazed|stabbed|in (?:critical|serious|stable|fair) condition)|(?:later\s+)?died|(?:(?!fatally)\w+ly\s+)?shot\s+(?:him|her)self)\b)`, 'gu');
/** "in the death of Dana Lee, 24", "the killing of Dana Lee": the person whose death it was. */
const NAME_AFTER_DEATH_RE = /(?<=\b(?:death|killing|murder|slaying|body) of\s+)([A-Z][a-z'’-]+(?:\s+[A-Z]\.)?(?:\s+[A-Z][a-z'’-]+){1,2})(?<!\s(?:Street|Avenue|Road|Boulevard|Drive|Lane|Park|County|City|Township|Square|Center|Centre|School|Church))(?=,\s*\d{1,3}\b|\s*[,.;]|\s+(?:who|on|in|at|last|earlier)\b)/gu;
/** Capitalised words that start a sentence or name an office, not a person. */
const NOT_A_NAME = new Set([
  'he', 'she', 'it', 'they', 'who', 'which', 'that', 'this', 'there', 'nobody', 'no', 'one', 'everyone', 'someone', 'anyone', 'none', 'nothing', 'the', 'a', 'an', 'his', 'her', 'their',
  'police', 'officers', 'officer', 'authorities', 'officials', 'deputies', 'deputy', 'investigators', 'detectives', 'witnesses', 'sheriff', 'chief', 'sgt', 'lt', 'capt', 'troopers', 'trooper',
  'coroner', 'prosecutors', 'agent', 'agents', 'spokesman', 'spokeswoman', 'mayor', 'governor', 'president', 'pastor', 'dr', 'mr', 'mrs', 'ms', 'victim', 'victims', 'suspect', 'suspects',
  'man', 'woman', 'boy', 'girl', 'teen', 'child', 'person', 'people', 'family', 'friends', 'neighbors', 'neighbours', 'residents', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday',
  'january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december', 'nobody', 'after', 'before', 'when', 'while', 'if', 'but', 'and', 'as', 'because',
]);

/**
 * "A woman and her son were found dead", "after her 6-year-old daughter was shot": a relative is one
 * person (counted when an outcome is told of them).
 */
const POSSESSIVE_KIN_RE = /(?<![\p{L}])(his|her|their)\s+(?=(?:(?:young|little|infant|baby|teenage|adult|elderly|\d+-(?:year|month|week)-old|[a-z]+-(?:year|month|week)-old)\s+)?(?:son|daughter|husband|wife|mother|father|brother|sister|child|baby|boyfriend|girlfriend|grandmother|grandfather|grandson|granddaughter|nephew|niece|cousin|stepson|stepdaughter|fianc[eé]e?|friend)(?![\p{L}]))/giu;

const KIN_NOUN = '(?:son|daughter|husband|wife|mother|father|brother|sister|child|baby|boyfriend|girlfriend|grandmother|grandfather|grandson|granddaughter|nephew|niece|cousin|stepson|stepdaughter|mother-in-law|father-in-law|fianc[eé]e?)';
const KIN_MODIFIER = '(?:(?:young|little|infant|baby|teenage|adult|elderly|\\d+-(?:year|month|week)-old|[a-z]+-(?:year|month|week)-old)\\s+)';
/** The relative a possessive names (after "his "). */
const KIN_HEAD_RE = new RegExp(`^${KIN_MODIFIER}?${KIN_NOUN}(?![\\p{L}-])`, 'iu');
/** "kills wife", "shoots son": a relative with no article or possessive, after a present-tense verb. */
const HEADLINE_KIN_OBJECT_RE = new RegExp(`(?<=\\b(?:kills|shoots|slays|wounds)\\s+)(?=${KIN_MODIFIER}?${KIN_NOUN}(?![\\p{L}-]))`, 'giu');
/** One more relative in the same list, with no possessive of its own: ", son", " and daughter". */
const KIN_NEXT_RE = new RegExp(`^(?:\\s*,\\s*(?:and\\s+)?|\\s+and\\s+)(${KIN_MODIFIER}?${KIN_NOUN})(?![\\p{L}-])`, 'iu');

/** One person, read from `text` at [start, end) by the quantity rule `rule`. */
function onePerson(start: number, end: number, text: string, rule: string): QuantityMention {
  return { start, end, text, quantity: { value: 1, min: 1, max: 1, qualifier: 'exact', approximate: false, additional: false, rule } };
}

/** "a civilian", "an elderly man": findQuantities leaves bare articles out; before a victim noun they count one. */
function findArticleSingulars(text: string): QuantityMention[] {
  const out: QuantityMention[] = [];
  for (const m of text.matchAll(BARE_HEADLINE_SINGULAR_RE)) {
    const at = m.index! + m[0].lastIndexOf(m[1]);
    out.push(onePerson(at, at, '', 'singular-bare'));
  }
  for (const m of text.matchAll(OBJECT_SINGULAR_RE)) {
    const at = m.index! + m[0].length - /\S+\s+$/.exec(m[0])![0].length;
    out.push(onePerson(at, at + m[1].length, m[1], 'singular-object'));
  }
  for (const m of text.matchAll(BARE_AGE_SINGULAR_RE)) out.push(onePerson(m.index!, m.index!, '', 'singular-bare'));
  for (const m of [...text.matchAll(NAME_AFTER_DEATH_RE), ...text.matchAll(NAME_OBJECT_RE)]) {
    if (NOT_A_NAME.has(m[1].replace(TITLE_RE, '').split(/\s+/)[0].toLowerCase())) continue;
    out.push(onePerson(m.index!, m.index! + m[0].length, m[0], 'singular-name'));
  }
  for (const m of text.matchAll(NAME_SINGULAR_RE)) {
    if (NOT_A_NAME.has(m[1].split(/\s+/)[0].toLowerCase())) continue;
    out.push(onePerson(m.index!, m.index! + m[0].length, m[0], 'singular-name'));
  }
  // Headline style drops the possessive: "Man kills wife, 2 kids then himself".
  for (const m of text.matchAll(HEADLINE_KIN_OBJECT_RE)) out.push(onePerson(m.index!, m.index!, '', 'singular-kin'));
  for (const m of text.matchAll(POSSESSIVE_KIN_RE)) {
    out.push(onePerson(m.index!, m.index! + m[1].length, m[1], 'singular-kin'));
    // "his wife, son and daughter": each relative the list goes on to name is one more person.
    let pos = m.index! + m[0].length + (KIN_HEAD_RE.exec(text.slice(m.index! + m[0].length))?.[0].length ?? 0);
    for (let next = KIN_NEXT_RE.exec(text.slice(pos)); next; next = KIN_NEXT_RE.exec(text.slice(pos))) {
      const at = pos + next[0].length - next[1].length;
      out.push(onePerson(at, at, '', 'singular-kin'));
      pos += next[0].length;
    }
  }
  for (const m of text.matchAll(DEFINITE_SINGULAR_RE)) out.push(onePerson(m.index!, m.index! + m[1].length, m[1], 'singular-definite'));
  for (const m of text.matchAll(ARTICLE_SINGULAR_RE)) out.push(onePerson(m.index!, m.index! + m[1].length, m[1], 'singular'));
  // One person per place in the text: "shot his wife" is the object of a shooting and a relative.
  return out.filter((q, i) => out.findIndex((o) => o.start === q.start) === i);
}

function countValue(q: Quantity, prov: Provenance): CountValue {
  return { value: q.value, min: q.min, max: q.max, qualifier: q.qualifier, prov };
}

function addValues(a: CountValue, b: CountValue, prov: Provenance): CountValue {
  return { value: a.value + b.value, min: a.min + b.min, max: a.max + b.max, qualifier: a.qualifier === b.qualifier ? a.qualifier : 'exact', prov };
}

/**
 * A figure in a relative clause of the event that holds the one before it: "four people killed
 * outside a diner during a rampage that left six people dead" — the six are everyone, the four a
 * part, so the larger stands and the two do not add.
 */
const ENCOMPASSING_CLAUSE_RE = /\b(?:during|in|amid)\s+(?:a|an|the)\s+[^.;:!?]{0,60}?\b(?:that|which)\s+(?:has\s+|had\s+)?(?:left|killed|claimed|took)\s+(?:the\s+lives\s+of\s+)?(?:at\s+least\s+|more\s+than\s+)?$/i;

function inEncompassingClause(a: CountAnchor, docText: string): boolean {
  return ENCOMPASSING_CLAUSE_RE.test(docText.slice(Math.max(0, a.start - 100), a.start));
}

/**
 * The markers a derived figure keeps from every figure it is derived from: a count of people shot
 * (+cas.shot) stays one when its total is derived from it, and a person told by reference (+cas.ref)
 * stays that person ("shot the boy" → the boy's total is the boy already counted).
 */
function carried(rules: readonly string[]): string {
  return ['+cas.shot', '+cas.ref'].filter((mark) => rules.length > 0 && rules.every((r) => r.includes(mark))).join('');
}

/** A colon or a dash closing a count's clause: what follows lists its people. */
const LIST_AFTER_COUNT_RE = /^[^.!?:;—–]{1,60}?(?::|—|–|\s-\s)/;

/** Nouns for particular people counted under `total` (not "people", which may include anyone). */
const PERSON_NOUN_RE = /\b(?:man|men|husbands?|fathers?|brothers?|boyfriends?|uncles?|grandfathers?|cousins?|teens?|teenagers?|(?:\d+|[a-z]+(?:-[a-z]+)?)-(?:year|month|week)-olds?)\b/i;

/**
 * Turn the anchors of one statement into counts by category. Children and women are parts of the
 * civilians; civilians and fighters are parts of the total. When the text gives no total, the total
 * is the sum of the disjoint parts stated.
 */
export function countsFromAnchors(anchors: CountAnchor[], outcome: Outcome, docText: string): CountSet {
  const set: CountSet = {};
  // The killer who died by their own hand is one more dead, apart from the victims' categories.
  const killerSelf = anchors.find((a) => a.outcome === outcome && a.rule === 'cas.killer-self');
  if (killerSelf) {
    const set = countsFromAnchors(anchors.filter((a) => a !== killerSelf), outcome, docText);
    const self = countValue(killerSelf.quantity, { rule: killerSelf.rule, span: { start: killerSelf.start, end: killerSelf.end }, text: killerSelf.text });
    if (!set.total) return { ...set, total: self };
    return { ...set, total: addValues(set.total, self, { ...set.total.prov, rule: `${set.total.prov.rule}+cas.killer-self` }) };
  }
  const stated = anchors.filter((a) => a.outcome === outcome && a.parent === null);
  const subs = anchors.filter((a) => a.outcome === outcome && a.parent !== null);
  const prov = (a: CountAnchor): Provenance => ({ rule: a.rule, span: { start: a.start, end: a.end }, text: docText.slice(a.start, a.end) });
  /** The heads counted: a figure told again, or a part of a whole told after it, is not a head of its own. */
  const heads: CountAnchor[] = [];
  /** People in apposition to a count told just before ("one of the victims, a 20-year-old, died"). */
  const appositives: CountAnchor[] = [];
  const inside = (a: CountAnchor, b: CountAnchor) => a !== b && b.start <= a.start && a.end <= b.end;
  for (const h of stated) {
    // "officers found four victims: a 54-year-old man shot in the back, …", "five were hurt, with
    // one in critical condition": the people a list after a count names are that count's people.
    const listed = heads.some((p) => {
      if (h.quantity.value >= p.quantity.value || p.start >= h.start || /[.!?]/.test(docText.slice(p.start, h.start))) return false;
      // "all five victims were taken to hospitals, with one in critical condition": one of the five.
      if (/\bwith\s+$/i.test(docText.slice(Math.max(p.end, h.start - 8), h.start))) return true;
      const lead = LIST_AFTER_COUNT_RE.exec(docText.slice(p.start, h.start));
      return lead !== null && p.start + lead[0].length <= h.start;
    });
    // "one of the victims, a 20-year-old, died": a count set off inside the one before it.
    const holder = heads.find((p) => inside(h, p) && h.quantity.value <= p.quantity.value);
    if (listed || (holder && (/,\s*$/.test(docText.slice(holder.start, h.start)) || appositives.some((a) => inside(h, a))))) {
      appositives.push(h);
      // The same people, named: they give their category, not more people.
      if (h.category !== 'total' && !set[h.category]) set[h.category] = countValue(h.quantity, prov(h));
      continue;
    }
    const v = countValue(h.quantity, prov(h));
    const prev = set[h.category];
    // "7 dead in county shooting spree - At least seven people were killed": the same figure told
    // twice in one run of text is one toll; figures joined as parts ("two in X and two in Y") add.
    if (prev && prev.value === v.value && !/^cas\.(?:conjoined|elliptical)/.test(h.rule)) continue;
    if (prev && inEncompassingClause(h, docText)) {
      if (v.value > prev.value) {
        set[h.category] = { ...v, prov: { ...v.prov, rule: `${v.prov.rule}+cas.encompassing` } };
        heads.splice(0, heads.length, ...heads.filter((x) => x.category !== h.category), h);
      }
      continue;
    }
    heads.push(h);
    set[h.category] = prev ? addValues(prev, v, v.prov) : v;
    if (h.impliesCivilians && h.category !== 'civilians' && h.category !== 'fighters' && h.category !== 'total') {
      const c = set.civilians;
      set.civilians = c ? addValues(c, v, { ...v.prov, rule: `derive.civilians${carried([c.prov.rule, v.prov.rule])}` }) : { ...v, prov: { ...v.prov, rule: `derive.civilians${carried([v.prov.rule])}` } };
    } else if (h.impliesCivilians && h.category === 'total') {
      set.civilians = set.civilians ?? { ...v, prov: { ...v.prov, rule: `derive.civilians${carried([v.prov.rule])}` } };
    }
  }
  for (const s of subs) {
    if (set[s.category]) continue;
    set[s.category] = countValue(s.quantity, prov(s));
  }
  // Children/women heads without a civilians figure: they are civilians.
  const headCats = new Set(heads.map((h) => h.category));
  if (!headCats.has('civilians') && !headCats.has('total') && (headCats.has('children') || headCats.has('women')) && !set.civilians) {
    let acc: CountValue | null = null;
    const parts = heads.filter((h) => h.category === 'children' || h.category === 'women');
    const rule = `derive.civilians${carried(parts.map((h) => h.rule))}`;
    for (const h of parts) {
      const v = countValue(h.quantity, { ...prov(h), rule });
      acc = acc ? addValues(acc, v, v.prov) : v;
    }
    if (acc) set.civilians = acc;
  }
  // "A man and his daughter", "three men and two women": people named one by one are different
  // people, so the total is all of them, not the man alone.
  const personHeads = heads.filter((h) => h.category === 'total' && PERSON_NOUN_RE.test(h.text));
  const otherHeads = heads.filter((h) => h.category !== 'total');
  if (personHeads.length && otherHeads.length && personHeads.length + otherHeads.length === heads.length) {
    let t: CountValue | null = null;
    const rule = `derive.total-of-persons${carried(heads.map((h) => h.rule))}`;
    for (const h of heads) {
      const v = countValue(h.quantity, { ...prov(h), rule });
      t = t ? addValues(t, v, v.prov) : v;
    }
    set.total = t!;
  }
  if (!set.total) {
    const parts: CountValue[] = [];
    if (set.civilians) parts.push(set.civilians);
    if (set.fighters && headCats.has('fighters')) parts.push(set.fighters);
    if (!set.civilians && !headCats.has('fighters') && set.fighters) parts.push(set.fighters);
    if (parts.length) {
      let t = { ...parts[0], prov: { ...parts[0].prov, rule: `derive.total${carried(parts.map((p) => p.prov.rule))}` } };
      for (const p of parts.slice(1)) t = addValues(t, p, t.prov);
      set.total = t;
    }
  }
  return set;
}
