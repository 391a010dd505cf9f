/**
 * The dashboard's composition root: wires the filter form, map, timeline, list, export links and
 * the incident page to the API, and routes on the URL hash — `#/?<filters>` is the dashboard with
 * those filters (so a view can be bookmarked), `#/incident/<id>` an incident page. Every filter
 * change reloads the map and list; changes other than dates also reload the timeline (the timeline
 * always spans every date so the brushed range can be widened again).
 */
import 'leaflet/dist/leaflet.css';
import './styles.css';
import { EVENT_TYPES } from '../../src/domain/types.ts';
import { allIncidents, exportUrl, facets, stats, type FacetsJson, type IncidentJson } from './api-client.ts';
import type { DecisionAnswer } from './review-client.ts';
import { activeFilterCount, FILTER_KEYS, filtersToParams, parseFilters, sameFilters, type Filters } from './incident-filters.ts';
import { eventTypeLabel, isFictionalOutlet } from './incident-format.ts';
import { IncidentList } from './incident-list.ts';
import { IncidentMap } from './incident-map.ts';
import { renderIncidentPage, type RenderedIncidentPage } from './incident-page.ts';
import { IncidentTimeline } from './incident-timeline.ts';
import { initSessionPanel } from './session-panel.ts';
import { parseQueueFilters, ReviewQueueView } from './review-queue.ts';
import { orderPerpetrators, PERPETRATORS, perpetratorStyle } from './perpetrator-palette.ts';
import { autoBucket, stackByPerpetrator, type StatsRowJson, type TimeBucket } from './timeline-series.ts';

/** The map and list draw every matching incident up to this many. */
const MAX_INCIDENTS = 5000;

function byId<T extends HTMLElement>(id: string): T {
  const node = document.getElementById(id);
  if (!node) throw new Error(`dashboard markup: element #${id} is missing from index.html`);
  return node as T;
}

const dashboard = byId<HTMLElement>('dashboard');
const incidentRoot = byId<HTMLElement>('incident-page');
const reviewRoot = byId<HTMLElement>('review-page');
const form = byId<HTMLFormElement>('filters');
const countEl = byId<HTMLElement>('result-count');
const errorBox = byId<HTMLElement>('error-box');
const banner = byId<HTMLElement>('fictional-banner');
const bucketSelect = byId<HTMLSelectElement>('t-bucket');
const clearRange = byId<HTMLButtonElement>('t-clear');
const undatedNote = byId<HTMLElement>('timeline-undated');

let filters: Filters = {};
let lastDashboardHash = '#/';
let loadController: AbortController | null = null;
let statsController: AbortController | null = null;
let pageController: AbortController | null = null;
let openPage: RenderedIncidentPage | null = null;
let lastOpenedIncident: string | null = null;
let loadedOnce = false;

function showError(err: unknown): void {
  if (err instanceof DOMException && err.name === 'AbortError') return;
  console.error(err);
  errorBox.textContent = `Something went wrong: ${err instanceof Error ? err.message : String(err)}`;
  errorBox.hidden = false;
}

function clearError(): void {
  errorBox.hidden = true;
  errorBox.textContent = '';
}

function markFictional(): void {
  banner.hidden = false;
}

function noteFictional(items: readonly IncidentJson[]): void {
  if (items.some((i) => i.claims.some((c) => isFictionalOutlet(c.outlet)))) markFictional();
}

const map = new IncidentMap(byId('map'), { onSelect: (id) => list.highlight(id), onError: showError });
const list = new IncidentList(byId<HTMLOListElement>('incident-list'), byId<HTMLButtonElement>('list-more'));
const queueView = new ReviewQueueView(reviewRoot, { onError: showError });
const timeline = new IncidentTimeline(byId('timeline'), {
  onBrush: (range) => setFilters({ ...filters, from: range.from, to: range.to }),
});

// ---- filter form -------------------------------------------------------------------------------

function fillSelect(select: HTMLSelectElement, options: readonly [string, string][]): void {
  const current = select.value;
  select.replaceChildren(new Option('Any', ''), ...options.map(([value, label]) => new Option(label, value)));
  select.value = options.some(([v]) => v === current) ? current : '';
}

