'use client';
// The public map: district outlines (offline style), this year's focus areas and moderated report pins.
// Plain MapLibre layers; keyboard users pan with the arrow keys once the map has focus, and every feature
// is also in the list below the map (a map alone is not accessible). A click on a focus area jumps to it
// in the list.
import 'maplibre-gl/dist/maplibre-gl.css';
import type { FeatureCollection, MultiPolygon, Point, Polygon } from 'geojson';
import { useEffect, useRef, useState } from 'react';
import { maplibreLocaleOfPage } from '@/lib/map/maplibre-locale';
import type { AreaFeatureCollection, Bounds } from '@/lib/map/area-features';

const WORKER_URL = '/maplibre-gl-worker.mjs';

export interface PublicMapProps {
  label: string;
  problemText: string;
  areas: AreaFeatureCollection;
  bounds: Bounds | null;
  focusAreas: FeatureCollection<Polygon | MultiPolygon, { id: string; name: string }>;
  pins: FeatureCollection<Point, { pin: number; status: string }>;
}

declare global {
  interface Window {
    __lagesbildPublic?: { mapLoaded: boolean };
  }
}

export const FOCUS_FILL = '#0b63ce';
export const PIN_FILL = '#b3261e';

export function PublicMap({ label, problemText, areas, bounds, focusAreas, pins }: PublicMapProps) {
  const ref = useRef<HTMLDivElement>(null);
  const [problem, setProblem] = useState(false);
  const latest = useRef({ areas, bounds, focusAreas, pins });

  useEffect(() => {
    const container = ref.current;
    if (!container) return;
    window.__lagesbildPublic = { mapLoaded: false };
    let map: import('maplibre-gl').Map | null = null;
    let disposed = false;
    (async () => {
      const [maplibre, style] = await Promise.all([import('maplibre-gl'), import('@/lib/map/offline-style')]);
      if (disposed) return;
      const { areas: a, bounds: b, focusAreas: f, pins: p } = latest.current;
      maplibre.setWorkerUrl(WORKER_URL);
      map = new maplibre.Map({
        container,
        locale: maplibreLocaleOfPage(),
        style: style.buildOfflineStyle(a),
        bounds: b ?? undefined,
        fitBoundsOptions: { padding: 16 },
        attributionControl: false,
        dragRotate: false,
        pitchWithRotate: false,
        cooperativeGestures: false,
      });
      map.touchZoomRotate.disableRotation();
      map.addControl(new maplibre.NavigationControl({ showCompass: false }), 'top-right');
      map.on('error', () => setProblem(true));
      map.on('load', () => {
        if (!map) return;
        map.addSource('focus', { type: 'geojson', data: f });
        map.addLayer({ id: 'focus-fill', type: 'fill', source: 'focus', paint: { 'fill-color': FOCUS_FILL, 'fill-opacity': 0.22 } });
        map.addLayer({ id: 'focus-line', type: 'line', source: 'focus', paint: { 'line-color': FOCUS_FILL, 'line-width': 2.5 } });
        map.addSource('pins', { type: 'geojson', data: p });
        map.addLayer({
          id: 'pins',
          type: 'circle',
          source: 'pins',
          paint: { 'circle-radius': 7, 'circle-color': PIN_FILL, 'circle-stroke-color': '#ffffff', 'circle-stroke-width': 2 },
        });
        map.on('click', 'focus-fill', (e) => {
          const id = e.features?.[0]?.properties?.id;
          if (typeof id === 'string') window.location.hash = `fokus-${id}`;
        });
        map.on('click', 'pins', (e) => {
          const pin = e.features?.[0]?.properties?.pin;
          if (pin !== undefined) window.location.hash = `plats-${pin}`;
        });
        window.__lagesbildPublic = { mapLoaded: true };
      });
    })().catch(() => setProblem(true));
    return () => {
      disposed = true;
      map?.remove();
    };
  }, []);

  return (
    <>
      <div ref={ref} className="public-map" role="region" aria-label={label} data-testid="public-map" />
      {problem ? <p role="status">{problemText}</p> : null}
    </>
  );
}
