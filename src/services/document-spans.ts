/**
 * "Why does it say 7 killed?": a stored document with every value Tally extracted from it, each
 * with the rule that produced it and the span of text it was read from (offsets in the document's
 * current text), so a reader can highlight them. The mentions' nested provenance (event type, date,
 * places, actors, counts, targets, and the figures of other sources the same mention carries) is
 * flattened into one list per mention, sorted by position. Values without a span — a date taken
 * from the publication day, a place inferred from the governorate — have nothing to highlight and
 * are left out of the list; the mention's own fields still say what was used.
 */
import { COUNT_CATEGORIES } from '../domain/types.ts';
import type { CountSet, Mention, MentionKind, Provenance, Tagged } from '../domain/types.ts';
import type { IncidentStore, StoredDocument } from '../storage/incident-store.ts';
import { NotFoundError } from './service-errors.ts';

export interface ExtractedField {
  /**
   * What the value is: `event_type`, `date`, `place` (role event), `place.origin`, `place.area`,
   * `perpetrator`, `claimant`, `killed.<category>`, `injured.<category>`, `displaced`, `target`;
   * fields of a further statement of figures in the same mention are prefixed `statement.`.
   */
  field: string;
  value: string | number;
  rule: string;
  start: number;
  end: number;
  /** The text the rule matched (the document's text between start and end). */
  text: string;
}

export interface MentionSpans {
  id: string;
  kind: MentionKind;
  start: number;
  end: number;
  quote: string;
  fields: ExtractedField[];
}

export interface DocumentWithSpans {
  document: StoredDocument;
  mentions: MentionSpans[];
}

function field(name: string, value: string | number, prov: Provenance | null | undefined): ExtractedField[] {
  if (!prov) return [];
  return [{ field: name, value, rule: prov.rule, start: prov.span.start, end: prov.span.end, text: prov.text }];
}

function tagged(name: string, values: readonly Tagged<string>[]): ExtractedField[] {
  return values.flatMap((t) => field(name, t.value, t.prov));
}

function counts(prefix: string, set: CountSet): ExtractedField[] {
  return COUNT_CATEGORIES.flatMap((category) => {
    const c = set[category];
    return c ? field(`${prefix}.${category}`, c.value, c.prov) : [];
  });
}

function dateValue(date: NonNullable<Mention['date']>): string {
  return date.start === date.end ? date.start : `${date.start}/${date.end}`;
}

const byPosition = (a: ExtractedField, b: ExtractedField): number =>
  a.start - b.start || a.end - b.end || (a.field < b.field ? -1 : a.field > b.field ? 1 : 0) || String(a.value).localeCompare(String(b.value));

/** Every extracted value of a mention that has a span, in text order, without repeats. */
export function mentionFields(mention: Mention): ExtractedField[] {
  const all: ExtractedField[] = [
    ...(mention.eventType ? field('event_type', mention.eventType.value, mention.eventType.prov) : []),
    ...(mention.date ? field('date', dateValue(mention.date), mention.date.prov) : []),
    ...mention.places.flatMap((p) => field(p.role === 'event' ? 'place' : `place.${p.role}`, p.name, p.prov)),
    ...tagged('perpetrator', mention.perpetrators),
    ...tagged('claimant', mention.claimants),
    ...counts('killed', mention.killed),
    ...counts('injured', mention.injured),
    ...(mention.displaced ? field('displaced', mention.displaced.value, mention.displaced.prov) : []),
    ...tagged('target', mention.targets),
    ...(mention.statements ?? []).flatMap((s) => [
      ...tagged('statement.claimant', s.claimants),
      ...counts('statement.killed', s.killed),
      ...counts('statement.injured', s.injured),
    ]),
  ];
  const seen = new Set<string>();
  return all.sort(byPosition).filter((f) => {
    const key = JSON.stringify([f.field, f.value, f.rule, f.start, f.end]);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

export function mentionSpans(mention: Mention): MentionSpans {
  return { id: mention.id, kind: mention.kind, start: mention.span.start, end: mention.span.end, quote: mention.quote, fields: mentionFields(mention) };
}

/** The current version of a document and the spans of every mention extracted from it. */
export async function documentWithSpans(store: IncidentStore, id: string): Promise<DocumentWithSpans> {
  const document = await store.getDocument(id);
  if (!document) throw new NotFoundError('document', id, 'document ids are the ids given at ingest');
  const mentions = await store.listMentionsForDocument(id);
  return { document, mentions: mentions.map(mentionSpans) };
}