function fillFilterOptions(f: FacetsJson): void {
  const perps = orderPerpetrators([...PERPETRATORS.map((p) => p.id).filter((id) => id !== 'shared'), ...f.perpetrators.map((p) => p.id)]);
  fillSelect(byId('f-perpetrator'), perps.map((p) => [p, perpetratorStyle(p).label]));
  fillSelect(byId('f-event_type'), EVENT_TYPES.map((t) => [t, eventTypeLabel(t)]));
  fillSelect(byId('f-admin1'), [...f.admin1].sort((a, b) => (a.id < b.id ? -1 : 1)).map((a) => [a.id, a.id]));
  fillSelect(byId('f-claimant'), [...f.claimants].sort((a, b) => (a.id < b.id ? -1 : 1)).map((c) => [c.id, c.name ?? c.id]));
  writeForm(filters);
}

function writeForm(f: Filters): void {
  for (const key of FILTER_KEYS) {
    const input = form.elements.namedItem(key) as HTMLInputElement | HTMLSelectElement | null;
    if (!input) continue;
    const value = f[key] ?? '';
    if (input instanceof HTMLSelectElement && value && ![...input.options].some((o) => o.value === value)) {
      input.append(new Option(value, value));
    }
    input.value = value;
  }
}

function readForm(): Filters {
  const out: Filters = {};
  for (const key of FILTER_KEYS) {
    const input = form.elements.namedItem(key) as HTMLInputElement | HTMLSelectElement | null;
    if (input && input.value !== '') out[key] = input.value;
  }
  return parseFilters(filtersToParams(out));
}

// On a phone the filters fold away behind one button so the map is on the first screen.
const filtersToggle = byId<HTMLButtonElement>('filters-toggle');
const phoneQuery = window.matchMedia('(max-width: 760px)');
function updateToggleLabel(): void {
  const n = activeFilterCount(filters);
  filtersToggle.textContent = n ? `Filters (${n} active)` : 'Filters';
}
filtersToggle.setAttribute('aria-expanded', String(!phoneQuery.matches));
filtersToggle.addEventListener('click', () => {
  filtersToggle.setAttribute('aria-expanded', String(filtersToggle.getAttribute('aria-expanded') !== 'true'));
});

let typingTimer: number | undefined;
form.addEventListener('change', () => setFilters(readForm()));
form.addEventListener('input', (e) => {
  if ((e.target as HTMLElement).id !== 'f-q') return;
  window.clearTimeout(typingTimer);
  typingTimer = window.setTimeout(() => setFilters(readForm()), 350);
});
form.addEventListener('submit', (e) => {
  e.preventDefault();
  setFilters(readForm());
});
byId<HTMLButtonElement>('f-reset').addEventListener('click', () => setFilters({}));
clearRange.addEventListener('click', () => setFilters({ ...filters, from: undefined, to: undefined }));
bucketSelect.addEventListener('change', () => void loadTimeline());

// ---- loading -----------------------------------------------------------------------------------

function setFilters(next: Filters): void {
  const clean = parseFilters(filtersToParams(next));
  const timelineChanged = !sameFilters({ ...clean, from: undefined, to: undefined }, { ...filters, from: undefined, to: undefined });
  const changed = !sameFilters(clean, filters);
  filters = clean;
  writeForm(filters);
  updateToggleLabel();
  const query = filtersToParams(filters).toString();
  lastDashboardHash = query ? `#/?${query}` : '#/';
  if (location.hash !== lastDashboardHash) history.replaceState(null, '', lastDashboardHash);
  if (!changed && loadedOnce) return;
  void loadIncidents();
  if (timelineChanged || !loadedOnce) void loadTimeline();
  timeline.showRange(filters.from, filters.to);
  loadedOnce = true;
}

function updateExportLinks(): void {
  for (const format of ['json', 'csv', 'geojson'] as const) byId<HTMLAnchorElement>(`export-${format}`).href = exportUrl(format, filters);
}

