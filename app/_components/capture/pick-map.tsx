'use client';
// A map to place one pin on: click or tap moves the pin, the pin can be dragged, "use my location"
// asks the device, and keyboard users pan the map (arrow keys) and place the pin at its centre or type
// coordinates. Offline style with the municipality outline unless a basemap style is configured
// (MapLibre's worker is copied into public/, STACK.md pitfall 1). Other numbered points (a walk's
// observations so far) are drawn as small labelled markers.
import 'maplibre-gl/dist/maplibre-gl.css';
import { useEffect, useRef, useState } from 'react';
import { maplibreLocaleOfPage } from '@/lib/map/maplibre-locale';
import type { AreaFeatureCollection, Bounds } from '@/lib/map/area-features';
import { type CaptureTexts, fill } from './capture-texts';
import styles from './capture.module.css';

const WORKER_URL = '/maplibre-gl-worker.mjs';

export interface Pin {
  lon: number;
  lat: number;
}

export interface NumberedPoint extends Pin {
  n: number;
  label: string;
}

export interface PickMapProps {
  texts: CaptureTexts;
  areas: AreaFeatureCollection;
  bounds: Bounds | null;
  basemapStyleUrl: string | null;
  /** Opening view from the URL (/registrera?lat=…&lng=…&zoom=…), else the municipality's bounds. */
  initialView: { lon: number; lat: number; zoom: number } | null;
  pin: Pin | null;
  onPin: (pin: Pin) => void;
  points?: readonly NumberedPoint[];
  /** Taller map for walk mode on a phone. */
  tall?: boolean;
}

/** Flags for end-to-end tests. */
export interface CaptureTestFlags {
  mapLoaded: boolean;
  pin: Pin | null;
}

declare global {
  interface Window {
    __lagesbildCapture?: CaptureTestFlags;
  }
}

type MapLibre = typeof import('maplibre-gl');
type MapInstance = InstanceType<MapLibre['Map']>;
type MarkerInstance = InstanceType<MapLibre['Marker']>;

const round6 = (n: number) => Math.round(n * 1e6) / 1e6;

