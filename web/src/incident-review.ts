/**
 * The incident page's review part: the incident's status, the reasons it is in the review queue,
 * the decision buttons (the same as the queue's, with the same keys), and its history — every
 * audit entry about it, oldest first: who (an analyst, or the pipeline with its version and rule
 * hash), when, what changed from what to what, and why.
 */
import type { IncidentDetail } from './api-client.ts';
import { el } from './dom.ts';
import { decisionErrorText, incidentAudit, incidentDecisions, type AuditEntryJson, type DecisionAnswer } from './review-client.ts';
import { helpDialog, isTyping } from './review-dialogs.ts';
import { ACTION_KEYS, ACTION_KINDS, ACTION_LABELS, takeAction, type ActionKind } from './review-actions.ts';

export interface ReviewPart {
  review: HTMLElement;
  history: HTMLElement;
  handleKey: (e: KeyboardEvent) => boolean;
}

export async function incidentReviewPart(detail: IncidentDetail, onDecided: (answer: DecisionAnswer) => void, signal: AbortSignal): Promise<ReviewPart> {
  const { incident } = detail;
  const [decisions, audit] = await Promise.all([incidentDecisions(incident.id, signal), incidentAudit(incident.id, signal)]);
  const message = el('p', { className: 'queue-message', id: 'review-message', role: 'status' });
  message.setAttribute('aria-live', 'polite');
  let busy = false;
  const act = async (kind: ActionKind) => {
    if (busy) return;
    busy = true;
    try {
      const answer = await takeAction(kind, { incident, version: decisions.version, candidates: [] });
      if (answer) onDecided(answer);
    } catch (err) {
      message.textContent = decisionErrorText(err);
    } finally {
      busy = false;
    }
  };
  const buttons = el('div', { className: 'queue-actions', role: 'group', ariaLabel: 'Decide' });
  for (const kind of ACTION_KINDS) {
    const b = el('button', { type: 'button', className: `act-${kind}` }, ACTION_LABELS[kind]);
    b.addEventListener('click', () => void act(kind));
    buttons.append(b);
  }
  const status = `${incident.review_status}${incident.reviewed_by ? ` by ${incident.reviewed_by}` : ''}${incident.reviewed_at ? ` on ${incident.reviewed_at.slice(0, 10)}` : ''} · review version ${decisions.version}`;
  const reasons = el('ul', { className: 'reasons' });
  for (const r of detail.reasons) {
    const chip = el('li', { className: 'reason' }, el('strong', {}, r.id), `: ${r.detail}`);
    chip.dataset.reason = r.id;
    reasons.append(chip);
  }
  if (!detail.reasons.length) reasons.append(el('li', { className: 'reason none' }, 'no reason: the sources agree'));
  const disagreements = incident.review_disagreements.map((d) => el('li', {}, `${d.field}: the analyst set ${JSON.stringify(d.human)}, the machine now reads ${JSON.stringify(d.machine)} (the analyst's value stands)`));
  const review = el(
    'section',
    { className: 'incident-review', id: 'incident-review', ariaLabel: 'Review' },
    el('h3', {}, 'Review'),
    el('p', { id: 'review-status' }, status),
    el('p', { className: 'hint' }, `Uncertainty ${detail.uncertainty.toFixed(1)}. Keys: c confirm, r reject, e edit, m merge, s split, ? help.`),
    reasons,
    ...(disagreements.length ? [el('ul', { className: 'warning' }, ...disagreements)] : []),
    buttons,
    message,
  );
  const history = el('section', { className: 'incident-history', id: 'incident-history', ariaLabel: 'History' }, el('h3', {}, `History (${audit.length})`), historyTable(audit));
  const handleKey = (e: KeyboardEvent): boolean => {
    if (e.ctrlKey || e.metaKey || e.altKey || isTyping(e.target)) return false;
    if (e.key === '?') {
      void helpDialog();
      return true;
    }
    const kind = ACTION_KEYS[e.key];
    if (!kind) return false;
    void act(kind);
    return true;
  };
  return { review, history, handleKey };
}

function actorText(e: AuditEntryJson): string {
  return e.actor.kind === 'user' ? e.actor.name : `pipeline ${e.actor.version} (rules ${e.actor.rules.slice(0, 8)})`;
}

function shortJson(v: unknown): string {
  if (v === null || v === undefined) return '–';
  const s = typeof v === 'string' ? v : JSON.stringify(v);
  return s.length > 120 ? `${s.slice(0, 117)}…` : s;
}

function historyTable(audit: readonly AuditEntryJson[]): HTMLElement {
  if (!audit.length) return el('p', { className: 'hint' }, 'No change recorded yet.');
  const head = el('tr', {}, ...['When', 'Who', 'What', 'Before', 'After', 'Why'].map((h) => el('th', { scope: 'col' }, h)));
  const rows = audit.map((e) => {
    const row = el(
      'tr',
      {},
      el('td', {}, e.at.replace('T', ' ').slice(0, 19)),
      el('td', { className: 'actor' }, actorText(e)),
      el('td', {}, `${e.action}${e.field ? ` ${e.field}` : ''}`),
      el('td', {}, shortJson(e.before)),
      el('td', {}, shortJson(e.after)),
      el('td', {}, e.reason ?? e.cause),
    );
    row.dataset.action = e.action;
    return row;
  });
  return el('table', { className: 'history' }, el('thead', {}, head), el('tbody', {}, ...rows));
}
