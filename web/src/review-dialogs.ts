/**
 * The review forms (edit a field with a reason, merge with another incident, split reports off) as
 * modal <dialog>s. Each resolves to the decision body to send, or null when the analyst cancels
 * (Escape or Cancel). Values are checked here as the API checks them, so a wrong entry is named
 * before anything is sent.
 */
import { COUNT_CATEGORIES, EVENT_TYPES } from '../../src/domain/types.ts';
import type { IncidentJson } from './api-client.ts';
import { el } from './dom.ts';
import { CATEGORY_LABELS, eventTypeLabel } from './incident-format.ts';
import type { DecisionBody } from './review-client.ts';

const OUTCOMES = ['killed', 'injured'] as const;
const BOUNDS = ['best', 'min', 'max'] as const;

/** The fields an analyst may edit from the dashboard, with labels. */
export function editableFields(): [string, string][] {
  const out: [string, string][] = [];
  for (const outcome of OUTCOMES)
    for (const category of COUNT_CATEGORIES)
      for (const bound of BOUNDS) out.push([`${outcome}.${category}.${bound}`, `${outcome === 'killed' ? 'Killed' : 'Injured'}: ${category === 'total' ? 'total' : CATEGORY_LABELS[category]} (${bound})`]);
  out.push(['date', 'Date (day)'], ['eventType', 'Event type'], ['perpetrators', 'Perpetrators']);
  return out;
}

/** The incident's current value of a field, as the form shows it. */
export function currentValue(incident: IncidentJson, field: string): string {
  const figure = /^(killed|injured)\.(\w+)\.(best|min|max)$/.exec(field);
  if (figure) {
    const counts = incident[figure[1] as 'killed' | 'injured'] as Record<string, Record<string, number> | undefined>;
    const v = counts[figure[2]]?.[figure[3]];
    return v === undefined ? '' : String(v);
  }
  if (field === 'date') return incident.date.start ?? '';
  if (field === 'eventType') return incident.event_type;
  if (field === 'perpetrators') return incident.perpetrators.join(', ');
  return '';
}

/** The value the API takes for a field from what was typed, or the problem with it. */
export function parseEditValue(field: string, text: string): { value: unknown } | { problem: string } {
  const t = text.trim();
  if (/^(killed|injured)\./.test(field)) {
    if (!/^\d{1,7}$/.test(t)) return { problem: 'a figure is a whole number, 0 or more' };
    return { value: Number(t) };
  }
  if (field === 'date') {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(t)) return { problem: 'a date is YYYY-MM-DD' };
    return { value: { start: t, end: t, precision: 'day' } };
  }
  if (field === 'eventType') {
    if (!(EVENT_TYPES as readonly string[]).includes(t)) return { problem: `one of ${EVENT_TYPES.join(', ')}` };
    return { value: t };
  }
  if (field === 'perpetrators') {
    const list = t.split(',').map((p) => p.trim()).filter(Boolean);
    if (!list.length) return { problem: 'at least one perpetrator (use "unknown" when none is known)' };
    return { value: list };
  }
  return { problem: `the field ${field} cannot be edited here` };
}

function modal(title: string, body: Node[], submitLabel: string, check: () => DecisionBody | string): Promise<DecisionBody | null> {
  const error = el('p', { className: 'dialog-error', role: 'alert' });
  error.hidden = true;
  const submit = el('button', { type: 'submit', className: 'primary' }, submitLabel);
  const cancel = el('button', { type: 'button', value: 'cancel' }, 'Cancel');
  const form = el('form', { className: 'review-form' }, el('h2', {}, title), ...body, error, el('div', { className: 'dialog-buttons' }, submit, cancel));
  const dialog = el('dialog', { className: 'review-dialog', ariaLabel: title }, form);
  document.body.append(dialog);
  return new Promise((resolve) => {
    let answer: DecisionBody | null = null;
    form.addEventListener('submit', (e) => {
      e.preventDefault();
      const got = check();
      if (typeof got === 'string') {
        error.textContent = got;
        error.hidden = false;
        return;
      }
      answer = got;
      dialog.close();
    });
    form.addEventListener('input', () => {
      error.hidden = true;
    });
    cancel.addEventListener('click', () => dialog.close());
    dialog.addEventListener('close', () => {
      dialog.remove();
      resolve(answer);
    });
    dialog.showModal();
    form.querySelector<HTMLElement>('select, input, textarea')?.focus();
  });
}

function labelled(id: string, label: string, control: HTMLElement): HTMLElement {
  control.id = id;
  return el('div', { className: 'dialog-field' }, el('label', { for: id }, label), control);
}

