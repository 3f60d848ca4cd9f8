'use client';
import 'maplibre-gl/dist/maplibre-gl.css';
import { useEffect, useRef, useState } from 'react';
import { getTranslator, type Locale } from '@/lib/i18n/translate';
import { maplibreLocaleOfPage } from '@/lib/map/maplibre-locale';
import type { AreaFeatureCollection, Bounds } from '@/lib/map/area-features';

/** Worker copied into public/ by scripts/copy-assets.mjs (Next does not emit MapLibre 6's worker). */
const WORKER_URL = '/maplibre-gl-worker.mjs';
const DRAW_SOURCE = 'focus-draw';

type Vertex = [number, number];

function drawing(vertices: Vertex[], closed: boolean) {
  const features: GeoJSON.Feature[] = vertices.map((v) => ({ type: 'Feature', properties: {}, geometry: { type: 'Point', coordinates: v } }));
  if (vertices.length >= 2) {
    const ring = closed ? [...vertices, vertices[0]] : vertices;
    features.push({ type: 'Feature', properties: {}, geometry: closed ? { type: 'Polygon', coordinates: [ring] } : { type: 'LineString', coordinates: ring } });
  }
  return { type: 'FeatureCollection' as const, features };
}

/**
 * The focus area's outline: click corners on the map, double-click (or "close") to close. The polygon
 * lands in the `geom` field as GeoJSON, which can also be pasted or edited by hand (keyboard users).
 * `lazy` (the edit forms) starts without a map until the user asks to draw; an empty field there
 * keeps the current outline.
 */
export function FocusAreaDrawField({ areas, bounds, locale, lazy = false }: { areas: AreaFeatureCollection; bounds: Bounds | null; locale: Locale; lazy?: boolean }) {
  const t = getTranslator(locale);
  const [showMap, setShowMap] = useState(!lazy);
  const container = useRef<HTMLDivElement>(null);
  const [vertices, setVertices] = useState<Vertex[]>([]);
  const [closed, setClosed] = useState(false);
  const [geom, setGeom] = useState('');
  const mapRef = useRef<{ setData: (d: unknown) => void } | null>(null);
  const state = useRef({ vertices, closed });
  state.current = { vertices, closed };

  useEffect(() => {
    const el = container.current;
    if (!el || !showMap) return;
    let disposed = false;
    let remove: (() => void) | null = null;
    (async () => {
      const [maplibre, style] = await Promise.all([import('maplibre-gl'), import('@/lib/map/offline-style')]);
      if (disposed) return;
      maplibre.setWorkerUrl(WORKER_URL);
      const map = new maplibre.Map({ container: el, locale: maplibreLocaleOfPage(), style: style.buildOfflineStyle(areas), bounds: bounds ?? undefined, fitBoundsOptions: { padding: 16 }, attributionControl: false, dragRotate: false, doubleClickZoom: false });
      map.addControl(new maplibre.NavigationControl({ showCompass: false }), 'top-right');
      map.on('load', () => {
        map.addSource(DRAW_SOURCE, { type: 'geojson', data: drawing([], false) });
        map.addLayer({ id: 'focus-draw-fill', type: 'fill', source: DRAW_SOURCE, filter: ['==', ['geometry-type'], 'Polygon'], paint: { 'fill-color': '#1f5fa8', 'fill-opacity': 0.25 } });
        map.addLayer({ id: 'focus-draw-line', type: 'line', source: DRAW_SOURCE, filter: ['!=', ['geometry-type'], 'Point'], paint: { 'line-color': '#1f5fa8', 'line-width': 2 } });
        map.addLayer({ id: 'focus-draw-vertex', type: 'circle', source: DRAW_SOURCE, filter: ['==', ['geometry-type'], 'Point'], paint: { 'circle-radius': 4, 'circle-color': '#1f5fa8' } });
        const source = map.getSource(DRAW_SOURCE) as unknown as { setData: (d: unknown) => void };
        mapRef.current = source;
      });
      map.on('click', (e) => {
        if (state.current.closed) return;
        setVertices((v) => [...v, [Math.round(e.lngLat.lng * 1e6) / 1e6, Math.round(e.lngLat.lat * 1e6) / 1e6]]);
      });
      map.on('dblclick', (e) => {
        e.preventDefault();
        if (state.current.vertices.length >= 3) setClosed(true);
      });
      remove = () => map.remove();
    })();
    return () => {
      disposed = true;
      remove?.();
    };
  }, [areas, bounds, showMap]);

  useEffect(() => {
    mapRef.current?.setData(drawing(vertices, closed));
    if (closed && vertices.length >= 3) setGeom(JSON.stringify({ type: 'Polygon', coordinates: [[...vertices, vertices[0]]] }));
  }, [vertices, closed]);

  return (
    <div>
      {showMap ? (
        <>
          <div ref={container} style={{ height: '20rem', border: '1px solid #999' }} role="application" aria-label={t('loop.focus.drawMap')} />
          <div style={{ display: 'flex', gap: '0.5rem', margin: '0.25rem 0' }}>
            <button type="button" onClick={() => vertices.length >= 3 && setClosed(true)} disabled={closed || vertices.length < 3}>
              {t('loop.focus.closePolygon')}
            </button>
            <button
              type="button"
              onClick={() => {
                setVertices([]);
                setClosed(false);
                setGeom('');
              }}
            >
              {t('loop.focus.restart')}
            </button>
            <span aria-live="polite">{closed ? t('loop.focus.polygonCorners', { count: vertices.length }) : t('loop.focus.corners', { count: vertices.length })}</span>
          </div>
        </>
      ) : (
        <button type="button" onClick={() => setShowMap(true)} style={{ margin: '0.25rem 0' }}>
          {t('loop.focus.redraw')}
        </button>
      )}
      <label>
        {t('loop.focus.geojson')}
        {lazy ? <span style={{ display: 'block', fontSize: '0.9em' }}>{t('loop.focus.keepOutline')}</span> : null}
        <textarea name="geom" rows={3} value={geom} onChange={(e) => setGeom(e.target.value)} style={{ display: 'block', width: '100%', fontFamily: 'monospace' }} />
      </label>
    </div>
  );
}
