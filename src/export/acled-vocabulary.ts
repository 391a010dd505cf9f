/**
 * ACLED's vocabulary as data: how this system's event types, perpetrator ids, claimant ids and
 * countries are written in ACLED's columns. Labels follow the ACLED Codebook (2023): event types
 * and sub-event types from its section "Event types", actor names from its actor list format
 * "Military Forces of <Country> (<start>-<end>)" where the period is the head of state's tenure.
 * Unknown ids fall back to themselves so no information is dropped.
 */
import { actorName } from '../pipeline/extract/lexicons/actor-names.ts';
import type { EventType, Incident } from '../domain/types.ts';

export type AcledEventType = 'Explosions/Remote violence' | 'Battles' | 'Violence against civilians' | 'Strategic developments';
export type AcledDisorderType = 'Political violence' | 'Strategic developments';

interface EventTypeLabels {
  eventType: AcledEventType;
  subEventType: string;
}

/**
 * territory_change is ACLED's "Battles" event type: its sub-events "Non-state actor overtakes
 * territory" / "Government regains territory" belong there. "other" maps to Strategic
 * developments / Other, the codebook's bucket for events that are not political violence as such.
 */
const EVENT_TYPE_LABELS: Record<EventType, EventTypeLabels> = {
  air_strike: { eventType: 'Explosions/Remote violence', subEventType: 'Air/drone strike' },
  shelling: { eventType: 'Explosions/Remote violence', subEventType: 'Shelling/artillery/missile attack' },
  explosion: { eventType: 'Explosions/Remote violence', subEventType: 'Remote explosive/landmine/IED' },
  armed_clash: { eventType: 'Battles', subEventType: 'Armed clash' },
  attack: { eventType: 'Violence against civilians', subEventType: 'Attack' },
  territory_change: { eventType: 'Battles', subEventType: 'Non-state actor overtakes territory' },
  other: { eventType: 'Strategic developments', subEventType: 'Other' },
};

/**
 * Perpetrators on the government side for "Government regains territory": the government's forces
 * and the states and militias fighting with them (ACLED codes a government's affiliates with it).
 */
const GOVERNMENT_SIDE = new Set(['syrian-government', 'russia', 'iran-backed']);

export function acledEventType(eventType: EventType): AcledEventType {
  return EVENT_TYPE_LABELS[eventType].eventType;
}

export function acledDisorderType(eventType: EventType): AcledDisorderType {
  return acledEventType(eventType) === 'Strategic developments' ? 'Strategic developments' : 'Political violence';
}

/** The sub-event label; a territory change by the government side is "Government regains territory". */
export function acledSubEventType(incident: Pick<Incident, 'eventType' | 'perpetrators'>): string {
  if (incident.eventType === 'territory_change') {
    const known = incident.perpetrators.filter((p) => p !== 'unknown');
    if (known.length > 0 && known.every((p) => GOVERNMENT_SIDE.has(p))) return 'Government regains territory';
  }
  return EVENT_TYPE_LABELS[incident.eventType].subEventType;
}

interface DatedLabel {
  /** First day (ISO) the label applies to; absent = since always. */
  from?: string;
  label: string;
}

/**
 * Actor names by perpetrator id. Syria's label changes on 2024-12-08 (fall of the Assad
 * government). The US-led coalition gets a neutral label rather than one tied to a US
 * administration, since strikes span several of them and attribution is often to "the coalition".
 */
const ACTOR_NAMES: Record<string, DatedLabel[]> = {
  russia: [{ label: 'Military Forces of Russia (2000-)' }],
  'syrian-government': [
    { label: 'Military Forces of Syria (2000-2024)' },
    { from: '2024-12-08', label: 'Military Forces of Syria (2024-)' },
  ],
  opposition: [{ label: 'Opposition Rebels (Syria)' }],
  hts: [{ label: 'HTS: Hayat Tahrir al Sham' }],
  turkey: [{ label: 'Military Forces of Turkey (2016-)' }],
  isis: [{ label: 'Islamic State (Syria)' }],
  sdf: [{ label: 'SDF: Syrian Democratic Forces' }],
  'us-coalition': [{ label: 'International Coalition' }],
  'iran-backed': [{ label: 'Iran-backed militias' }],
  israel: [{ label: 'Military Forces of Israel' }],
  unknown: [{ label: 'Unidentified Armed Group (Syria)' }],
};

/** ACLED actor2 for events whose victims are civilians. */
export const CIVILIANS_ACTOR = 'Civilians (Syria)';

/**
 * ACLED's name for a perpetrator id on a date (ISO); an id without a mapping is returned as is.
 * With no date (an incident of unknown date) the first label, the one without a start, is used.
 */
