'use client';
// The analysis map: municipality and district outlines (offline style) with the result drawn as MapLibre
// GeoJSON layers — Gi* cells by confidence bin, emerging categories, density, cluster hulls, or a comparison's
// new/persistent/gone hotspots — and an optional drawing mode for a candidate polygon.
import 'maplibre-gl/dist/maplibre-gl.css';
import type { FeatureCollection, Polygon } from 'geojson';
import { useEffect, useRef, useState } from 'react';
import { maplibreLocaleOfPage } from '@/lib/map/maplibre-locale';
import type { AreaFeatureCollection, Bounds } from '@/lib/map/area-features';
import { BIN_COLOURS, EMERGING_COLOURS, STATUS_COLOURS } from './analysis-colours';

const WORKER_URL = '/maplibre-gl-worker.mjs';

export interface AnalysisMapProps {
  areas: AreaFeatureCollection;
  bounds: Bounds | null;
  method: 'gi_star' | 'dbscan' | 'kde' | 'emerging' | 'compare' | null;
  cells?: FeatureCollection<Polygon>;
  clusters?: FeatureCollection<Polygon>;
  /** Fit to these when they change (the result's extent). */
  fitTo?: Bounds | null;
  drawing?: boolean;
  onDrawn?: (polygon: { type: 'Polygon'; coordinates: [number, number][][] }) => void;
  ariaLabel: string;
}

declare global {
  interface Window {
    __lagesbildAnalysis?: { mapLoaded: boolean; cellsDrawn: number; clustersDrawn: number };
  }
}

const EMPTY: FeatureCollection = { type: 'FeatureCollection', features: [] };

type MapInstance = import('maplibre-gl').Map;

function fillColour(method: AnalysisMapProps['method']): unknown {
  if (method === 'gi_star') return ['match', ['to-string', ['get', 'bin']], ...Object.entries(BIN_COLOURS).flat(), '#ffffff'];
  if (method === 'emerging') return ['case', ['<', ['get', 'side'], 0], '#6baed6', ['match', ['get', 'category'], ...Object.entries(EMERGING_COLOURS).flat(), '#ffffff']];
  if (method === 'kde') return ['interpolate', ['linear'], ['get', 'density'], 0, '#ffffb2', 50, '#fecc5c', 200, '#fd8d3c', 800, '#e31a1c'];
  if (method === 'compare') return ['match', ['get', 'status'], 'new', STATUS_COLOURS.new, 'persistent', STATUS_COLOURS.persistent, STATUS_COLOURS.gone];
  return '#ffffff';
}