export function PickMap(props: PickMapProps) {
  const { texts, pin, onPin, points, tall } = props;
  const containerRef = useRef<HTMLDivElement>(null);
  const mapRef = useRef<{ lib: MapLibre; map: MapInstance; marker: MarkerInstance | null; others: MarkerInstance[] } | null>(null);
  const latest = useRef(props);
  latest.current = props;
  const [loaded, setLoaded] = useState(false);
  const [geo, setGeo] = useState<{ status: 'idle' | 'locating' | 'ok' | 'error'; message?: string }>({ status: 'idle' });
  const [latText, setLatText] = useState(pin ? String(pin.lat) : '');
  const [lonText, setLonText] = useState(pin ? String(pin.lon) : '');

  useEffect(() => {
    const container = containerRef.current;
    if (!container) return;
    window.__lagesbildCapture = { mapLoaded: false, pin: null };
    let disposed = false;
    let cleanup: (() => void) | null = null;
    (async () => {
      const [lib, style] = await Promise.all([import('maplibre-gl'), import('@/lib/map/offline-style')]);
      if (disposed) return;
      const { areas, bounds, basemapStyleUrl, initialView } = latest.current;
      lib.setWorkerUrl(WORKER_URL);
      const map = new lib.Map({
        container,
        locale: maplibreLocaleOfPage(),
        style: basemapStyleUrl ?? style.buildOfflineStyle(areas),
        ...(initialView ? { center: [initialView.lon, initialView.lat] as [number, number], zoom: initialView.zoom } : { bounds: bounds ?? undefined, fitBoundsOptions: { padding: 24 } }),
        attributionControl: basemapStyleUrl ? { compact: true } : false,
        dragRotate: false,
        pitchWithRotate: false,
      });
      map.touchZoomRotate.disableRotation();
      map.addControl(new lib.NavigationControl({ showCompass: false }), 'top-right');
      map.addControl(new lib.ScaleControl({ unit: 'metric' }), 'bottom-left');
      map.on('load', () => {
        if (basemapStyleUrl) {
          map.addSource(style.AREA_SOURCE_ID, style.areaSource(areas));
          for (const layer of style.outlineLayers()) map.addLayer(layer);
        }
        window.__lagesbildCapture = { ...(window.__lagesbildCapture ?? { pin: null }), mapLoaded: true };
        setLoaded(true);
      });
      map.on('click', (e: { lngLat: { lng: number; lat: number } }) => latest.current.onPin({ lon: round6(e.lngLat.lng), lat: round6(e.lngLat.lat) }));
      mapRef.current = { lib, map, marker: null, others: [] };
      cleanup = () => map.remove();
    })();
    return () => {
      disposed = true;
      cleanup?.();
      mapRef.current = null;
    };
  }, []);

  // The pin follows the value; dragging it reports the new place.
  useEffect(() => {
    const m = mapRef.current;
    if (window.__lagesbildCapture) window.__lagesbildCapture.pin = pin;
    if (pin) {
      setLatText(String(pin.lat));
      setLonText(String(pin.lon));
    }
    if (!m) return;
    if (!pin) {
      m.marker?.remove();
      m.marker = null;
      return;
    }
    if (!m.marker) {
      m.marker = new m.lib.Marker({ draggable: true, color: '#b3261e' }).setLngLat([pin.lon, pin.lat]).addTo(m.map);
      m.marker.getElement().setAttribute('data-testid', 'capture-pin');
      m.marker.getElement().setAttribute('aria-label', fill(texts.pinAt, { lat: pin.lat.toFixed(5), lon: pin.lon.toFixed(5) }));
      m.marker.on('dragend', () => {
        const p = m.marker!.getLngLat();
        latest.current.onPin({ lon: round6(p.lng), lat: round6(p.lat) });
      });
    } else {
      m.marker.setLngLat([pin.lon, pin.lat]);
      m.marker.getElement().setAttribute('aria-label', fill(texts.pinAt, { lat: pin.lat.toFixed(5), lon: pin.lon.toFixed(5) }));
    }
  }, [pin, loaded, texts]);

  // Numbered points (walk observations).
  useEffect(() => {
    const m = mapRef.current;
    if (!m) return;
    for (const o of m.others) o.remove();
    m.others = (points ?? []).map((p) => {
      const el = document.createElement('div');
      el.className = styles.pointMarker;
      el.textContent = String(p.n);
      el.title = p.label;
      el.setAttribute('data-testid', 'walk-point-marker');
      return new m.lib.Marker({ element: el }).setLngLat([p.lon, p.lat]).addTo(m.map);
    });
  }, [points, loaded]);

  const useMyLocation = () => {
    if (!('geolocation' in navigator)) {
      setGeo({ status: 'error', message: texts.geoUnsupported });
      return;
    }
    setGeo({ status: 'locating' });
    navigator.geolocation.getCurrentPosition(
      (pos) => {
        const next = { lon: round6(pos.coords.longitude), lat: round6(pos.coords.latitude) };
        setGeo({ status: 'ok', message: fill(texts.geoAccuracy, { m: Math.round(pos.coords.accuracy) }) });
        onPin(next);
        mapRef.current?.map.easeTo({ center: [next.lon, next.lat], zoom: Math.max(mapRef.current.map.getZoom(), 16) });
      },
      (err) => {
        const message = err.code === err.PERMISSION_DENIED ? texts.geoDenied : err.code === err.TIMEOUT ? texts.geoTimeout : texts.geoUnavailable;
        setGeo({ status: 'error', message });
      },
      { enableHighAccuracy: true, timeout: 15_000, maximumAge: 30_000 },
    );
  };

  const pinAtCentre = () => {
    const c = mapRef.current?.map.getCenter();
    if (c) onPin({ lon: round6(c.lng), lat: round6(c.lat) });
  };

  const typed = (latValue: string, lonValue: string) => {
    const lat = Number(latValue.replace(',', '.'));
    const lon = Number(lonValue.replace(',', '.'));
    if (latValue.trim() && lonValue.trim() && Number.isFinite(lat) && Number.isFinite(lon) && Math.abs(lat) <= 90 && Math.abs(lon) <= 180) {
      onPin({ lon, lat });
      mapRef.current?.map.easeTo({ center: [lon, lat] });
    }
  };

  return (
    <div className={styles.mapBlock}>
      <div
        ref={containerRef}
        className={tall ? `${styles.map} ${styles.mapTall}` : styles.map}
        role="application"
        aria-label={texts.mapLabel}
        data-testid="capture-map"
        data-loaded={loaded ? 'true' : 'false'}
      />
      {loaded ? null : <p className={styles.muted}>{texts.mapLoading}</p>}
      <div className={styles.locationRow}>
        <button type="button" className={styles.button} onClick={useMyLocation} disabled={geo.status === 'locating'} data-testid="use-location">
          {geo.status === 'locating' ? texts.locating : texts.useLocation}
        </button>
        <button type="button" className={styles.buttonSecondary} onClick={pinAtCentre} data-testid="pin-centre">
          {texts.pinCentre}
        </button>
      </div>
      {geo.message ? (
        <p className={geo.status === 'error' ? styles.error : styles.muted} role={geo.status === 'error' ? 'alert' : 'status'} data-testid="geo-message">
          {geo.message}
        </p>
      ) : null}
      <fieldset className={styles.coords}>
        <legend>{texts.location}</legend>
        <p className={styles.muted} aria-live="polite" data-testid="pin-status">
          {pin ? fill(texts.pinAt, { lat: pin.lat.toFixed(5), lon: pin.lon.toFixed(5) }) : texts.noPin}
        </p>
        <label>
          {texts.lat}
          <input inputMode="decimal" value={latText} onChange={(e) => setLatText(e.target.value)} onBlur={() => typed(latText, lonText)} data-testid="pin-lat" />
        </label>
        <label>
          {texts.lon}
          <input inputMode="decimal" value={lonText} onChange={(e) => setLonText(e.target.value)} onBlur={() => typed(latText, lonText)} data-testid="pin-lon" />
        </label>
      </fieldset>
    </div>
  );
}
