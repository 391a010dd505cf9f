/**
 * The dashboard's map of incidents: one marker per placed incident, its area proportional to the
 * headline killed figure (diameter ∝ √killed) and its colour that of the first perpetrator;
 * incidents with no stated count get a hollow ring rather than a zero-sized dot. Below
 * CLUSTER_MAX_ZOOM nearby markers merge into grid clusters (grid-cluster.ts) showing their count
 * and perpetrator mix; incidents at exactly the same place stay grouped at every zoom and open as a
 * list. Markers and clusters are keyboard buttons (Tab, Enter or Space); a marker opens a popup
 * with a link to the incident page.
 */
import * as L from 'leaflet';
import type { IncidentJson } from './api-client.ts';
import { gridCluster, type GridCluster } from './grid-cluster.ts';
import { dateText, eventTypeLabel, firstPerpetrator, killedBest, killedText, perpetratorsText, placeText } from './incident-format.ts';
import { createOfflineMap, SYRIA_BOUNDS } from './offline-basemap.ts';
import { markerDiameter, perpetratorMix } from './incident-map-style.ts';
import { perpetratorStyle } from './perpetrator-palette.ts';

/** From this zoom on, only incidents at the very same position are grouped. */
export const CLUSTER_MAX_ZOOM = 10;
const CLUSTER_CELL_PX = 56;

export interface IncidentMapOptions {
  onSelect: (id: string) => void;
  onError: (err: unknown) => void;
}

interface Placed {
  incident: IncidentJson;
  latlng: L.LatLng;
}

export class IncidentMap {
  readonly map: L.Map;
  private readonly layer = L.layerGroup();
  private placed: Placed[] = [];
  private keyboardOpened = false;

  constructor(el: HTMLElement, private readonly options: IncidentMapOptions) {
    this.map = createOfflineMap(el, { zoomControl: true }, { districtsFromZoom: 8, onError: options.onError });
    this.map.fitBounds(SYRIA_BOUNDS, { padding: [8, 8] });
    // The panel's size settles after fonts, the banner and the timeline are laid out: keep the map
    // sized to it and, until the reader has moved the map, keep Syria in view.
    let readerMoved = false;
    for (const type of ['pointerdown', 'wheel', 'keydown', 'touchstart']) el.addEventListener(type, () => (readerMoved = true), { passive: true });
    new ResizeObserver(() => {
      if (el.clientWidth === 0 || el.clientHeight === 0) return;
      this.map.invalidateSize();
      if (!readerMoved) this.map.fitBounds(SYRIA_BOUNDS, { padding: [8, 8] });
    }).observe(el);
    this.layer.addTo(this.map);
    this.map.on('zoomend', () => this.render());
    this.map.on('popupopen', (e: L.PopupEvent) => {
      if (!this.keyboardOpened) return;
      this.keyboardOpened = false;
      e.popup.getElement()?.querySelector<HTMLElement>('a.open-incident, button')?.focus();
    });
  }

  /** Incidents with coordinates are drawn; returns how many were placed. */
  setIncidents(items: readonly IncidentJson[]): number {
    this.placed = [];
    for (const incident of items) {
      const loc = incident.location;
      if (loc && loc.lat !== null && loc.lon !== null) this.placed.push({ incident, latlng: L.latLng(loc.lat, loc.lon) });
    }
    this.map.closePopup();
    this.render();
    return this.placed.length;
  }

  invalidateSize(): void {
    this.map.invalidateSize();
  }

  private render(): void {
    this.layer.clearLayers();
    const zoom = this.map.getZoom();
    const points = this.placed.map((p) => {
      const px = this.map.project(p.latlng, zoom);
      return { x: px.x, y: px.y, item: p };
    });
    const clusters = gridCluster(points, zoom >= CLUSTER_MAX_ZOOM ? 0 : CLUSTER_CELL_PX);
    for (const c of clusters) {
      if (c.items.length === 1) this.layer.addLayer(this.incidentMarker(c.items[0]));
      else this.layer.addLayer(this.clusterMarker(c, zoom));
    }
  }

  private incidentMarker(p: Placed): L.Marker {
    const { incident } = p;
    const killed = killedBest(incident);
    const size = markerDiameter(killed);
    const style = perpetratorStyle(firstPerpetrator(incident));
    const dot = document.createElement('span');
    dot.className = killed === null ? 'dot dot-unstated' : 'dot';
    dot.style.setProperty('--colour', style.colour);
    const label = `${dateText(incident.date)}, ${placeText(incident)}: ${eventTypeLabel(incident.event_type)} by ${perpetratorsText(incident)}; ${killedText(incident)}`;
    const marker = L.marker(p.latlng, {
      icon: L.divIcon({ className: 'incident-marker', html: dot, iconSize: [size, size] }),
      keyboard: true,
      title: label,
      zIndexOffset: -size * 10,
    });
    marker.bindPopup(() => this.incidentPopup(incident), { autoPanPadding: [24, 24] });
    marker.on('click', () => this.options.onSelect(incident.id));
    marker.on('add', () => {
      const el = marker.getElement();
      if (!el) return;
      el.setAttribute('aria-label', label);
      el.dataset.incidentId = incident.id;
      el.dataset.perpetrator = firstPerpetrator(incident);
      el.addEventListener('keydown', (e) => this.activateOnKey(e, () => {
        marker.openPopup();
        this.options.onSelect(incident.id);
      }));
    });
    return marker;
  }

