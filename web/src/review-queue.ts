/**
 * The review queue (`#/review?<filters>`, docs/decisions/0021-review-queue.md): incidents most
 * uncertain first, each with the reasons it needs an analyst's eye for, filtered by reason,
 * governorate, date, status and reviewer. One item is selected at a time; the keyboard drives it
 * (j/k next/previous, Enter open, c confirm, r reject, e edit, m merge, s split, ? help), and so do
 * the buttons on each item. After a decision the queue reloads and the selection stays where it
 * was, so the next incident moves up under it. Decisions whose target is gone are listed below the
 * queue, never dropped.
 */
import { eventTypeLabel, killedText, placeText, dateText } from './incident-format.ts';
import { el } from './dom.ts';
import { QUEUE_FILTER_KEYS, queueParams, reviewQueue, decisionErrorText, type QueueFilters, type QueueItemJson, type QueueJson, type DecisionJson } from './review-client.ts';
import { helpDialog, isTyping } from './review-dialogs.ts';
import { ACTION_KEYS, ACTION_KINDS, ACTION_LABELS, takeAction, type ActionKind } from './review-actions.ts';

const QUEUE_PAGE = 200;
const STATUSES: [string, string][] = [
  ['open', 'To review (unreviewed)'],
  ['all', 'All'],
  ['unreviewed', 'Unreviewed'],
  ['confirmed', 'Confirmed'],
  ['edited', 'Edited'],
  ['rejected', 'Rejected'],
];

export function parseQueueFilters(params: URLSearchParams): QueueFilters {
  const out: QueueFilters = {};
  for (const key of QUEUE_FILTER_KEYS) {
    const v = params.get(key);
    if (v) out[key] = v;
  }
  return out;
}

export function queueHash(filters: QueueFilters): string {
  const q = queueParams(filters).toString();
  return q ? `#/review?${q}` : '#/review';
}

export interface QueueViewOptions {
  onError: (err: unknown) => void;
}

export class ReviewQueueView {
  private filters: QueueFilters = {};
  private queue: QueueJson | null = null;
  private selected = 0;
  private busy = false;
  private controller: AbortController | null = null;
  private readonly form: HTMLFormElement;
  private readonly list: HTMLOListElement;
  private readonly count: HTMLElement;
  private readonly message: HTMLElement;
  private readonly orphaned: HTMLElement;

  constructor(
    private readonly root: HTMLElement,
    private readonly options: QueueViewOptions,
  ) {
    this.form = el('form', { className: 'queue-filters filters', ariaLabel: 'Queue filters' });
    this.count = el('p', { className: 'result-count', id: 'queue-count', role: 'status' });
    this.message = el('p', { className: 'queue-message', id: 'queue-message', role: 'status' });
    this.message.setAttribute('aria-live', 'polite');
    this.list = el('ol', { className: 'queue-list', id: 'queue-list', ariaLabel: 'Incidents to review, most uncertain first' });
    this.list.setAttribute('role', 'listbox');
    this.orphaned = el('section', { className: 'queue-orphaned', id: 'queue-orphaned', ariaLabel: 'Orphaned decisions' });
    const help = el('button', { type: 'button', className: 'queue-help' }, 'Keyboard: ?');
    help.addEventListener('click', () => void helpDialog());
    const head = el('div', { className: 'panel-head' }, el('h2', { id: 'queue-heading' }, 'Review queue'), help);
    root.replaceChildren(el('section', { className: 'queue-panel' }, head, this.form, this.count, this.message, this.list), this.orphaned);
    this.form.addEventListener('change', () => {
      location.hash = queueHash(this.readForm());
    });
    this.form.addEventListener('submit', (e) => e.preventDefault());
  }

  async show(filters: QueueFilters): Promise<void> {
    const changed = JSON.stringify(filters) !== JSON.stringify(this.filters) || this.queue === null;
    this.filters = filters;
    if (changed) this.selected = 0;
    this.renderForm();
    await this.load();
  }

