/**
 * Place mentions in a sentence: "the village of X", "X village", "the town of X", "X city", "in X",
 * "near X", with the governorate or district named nearby ("in the southern countryside of Idlib",
 * "west of the province of Aleppo") kept as a hint to choose between same-named places. Places the
 * victims came from ("displaced from al-Lataminah") get role `origin`; governorates, regions and the
 * country get role `area`. Weak patterns ("in X") need the gazetteer to know X; strong ones ("the
 * village of X") keep unknown names so they can be reported as warnings.
 */
import type { PlaceMention, PlaceRole } from '../../domain/types.ts';
import type { PlaceLookup } from '../../domain/place-lookup.ts';

/** What extraction needs to know about names; the gazetteer implements it. */
export type { PlaceLookup };

export interface PlaceRule {
  id: string;
  example: string;
}

export const PLACE_RULES: PlaceRule[] = [
  { id: 'place.type-of', example: 'The strikes hit the village of Kafr Nabl.' },
  { id: 'place.name-type', example: 'Shells fell on Binnish town.' },
  { id: 'place.prep-name', example: 'Two people were killed in Saraqib.' },
  { id: 'place.admin-countryside', example: 'in the southern countryside of Idlib' },
  { id: 'place.admin-province', example: 'in Idlib province' },
  { id: 'place.region', example: 'in northwestern Syria' },
  { id: 'place.origin', example: 'three children displaced from Maarrat al-Numan' },
  { id: 'place.appositive', example: 'Shelling hit Kafr Nabl, a town in southern Idlib.' },
  { id: 'place.list', example: 'Jets hit Saraqib, Binnish and Kafr Nabl.' },
  { id: 'place.admin-direction', example: 'Shelling continued in southern Idlib.' },
  { id: 'place.direction-town', example: 'Five men were shot in southwest Lakeville on Tuesday.' },
  { id: 'place.attributive', example: 'Two men were wounded outside a Lakeville nightclub, Lakeville police said.' },
];

const PARTICLE = "(?:al|el|as|ash|ad|adh|ar|at|ath|az|an|ed|es|et|ez|en|eš|um|umm|abu|bani|beni|bin|ibn|wadi|tal|tell|jabal|jebel|kafr|khirbet|deir|ain|ras|bab|bir|maarat|marat|qasr|sheikh)";
const WORD = "[A-Z\\u00C0-\\u017F][\\p{L}'’ʿ]*(?:-[\\p{L}'’ʿ]+)*";
const LOWER_ART = "(?:(?:al|el|as|ash|ad|ar|at|az|an|ed|es|et|ez|en)-[\\p{L}'’ʿ]+(?:-[\\p{L}'’ʿ]+)*)";
/** A capitalised place name of up to four words, allowing lower-case articles ("al-Dar al-Kabira"). */
export const NAME = `(?<![\\p{L}\\p{N}'’-])(?:${LOWER_ART}|${WORD})(?:\\s+(?:${LOWER_ART}|${WORD})){0,3}`;

const TYPE_WORDS = '(?:village|villages|town|towns|city|neighbou?rhoods?|district|sub-district|subdistrict|area|region|hills?|outskirts|suburbs?|camp|countryside|province|governorate|municipality|hamlet|locality|countryside|plain|mountains?|valley|border town|border city|farms?)';
const DIRECTION = '(?:north|south|east|west|northern|southern|eastern|western|northeastern|northwestern|southeastern|southwestern|north-western|north-eastern|south-western|south-eastern|central|northeast|northwest|southeast|southwest|rural)';

const TYPE_OF_RE = new RegExp(`\\b(?:the\\s+)?(?:${DIRECTION}\\s+)?(${TYPE_WORDS})\\s+of\\s+(?:the\\s+)?(${NAME})`, 'gu');
const NAME_TYPE_RE = new RegExp(`(${NAME})\\s+(${TYPE_WORDS}|countryside|province|governorate)(?![\\p{L}])`, 'gu');
/** "Ariha, a town in southern Idlib", "Kafranbel, a village held by rebels": a name with its apposition. */
const APPOSITIVE_RE = new RegExp(`(${NAME}),\\s+(?:a|the|an)\\s+(?:[\\p{L}-]+\\s+){0,2}(town|village|city|district|neighbou?rhood|suburb|camp)\\b`, 'gu');
const PREP_NAME_RE = new RegExp(`\\b(in|In|on|On|near|Near|at|At|into|outside|Outside|around|Around|targeting|targeted|hit|hitting|struck|striking|of|from|fled|shelled|bombed|pounded|towards?|between)\\s+(?:the\\s+)?(${NAME})`, 'gu');
/**
 * "a Lakeville nightclub", "Lakeville police said", "a Lakeville man": a town named before a venue,
 * its police or its residents is where local news places the event.
 */