export function acledActorName(perpetrator: string, date: string | null): string {
  const labels = ACTOR_NAMES[perpetrator];
  if (!labels) return perpetrator;
  let chosen = labels[0].label;
  if (date === null) return chosen;
  for (const l of labels) if (l.from === undefined || l.from <= date) chosen = l.label;
  return chosen;
}

/** A claimant's name for the `source` column and the notes (the lexicons' names: actor-names.ts). */
export function claimantName(claimant: string): string {
  return actorName(claimant);
}

export interface AcledCountry {
  /** ISO 3166-1 numeric (ACLED's `iso` column). */
  iso: number;
  /** ISO 3166-1 alpha-3, the prefix of `event_id_cnty`. */
  iso3: string;
  name: string;
  /** ACLED's region of the country (its `region` column). */
  region: string;
}

/** Syria and its neighbours by ISO 3166-1 alpha-2 (GeoNames country codes); ACLED puts all of them in its Middle East region. */
const COUNTRIES: Record<string, AcledCountry> = {
  SY: { iso: 760, iso3: 'SYR', name: 'Syria', region: 'Middle East' },
  TR: { iso: 792, iso3: 'TUR', name: 'Turkey', region: 'Middle East' },
  IQ: { iso: 368, iso3: 'IRQ', name: 'Iraq', region: 'Middle East' },
  LB: { iso: 422, iso3: 'LBN', name: 'Lebanon', region: 'Middle East' },
  JO: { iso: 400, iso3: 'JOR', name: 'Jordan', region: 'Middle East' },
  IL: { iso: 376, iso3: 'ISR', name: 'Israel', region: 'Middle East' },
  PS: { iso: 275, iso3: 'PSE', name: 'Palestine', region: 'Middle East' },
};

export const DEFAULT_COUNTRY_CODE = 'SY';

/** The country for an alpha-2 code; null when the table does not know it. */
export function acledCountry(alpha2: string): AcledCountry | null {
  return COUNTRIES[alpha2.toUpperCase()] ?? null;
}

/**
 * ACLED's codes for vague figures, by the id of the vague words that stated them
 * (src/pipeline/extract/lexicons/number-words.ts). ACLED's codebook ("Reported fatalities") and its
 * fatalities FAQ code "tens" 10, "dozens" 12, "hundreds" 100 "and so on": a plural of a unit is
 * coded as one unit, "several" as 3. Tally reads the same words as a range from a stricter floor
 * ("dozens" 24-99) and keeps that range in killed_min/killed_max; only `fatalities` and the CSV's
 * category figures beside it use these codes. Vague words missing here ("a few", "a handful", "a
 * number of") keep Tally's own floor.
 */
export const ACLED_VAGUE_CODES: Readonly<Record<string, number>> = {
  tens: 10,
  dozens: 12,
  'several-dozen': 12,
  'a-few-dozen': 12,
  scores: 20,
  hundreds: 100,
  'several-hundred': 100,
  'a-few-hundred': 100,
  thousands: 1_000,
  'several-thousand': 1_000,
  'a-few-thousand': 1_000,
  'tens-of-thousands': 10_000,
  'hundreds-of-thousands': 100_000,
  several: 3,
};

/** ACLED's "inter" codes (codebook, "Actor names, types and inter codes"). */
export type AcledInterCode = 1 | 2 | 3 | 4 | 5 | 6 | 7 | 8;
export const INTER_CIVILIANS: AcledInterCode = 7;

/**
 * The inter code of each perpetrator id: 1 State Forces (of the country of the event), 2 Rebel
 * Groups, 3 Political Militias (ACLED codes unidentified armed groups here), 8 External/Other
 * Forces (state forces acting outside their own country, international coalitions). Iran-backed
 * militias are coded as political militias: ACLED names most of them separately as militias.
 * An id not listed has no code (blank inter1, blank interaction) rather than a guessed one.
 */
const INTER_CODES: Record<string, AcledInterCode> = {
  'syrian-government': 1,
  opposition: 2,
  hts: 2,
  isis: 2,
  sdf: 2,
  'iran-backed': 3,
  unknown: 3,
  russia: 8,
  turkey: 8,
  israel: 8,
  'us-coalition': 8,
};

export function acledInterCode(perpetrator: string): AcledInterCode | null {
  return INTER_CODES[perpetrator] ?? null;
}

/**
 * ACLED's interaction code: the two actors' inter codes as a two-digit number, the lower first
 * (1 and 7 → 17), or the one code times ten for an event with one actor (1 → 10, "sole state
 * forces action"). Null when actor1 has no code.
 */
export function acledInteraction(inter1: AcledInterCode | null, inter2: AcledInterCode | null): number | null {
  if (inter1 === null) return null;
  if (inter2 === null) return inter1 * 10;
  return Math.min(inter1, inter2) * 10 + Math.max(inter1, inter2);
}
