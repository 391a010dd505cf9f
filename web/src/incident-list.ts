/**
 * The incident list beside the map: one card per incident (newest first, as the API orders them)
 * with its date, place, perpetrators, headline figure and number of claims. Each card is a link to
 * the incident page, reachable by Tab and opened with Enter or Space. Cards are rendered in steps
 * ("Show more") so a large filtered set does not stall the page. `highlight` marks the card of the
 * marker last clicked on the map.
 */
import type { IncidentJson } from './api-client.ts';
import { dateText, eventTypeLabel, firstPerpetrator, killedText, perpetratorsText, placeText } from './incident-format.ts';
import { perpetratorStyle } from './perpetrator-palette.ts';

const STEP = 100;

export class IncidentList {
  private items: readonly IncidentJson[] = [];
  private shown = 0;

  constructor(
    private readonly listEl: HTMLOListElement,
    private readonly moreButton: HTMLButtonElement,
  ) {
    moreButton.addEventListener('click', () => {
      const firstNew = this.shown;
      this.renderUpTo(this.shown + STEP);
      this.listEl.querySelectorAll<HTMLElement>('.incident-card')[firstNew]?.focus();
    });
    // Space activates a link-styled card like a button (Enter already follows links natively).
    listEl.addEventListener('keydown', (e) => {
      const card = (e.target as HTMLElement).closest<HTMLAnchorElement>('a.incident-card');
      if (!card || e.key !== ' ') return;
      e.preventDefault();
      card.click();
    });
  }

  setIncidents(items: readonly IncidentJson[]): void {
    this.items = items;
    this.shown = 0;
    this.listEl.replaceChildren();
    this.renderUpTo(STEP);
  }

  highlight(id: string): void {
    const index = this.items.findIndex((i) => i.id === id);
    if (index < 0) return;
    if (index >= this.shown) this.renderUpTo(index + 1);
    for (const el of this.listEl.querySelectorAll('[aria-current]')) el.removeAttribute('aria-current');
    const card = this.listEl.querySelector<HTMLElement>(`[data-incident-id="${CSS.escape(id)}"]`);
    if (!card) return;
    card.setAttribute('aria-current', 'true');
    card.scrollIntoView({ block: 'nearest' });
  }

  focus(id: string): boolean {
    const card = this.listEl.querySelector<HTMLElement>(`[data-incident-id="${CSS.escape(id)}"]`);
    card?.focus();
    return card !== null;
  }

  private renderUpTo(n: number): void {
    const end = Math.min(n, this.items.length);
    const fragment = document.createDocumentFragment();
    for (let i = this.shown; i < end; i++) fragment.append(card(this.items[i]));
    this.listEl.append(fragment);
    this.shown = end;
    this.moreButton.hidden = this.shown >= this.items.length;
    this.moreButton.textContent = `Show more (${this.items.length - this.shown} left)`;
  }
}

function card(incident: IncidentJson): HTMLLIElement {
  const li = document.createElement('li');
  const a = document.createElement('a');
  a.className = 'incident-card';
  a.href = `#/incident/${encodeURIComponent(incident.id)}`;
  a.dataset.incidentId = incident.id;
  a.dataset.perpetrators = incident.perpetrators.join(' ');
  a.dataset.datePrecision = incident.date.precision;
  // An incident of unknown date has no day to carry.
  if (incident.date.start !== null) {
    a.dataset.dateStart = incident.date.start;
    a.dataset.dateEnd = incident.date.end;
  }

  const swatches = document.createElement('span');
  swatches.className = 'swatches';
  swatches.setAttribute('aria-hidden', 'true');
  for (const p of incident.perpetrators.length ? incident.perpetrators : [firstPerpetrator(incident)]) {
    const s = document.createElement('span');
    s.className = 'swatch';
    s.style.background = perpetratorStyle(p).colour;
    swatches.append(s);
  }

  const head = document.createElement('span');
  head.className = 'card-head';
  const place = document.createElement('strong');
  place.textContent = placeText(incident);
  const date = document.createElement('span');
  date.className = 'card-date';
  date.textContent = dateText(incident.date);
  head.append(swatches, place, date);

  const what = document.createElement('span');
  what.className = 'card-line';
  what.textContent = `${eventTypeLabel(incident.event_type)} · ${perpetratorsText(incident)}`;

  const figures = document.createElement('span');
  figures.className = 'card-line card-figures';
  const sources = incident.independent_sources;
  figures.textContent = `${killedText(incident)} · ${incident.claims.length} claim${incident.claims.length === 1 ? '' : 's'}` +
    (sources !== undefined ? ` · ${sources} independent source${sources === 1 ? '' : 's'}` : '');

  a.append(head, what, figures);
  li.append(a);
  return li;
}
