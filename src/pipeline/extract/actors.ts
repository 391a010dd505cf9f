/**
 * Who did it and who says so. Perpetrator aliases count only in an attack context ("Russian
 * warplanes", "strikes by the regime", "Moscow raids"), not in "the Turkish-Russian agreement" or
 * "areas held by pro-government forces". Claimant aliases count only with an attribution cue
 * ("according to X", "X said", "said X", "X told AFP", "per X"), and not when what X is said to say
 * is no casualty statement ("X said the reports would demand a response"). Beside the lexicon: a
 * state's own voices by nationality, organisations by name or acronym, and an embedded post's signer.
 */
import type { Tagged } from '../../domain/types.ts';
import { CLAIMANTS, NATIONALITIES, PERPETRATORS, STATE_MEDIA_IDS } from './lexicons/actors.ts';
import { compileEntries, dropNested, findAll } from './lexicon-matcher.ts';

const PERP_COMPILED = compileEntries(PERPETRATORS, (e) => e.id as string);
const CLAIMANT_COMPILED = compileEntries(CLAIMANTS, (e) => e.id as string);

const AGENT_NOUN_AFTER =
  /^(?:'s|’s)?\s*(?:-?led\s+|-?backed\s+)?(?:"?guarantor(?:'s|’s)?"?\s+)?(?:(?!(?:the|an?|its|their|his|her|this|that)\s)[\w-]+\s+){0,2}?(?:warplanes?|war planes|jets?|fighter jets|aircraft|air ?force|air ?strikes?|airstrikes?|strikes?|raids?|forces|troops|army|military|soldiers|militias?|fighters|artillery|shelling|shells|bombardment|bombing|bombs?|drones?|helicopters?|missiles?|rockets?|attacks?|offensive|planes|gunboats|units|regime|militants|loyalists|guns|tanks?|snipers?|guards?|gunmen|mortars?|(?:mortar |rocket |sniper |artillery )?fire)\b/i;
const AGENT_BEFORE = /(?:carried out by|committed by|blamed on|blamed\s+(?:the|an?|this|that|it)\s+(?:\w+\s+){0,2}?on|attributed to|launched by|conducted by)\s+(?:the\s+)?(?:[\w-]+\s+){0,1}$/i;
/**
 * A bare "by", "of" or "from" names the agent only after words of violence ("shells fired by the
 * army", "the strikes of Moscow", "rockets from the rebels"): not in "fabricated by the rebels",
 * "brought to the city by the army" or "a withdrawal of rebels".
 */
