/**
 * The incidents room: the incident set and tallies as linking last produced them, replaced whole
 * (`incidents` with the columns list filters use, `incident_bodies`, the perpetrator, document and
 * claimant index tables, `claims`, `tallies`). Every row is built and checked before the
 * transaction opens, so a bad object is named by its position and id and nothing is written. The
 * read model (./read-model.ts) derives its own tables from the same rows in the same transaction;
 * the store (../kysely-incident-store.ts) composes the two.
 */
import type { CountSummary, Incident, Tally } from '../../domain/types.ts';
import { headlineCount } from '../../domain/headline-figure.ts';
import type { IncidentRendering } from '../incident-store.ts';
import type { IncidentsTable } from '../store-schema.ts';
import { StoreWriteError } from '../store-errors.ts';
import { incidentSearchText } from '../search-text.ts';
import { dayNumber } from '../incident-query-plan.ts';
import { parseBody, refuseDuplicates, storedJson, type Db, type StoreWriter } from './store-writer.ts';

function countOf(summary: CountSummary, category: keyof CountSummary): number | null {
  return summary[category]?.best ?? null;
}

/** The day columns of an incident's date: all null when it is unknown. */
function incidentDays(incident: Incident, what: () => string, op: string) {
  // Checked, not trusted: a store is handed objects that may come from anywhere.
  if (incident.date?.precision === 'unknown') {
    if (incident.date.start !== null || incident.date.end !== null) {
      throw new StoreWriteError(op, `${what()}: date ${JSON.stringify(incident.date)} has precision 'unknown' but a start or end; an unknown date has null start and end`);
    }
    return { date_start: null, date_end: null, start_day: null, end_day: null, span_days: null, date_precision: 'unknown' };
  }
  const start = dayNumber(incident.date?.start);
  const end = dayNumber(incident.date?.end);
  if (start === null || end === null) {
    throw new StoreWriteError(
      op,
      `${what()}: date ${JSON.stringify(incident.date)} does not have ISO start and end dates (YYYY-MM-DD), nor null ones with precision 'unknown'`,
    );
  }
  return { date_start: incident.date.start, date_end: incident.date.end, start_day: start, end_day: end, span_days: Math.max(0, end - start), date_precision: incident.date.precision };
}

function incidentRow(incident: Incident, seq: number, what: () => string, op: string): IncidentsTable {
  const loc = incident.location;
  return {
    id: incident.id,
    seq,
    event_type: incident.eventType,
    ...incidentDays(incident, what, op),
    location_name: loc?.name ?? null,
    gazetteer_id: loc?.gazetteerId ?? null,
    admin1: loc?.admin1 ?? null,
    admin1_key: loc?.admin1?.toLowerCase() ?? null,
    admin2: loc?.admin2 ?? null,
    geo_precision: loc?.precision ?? null,
    lat: loc?.lat ?? null,
    lon: loc?.lon ?? null,
    killed_best: headlineCount(incident.killed, 'best'),
    killed_min: headlineCount(incident.killed, 'min'),
    killed_max: headlineCount(incident.killed, 'max'),
    civilians_killed: countOf(incident.killed, 'civilians'),
    children_killed: countOf(incident.killed, 'children'),
    women_killed: countOf(incident.killed, 'women'),
    fighters_killed: countOf(incident.killed, 'fighters'),
    injured_best: headlineCount(incident.injured, 'best'),
    perpetrators_disputed: incident.perpetratorsDisputed ? 1 : 0,
    review_status: incident.review.status,
    search_text: incidentSearchText(incident),
  };
}

/**
 * Every row of an incident set and its tallies, checked, in the order replaceIncidents gets them;
 * each body is stored with its rendering (read by ./read-model.ts).
 */
