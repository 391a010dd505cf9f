/**
 * A Leaflet map that needs no tile server: countries from the world-atlas package (Natural Earth,
 * bundled into the build and fetched from our own origin) under Syria's governorate and district
 * boundaries served by the API from the configured boundaries folder. Used by the dashboard map
 * and the incident page's small map. Each data file is fetched once per page and shared.
 * Boundaries are optional: when the server has none configured (404) the map shows countries only.
 */
import * as L from 'leaflet';
import { feature } from 'topojson-client';
import type { GeometryCollection, Topology } from 'topojson-specification';
import countriesUrl from 'world-atlas/countries-50m.json?url';
import { boundaries } from './api-client.ts';

/** Syria's extent (../shared/data/boundaries/SOURCE.md: 35.59–42.38 E, 32.31–37.32 N). */
export const SYRIA_BOUNDS = L.latLngBounds([32.31, 35.59], [37.32, 42.38]);

/** Short form for the map corner; the page footer carries the full credits. */
export const ATTRIBUTION = 'Natural Earth · Place data © GeoNames (CC BY 4.0)';
/** Credited only once the server has given boundaries to draw. */
export const BOUNDARIES_ATTRIBUTION = 'Who’s On First';

/** Credits are shown for what is drawn: the boundaries' once they are loaded (the page footer's too). */
function creditBoundaries(map: L.Map): void {
  map.attributionControl.addAttribution(BOUNDARIES_ATTRIBUTION);
  const footer = document.getElementById('credit-boundaries');
  if (footer) footer.hidden = false;
}

let countriesPromise: Promise<GeoJSON.FeatureCollection> | null = null;
const boundaryPromises = new Map<'admin1' | 'admin2', Promise<GeoJSON.FeatureCollection | null>>();

function countries(): Promise<GeoJSON.FeatureCollection> {
  countriesPromise ??= fetch(countriesUrl)
    .then((res) => {
      if (!res.ok) throw new Error(`basemap ${countriesUrl}: ${res.status} ${res.statusText}`);
      return res.json() as Promise<Topology<{ countries: GeometryCollection }>>;
    })
    .then((topology) => feature(topology, topology.objects.countries) as GeoJSON.FeatureCollection);
  return countriesPromise;
}

function boundaryLayer(level: 'admin1' | 'admin2'): Promise<GeoJSON.FeatureCollection | null> {
  let p = boundaryPromises.get(level);
  if (!p) {
    p = boundaries(level);
    boundaryPromises.set(level, p);
  }
  return p;
}

export interface BasemapOptions {
  /** Show district lines once the zoom reaches this level (they are ~1 MB; fetched on first need). */
  districtsFromZoom: number;
  onError: (err: unknown) => void;
}

export function createOfflineMap(el: HTMLElement, mapOptions: L.MapOptions, options: BasemapOptions): L.Map {
  const still = window.matchMedia('(prefers-reduced-motion: reduce)').matches;
  const map = L.map(el, {
    minZoom: 3,
    maxZoom: 13,
    zoomSnap: 0.5,
    fadeAnimation: !still,
    zoomAnimation: !still,
    markerZoomAnimation: !still,
    ...mapOptions,
  });
  map.attributionControl.setPrefix('Leaflet');
  map.attributionControl.addAttribution(ATTRIBUTION);
  map.createPane('boundaries').style.zIndex = '420';

  countries()
    .then((fc) => {
      L.geoJSON(fc, {
        interactive: false,
        style: (f) => ({
          className: 'basemap-country',
          color: '#9aa3ab',
          weight: 0.8,
          fillColor: String(f?.properties?.name) === 'Syria' ? '#fbfaf6' : '#ece8de',
          fillOpacity: 1,
        }),
      }).addTo(map).bringToBack();
    })
    .catch(options.onError);

  boundaryLayer('admin1')
    .then((fc) => {
      if (!fc) return;
      L.geoJSON(fc, {
        pane: 'boundaries',
        interactive: false,
        style: () => ({ className: 'boundary-admin1', color: '#5d6770', weight: 1.3, fill: false }),
      }).addTo(map);
      creditBoundaries(map);
    })
    .catch(options.onError);

  let districts: L.GeoJSON | null = null;
  let loading = false;
  const updateDistricts = (): void => {
    const want = map.getZoom() >= options.districtsFromZoom;
    if (want && !districts && !loading) {
      loading = true;
      boundaryLayer('admin2')
        .then((fc) => {
          if (!fc) return;
          districts = L.geoJSON(fc, {
            pane: 'boundaries',
            interactive: false,
            style: () => ({ className: 'boundary-admin2', color: '#8a949c', weight: 0.7, dashArray: '3 3', fill: false }),
          });
          if (map.getZoom() >= options.districtsFromZoom) districts.addTo(map);
        })
        .catch(options.onError);
      return;
    }
    if (!districts) return;
    if (want && !map.hasLayer(districts)) districts.addTo(map);
    if (!want && map.hasLayer(districts)) districts.remove();
  };
  map.on('zoomend', updateDistricts);
  map.whenReady(updateDistricts);
  return map;
}