export function AnalysisMap(props: AnalysisMapProps) {
  const { areas, bounds, method, cells, clusters, fitTo, drawing, ariaLabel } = props;
  const container = useRef<HTMLDivElement>(null);
  const [map, setMap] = useState<MapInstance | null>(null);
  const latest = useRef(props);
  latest.current = props;
  const vertices = useRef<[number, number][]>([]);

  useEffect(() => {
    const el = container.current;
    if (!el) return;
    window.__lagesbildAnalysis = { mapLoaded: false, cellsDrawn: 0, clustersDrawn: 0 };
    let disposed = false;
    let instance: MapInstance | null = null;
    (async () => {
      const [maplibre, style] = await Promise.all([import('maplibre-gl'), import('@/lib/map/offline-style')]);
      if (disposed) return;
      maplibre.setWorkerUrl(WORKER_URL);
      instance = new maplibre.Map({
        container: el,
        locale: maplibreLocaleOfPage(),
        style: style.buildOfflineStyle(areas),
        bounds: bounds ?? undefined,
        fitBoundsOptions: { padding: 24 },
        attributionControl: false,
        dragRotate: false,
        doubleClickZoom: false,
      });
      instance.addControl(new maplibre.NavigationControl({ showCompass: false }), 'top-right');
      instance.addControl(new maplibre.ScaleControl({ unit: 'metric' }), 'bottom-right');
      const m = instance;
      m.on('load', () => {
        m.addSource('analysis-cells', { type: 'geojson', data: EMPTY });
        m.addSource('analysis-clusters', { type: 'geojson', data: EMPTY });
        m.addSource('analysis-draw', { type: 'geojson', data: EMPTY });
        m.addLayer({ id: 'analysis-cells-fill', type: 'fill', source: 'analysis-cells', paint: { 'fill-color': '#ffffff', 'fill-opacity': 0.75 } });
        m.addLayer({ id: 'analysis-cells-line', type: 'line', source: 'analysis-cells', paint: { 'line-color': '#555', 'line-width': 0.4, 'line-opacity': 0.6 } });
        m.addLayer({ id: 'analysis-clusters-fill', type: 'fill', source: 'analysis-clusters', paint: { 'fill-color': '#6a51a3', 'fill-opacity': 0.35 } });
        m.addLayer({ id: 'analysis-clusters-line', type: 'line', source: 'analysis-clusters', paint: { 'line-color': '#3f007d', 'line-width': 2 } });
        m.addLayer({ id: 'analysis-draw-line', type: 'line', source: 'analysis-draw', paint: { 'line-color': '#0b63ce', 'line-width': 2, 'line-dasharray': [2, 1] } });
        window.__lagesbildAnalysis!.mapLoaded = true;
        setMap(m);
      });
      m.on('click', (e) => {
        if (!latest.current.drawing) return;
        vertices.current.push([Math.round(e.lngLat.lng * 1e6) / 1e6, Math.round(e.lngLat.lat * 1e6) / 1e6]);
        const line = vertices.current.length > 1 ? [...vertices.current, vertices.current[0]] : vertices.current;
        (m.getSource('analysis-draw') as import('maplibre-gl').GeoJSONSource | undefined)?.setData({
          type: 'FeatureCollection',
          features: line.length > 1 ? [{ type: 'Feature', geometry: { type: 'LineString', coordinates: line }, properties: {} }] : [],
        });
      });
      m.on('dblclick', () => {
        if (!latest.current.drawing || vertices.current.length < 3) return;
        const ring = [...vertices.current, vertices.current[0]];
        vertices.current = [];
        latest.current.onDrawn?.({ type: 'Polygon', coordinates: [ring] });
      });
    })();
    return () => {
      disposed = true;
      instance?.remove();
      setMap(null);
    };
    // One map per page: later props are applied by the effects below.
  }, []);

  useEffect(() => {
    if (!map) return;
    (map.getSource('analysis-cells') as import('maplibre-gl').GeoJSONSource).setData(cells ?? EMPTY);
    (map.getSource('analysis-clusters') as import('maplibre-gl').GeoJSONSource).setData(clusters ?? EMPTY);
    map.setPaintProperty('analysis-cells-fill', 'fill-color', fillColour(method) as never);
    if (method === 'compare') map.setPaintProperty('analysis-clusters-fill', 'fill-color', fillColour('compare') as never);
    window.__lagesbildAnalysis = { mapLoaded: true, cellsDrawn: cells?.features.length ?? 0, clustersDrawn: clusters?.features.length ?? 0 };
    if (fitTo) map.fitBounds(fitTo, { padding: 40, maxZoom: 14, duration: 0 });
  }, [map, cells, clusters, method, fitTo]);

  useEffect(() => {
    if (!map) return;
    map.getCanvas().style.cursor = drawing ? 'crosshair' : '';
    if (!drawing) {
      vertices.current = [];
      (map.getSource('analysis-draw') as import('maplibre-gl').GeoJSONSource | undefined)?.setData(EMPTY);
    }
  }, [map, drawing]);

  return <div ref={container} className="analysis-map" role="region" aria-label={ariaLabel} data-testid="analysis-map" style={{ position: 'absolute', inset: 0 }} />;
}