async function loadIncidents(): Promise<void> {
  loadController?.abort();
  const controller = new AbortController();
  loadController = controller;
  updateExportLinks();
  clearRange.hidden = !filters.from && !filters.to;
  dashboard.setAttribute('aria-busy', 'true');
  try {
    const { items, total, truncated } = await allIncidents(filters, MAX_INCIDENTS, controller.signal);
    if (controller.signal.aborted) return;
    clearError();
    noteFictional(items);
    const placed = map.setIncidents(items);
    list.setIncidents(items);
    const n = activeFilterCount(filters);
    const parts = [`${total} incident${total === 1 ? '' : 's'} ${n ? `match${total === 1 ? 'es' : ''} ${n} filter${n === 1 ? '' : 's'}` : 'in total'}`];
    parts.push(`${placed} on the map`);
    if (items.length - placed > 0) parts.push(`${items.length - placed} without coordinates`);
    const undated = items.filter((i) => i.date.start === null).length;
    if (undated > 0) parts.push(`${undated} of unknown date`);
    if (truncated) parts.push(`showing the newest ${items.length}`);
    countEl.textContent = `${parts.join('; ')}.`;
    countEl.dataset.total = String(total);
  } catch (err) {
    showError(err);
  } finally {
    if (loadController === controller) dashboard.removeAttribute('aria-busy');
  }
}

async function loadTimeline(): Promise<void> {
  statsController?.abort();
  const controller = new AbortController();
  statsController = controller;
  try {
    const mode = bucketSelect.value as TimeBucket | 'auto';
    let bucket: TimeBucket = mode === 'auto' ? 'day' : mode;
    const answer = await stats(filters, bucket, controller.signal);
    let rows = drawable(answer.rows);
    if (mode === 'auto' && rows.length > 0) {
      // A long span is drawn in weeks, months or years, so bars stay wide enough to see.
      const keys = rows.map((r) => r.key).sort();
      const wanted = autoBucket(keys[0], keys[keys.length - 1]);
      if (wanted !== bucket) {
        bucket = wanted;
        rows = drawable((await stats(filters, bucket, controller.signal)).rows);
      }
    }
    if (controller.signal.aborted) return;
    byId('timeline-unit').textContent = bucket;
    timeline.setData(stackByPerpetrator(rows, bucket));
    timeline.showRange(filters.from, filters.to);
    // Incidents of unknown date have no place on a time axis: say how many are left off.
    const undated = answer.undated.incidents;
    undatedNote.hidden = undated === 0;
    undatedNote.textContent = undated === 0 ? '' : `${undated} incident${undated === 1 ? '' : 's'} of unknown date ${undated === 1 ? 'is' : 'are'} not on the timeline.`;
  } catch (err) {
    showError(err);
  }
}

/** Buckets with no stated killed draw nothing; leaving them out keeps the axis on the data. */
function drawable(rows: readonly StatsRowJson[]): StatsRowJson[] {
  return rows.filter((r) => r.killed > 0);
}

/** Documents stored but not extracted (no rules for their language yet) are counted where the analyst looks. */
function showLanguagesNote(languages: FacetsJson['languages']): void {
  const waiting = languages.filter((l) => !l.extracted);
  const note = byId('languages-note');
  if (waiting.length === 0) {
    note.hidden = true;
    return;
  }
  const total = waiting.reduce((n, l) => n + l.documents, 0);
  note.textContent = `${total} document${total === 1 ? '' : 's'} stored but not extracted: no rules yet for their language (${waiting.map((l) => `${l.id} ${l.documents}`).join(', ')}).`;
  note.hidden = false;
}

async function loadFilterOptions(): Promise<void> {
  try {
    const lists = await facets();
    if (lists.outlets.some((o) => isFictionalOutlet(o.id))) markFictional();
    fillFilterOptions(lists);
    showLanguagesNote(lists.languages);
  } catch (err) {
    showError(err);
  }
}

