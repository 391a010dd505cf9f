/**
 * How an incident reads in the dashboard: its headline killed figure (the same rule the exports
 * and the `min_killed` filter use, imported from src/domain so the three cannot disagree), ranges
 * written "12–17 (best 17)", labels for event types, categories and dates. "Not stated" stays
 * distinct from zero everywhere, as the export contract requires.
 */
import { headlineCount } from '../../src/domain/headline-figure.ts';
import { actorName } from '../../src/pipeline/extract/lexicons/actor-names.ts';
import { COUNT_CATEGORIES, type CountCategory, type EventType } from '../../src/domain/types.ts';
import type { ClaimJson, CountsJson, FiguresJson, IncidentJson } from '../../src/export/incidents-json.ts';
import { perpetratorStyle } from './perpetrator-palette.ts';

export const EVENT_TYPE_LABELS: Record<EventType, string> = {
  air_strike: 'Air strike',
  shelling: 'Shelling',
  armed_clash: 'Armed clash',
  explosion: 'Explosion',
  attack: 'Attack',
  territory_change: 'Territory change',
  other: 'Other',
};

export const CATEGORY_LABELS: Record<CountCategory, string> = {
  total: 'total',
  civilians: 'civilians',
  children: 'children',
  women: 'women',
  fighters: 'fighters',
};

export function eventTypeLabel(type: string): string {
  return (EVENT_TYPE_LABELS as Record<string, string>)[type] ?? type;
}

/** Best headline figure of killed; null when no count was stated. */
export function killedBest(incident: IncidentJson): number | null {
  return headlineCount(incident.killed, 'best');
}

export function killedRange(counts: CountsJson): { best: number; min: number; max: number } | null {
  const best = headlineCount(counts, 'best');
  if (best === null) return null;
  return { best, min: headlineCount(counts, 'min') ?? best, max: headlineCount(counts, 'max') ?? best };
}

export function formatRange(r: { best: number; min: number; max: number }): string {
  return r.min === r.max ? String(r.best) : `${r.min}–${r.max} (best ${r.best})`;
}

export function killedText(incident: IncidentJson): string {
  const r = killedRange(incident.killed);
  return r ? `${formatRange(r)} killed` : 'killed: not stated';
}

export function formatFigures(figures: FiguresJson): string {
  const parts = COUNT_CATEGORIES.filter((c) => figures[c] !== undefined).map((c) => `${figures[c]} ${CATEGORY_LABELS[c]}`);
  return parts.length ? parts.join(', ') : 'not stated';
}

/** "2019-11-05", "2019-11-05 (reported)", "2019-11-01 – 2019-11-07", or "date unknown" when no report gives a day. */
export function dateText(date: IncidentJson['date']): string {
  if (date.start === null) return 'date unknown';
  if (date.start === date.end) return date.precision === 'reported' ? `${date.start} (reported)` : date.start;
  return `${date.start} – ${date.end}`;
}

export function placeText(incident: IncidentJson): string {
  const loc = incident.location;
  if (!loc) return 'place unknown';
  return loc.admin1 && loc.admin1 !== loc.name ? `${loc.name}, ${loc.admin1}` : loc.name;
}

export function perpetratorsText(incident: IncidentJson): string {
  const names = incident.perpetrators.map((p) => perpetratorStyle(p).label);
  const text = names.length ? names.join(', ') : 'Unknown';
  return incident.perpetrators_disputed ? `${text} (disputed)` : text;
}

export function firstPerpetrator(incident: IncidentJson): string {
  return incident.perpetrators[0] ?? 'unknown';
}

/** The bundled sample's outlets are named "… (fictional)". */
export function isFictionalOutlet(outlet: string | null | undefined): boolean {
  return typeof outlet === 'string' && /\bfictional\b/i.test(outlet);
}

/** Outlets a claim was carried by, de-duplicated, in claim order. */
export function claimOutlets(claim: ClaimJson, outletOf: ReadonlyMap<string, string | null>): string[] {
  const out: string[] = [];
  for (const doc of claim.documents.length ? claim.documents : [claim.document]) {
    const outlet = outletOf.get(doc) ?? (doc === claim.document ? claim.outlet : null);
    const name = outlet ?? `document ${doc}`;
    if (!out.includes(name)) out.push(name);
  }
  return out;
}

/** Claimant ids as readers know them: the lexicon's names, a country's officials and media, the words of other ids. */
export function claimantLabel(id: string): string {
  return id === 'unattributed' ? 'Unattributed (the outlet itself)' : actorName(id);
}