  /** The page's shortcuts; true when the key was one of them. */
  handleKey(e: KeyboardEvent): boolean {
    if (e.ctrlKey || e.metaKey || e.altKey || isTyping(e.target)) return false;
    const items = this.queue?.items ?? [];
    switch (e.key) {
      case 'j':
        this.select(Math.min(this.selected + 1, items.length - 1));
        return true;
      case 'k':
        this.select(Math.max(this.selected - 1, 0));
        return true;
      case 'Enter':
      case 'o':
        if (items[this.selected]) location.hash = `#/incident/${encodeURIComponent(items[this.selected].incident.id)}`;
        return true;
      case '?':
        void helpDialog();
        return true;
      default: {
        const kind = ACTION_KEYS[e.key];
        if (kind) void this.act(kind);
        return kind !== undefined;
      }
    }
  }

  destroy(): void {
    this.controller?.abort();
  }

  private readForm(): QueueFilters {
    const out: QueueFilters = {};
    for (const key of QUEUE_FILTER_KEYS) {
      const input = this.form.elements.namedItem(key) as HTMLInputElement | HTMLSelectElement | null;
      if (input && input.value !== '' && !(key === 'status' && input.value === 'open')) out[key] = input.value;
    }
    return out;
  }

  private renderForm(): void {
    const field = (label: string, control: HTMLInputElement | HTMLSelectElement, key: string) => {
      control.id = `q-${key}`;
      control.name = key;
      return el('div', { className: 'field' }, el('label', { for: control.id }, label), control);
    };
    const reason = el('select', {});
    reason.append(new Option('Any reason', ''));
    for (const r of this.queue?.reasons ?? []) {
      const n = this.queue?.reason_counts[r.id] ?? 0;
      reason.append(new Option(`${r.label} (${n})`, r.id));
    }
    if (this.filters.reason && ![...reason.options].some((o) => o.value === this.filters.reason)) reason.append(new Option(this.filters.reason, this.filters.reason));
    reason.value = this.filters.reason ?? '';
    const status = el('select', {});
    for (const [v, label] of STATUSES) status.append(new Option(label, v));
    status.value = this.filters.status ?? 'open';
    const input = (type: string, key: keyof QueueFilters, placeholder = '') => {
      const i = el('input', { type });
      i.value = this.filters[key] ?? '';
      if (placeholder) i.placeholder = placeholder;
      return i;
    };
    this.form.replaceChildren(
      el(
        'div',
        { className: 'filter-fields' },
        field('Reason', reason, 'reason'),
        field('Status', status, 'status'),
        field('Governorate', input('text', 'admin1', 'e.g. a province'), 'admin1'),
        field('From', input('date', 'from'), 'from'),
        field('To', input('date', 'to'), 'to'),
        field('Reviewer', input('text', 'reviewer', 'analyst name'), 'reviewer'),
      ),
    );
  }

  private async load(): Promise<void> {
    this.controller?.abort();
    const controller = new AbortController();
    this.controller = controller;
    this.root.setAttribute('aria-busy', 'true');
    try {
      const queue = await reviewQueue(this.filters, QUEUE_PAGE, controller.signal);
      if (controller.signal.aborted) return;
      this.queue = queue;
      this.render();
    } catch (err) {
      this.options.onError(err);
    } finally {
      if (this.controller === controller) this.root.removeAttribute('aria-busy');
    }
  }

  private render(): void {
    const queue = this.queue!;
    this.renderForm();
    const shown = queue.items.length;
    this.count.textContent = `${queue.total} incident${queue.total === 1 ? '' : 's'} in this queue, most uncertain first${shown < queue.total ? ` (showing the first ${shown})` : ''}. Keys: j/k move, Enter opens, c confirm, r reject, e edit, m merge, s split, ? help.`;
    this.count.dataset.total = String(queue.total);
    this.list.replaceChildren(...queue.items.map((item, i) => this.itemNode(item, i)));
    if (this.selected >= queue.items.length) this.selected = Math.max(0, queue.items.length - 1);
    this.select(this.selected, false);
    this.renderOrphaned(queue.orphaned);
  }

