/**
 * The incident page (`#/incident/<id>`): what happened, where and when, the killed and injured
 * figures as a range with the best estimate, the places on a small map, and every claim behind the
 * figures: who made it (claimant), which outlet(s) carried it, its own figures and rule ids, and
 * the article it came from with the claim's sentence highlighted (`<mark>`) and scrolled into view.
 * The extracted fields inside the sentence are underlined with the rule that produced them, so
 * "why does it say 12 killed?" is answered on the page.
 */
import * as L from 'leaflet';
import { COUNT_CATEGORIES } from '../../src/domain/types.ts';
import { documentDetail, incident as fetchIncident, type DocumentDetail, type IncidentDetail, type IncidentJson } from './api-client.ts';
import { planHighlight, QuoteSpanError, type FieldSpan } from './article-highlight.ts';
import {
  CATEGORY_LABELS,
  claimantLabel,
  claimOutlets,
  dateText,
  eventTypeLabel,
  formatFigures,
  isFictionalOutlet,
  killedRange,
  perpetratorsText,
  placeText,
} from './incident-format.ts';
import { createOfflineMap, SYRIA_BOUNDS } from './offline-basemap.ts';
import { perpetratorStyle } from './perpetrator-palette.ts';
import { el } from './dom.ts';
import { incidentReviewPart } from './incident-review.ts';
import type { DecisionAnswer } from './review-client.ts';
import type { ClaimJson, CountsJson } from '../../src/export/incidents-json.ts';

export interface IncidentPageOptions {
  backHref: string;
  onFictional: () => void;
  onError: (err: unknown) => void;
  /** An analyst's decision was recorded on this page (the page should be drawn again). */
  onDecided: (answer: DecisionAnswer) => void;
}

export interface RenderedIncidentPage {
  destroy: () => void;
  /** The page's review shortcuts (c, r, e, m, s, ?); true when the key was one. */
  handleKey: (e: KeyboardEvent) => boolean;
}

export async function renderIncidentPage(root: HTMLElement, id: string, options: IncidentPageOptions, signal: AbortSignal): Promise<RenderedIncidentPage> {
  root.replaceChildren(el('p', { className: 'loading' }, 'Loading incident…'));
  const detail = await fetchIncident(id, signal);
  if (detail.documents.some((d) => isFictionalOutlet(d.outlet)) || detail.incident.claims.some((c) => isFictionalOutlet(c.outlet))) {
    options.onFictional();
  }
  const docIds = [...new Set(detail.incident.claims.map((c) => c.document))];
  const docs = new Map<string, DocumentDetail | Error>();
  await Promise.all(
    docIds.map((docId) =>
      documentDetail(docId, signal).then(
        (d) => docs.set(docId, d),
        (err: unknown) => docs.set(docId, err instanceof Error ? err : new Error(String(err))),
      ),
    ),
  );
  const reviewPart = await incidentReviewPart(detail, options.onDecided, signal);
  if (signal.aborted) return { destroy: () => {}, handleKey: () => false };

  const { incident } = detail;
  const back = el('a', { className: 'back-link', href: options.backHref }, '← Back to the dashboard');
  const heading = el('h2', { id: 'incident-heading', tabIndex: -1 }, `${eventTypeLabel(incident.event_type)} in ${placeText(incident)}`);
  const sub = el('p', { className: 'incident-sub' }, `${dateText(incident.date)} · ${perpetratorsText(incident)} · incident ${incident.id}`);
  const mapEl = el('div', { className: 'incident-map', role: 'figure' });
  mapEl.setAttribute('aria-label', `Map of the places: ${incident.places.map((p) => p.name).join(', ') || 'none placed'}`);
  const summary = el('div', { className: 'incident-summary' }, factsList(detail), countsTable(incident), mapEl);
  const claimsHeading = el('h3', {}, `Claims (${incident.claims.length})`);
  const claims = el('ol', { className: 'claims' });
  const outletOf = new Map(detail.documents.map((d) => [d.id, d.outlet]));
  incident.claims.forEach((claim, i) => claims.append(claimItem(claim, i, outletOf, detail, docs.get(claim.document))));

  const queueLink = el('a', { className: 'back-link', href: '#/review' }, 'Review queue');
  root.replaceChildren(el('nav', { className: 'incident-nav', ariaLabel: 'Incident navigation' }, back, ' · ', queueLink), heading, sub, summary, reviewPart.review, claimsHeading, claims, reviewPart.history);
  heading.focus({ preventScroll: true });
  for (const box of root.querySelectorAll<HTMLElement>('.article')) scrollMarkIntoView(box);

  const map = placesMap(mapEl, incident, options.onError);
  return { destroy: () => map.remove(), handleKey: reviewPart.handleKey };
}