const VIOLENT_BY_BEFORE =
  /\b(?:kill(?:ed|ing)|wound(?:ed|ing)|injur(?:ed|ing)|fired|launched|shelled|bombed|targeted|hit|struck|attacked|shot|dropped|detonated|planted|ambushed|raided|stormed|executed|abducted|kidnapped|massacred|destroyed|damaged|air ?strikes?|strikes?|raids?|attacks?|shelling|shells|bombardment|bombings?|bombs?|assaults?|offensive|fire|rockets?|missiles?|mortars?|barrel bombs|massacres?|violence|ambush)\b(?:\s+[\w'’-]+){0,4}\s+(?:by|of|from)\s+(?:the\s+)?(?:[\w-]+\s+){0,1}$/i;
/** "warplanes believed to be Russian": the agent named after the weapon it is thought to be. */
const BELIEVED_AGENT_BEFORE =
  /\b(?:warplanes?|war planes|jets?|aircraft|planes|drones?|helicopters?|forces|troops|gunmen|attackers|assailants|militants|fighters)\s+(?:that\s+|which\s+|who\s+)?(?:(?:are|were|was|is|had been|have been)\s+)?(?:believed|thought|suspected|said|reported|understood|identified|presumed)\s+(?:to\s+(?:be|have been)|as)\s+(?:the\s+)?(?:[\w-]+\s+){0,1}$/i;
/**
 * The object of an attack is its target ("a drone attack on a graduation ceremony of pro-government
 * forces", "rebel attacks against army posts"), unless a "by" names the agent in between or the
 * attack is blamed on someone ("blamed the attack on the YPG").
 */
const TARGET_OF_ATTACK_BEFORE = /(?<!\b(?:blamed|blames|blaming|pinned|pins)\s+(?:the\s+|an?\s+|this\s+|that\s+)?(?:[\w-]+\s+)?)\b(?:attacks?|air ?strikes?|strikes?|raids?|assaults?|bombings?|shelling|ambush(?:es)?)\s+(?:on|against|targeting|upon)\s+(?:(?!by\b)[\w#'’-]+\s+){0,5}(?:pro-)?#?$/i;
/** "a regime military academy", "Russian army positions": an installation of the side, hit, not hitting. */
const INSTALLATION_AFTER =
  /^(?:'s|’s)?\s*(?:[\w-]+\s+){0,1}?(?:military|army|air ?force|forces|troops)\s+(?:academy|college|school|graduation|ceremony|base|airbase|airport|hospital|headquarters|barracks|checkpoints?|posts?|outposts?|positions?|convoy|vehicles?|depot)\b/i;
/** "the army entered the town and engaged in heavy clashes with …": a party to the fighting. */
const CLASH_SUBJECT_AFTER =
  /^(?:'s|’s)?\s*[^.;:]{0,80}?\b(?:clashed|engaged in (?:\w+\s+){0,2}?(?:clashes|fighting|battles?|combat)|fought|battled)\s+(?:with|against)\b/i;
const NON_AGENT_BEFORE = /(?:(?:fighters|members|militants|soldiers|troops|positions|points|commanders?|leaders?|elements|ranks|headquarters|base|bases) of|including|among them|among the dead|held by|controlled by|dominated by|run by|under the control of|loyal to|backed by|supported by|ally of|allied (?:to|with)|against|targeting|positions of|agreement|deal|talks with|under|brokered by|announced by)\s+(?:the\s+)?(?:[\w-]+\s+){0,2}$/i;
const SUBJECT_VERB_AFTER = /^(?:'s|’s)?\s*(?:(?:supported|backed|sponsored|funded|armed|trained|affiliated|linked)\s+(?:by|to|with)\s+(?:[\w-]+\s+){1,3}?)?(?:[\w-]+\s+){0,2}?(?:shelled|bombed|struck|targeted|attacked|hit|launched|fired|killed|pounded|carried out|stepped up|resumed|escalated|raided|clashed|took|seized|captured|recaptured|retook|advanced|detonated|ambushed|opened fire|shot)\b/i;

/**
 * @param acceptAll take every alias as an agent: for an attribution sentence that follows a figure
 *   ("'Terrorist groups', the official news agency reported") the alias is who is blamed.
 */
export function findPerpetrators(text: string, offset: number, acceptAll: boolean): Tagged<string>[] {
  const out: Tagged<string>[] = [];
  for (const m of findAll(PERP_COMPILED, text, 0)) {
    const before = text.slice(Math.max(0, m.start - 40), m.start);
    const wideBefore = text.slice(Math.max(0, m.start - 80), m.start);
    const after = text.slice(m.end, m.end + 60);
    if (NON_AGENT_BEFORE.test(before)) continue;
    if (TARGET_OF_ATTACK_BEFORE.test(wideBefore) || INSTALLATION_AFTER.test(after)) continue;
    // "in retaliation for drone attacks blamed on insurgents": the agent of another event — unless that
    // event's own toll follows ("in response to rebel fire that wounded six": its clause, clause.retaliation).
    if (/\b(?:retaliation|response|revenge|reprisal)\s+(?:for|to)\b[^.;]*$/i.test(text.slice(0, m.start)) && !ANSWERED_TOLL_AFTER.test(text.slice(m.end, m.end + 140))) continue;
    // "Turkish-Russian agreements", "Russian-Turkish deal"
    if (/^-?(?:turkish|russian|iranian|american)\b/i.test(after.replace(/^\s*[-–]\s*/, '')) && /^\s*[-–]/.test(after)) continue;
    // "Turkish-backed rebels", "Kurdish-led forces", "Iran-allied militias": a sponsor qualifying
    // another actor (who is matched on its own), not the agent.
    if (m.value !== 'iran-backed' && /^-(?:backed|led|supported|allied|linked|affiliated|sponsored|aligned|funded|trained)\b/i.test(after) && m.value !== 'sdf') continue;
    // "jihadist territories", "rebel-held areas", "near the Turkish border": a place, not an agent
    // (but "Turkish border guards" are people).
    if (/^(?:-held|-controlled|\s+(?:territor(?:y|ies)|areas?|held|controlled|strongholds?|regions?|zones?|enclaves?|pockets?|bastions?|-held|soil|frontiers?(?!\s+(?:guards?|police|forces|troops))|borders?(?!\s+(?:guards?|police|forces|troops|units))))/i.test(after)) continue;
    // "Turkish state media said", "Russia's defence ministry", "Turkey's Anadolu Agency": a
    // country's media or officials speaking — a source, not an agent (even in an attribution).
    if (SPEAKER_AFTER.test(after)) continue;
    // Both sides of a clash are parties to it: "clashes between X and Y", "clashed with X".
    const clashParty = CLASH_PARTY_BEFORE.test(text.slice(Math.max(0, m.start - 120), m.start));
    // "three rebel fighters were killed": the subject of a passive is a victim, not an agent.
    if (/^(?:[\w-]+\s+){0,2}?(?:were|was|have been|has been|had been|being)\s+(?:\w+\s+)?(?:killed|wounded|injured|hit|targeted|struck|shelled|bombed)\b/i.test(after.replace(/^\s+/, ''))) continue;
    const agent =
      clashParty ||
      AGENT_NOUN_AFTER.test(after) ||
      AGENT_BEFORE.test(before) ||
      VIOLENT_BY_BEFORE.test(wideBefore) ||
      BELIEVED_AGENT_BEFORE.test(wideBefore) ||
      SUBJECT_VERB_AFTER.test(after) ||
      CLASH_SUBJECT_AFTER.test(text.slice(m.end, m.end + 120)) ||
      acceptAll;
    if (!agent) continue;
    out.push({ value: m.value, prov: { rule: m.rule, span: { start: offset + m.start, end: offset + m.end }, text: m.text } });
  }
  return out;
}

/**
 * "It was not immediately clear who was behind the attack", "No party has yet claimed
 * responsibility", "unidentified gunmen": the text says nobody knows who did it. The annotation
 * guide's perpetrator is then `unknown` (an attribution made later, "Turkey blamed the YPG", is
 * kept beside it).
 */
const UNKNOWN_PERP_RE =
  /\b(?:(?:was|is|remains?|were)\s+(?:not|n't|still not|never)\s+(?:immediately\s+|yet\s+)?(?:clear|known)\s+who|no (?:group|one|party|faction|organi[sz]ation) (?:has\s+|had\s+|immediately\s+|yet\s+|so far\s+|credibly\s+)*claimed|(?:there (?:was|has been) )?no (?:immediate\s+)?claim of responsibility|unable to identify the (?:perpetrator|party|attacker)|unidentified (?:gunmen|assailants|attackers|aircraft|drones?|warplanes?)|unknown (?:gunmen|assailants|attackers|aircraft|perpetrators?))\b/i;

export function findUnknownPerpetrator(text: string, offset: number): Tagged<string> | null {
  const m = UNKNOWN_PERP_RE.exec(text);
  if (!m) return null;
  return { value: 'unknown', prov: { rule: 'perp.unknown', span: { start: offset + m.index, end: offset + m.index + m[0].length }, text: m[0] } };
}

/** "rebel fire from the town that wounded six people": the answered event's toll after its agent. */
const ANSWERED_TOLL_AFTER = /^[^.;,]{0,50}?\b(?:that|which)\s+(?:\w+\s+){0,8}?(?:killed|wounded|injured|left)\b/i;

/** Case matters: only a capitalised name may stand between the country and the speaking body. */
const SPEAKER_AFTER =
  /^(?:'s|’s|‘s)?\s+(?:(?:[Ss]tate|[Oo]fficial|[Gg]overnment|[Pp]ro-government|[Ss]emi-official|[Dd]efen[cs]e|[Ff]oreign|[Ii]nterior|\p{Lu}[\p{L}-]+)\s+){0,3}(?:[Mm]edia|[Nn]ews [Aa]gency|[Nn]ews|[Tt]elevision|TV|[Pp]ress|[Aa]gency|[Oo]fficials?|[Ss]pokes(?:man|woman|person)|[Ss]ources?|[Mm]inistry|[Aa]uthorities|[Dd]iplomats?|[Ee]mbassy|[Ee]nvoy|[Bb]roadcaster)\b/u;

const CLASH_PARTY_BEFORE = /(?:\b(?:clash\w*|fight\w*|battles?|confrontations?)\s+(?:\w+\s+){0,3}?between\b[^.;]*|\b(?:clashed|clashing|clashes|fighting|fought|battled|battling)\s+(?:\w+\s+)?with\s+(?:the\s+)?)$/i;

const ATTR_AFTER =
  /^[^.;!?]{0,90}?\b(?:said|says|say|reported|reports|report|told|stated|states|documented|documents|confirmed|confirms|added|adds|announced|announces|noted|notes|claimed|claims|recorded|records|counted|tweeted|saying|estimated|estimates|indicated|revealed|showed|shows|wrote|assessed|saw|witnessed|put the (?:death )?toll|statement|tally|count|figures|data)\b/i;
const ATTR_BEFORE =
  /(?:according to|said|says|reported|announced|stated|added|confirmed|report(?:ed)? by|told|per|cited by|quoted by|quoting|sources? (?:at|in|from|with)|data (?:from|by)|figures (?:from|by)|tally by|statistics (?:from|by)|statement (?:from|by)|spokesman for|spokesperson for|head of|director of|chief of|official at|official with|monitor|by)\s+(?:the\s+|a\s+|an\s+)?(?:[\w'’-]+\s+){0,5}$/i;

export function findClaimants(text: string, offset: number): Tagged<string>[] {
  const out: Tagged<string>[] = [];
  const voices = [...findStateVoices(text, offset), ...findTweetSignatures(text, offset)];
  const lexical = findLexicalClaimants(text, offset, voices);
  const found = [...voices, ...lexical];
  out.push(...found, ...findGenericOrgClaimants(text, offset, found));
  out.push(...findAcronymClaimants(text, offset, out));
  return out.sort((a, b) => a.prov.span.start - b.prov.span.start);
}

const overlaps = (k: Tagged<string>, start: number, end: number, offset: number) => k.prov.span.start - offset < end && start < k.prov.span.end - offset;

/**
 * "Local activists said that the civil defence could not reach the victims": a name after "said
 * that" is the subject of what was said, not who said it.
 */
const REPORTED_SUBJECT_BEFORE = /\b(?:said|says|reported|reports|announced|stated|added|confirmed|noted|claimed|told)\b[^.;:!?"“”]*\bthat\s+(?:[\w'’-]+\s+){0,4}$/i;

/** Words of a casualty statement: a source cited for anything else is not a figure's claimant. */
const CASUALTY_TALK =
  /\b(?:kill\w*|dead|deaths?|died|dies|die|dying|wound\w*|injur\w*|hurt|casualt\w*|victims?|toll|bodies|martyr\w*|lives|fatal\w*|massacre\w*|shot|perished|missing|survivors?|\d+|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|dozens?|scores|hundreds|thousands)\b/i;
/**
 * A sentence that names a source can lend it to the figure before it ("…, the monitor said") when it
 * speaks of casualties or of figures, or is hardly more than the attribution: not "According to
 * hospital staff, the building was reduced to rubble", which cites the staff for something else.
 */
export function lendsAttribution(sentence: string): boolean {
  return CASUALTY_TALK.test(sentence) || /\b(?:figures?|toll|tally|count|numbers?)\b/i.test(sentence) || sentence.split(/\s+/).filter(Boolean).length <= 8;
}

/** "X said (that) …", "X (XN), a news outlet of the region, reported that …": the verb and its complement after a source's name. */
const SAID_COMPLEMENT_AFTER =
  /^(?:\s*\([^)]{1,40}\))?(?:,\s+(?:a|an|the)\s+[^,.;:!?()]{1,80},)?\s+(?:also\s+|later\s+|earlier\s+)?(?:said|says|noted|notes|added|adds|stated|states|confirmed|confirms|reported|reports|announced|announces|claimed|claims|tweeted|wrote|warned|told\s+(?:[\p{Lu}][\p{L}’'-]*\s+){1,4})(?:\s+on\s+\p{Lu}\p{L}+)?\s+(?:that\s+)?(?=[\p{L}])/u;

/**
 * The source is cited for something other than a casualty figure: "as the State Department said
 * the reports, if confirmed, would demand a response". Only the complement of the source's verb is
 * read; a source named after the statement ("…, X said") or opening it ("According to X, …", which
 * often introduces the detail of a toll just given) is kept.
 */
function citedForOtherThings(text: string, end: number): boolean {
  const said = SAID_COMPLEMENT_AFTER.exec(text.slice(end));
  if (!said) return false;
  const statement = text
    .slice(end + said[0].length)
    .split(/[.;!?](?:\s|$)/)[0]
    .replace(SAID_MANNER, '');
  return statement.split(/\s+/).filter(Boolean).length >= 3 && !CASUALTY_TALK.test(statement);
}

/** "said in a statement on Monday", "said on Twitter": how or when it was said, not what. */
const SAID_MANNER =
  /^(?:(?:in (?:a |an |its |their |his |her )?(?:joint |written |brief |monthly |weekly |annual |daily |latest |new )?(?:statement|news release|press release|release|tweet|post|interview|briefing|report)|on (?:twitter|facebook|telegram|x|social media|television|\p{Lu}\p{L}+)|to (?:reporters|journalists|the press)|late |early |later |earlier |(?:on |last )?(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|today|yesterday|tonight)(?: (?:morning|afternoon|evening|night))?)\s*,?\s*)+/iu;

/**
 * "…, said Dana Lee, whose London-based monitor …", "according to Sam Roe, the head of the aid
 * group": the speaker just named belongs to the organisation, which is the source.
 */
const SPEAKER_AFFILIATION_BEFORE =
  /\b(?:said|says|told|according to)\s+(?:\p{Lu}[\p{L}'’.-]*\s+){0,3}\p{Lu}[\p{L}'’.-]*,\s+(?:whose|who (?:heads|leads|runs|directs|founded)|(?:the |a )?(?:head|director|chief|founder|spokes(?:man|woman|person)) (?:of|for|at))\s+(?:the\s+)?(?:[\p{L}'’-]+\s+){0,3}$/u;

/** "according to the civil defence, medics and locals": every source of the list is cited. */
const ACCORDING_LIST_BEFORE = /\baccording to\s+[^.;:!?()"“”]{1,80}?(?:,\s*(?:and\s+)?|\s+and\s+)(?:the\s+|a\s+|an\s+)?$/i;

/** "a monitor that tracks the war through a network of activists": how a source works, not a source. */
const SOURCE_MEANS_BEFORE = /\b(?:network|web|team|array)s?\s+of\s+(?:its\s+|their\s+|local\s+)?$/i;

/** An attribution cue around a source's name, and not a name said of (after "said that"). */
function isAttributed(text: string, start: number, end: number): boolean {
  const before = text.slice(Math.max(0, start - 70), start);
  if (SOURCE_MEANS_BEFORE.test(before)) return false;
  const after = text.slice(end, end + 120);
  const cued = ATTR_AFTER.test(after) || (ATTR_BEFORE.test(before) && !REPORTED_SUBJECT_BEFORE.test(before)) || SPEAKER_AFFILIATION_BEFORE.test(before) || ACCORDING_LIST_BEFORE.test(before);
  return cued && !IMAGERY_BEFORE.test(text.slice(Math.max(0, start - 110), start)) && !citedForOtherThings(text, end);
}

/**
 * "Photographs released by the civil defence, also known as the White Helmets, showed …": the source
 * of pictures (however it is then named in the clause), not of a figure.
 */
const IMAGERY_BEFORE = /\b(?:photo(?:graph)?s?|images?|videos?|footage|pictures?)\s+(?:\w+\s+){0,2}?(?:released|posted|published|shared|circulated|distributed|taken|filmed|shot)\s+(?:online\s+)?by\s+[^.;:!?]*$/i;

function findLexicalClaimants(text: string, offset: number, known: Tagged<string>[]): Tagged<string>[] {
  const out: Tagged<string>[] = [];
  // Longest alias wins where aliases overlap ("the Monitor's activists" is the monitor, not activists).
  for (const m of dropNested(findAll(CLAIMANT_COMPILED, text, 0))) {
    if (known.some((k) => overlaps(k, m.start, m.end, offset))) continue;
    // Entries whose alias carries its own verb ("HTS announced") are attributions by themselves.
    const selfAttributing = /\b(?:said|announced|claimed|statement)$/i.test(m.text);
    if (!selfAttributing && !isAttributed(text, m.start, m.end)) continue;
    out.push({ value: m.value, prov: { rule: m.rule, span: { start: offset + m.start, end: offset + m.end }, text: m.text } });
  }
  return out;
}

const NATIONALITY_BY_ADJECTIVE = new Map(NATIONALITIES.flatMap((n) => n.adjectives.map((a) => [a.toLowerCase(), n.country] as const)));
const NATIONALITY_BY_COUNTRY = new Map(NATIONALITIES.flatMap((n) => n.names.map((a) => [a.toLowerCase(), n.country] as const)));
const ADJECTIVES = NATIONALITIES.flatMap((n) => n.adjectives).join('|');
const COUNTRY_NAMES = NATIONALITIES.flatMap((n) => n.names).join('|');
const STATE_MEDIA_NOUN = '(?:state(?:-run| |-owned )?(?:media|television|TV|news agency|broadcaster|radio|outlets?)|official news agency)';
const OFFICIAL_NOUN =
  '(?:(?:government|military|security|army|foreign ministry|defen[cs]e ministry|interior ministry)\\s+)?(?:officials|official(?!\\s+(?:[\\w-]+\\s+)?(?:news|media|agency|television|TV|broadcaster|figures|toll|data)\\b)|spokes(?:man|woman|person)|authorities|ambassador|envoy|diplomats?|(?:foreign|defen[cs]e|interior|health) minister)';
/**
 * "Iranian state TV", "Iran's state media" → `iran-state-media`; "Iranian officials", "Iran's
 * ambassador" → `officials-iran` (annotation guide: `officials-<country>`); a country whose state
 * media the guide names keeps that id (STATE_MEDIA_IDS: Syria's are `sana`). Any country of NATIONALITIES.
 */
const STATE_VOICE_RE = new RegExp(
  `\\b(?:(${ADJECTIVES})\\s+|(${COUNTRY_NAMES})(?:'s|’s|‘s)\\s+)(?:(${STATE_MEDIA_NOUN})|(${OFFICIAL_NOUN}))\\b`,
  'giu',
);

/** The nouns STATE_VOICE_RE ends in: a sentence without one is not tried against the long country list. */
const STATE_VOICE_NOUN_RE = /\b(?:state|official|spokes|authorities|ambassador|envoy|diplomat|minister)/i;

function findStateVoices(text: string, offset: number): Tagged<string>[] {
  const out: Tagged<string>[] = [];
  if (!STATE_VOICE_NOUN_RE.test(text)) return out;
  for (const m of text.matchAll(STATE_VOICE_RE)) {
    const country = m[1] ? NATIONALITY_BY_ADJECTIVE.get(m[1].toLowerCase()) : NATIONALITY_BY_COUNTRY.get(m[2].toLowerCase());
    if (!country) continue;
    // The adjective must be capitalised: "iranian" in running lower-case text is no name.
    if (!/^\p{Lu}/u.test(m[0])) continue;
    const start = m.index!;
    const end = start + m[0].length;
    if (!isAttributed(text, start, end)) continue;
    const media = !!m[3];
    const value = media ? (STATE_MEDIA_IDS[country] ?? `${country}-state-media`) : `officials-${country}`;
    out.push({ value, prov: { rule: media ? 'claimant.state-media' : 'claimant.officials', span: { start: offset + start, end: offset + end }, text: m[0] } });
  }
  return out;
}

const MONTH = '(?:January|February|March|April|May|June|July|August|September|October|November|December)';
/**
 * An embedded post signed "— Dana Lee (@dana_lee) May 3, 2021" (how news pages render a tweet) is the
 * words of the person signing it: they claim its figures. The name is read up to a " - " tagline or
 * the handle.
 */
const TWEET_SIGNATURE_RE = new RegExp(
  `[—–]\\s*((?:\\p{Lu}[\\p{L}'’.-]*\\s+){1,3}\\p{Lu}[\\p{L}'’.-]*)(?:\\s+-\\s+[^()\\n]{1,60}?)?\\s+\\(@\\w{1,30}\\)\\s+${MONTH}\\s+\\d{1,2},\\s+\\d{4}`,
  'gu',
);

function findTweetSignatures(text: string, offset: number): Tagged<string>[] {
  const out: Tagged<string>[] = [];
  for (const m of text.matchAll(TWEET_SIGNATURE_RE)) {
    const start = m.index! + m[0].indexOf(m[1]);
    const end = start + m[1].length;
    out.push({ value: kebabId(m[1]), prov: { rule: 'claimant.tweet-signature', span: { start: offset + start, end: offset + end }, text: m[1] } });
  }
  return out;
}

/** Agencies that publish wire copy: the outlet, not a claimant, when they speak (media "report", which is not read). */
const WIRE_ACRONYMS = new Set(['AFP', 'AP', 'UPI', 'DPA', 'EFE', 'ANSA', 'TASS', 'CNN', 'BBC']);
/**
 * "the IRGC said", "NATO said", "…, head of media for the People's Units (PU), said": an
 * organisation by its acronym, speaking (not "…of the Units (PU), said the monitor").
 */
const ACRONYM_SPEAKER_RE = /\b(?:the\s+)?(\p{Lu}{3,6})(?:\)?,)?\s+(?:also\s+)?(?:said|says|announced|stated|confirmed|claimed)\b(?!\s+(?:the|a|an)\s)(?!\s+\p{Lu})/gu;

function findAcronymClaimants(text: string, offset: number, known: Tagged<string>[]): Tagged<string>[] {
  const out: Tagged<string>[] = [];
  for (const m of text.matchAll(ACRONYM_SPEAKER_RE)) {
    const start = m.index! + m[0].indexOf(m[1]);
    const end = start + m[1].length;
    if (WIRE_ACRONYMS.has(m[1]) || known.some((k) => overlaps(k, start, end, offset))) continue;
    if (citedForOtherThings(text, end)) continue;
    out.push({ value: m[1].toLowerCase(), prov: { rule: 'claimant.acronym', span: { start: offset + start, end: offset + end }, text: m[1] } });
  }
  return out;
}

const ORG_HEAD =
  '(?:Agency|Ministry|Council|Commission|Organi[sz]ation|Network|Centre|Center|Committee|Authority|Directorate|Office|Watch|International|Society|Foundation|Institute|Union|Association|Administration|Department|Media|News|Post|Monitor|Observatory|Syndicate|Crescent|Volunteers|Rescuers|Teams?)';
/** "Amnesty International said", "according to the Euphrates Post": an organisation not in the lexicon. */
const GENERIC_ORG_RE = new RegExp(`\\b(?:the\\s+)?((?:[A-Z][\\p{L}'’&-]+\\s+){0,5}${ORG_HEAD})(?:\\s+(?:of|for)\\s+(?:[A-Z][\\p{L}'’-]+\\s*){1,4})?`, 'gu');

/** Kebab-case id of an organisation name (annotation guide: "other organisations by their name in kebab-case"). */
export function kebabId(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/(?:'s|’s)\b/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

/** Heads of state bodies, whose owner is part of who they are ("Turkey's Defence Ministry"). */
const STATE_BODY_HEAD = /\b(?:Ministry|Department|Directorate|Authority|Administration|Office|Council|Commission|Committee)\b/;

/**
 * "Turkey's Anadolu Agency", "Britain's Amnesty International": a leading possessive names who
 * owns or hosts the organisation, not the organisation, so it is dropped from the name — except for
 * state bodies, where it is the identity (Turkey's ministry is not Syria's).
 */
function withoutOwner(name: string): string {
  const m = /^[A-Z][\p{L}-]*['’]s\s+(?=[A-Z])/u.exec(name);
  if (!m || STATE_BODY_HEAD.test(name)) return name;
  return name.slice(m[0].length);
}

function findGenericOrgClaimants(text: string, offset: number, known: Tagged<string>[]): Tagged<string>[] {
  const out: Tagged<string>[] = [];
  for (const m of text.matchAll(GENERIC_ORG_RE)) {
    const start = m.index! + m[0].indexOf(m[1]);
    const end = m.index! + m[0].length;
    if (known.some((k) => overlaps(k, start, end, offset))) continue;
    if (!isAttributed(text, start, end)) continue;
    const name = withoutOwner(text.slice(start, end).replace(/^(?:The|A|An)\s+/, ''));
    if (name.split(/\s+/).length < 2 && !/^(?:Amnesty|Airwars)/.test(name)) continue;
    out.push({ value: kebabId(name), prov: { rule: 'claimant.organisation', span: { start: offset + start, end: offset + end }, text: name } });
  }
  return out;
}

/** The claimant an outlet itself stands for when the text names nobody ("SOHR" publishing its own figures). */
export function claimantOfOutlet(outlet: string | null): string | null {
  if (!outlet) return null;
  for (const m of findAll(CLAIMANT_COMPILED, outlet, 0)) return m.value;
  // A monitor or an institution publishing its own report (not a news medium) claims its figures.
  const org = /^(?:the\s+)?((?:[A-Z][\p{L}'’&-]+\s+){0,5}(?:Network|Observatory|Monitor|Commission|Committee|Council|Office|Organi[sz]ation|Centre|Center|Watch|Society|Union|Association|Foundation|Institute|Directorate|Ministry|Authority)(?:\s+(?:for|of)\s+(?:[A-Z][\p{L}'’-]+\s*){1,4})?)\s*(?:\(|$)/u.exec(outlet.trim());
  return org ? kebabId(org[1].trim()) : null;
}