  private itemNode(item: QueueItemJson, index: number): HTMLLIElement {
    const { incident } = item;
    const li = el('li', { className: 'queue-item', id: `queue-item-${index}` });
    li.dataset.id = incident.id;
    li.setAttribute('role', 'option');
    const link = el('a', { href: `#/incident/${encodeURIComponent(incident.id)}` }, `${eventTypeLabel(incident.event_type)} in ${placeText(incident)}`);
    const score = el('span', { className: 'uncertainty', title: 'Uncertainty: the sum of the reasons\' weights' }, item.uncertainty.toFixed(1));
    const sub = el('p', { className: 'queue-sub' }, `${dateText(incident.date)} · ${killedText(incident)} · ${incident.claims.length} claim${incident.claims.length === 1 ? '' : 's'} · ${incident.review_status}${incident.reviewed_by ? ` by ${incident.reviewed_by}` : ''} · ${incident.id}`);
    const labels = new Map((this.queue?.reasons ?? []).map((r) => [r.id, r.label]));
    const reasons = el('ul', { className: 'reasons' });
    for (const r of item.reasons) {
      const chip = el('li', { className: 'reason', title: labels.get(r.id) ?? r.id }, el('strong', {}, r.id), `: ${r.detail}`);
      chip.dataset.reason = r.id;
      reasons.append(chip);
    }
    if (!item.reasons.length) reasons.append(el('li', { className: 'reason none' }, 'no reason: the sources agree'));
    const buttons = el('div', { className: 'queue-actions', role: 'group', ariaLabel: 'Decide' });
    for (const kind of ACTION_KINDS) {
      const b = el('button', { type: 'button', className: `act-${kind}` }, ACTION_LABELS[kind]);
      b.addEventListener('click', () => {
        this.select(index, false);
        void this.act(kind);
      });
      buttons.append(b);
    }
    li.append(el('div', { className: 'queue-head' }, score, el('h3', {}, link)), sub, reasons, buttons);
    li.addEventListener('click', (e) => {
      if ((e.target as HTMLElement).closest('a, button')) return;
      this.select(index);
    });
    return li;
  }

  private renderOrphaned(decisions: readonly DecisionJson[]): void {
    if (!decisions.length) {
      this.orphaned.replaceChildren();
      this.orphaned.hidden = true;
      return;
    }
    this.orphaned.hidden = false;
    const list = el('ul', {});
    for (const d of decisions) list.append(el('li', {}, `#${d.id} ${d.kind} on ${d.incident_id} by ${d.reviewer} (${d.decided_at}): ${d.orphaned_because ?? 'target gone'}`));
    this.orphaned.replaceChildren(el('h2', {}, `Decisions whose target is gone (${decisions.length})`), el('p', { className: 'hint' }, 'Kept, never dropped: the incident or report they were about no longer exists. Decide again on the current incident if the decision still holds.'), list);
  }

  private select(index: number, scroll = true): void {
    const nodes = this.list.querySelectorAll<HTMLLIElement>('.queue-item');
    if (!nodes.length) return;
    this.selected = Math.max(0, Math.min(index, nodes.length - 1));
    nodes.forEach((n, i) => {
      n.classList.toggle('selected', i === this.selected);
      n.setAttribute('aria-selected', String(i === this.selected));
    });
    this.list.setAttribute('aria-activedescendant', nodes[this.selected].id);
    if (scroll) nodes[this.selected].scrollIntoView({ block: 'nearest' });
  }

  private async act(kind: ActionKind): Promise<void> {
    const item = this.queue?.items[this.selected];
    if (!item || this.busy) return;
    this.busy = true;
    try {
      const candidates = (this.queue?.items ?? []).map((i) => ({ id: i.incident.id, label: `${eventTypeLabel(i.incident.event_type)} in ${placeText(i.incident)}, ${dateText(i.incident.date)}` }));
      const answer = await takeAction(kind, { incident: item.incident, version: item.version, candidates });
      if (answer === null) return;
      this.message.textContent = `${answer.decision.kind} recorded on ${answer.decision.incident_id} (version ${answer.version}).`;
    } catch (err) {
      this.message.textContent = decisionErrorText(err);
    } finally {
      this.busy = false;
    }
    await this.load();
  }
}