const ATTRIBUTIVE_RE = new RegExp(`(${NAME})\\s+(?:[a-z]+\\s+)?([Pp]olice|[Ss]heriff|[Ff]ire [Dd]epartment|shootings?|homicides?|killings?|murders?|tavern|pub|officers|detectives|deputies|firefighters|authorities|nightclub|club|bar|lounge|home|house|apartment|apartments|restaurant|store|park|church|neighbou?rhood|motel|hotel|man|woman|teen|teenager|boy|girl|resident|residents|couple|family|business|gas station|shopping|mall|reception|party|barbershop|shop|school|complex|high school)(?![\\p{L}])`, 'gu');
/** "in southwest Lakeville", "in downtown Lakeville": a part of a town is in the town. */
const DIRECTION_ANY_CASE = DIRECTION.replace(/\b([a-z])/g, (_, c: string) => `[${c}${c.toUpperCase()}]`);
const DIRECTION_TOWN_RE = new RegExp(`\\b(?:in|In|near|across)\\s+(?:the\\s+)?(?:${DIRECTION_ANY_CASE}|[Dd]owntown|[Uu]ptown|[Mm]idtown)\\s+(${NAME})`, 'gu');
/** "in southern Idlib", "across northern Aleppo": a direction before a governorate is the governorate. */
const DIRECTION_ADMIN_RE = new RegExp(`\\b(?:in|across|of|over|on)\\s+(?:the\\s+)?${DIRECTION}\\s+(${NAME})`, 'gu');
/** The next names of a list: "Douma and Harasta", "Idlib city, Binnish and Sahl al-Ruj". */
const LIST_NEXT_RE = new RegExp(`^(?:\\s+(?:city|town|village|centre|center))?\\s*(?:,\\s*(?:and\\s+)?|\\s+and\\s+)(?:the\\s+(?:town|village|city|region|area|neighbou?rhood)s?\\s+of\\s+)?(${NAME})`, 'u');
const COUNTRYSIDE_OF_RE = new RegExp(`(?:the\\s+)?(?:${DIRECTION}\\s+)?(?:countryside|province|governorate|outskirts|suburbs|part|parts)\\s+of\\s+(?:the\\s+)?(?:province\\s+of\\s+|city\\s+of\\s+)?(${NAME})`, 'gu');
const RURAL_RE = new RegExp(`\\b(?:${DIRECTION}\\s+)?(?:rural|countryside of|province of|governorate of)\\s+(${NAME})`, 'gu');
const NAME_ADMIN_RE = new RegExp(`(${NAME})(?:'s|’s)?\\s+(?:(?:${DIRECTION})\\s+)?(?:province|governorate|countryside|region|suburbs?)(?![\\p{L}])`, 'gu');
const ORIGIN_BEFORE_RE = /(?:displaced (?:from|out of)|fled(?: from)?|originally from|hailing from|natives? of|evacuated from|who came from|who had fled)\s+(?:the\s+)?(?:(?:city|town|village|area) of\s+)?$/i;
/** "north of Jisr al-Shughur": a reference point for the event's place, not the place itself. */
const REFERENCE_BEFORE_RE = /(?:(?:near|outside|close to|of) the capital,?\s+(?:of\s+)?|capital,\s+)$|(?:\d+\s*(?:km|kilometres?|kilometers?|miles?)\s+)?(?:north|south|east|west|northeast|northwest|southeast|southwest|north-east|north-west|south-east|south-west)(?:ern)?\s+of\s+(?:the\s+)?(?:(?:city|town|village) of\s+)?$/i;
const REGION_RE =
  /\b(?:(?:north|south|east|west|northern|southern|eastern|western|north-?western|north-?eastern|south-?western|south-?eastern|central)\s+Syria|Syria(?!'s|’s)|Syria(?:'s|’s) (?:far )?(?:north|south|east|west|north-?west|north-?east|south-?west|south-?east|central)(?:ern)?(?! [A-Z]| province| governorate| city| town)|the north-?west|the north-?east|north-?west Syria|north-?east Syria|the de-escalation zone|opposition-held (?:areas|territory|Idlib)|the region|across the country)\b/g;