function factsList(detail: IncidentDetail): HTMLElement {
  const { incident } = detail;
  const dl = el('dl', { className: 'facts' });
  const add = (term: string, value: string | Node): void => {
    dl.append(el('dt', {}, term), el('dd', {}, value));
  };
  add('Date', incident.date.start === null ? `${dateText(incident.date)}: no report of it gives a day` : `${dateText(incident.date)} (precision: ${incident.date.precision})`);
  add('Event', `${eventTypeLabel(incident.event_type)} (ACLED: ${incident.acled_sub_event_type})`);
  const perps = el('span', {});
  for (const p of incident.perpetrators.length ? incident.perpetrators : ['unknown']) {
    const style = perpetratorStyle(p);
    const chip = el('span', { className: 'chip' }, el('span', { className: 'swatch' }), style.label);
    (chip.firstChild as HTMLElement).style.background = style.colour;
    perps.append(chip);
  }
  if (incident.perpetrators_disputed) perps.append(' (disputed between claims)');
  add('Perpetrators', perps);
  add('Places', incident.places.map((p) => [p.name, p.admin2, p.admin1].filter(Boolean).join(', ') + ` (${p.precision})`).join('; ') || 'none placed');
  if (incident.targets.length) add('Targets', incident.targets.join(', '));
  if (incident.independent_sources !== undefined) add('Independent sources', String(incident.independent_sources));
  add('Review', incident.review.status);
  add('Documents', String(incident.documents.length));
  return dl;
}

function countsTable(incident: IncidentJson): HTMLElement {
  const table = el('table', { className: 'counts' });
  table.append(el('caption', {}, 'Figures: range across claims and best estimate'));
  table.append(el('thead', {}, el('tr', {}, el('th', { scope: 'col' }, ''), el('th', { scope: 'col' }, 'best'), el('th', { scope: 'col' }, 'range'))));
  const body = el('tbody', {});
  const rows = (label: string, counts: CountsJson): void => {
    const headline = killedRange(counts);
    body.append(el('tr', { className: 'headline' }, el('th', { scope: 'row' }, label), el('td', {}, headline ? String(headline.best) : 'not stated'), el('td', {}, headline ? rangeText(headline) : '–')));
    for (const c of COUNT_CATEGORIES) {
      const r = counts[c];
      if (!r || c === 'total') continue;
      body.append(el('tr', {}, el('th', { scope: 'row' }, `  of whom ${CATEGORY_LABELS[c]}`), el('td', {}, String(r.best)), el('td', {}, rangeText(r))));
    }
  };
  rows('Killed', incident.killed);
  rows('Injured', incident.injured);
  table.append(body);
  return table;
}

function rangeText(r: { min: number; max: number }): string {
  return r.min === r.max ? String(r.min) : `${r.min}–${r.max}`;
}

function claimItem(claim: ClaimJson, index: number, outletOf: ReadonlyMap<string, string | null>, detail: IncidentDetail, doc: DocumentDetail | Error | undefined): HTMLElement {
  const li = el('li', { className: 'claim', id: `claim-${index + 1}` });
  li.append(el('h4', {}, `Claim ${index + 1}: ${claimantLabel(claim.claimant)}`));
  const meta = el('dl', { className: 'claim-meta' });
  const add = (term: string, value: string): void => {
    meta.append(el('dt', {}, term), el('dd', {}, value));
  };
  add('Claimant', `${claimantLabel(claim.claimant)} [${claim.claimant}]`);
  const outlets = claimOutlets(claim, outletOf);
  add(outlets.length === 1 ? 'Outlet' : 'Outlets', outlets.join('; '));
  if (claim.published) add('Published', claim.published);
  add('Killed', formatFigures(claim.killed));
  add('Injured', formatFigures(claim.injured));
  if (claim.rules.length) add('Rules', claim.rules.join(', '));
  const source = detail.documents.find((d) => d.id === claim.document);
  if (source?.url && /^https?:\/\//.test(source.url)) {
    // A link the reader may follow; nothing is fetched from it by this page.
    const link = el('a', { href: source.url }, source.url);
    link.rel = 'noopener noreferrer';
    meta.append(el('dt', {}, 'Original'), el('dd', { className: 'url' }, link));
  }
  li.append(meta);

  if (!doc || doc instanceof Error) {
    li.append(el('p', { className: 'warning' }, `The article ${claim.document} could not be loaded: ${doc instanceof Error ? doc.message : 'no answer'}. Quote: “${claim.quote}”`));
    return li;
  }
  const title = source?.title ?? doc.document.title ?? claim.document;
  li.append(el('p', { className: 'article-title' }, `Article: ${title}${doc.document.version > 1 ? ` (version ${doc.document.version})` : ''}`));
  li.append(articleText(claim, doc));
  return li;
}

