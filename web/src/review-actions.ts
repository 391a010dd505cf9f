/**
 * One decision from the dashboard, wherever it is taken (the queue or the incident page): the form
 * it needs (none for confirm and reject; edit, merge and split ask first), then the request with
 * the version the analyst saw. Resolves to the API's answer, or null when the analyst cancelled.
 */
import { documentDetail, incident as fetchIncident, type IncidentJson } from './api-client.ts';
import { decide, type DecisionAnswer, type DecisionBody } from './review-client.ts';
import { editDialog, mergeDialog, splitDialog, type ReportChoice } from './review-dialogs.ts';

export const ACTION_KINDS = ['confirm', 'reject', 'edit', 'merge', 'split'] as const;
export type ActionKind = (typeof ACTION_KINDS)[number];

export const ACTION_LABELS: Record<ActionKind, string> = { confirm: 'Confirm', reject: 'Reject', edit: 'Edit…', merge: 'Merge…', split: 'Split…' };

/** The key of each decision, the same in the queue and on the incident page. */
export const ACTION_KEYS: Readonly<Record<string, ActionKind>> = { c: 'confirm', r: 'reject', e: 'edit', m: 'merge', s: 'split' };

export interface ActionTarget {
  incident: IncidentJson;
  /** The review version the analyst is looking at. */
  version: number;
  /** Incidents offered as the other one of a merge. */
  candidates: readonly { id: string; label: string }[];
}

/** The incident's reports, each labelled with its outlet or document and its sentence. */
export async function incidentReports(id: string): Promise<ReportChoice[]> {
  const detail = await fetchIncident(id);
  const docs = new Map(await Promise.all(detail.incident.documents.map(async (d) => [d, await documentDetail(d)] as const)));
  return detail.mention_ids.map((mention) => {
    const docId = mention.slice(0, mention.lastIndexOf('#'));
    const doc = docs.get(docId);
    const m = doc?.mentions.find((x) => x.id === mention);
    const source = doc?.document.outlet ?? docId;
    return { mention, label: `${source} (${docId}): “${m?.quote ?? mention}”` };
  });
}

export async function takeAction(kind: ActionKind, target: ActionTarget): Promise<DecisionAnswer | null> {
  let body: DecisionBody | null;
  if (kind === 'confirm' || kind === 'reject') body = { kind };
  else if (kind === 'edit') body = await editDialog(target.incident);
  else if (kind === 'merge') body = await mergeDialog(target.incident, target.candidates);
  else {
    const reports = await incidentReports(target.incident.id);
    if (reports.length < 2) throw new Error(`incident ${target.incident.id} has one report: there is nothing to split off`);
    body = await splitDialog(reports);
  }
  if (body === null) return null;
  return decide(target.incident.id, body, target.version);
}