/** Capitalised words that begin names but are not places. */
const NOT_PLACES = new Set(
  [
    'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday', 'january', 'february', 'march', 'april', 'may', 'june', 'july',
    'august', 'september', 'october', 'november', 'december', 'russian', 'russia', 'syrian', 'turkish', 'turkey', 'iranian', 'iran', 'israeli',
    'american', 'the', 'a', 'an', 'this', 'that', 'these', 'those', 'he', 'she', 'they', 'it', 'we', 'his', 'her', 'their', 'its', 'our', 'afp', 'ap',
    'reuters', 'sana', 'sohr', 'osdh', 'snhr', 'hts', 'isis', 'sdf', 'ypg', 'pkk', 'un', 'us', 'u.s.', 'white', 'civil', 'observatory', 'according',
    'regime', 'assad', 'bashar', 'moscow', 'ankara', 'washington', 'islamic', 'state', 'government', 'opposition', 'rebels', 'jihadists', 'local',
    'since', 'on', 'in', 'at', 'after', 'before', 'during', 'meanwhile', 'moreover', 'additionally', 'besides', 'earlier', 'later', 'last', 'another',
    'some', 'many', 'several', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten', 'one', 'eleven', 'twelve', 'twenty',
    'thirteen', 'fourteen', 'fifteen', 'sixteen', 'dozens', 'hundreds', 'at', 'least', 'more', 'nearly', 'about', 'president', 'minister', 'ministry',
    'agency', 'news', 'network', 'front', 'army', 'forces', 'force', 'council', 'coalition', 'defence', 'defense', 'helmets', 'hospital', 'idp',
    'al-qaeda', 'qaeda', 'hezbollah', 'kurdish', 'arab', 'arabs', 'kurds', 'muslim', 'sunni', 'shia', 'alawite', 'christian', 'european', 'british',
    'french', 'german', 'chinese', 'britain', 'france', 'united', 'syria', "syria's", 'syria’s', "iraq's", "turkey's", "lebanon's", 'nations', 'security', 'human', 'rights', 'watch', 'amnesty', 'international',
    'msf', 'doctors', 'médecins', 'ocha', 'who', 'unicef', 'twitter', 'facebook', 'telegram', 'youtube', 'peace', 'spring', 'sochi', 'astana', 'geneva',
  ].map((s) => s.toLowerCase()),
);

/** Given names that are also village names in the gazetteer: not places after a bare preposition. */
const PERSONAL_NAMES = new Set(
  ['mohammad', 'mohammed', 'muhammad', 'ahmad', 'ahmed', 'ali', 'hussein', 'hossein', 'hassan', 'hasan', 'omar', 'umar', 'mahmoud', 'khaled', 'khalid', 'abdullah', 'ibrahim', 'mustafa', 'youssef', 'yusuf', 'salim', 'saleh', 'karim', 'rami', 'bashar', 'hafez', 'maher', 'vladimir', 'recep', 'tayyip'],
);