function fieldSpans(claim: ClaimJson, doc: DocumentDetail): FieldSpan[] {
  const seen = new Set<string>();
  const spans: FieldSpan[] = [];
  for (const m of doc.mentions) {
    if (m.end <= claim.start || m.start >= claim.end) continue;
    for (const f of m.fields) {
      const key = `${f.start}:${f.end}:${f.field}`;
      if (seen.has(key)) continue;
      seen.add(key);
      const value = typeof f.value === 'string' || typeof f.value === 'number' ? String(f.value) : JSON.stringify(f.value);
      spans.push({ start: f.start, end: f.end, label: `${f.field} = ${value} (rule ${f.rule})` });
    }
  }
  return spans;
}

function articleText(claim: ClaimJson, doc: DocumentDetail): HTMLElement {
  // A claim read from the headline (its body told no incident) is highlighted in the title (decision 0020).
  const inTitle = claim.quote_in === 'title';
  const text = inTitle ? (doc.document.title ?? '') : doc.document.text;
  const box = el('div', { className: 'article', tabIndex: 0, role: 'region' });
  box.setAttribute('aria-label', inTitle ? `The article's headline, highlighted: its body told no incident` : `Article text; the claim's sentence is highlighted`);
  const spans = inTitle ? (claim.figures ?? []).map((f) => ({ start: f.start, end: f.end, label: `${f.outcome}.${f.category} = ${f.value} (rule ${f.rule})` })) : fieldSpans(claim, doc);
  let plan;
  try {
    plan = planHighlight(text, claim.start, claim.end, claim.quote, spans);
  } catch (err) {
    if (!(err instanceof QuoteSpanError)) throw err;
    box.append(el('p', { className: 'warning' }, `${err.message}. Quote: “${claim.quote}”`), text);
    return box;
  }
  const mark = el('mark', { className: 'claim-quote' });
  for (const piece of plan.quote) {
    const t = text.slice(piece.start, piece.end);
    if (piece.field === null) mark.append(t);
    else mark.append(el('span', { className: 'quote-field', title: piece.field }, t));
  }
  box.append(text.slice(...plan.before), mark, text.slice(...plan.after));
  const wrap = el('div', { className: 'article-wrap' }, box);
  if (inTitle) wrap.prepend(el('p', { className: 'hint quote-in-title' }, "Read from the headline: the article's body told no incident."));
  if (!plan.matches) {
    wrap.prepend(el('p', { className: 'warning' }, `The article's current text differs from the claim's quote at ${claim.start}–${claim.end} (the document may have a newer version). Quote: “${claim.quote}”`));
  }
  if (spans.length) {
    const list = el('ul', { className: 'fields' });
    for (const s of spans) list.append(el('li', {}, s.label));
    wrap.append(el('details', { className: 'field-list' }, el('summary', {}, `Extracted fields (${spans.length})`), list));
  }
  return wrap;
}

/** Scroll inside the article box (not the page) so the highlighted sentence sits near the top third. */
function scrollMarkIntoView(box: HTMLElement): void {
  const mark = box.querySelector<HTMLElement>('mark');
  if (!mark) return;
  const top = mark.getBoundingClientRect().top - box.getBoundingClientRect().top + box.scrollTop;
  box.scrollTop = Math.max(0, top - box.clientHeight / 3);
}

function placesMap(mapEl: HTMLElement, incident: IncidentJson, onError: (err: unknown) => void): L.Map {
  const map = createOfflineMap(mapEl, { zoomControl: true, scrollWheelZoom: false, keyboard: false }, { districtsFromZoom: 7, onError });
  const placed = incident.places.filter((p) => p.lat !== null && p.lon !== null);
  if (placed.length === 0) {
    map.fitBounds(SYRIA_BOUNDS);
    return map;
  }
  const colour = perpetratorStyle(incident.perpetrators[0]).colour;
  const points = placed.map((p) => L.latLng(p.lat!, p.lon!));
  placed.forEach((p, i) => {
    L.circleMarker(points[i], { radius: 7, color: '#fff', weight: 2, fillColor: colour, fillOpacity: 0.95, interactive: false, className: 'place-marker' })
      // Leaflet writes string content with innerHTML; an element keeps the name text.
      .bindTooltip(el('span', {}, p.name), { permanent: true, direction: 'right', offset: [8, 0], className: 'place-label' })
      .addTo(map);
  });
  map.fitBounds(L.latLngBounds(points).pad(0.5), { maxZoom: 9 });
  return map;
}