  private clusterMarker(c: GridCluster<Placed>, zoom: number): L.Marker {
    const latlng = this.map.unproject([c.x, c.y], zoom);
    const killed = c.items.reduce((sum, p) => sum + (killedBest(p.incident) ?? 0), 0);
    const size = Math.min(60, Math.round(30 + 4 * Math.sqrt(c.items.length)));
    const el = document.createElement('span');
    el.className = 'cluster-ring';
    el.style.background = perpetratorMix(c.items.map((p) => firstPerpetrator(p.incident)));
    const count = document.createElement('span');
    count.className = 'cluster-count';
    count.textContent = String(c.items.length);
    el.append(count);
    const listsOnly = c.samePosition || zoom >= this.map.getMaxZoom();
    const where = c.samePosition ? ` at ${placeText(c.items[0].incident)}` : '';
    const label = `${c.items.length} incidents${where}, ${killed} killed in total; ${listsOnly ? 'opens a list' : 'zooms in'}`;
    const marker = L.marker(latlng, {
      icon: L.divIcon({ className: 'cluster-marker', html: el, iconSize: [size, size] }),
      keyboard: true,
      title: label,
      zIndexOffset: 1000,
    });
    const zoomIn = (): void => {
      const bounds = L.latLngBounds(c.items.map((p) => p.latlng));
      this.map.fitBounds(bounds, { padding: [48, 48], maxZoom: Math.max(zoom + 2, CLUSTER_MAX_ZOOM) });
    };
    if (listsOnly) marker.bindPopup(() => this.clusterPopup(c.items), { autoPanPadding: [24, 24] });
    else marker.on('click', zoomIn);
    marker.on('add', () => {
      const node = marker.getElement();
      if (!node) return;
      node.setAttribute('aria-label', label);
      node.dataset.count = String(c.items.length);
      node.addEventListener('keydown', (e) => this.activateOnKey(e, () => {
        if (listsOnly) {
          marker.openPopup();
          return;
        }
        zoomIn();
        this.focusFirstMarkerSoon();
      }));
    });
    return marker;
  }

  /** Enter or Space on a marker; preventing the default also stops Leaflet's own Enter→click. */
  private activateOnKey(e: KeyboardEvent, action: () => void): void {
    if (e.key !== 'Enter' && e.key !== ' ') return;
    e.preventDefault();
    e.stopPropagation();
    this.keyboardOpened = true;
    action();
  }

  private focusFirstMarkerSoon(): void {
    this.map.once('moveend', () => {
      this.map.getContainer().querySelector<HTMLElement>('.incident-marker, .cluster-marker')?.focus();
    });
  }

  private incidentPopup(incident: IncidentJson): HTMLElement {
    const box = document.createElement('div');
    box.className = 'popup';
    const title = document.createElement('p');
    title.className = 'popup-title';
    title.textContent = `${placeText(incident)} — ${dateText(incident.date)}`;
    const what = document.createElement('p');
    what.textContent = `${eventTypeLabel(incident.event_type)} · ${perpetratorsText(incident)}`;
    const killed = document.createElement('p');
    killed.textContent = `${killedText(incident)} · ${incident.claims.length} claim${incident.claims.length === 1 ? '' : 's'}`;
    box.append(title, what, killed, openLink(incident));
    return box;
  }

  private clusterPopup(items: readonly Placed[]): HTMLElement {
    const box = document.createElement('div');
    box.className = 'popup';
    const title = document.createElement('p');
    title.className = 'popup-title';
    title.textContent = `${items.length} incidents`;
    const list = document.createElement('ul');
    list.className = 'popup-list';
    for (const { incident } of items) {
      const li = document.createElement('li');
      const swatch = document.createElement('span');
      swatch.className = 'swatch';
      swatch.style.background = perpetratorStyle(firstPerpetrator(incident)).colour;
      const link = openLink(incident);
      link.textContent = `${dateText(incident.date)} ${placeText(incident)}: ${killedText(incident)}`;
      li.append(swatch, link);
      list.append(li);
    }
    box.append(title, list);
    return box;
  }
}

function openLink(incident: IncidentJson): HTMLAnchorElement {
  const a = document.createElement('a');
  a.className = 'open-incident';
  a.href = `#/incident/${encodeURIComponent(incident.id)}`;
  a.textContent = 'Open incident';
  return a;
}