/** Governorate-level names that also name cities; "Idlib province" is an area, "Idlib city" a place. */
function stripPossessive(name: string): string {
  return name.replace(/(?:'s|’s)$/u, '');
}

function trimName(name: string): string | null {
  // Drop leading non-place words ("Russian", "On") and trailing ones.
  const words = name.split(/\s+/);
  while (words.length && NOT_PLACES.has(words[0].toLowerCase())) words.shift();
  while (words.length && NOT_PLACES.has(words[words.length - 1].toLowerCase())) words.pop();
  if (!words.length) return null;
  const n = stripPossessive(words.join(' '));
  if (n.length < 3) return null;
  return n;
}

interface RawPlace {
  name: string;
  start: number;
  end: number;
  rule: string;
  role: PlaceRole;
  typeWord: string | null;
}

/**
 * Find place mentions and admin hints in one sentence. `offset` shifts spans to document offsets;
 * `docText` is used for provenance text.
 */
export function findPlaces(
  text: string,
  offset: number,
  lookup: PlaceLookup,
): { places: PlaceMention[]; adminHints: { name: string; start: number }[]; softHints: string[]; regions: { name: string; start: number; end: number }[] } {
  const raws: RawPlace[] = [];
  const adminHints: { name: string; start: number }[] = [];
  const regions: { name: string; start: number; end: number }[] = [];

  const push = (name: string, idx: number, rule: string, typeWord: string | null) => {
    let trimmed = trimName(name);
    if (!trimmed) return;
    // "San Francisco's Tenderloin neighborhood": an unknown part of a known town is in that town.
    const possessor = /^(.+?)(?:'s|’s)\s+\S/u.exec(trimmed);
    if (possessor && !lookup.isPlace(trimmed) && lookup.isPlace(possessor[1])) trimmed = possessor[1];
    const start = text.indexOf(trimmed, idx);
    if (start < 0) return;
    const before = text.slice(Math.max(0, start - 40), start);
    const after = text.slice(start + trimmed.length, start + trimmed.length + 20);
    // "Al-Mu'taz Street": a street is inside a place, not a place of the gazetteer.
    if (/^\s+(?:street|road|avenue|square|highway|roundabout|bridge|hospital|school|mosque|market)\b/i.test(after)) return;
    let role: PlaceRole = ORIGIN_BEFORE_RE.test(before) ? 'origin' : REFERENCE_BEFORE_RE.test(before) ? 'area' : 'event';
    const admin = lookup.admin1Name(trimmed);
    let tw = typeWord?.toLowerCase() ?? null;
    // "Idlib's western countryside", "Aleppo's eastern suburbs": the governorate as an area.
    const possessiveArea = new RegExp(`^(?:'s|’s)?\\s+(?:${DIRECTION}\\s+)?(countryside|province|governorate|suburbs?|outskirts)\\b`, 'iu').exec(after);
    if (admin && possessiveArea) tw = possessiveArea[1].toLowerCase();
    if (admin && (tw === null || /province|governorate|countryside|region/.test(tw))) {
      // "Idlib" alone is ambiguous between city and governorate; "Idlib province" is the area.
      if (tw && /province|governorate|countryside|region/.test(tw)) role = role === 'origin' ? 'origin' : 'area';
    }
    raws.push({ name: trimmed, start, end: start + trimmed.length, rule, role, typeWord: tw });
  };

  for (const m of text.matchAll(TYPE_OF_RE)) push(m[2], m.index! + m[0].length - m[2].length, 'place.type-of', m[1]);
  for (const m of text.matchAll(NAME_TYPE_RE)) push(m[1], m.index!, 'place.name-type', m[2]);
  for (const m of text.matchAll(APPOSITIVE_RE)) {
    const n = trimName(m[1]);
    if (n && (lookup.isPlace(n) || n.split(/\s+/).length <= 3)) push(m[1], m.index!, 'place.appositive', m[2]);
  }
  for (const m of text.matchAll(PREP_NAME_RE)) {
    const name = m[2];
    const trimmed = trimName(name);
    if (!trimmed) continue;
    // Weak pattern: the gazetteer must know the name (or a prefix of it).
    let known: string | null = null;
    const words = trimmed.split(/\s+/);
    // A shorter prefix of a longer unknown name ("Jabal" of "Jabal al-Zawiyah", "al-Sham" of
    // "al-Sham Corps") is not evidence: only whole names or multi-word prefixes count.
    // "on Lakeville's South Side": the town is the possessor.
    const possessorEnd = words.findIndex((w) => /(?:'s|’s)$/u.test(w));
    const lengths = [...Array(words.length).keys()].map((i) => words.length - i).filter((n) => n >= Math.min(2, words.length) || n === possessorEnd + 1);
    for (const n of lengths) {
      const cand = stripPossessive(words.slice(0, n).join(' '));
      if (lookup.isPlace(cand) || lookup.admin1Name(cand)) {
        known = cand;
        break;
      }
    }
    if (known && !PERSONAL_NAMES.has(known.split(/\s+/)[0].toLowerCase())) push(known, m.index! + m[0].length - name.length, 'place.prep-name', null);
  }
  for (const m of text.matchAll(ATTRIBUTIVE_RE)) {
    const name = trimName(m[1]);
    // A weak pattern: the gazetteer must know the whole name, and a sentence's first word may be
    // anything — except before its police, sheriff or officers ("Lakeville police are investigating").
    const force = /^(?:[Pp]olice|[Ss]heriff|officers|detectives|deputies|authorities)$/.test(m[2]);
    if (!name || (m.index === 0 && !force) || !lookup.isPlace(name) || PERSONAL_NAMES.has(name.split(/\s+/)[0].toLowerCase())) continue;
    if (raws.some((r) => r.name === name)) continue;
    push(name, m.index!, 'place.attributive', null);
  }
  for (const m of text.matchAll(DIRECTION_TOWN_RE)) {
    const name = trimName(m[1]);
    if (!name || lookup.admin1Name(name) || !lookup.isPlace(name) || raws.some((r) => r.name === name)) continue;
    push(name, m.index! + m[0].length - m[1].length, 'place.direction-town', null);
  }
  // List continuations of places already found.
  for (let i = 0; i < raws.length; i++) {
    const r = raws[i];
    const m = LIST_NEXT_RE.exec(text.slice(r.end, r.end + 80));
    if (!m) continue;
    const name = trimName(m[1]);
    if (!name || raws.some((x) => x.name === name)) continue;
    const known = lookup.isPlace(name) || lookup.admin1Name(name) ? name : lookup.isPlace(name.split(/\s+/).slice(0, 2).join(' ')) ? name.split(/\s+/).slice(0, 2).join(' ') : null;
    if (!known) continue;
    const before = raws.length;
    push(known, r.end + m.index + m[0].length - m[1].length, 'place.list', null);
    if (raws.length > before) raws[raws.length - 1].role = r.role;
  }
  for (const m of text.matchAll(DIRECTION_ADMIN_RE)) {
    const n = trimName(m[1]);
    const a = n ? lookup.admin1Name(n) : null;
    if (!a || !n) continue;
    adminHints.push({ name: a, start: offset + m.index! });
    const start = text.indexOf(n, m.index!);
    raws.push({ name: n, start, end: start + n.length, rule: 'place.admin-direction', role: 'area', typeWord: 'province' });
  }
  // Admin hints.
  for (const re of [COUNTRYSIDE_OF_RE, RURAL_RE, NAME_ADMIN_RE]) {
    for (const m of text.matchAll(re)) {
      const n = trimName(m[1]);
      if (!n) continue;
      // "the Damascus suburbs", "rural Damascus" are a governorate of their own (Rif Dimashq):
      // ask the gazetteer with the whole phrase first.
      const surround = /\b(countryside|suburbs?|rural|outskirts)\b/i.exec(m[0])?.[1] ?? null;
      const a = (surround ? lookup.admin1Name(`${n} countryside`) : null) ?? lookup.admin1Name(n) ?? lookup.admin1Name(n.split(/\s+/)[0]);
      if (a) adminHints.push({ name: a, start: offset + m.index! });
    }
  }
  // "the district of al-Sukkari in Aleppo": a governorate-named place narrows the others, softly
  // (it may be the city, or a reference point such as "near the capital, Damascus").
  const softHints: string[] = [];
  for (const r of raws) {
    const a = lookup.admin1Name(r.name);
    if (a && !softHints.includes(a)) softHints.push(a);
  }
  for (const m of text.matchAll(REGION_RE)) {
    // "a monitor with a network of sources inside Syria": describes a source, not where people died.
    if (/(?:sources?|network|contacts|based|operating|activists|correspondents?)\s+(?:\w+\s+)?(?:inside|in|across|throughout)\s+$/i.test(text.slice(Math.max(0, m.index! - 40), m.index!))) continue;
    regions.push({ name: m[0], start: offset + m.index!, end: offset + m.index! + m[0].length });
  }

  // Dedupe: same span keeps the strongest rule; nested names keep the longer.
  const strength = (r: string) => (r === 'place.type-of' ? 3 : r === 'place.name-type' || r === 'place.appositive' ? 2 : 1);
  raws.sort((a, b) => a.start - b.start || b.end - a.end || strength(b.rule) - strength(a.rule));
  const kept: RawPlace[] = [];
  for (const r of raws) {
    const clash = kept.find((k) => r.start < k.end && k.start < r.end);
    if (clash) {
      if (strength(r.rule) > strength(clash.rule) && r.end - r.start >= clash.end - clash.start) {
        Object.assign(clash, r);
      } else if (clash.role === 'event' && r.role === 'area') {
        clash.role = 'area';
        clash.typeWord = r.typeWord;
      }
      continue;
    }
    kept.push({ ...r });
  }
  const places: PlaceMention[] = kept.map((r) => {
    const hint = adminHints.filter((h) => h.start - offset >= r.start - 5).sort((a, b) => a.start - b.start)[0] ?? null;
    return {
      name: r.name,
      role: r.role,
      adminHint: hint ? hint.name : r.role === 'area' ? lookup.admin1Name(r.name) : null,
      prov: { rule: r.rule, span: { start: offset + r.start, end: offset + r.end }, text: r.name },
    };
  });
  return { places, adminHints, softHints, regions };
}