function renderLegend(): void {
  const legend = byId('legend');
  const title = document.createElement('p');
  title.className = 'legend-title';
  title.textContent = 'Colour: first perpetrator · size: killed (hollow: not stated)';
  const items = document.createElement('ul');
  // The map colours an incident by its first perpetrator: "several" is a statistics colour only.
  for (const p of PERPETRATORS.filter((x) => x.id !== 'shared')) {
    const li = document.createElement('li');
    const swatch = document.createElement('span');
    swatch.className = 'swatch';
    swatch.style.background = p.colour;
    li.append(swatch, p.label);
    items.append(li);
  }
  legend.replaceChildren(title, items);
}

// ---- routing -----------------------------------------------------------------------------------

function markNav(current: 'incidents' | 'review'): void {
  for (const a of document.querySelectorAll<HTMLAnchorElement>('.site-nav a')) {
    if (a.dataset.view === current) a.setAttribute('aria-current', 'page');
    else a.removeAttribute('aria-current');
  }
}

function route(): void {
  const hash = location.hash || '#/';
  const incidentMatch = /^#\/incident\/([^?]+)/.exec(hash);
  const reviewMatch = /^#\/review(?:\?(.*))?$/.exec(hash);
  pageController?.abort();
  openPage?.destroy();
  openPage = null;
  reviewRoot.hidden = reviewMatch === null;
  if (reviewMatch) {
    document.title = 'Review queue — Tally';
    document.body.classList.remove('dashboard-view');
    dashboard.hidden = true;
    incidentRoot.hidden = true;
    incidentRoot.replaceChildren();
    markNav('review');
    void queueView.show(parseQueueFilters(new URLSearchParams(reviewMatch[1] ?? '')));
    return;
  }
  if (incidentMatch) {
    const id = decodeURIComponent(incidentMatch[1]);
    lastOpenedIncident = id;
    document.body.classList.remove('dashboard-view');
    dashboard.hidden = true;
    incidentRoot.hidden = false;
    const controller = new AbortController();
    pageController = controller;
    markNav('incidents');
    const onDecided = (answer: DecisionAnswer) => {
      // A merge can leave the decision's incident under another id: follow it.
      if (answer.incident && answer.incident.id !== id) location.hash = `#/incident/${encodeURIComponent(answer.incident.id)}`;
      else route();
    };
    renderIncidentPage(incidentRoot, id, { backHref: lastDashboardHash, onFictional: markFictional, onError: showError, onDecided }, controller.signal)
      .then((page) => {
        if (controller.signal.aborted) page.destroy();
        else {
          openPage = page;
          document.title = `${byId('incident-heading').textContent ?? 'Incident'} — Tally`;
        }
      })
      .catch((err: unknown) => {
        if (controller.signal.aborted) return;
        incidentRoot.replaceChildren();
        const back = document.createElement('a');
        back.href = lastDashboardHash;
        back.textContent = '← Back to the dashboard';
        incidentRoot.append(back);
        showError(err);
      });
    window.scrollTo(0, 0);
    return;
  }
  document.title = 'Tally — incidents and casualties';
  markNav('incidents');
  incidentRoot.hidden = true;
  incidentRoot.replaceChildren();
  const wasHidden = dashboard.hidden;
  dashboard.hidden = false;
  document.body.classList.add('dashboard-view');
  map.invalidateSize();
  const query = hash.includes('?') ? hash.slice(hash.indexOf('?') + 1) : '';
  setFilters(parseFilters(new URLSearchParams(query)));
  if (wasHidden && lastOpenedIncident) list.focus(lastOpenedIncident);
}

void initSessionPanel().catch(showError);
renderLegend();
fillFilterOptions({ perpetrators: [], claimants: [], admin1: [], event_types: [], outlets: [], languages: [] });
window.addEventListener('hashchange', route);
// Review shortcuts: the queue's on the queue, the incident page's on an incident page.
document.addEventListener('keydown', (e) => {
  const handled = !reviewRoot.hidden ? queueView.handleKey(e) : openPage && !incidentRoot.hidden ? openPage.handleKey(e) : false;
  if (handled) e.preventDefault();
});
void loadFilterOptions();
route();