export function editDialog(incident: IncidentJson): Promise<DecisionBody | null> {
  const field = el('select', { name: 'field' });
  for (const [value, label] of editableFields()) field.append(new Option(label, value));
  field.value = 'killed.total.best';
  const value = el('input', { name: 'value', type: 'text' });
  value.setAttribute('autocomplete', 'off');
  const types = el('datalist', { id: 'edit-event-types' });
  for (const t of EVENT_TYPES) types.append(new Option(eventTypeLabel(t), t));
  const reason = el('textarea', { name: 'reason' });
  reason.rows = 3;
  reason.setAttribute('aria-required', 'true');
  const fill = () => {
    value.value = currentValue(incident, field.value);
    value.type = field.value === 'date' ? 'date' : 'text';
    if (field.value === 'eventType') value.setAttribute('list', 'edit-event-types');
    else value.removeAttribute('list');
  };
  field.addEventListener('change', fill);
  fill();
  return modal(
    'Edit a field',
    [labelled('edit-field', 'Field', field), labelled('edit-value', 'New value', value), types, labelled('edit-reason', 'Reason (required: why the machine is wrong)', reason)],
    'Save edit',
    () => {
      if (!reason.value.trim()) return 'A reason is required for an edit.';
      const parsed = parseEditValue(field.value, value.value);
      if ('problem' in parsed) return `New value: ${parsed.problem}.`;
      return { kind: 'edit', field: field.value, value: parsed.value, reason: reason.value.trim() };
    },
  );
}

export function mergeDialog(incident: IncidentJson, candidates: readonly { id: string; label: string }[]): Promise<DecisionBody | null> {
  const other = el('input', { name: 'other', type: 'text' });
  other.setAttribute('list', 'merge-candidates');
  other.setAttribute('autocomplete', 'off');
  const list = el('datalist', { id: 'merge-candidates' });
  for (const c of candidates) if (c.id !== incident.id) list.append(new Option(c.label, c.id));
  const reason = el('textarea', { name: 'reason' });
  reason.rows = 2;
  return modal(
    'Merge with another incident',
    [el('p', {}, `The reports of both incidents will be kept together on every relink. This incident: ${incident.id}.`), labelled('merge-other', 'The other incident (id)', other), list, labelled('merge-reason', 'Reason', reason)],
    'Merge',
    () => {
      const id = other.value.trim();
      if (!/^inc-[0-9a-f]{6,}$/.test(id)) return 'Give the other incident\'s id, e.g. inc-3f9c01ab22de.';
      if (id === incident.id) return 'An incident cannot be merged with itself.';
      return { kind: 'merge', other: id, reason: reason.value.trim() || undefined };
    },
  );
}

export interface ReportChoice {
  mention: string;
  label: string;
}

export function splitDialog(reports: readonly ReportChoice[]): Promise<DecisionBody | null> {
  const boxes = reports.map((r, i) => {
    const box = el('input', { type: 'checkbox', name: 'mentions', value: r.mention, id: `split-${i}` });
    return { box, row: el('li', {}, box, el('label', { for: `split-${i}` }, r.label)) };
  });
  const reason = el('textarea', { name: 'reason' });
  reason.rows = 2;
  return modal(
    'Split reports off into a new incident',
    [el('p', {}, 'Tick the reports that tell another event. They will be kept apart from the rest on every relink.'), el('ul', { className: 'split-reports' }, ...boxes.map((b) => b.row)), labelled('split-reason', 'Reason', reason)],
    'Split',
    () => {
      const moved = boxes.filter((b) => b.box.checked).map((b) => b.box.value);
      if (moved.length === 0) return 'Tick at least one report to move.';
      if (moved.length === boxes.length) return 'Leave at least one report in this incident.';
      return { kind: 'split', mentions: moved, reason: reason.value.trim() || undefined };
    },
  );
}

export const SHORTCUTS: [string, string][] = [
  ['j / k', 'next / previous incident'],
  ['Enter or o', 'open the incident page'],
  ['c', 'confirm'],
  ['r', 'reject (not an incident)'],
  ['e', 'edit a field (with a reason)'],
  ['m', 'merge with another incident'],
  ['s', 'split reports off'],
  ['?', 'this help'],
];

export function helpDialog(): Promise<void> {
  const rows = SHORTCUTS.map(([key, what]) => el('tr', {}, el('th', { scope: 'row' }, el('kbd', {}, key)), el('td', {}, what)));
  const dialog = el('dialog', { className: 'review-dialog help-dialog', ariaLabel: 'Keyboard shortcuts', id: 'review-help' }, el('h2', {}, 'Keyboard shortcuts'), el('table', {}, el('tbody', {}, ...rows)));
  const close = el('button', { type: 'button' }, 'Close');
  dialog.append(el('div', { className: 'dialog-buttons' }, close));
  document.body.append(dialog);
  return new Promise((resolve) => {
    close.addEventListener('click', () => dialog.close());
    dialog.addEventListener('close', () => {
      dialog.remove();
      resolve();
    });
    dialog.showModal();
    close.focus();
  });
}

/** True when a key press belongs to a form control (typing), not to the page's shortcuts. */
export function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName) || target.closest('dialog') !== null;
}