export function incidentSetRows(incidents: Incident[], tallies: Tally[], rendering: IncidentRendering, op: string) {
  const incidentWhat = (i: number) => `incident #${i} '${incidents[i].id}'`;
  const tallyWhat = (i: number) => `tally #${i} '${tallies[i].id}'`;
  refuseDuplicates(incidents.map((x) => x.id), (i, id) => `incident #${i} '${id}'`, op);
  refuseDuplicates(tallies.map((x) => x.id), (i, id) => `tally #${i} '${id}'`, op);
  const rows = incidents.map((incident, seq) => incidentRow(incident, seq, () => incidentWhat(seq), op));
  const bodies = incidents.map((incident, seq) => ({
    seq,
    body: storedJson(incident, () => incidentWhat(seq), op),
    api_json: storedJson(rendering.render(incident), () => incidentWhat(seq), op),
  }));
  const perpetrators = incidents.flatMap((x, i) =>
    [...new Set(x.perpetrators)].map((perpetrator, position) => ({ incident_id: x.id, perpetrator, position, start_day: rows[i].start_day })),
  );
  const documents = incidents.flatMap((x, i) =>
    [...new Set(x.documents)].map((document_id, position) => ({ incident_id: x.id, document_id, position, start_day: rows[i].start_day })),
  );
  const claimants = incidents.flatMap((x, i) => [...new Set(x.claims.map((c) => c.claimant))].map((claimant) => ({ incident_id: x.id, claimant, start_day: rows[i].start_day })));
  const claims = incidents.flatMap((x, i) =>
    x.claims.map((c, seq) => ({
      incident_id: x.id,
      seq,
      claimant: c.claimant,
      document_id: c.document,
      outlet: c.outlet,
      published: c.published,
      span_start: c.start,
      span_end: c.end,
      quote: c.quote,
      killed_total: c.killed.total ?? null,
      body: storedJson(c, () => `${incidentWhat(i)} claim #${seq}`, op),
    })),
  );
  const tallyRows = tallies.map((tally, seq) => ({
    id: tally.id,
    seq,
    document_id: tally.document,
    claimant: tally.claimant,
    period_start: tally.period?.start ?? null,
    period_end: tally.period?.end ?? null,
    area: tally.area,
    perpetrator: tally.perpetrator,
    killed_total: tally.killed.total ?? null,
    killed_civilians: tally.killed.civilians ?? null,
    displaced: tally.displaced,
    body: storedJson(tally, () => tallyWhat(seq), op),
  }));
  return { incidentWhat, tallyWhat, rows, bodies, perpetrators, documents, claimants, claims, tallyRows };
}

export type IncidentSetRows = ReturnType<typeof incidentSetRows>;

export class IncidentRoom {
  constructor(
    private readonly db: Db,
    private readonly writer: StoreWriter,
  ) {}

  /** Delete the stored set and insert `set`, in the caller's transaction. */
  async replaceIn(trx: Db, set: IncidentSetRows, op: string): Promise<void> {
    // Children first: faster than cascading row by row.
    const tables = ['claims', 'incident_claimants', 'incident_perpetrators', 'incident_documents', 'incident_bodies', 'incidents', 'tallies'] as const;
    for (const table of tables) await trx.deleteFrom(table).execute();
    const { perpetrators, documents, claimants, claims } = set;
    await this.writer.insertBatches(trx, 'incidents', set.rows, op, set.incidentWhat);
    await this.writer.insertBatches(trx, 'incident_bodies', set.bodies, op, set.incidentWhat);
    await this.writer.insertBatches(trx, 'incident_perpetrators', perpetrators, op, (i) => `perpetrator '${perpetrators[i].perpetrator}' of incident '${perpetrators[i].incident_id}'`);
    await this.writer.insertBatches(trx, 'incident_documents', documents, op, (i) => `document '${documents[i].document_id}' of incident '${documents[i].incident_id}'`);
    await this.writer.insertBatches(trx, 'incident_claimants', claimants, op, (i) => `claimant '${claimants[i].claimant}' of incident '${claimants[i].incident_id}'`);
    await this.writer.insertBatches(trx, 'claims', claims, op, (i) => `claim #${claims[i].seq} of incident '${claims[i].incident_id}'`);
    await this.writer.insertBatches(trx, 'tallies', set.tallyRows, op, set.tallyWhat);
  }

  /** Every incident, in the order given to the last replace. */
  async list(): Promise<Incident[]> {
    const rows = await this.db.selectFrom('incident_bodies').select('body').orderBy('seq').execute();
    return rows.map((r) => parseBody<Incident>(r));
  }

  async get(id: string): Promise<Incident | null> {
    const row = await this.db
      .selectFrom('incidents as i')
      .innerJoin('incident_bodies as b', 'b.seq', 'i.seq')
      .select('b.body')
      .where('i.id', '=', id)
      .executeTakeFirst();
    return row ? parseBody<Incident>(row) : null;
  }

  async listTallies(): Promise<Tally[]> {
    const rows = await this.db.selectFrom('tallies').select('body').orderBy('seq').execute();
    return rows.map((r) => parseBody<Tally>(r));
  }
}
