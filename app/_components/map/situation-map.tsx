'use client';
import 'maplibre-gl/dist/maplibre-gl.css';
import { useEffect, useRef, useState } from 'react';
import { formattingLocale, getTranslator, type Locale } from '@/lib/i18n/translate';
import type { AreaFeatureCollection, Bounds } from '@/lib/map/area-features';
import type { PackedPoints } from '@/lib/map/point-pack';
import { filtersToSearchParams } from '@/lib/schemas/map-filters';

/** Worker copied into public/ by scripts/copy-assets.mjs (Next does not emit MapLibre 6's worker). */
const WORKER_URL = '/maplibre-gl-worker.mjs';
const POINTS_URL = '/api/v1/incidents/points';
/** After this long without the map's `load`, tell the operator what usually causes it. */
const LOAD_WARNING_S = 20;

/** Flags for end-to-end tests: set on map `load` and after deck.gl drew the incident layer. */
export interface LagesbildTestFlags {
  mapLoaded: boolean;
  deckRendered: boolean;
  /** Points in the incident layer's data. */
  pointCount: number | null;
  /** Points the API returned. */
  apiPointCount: number | null;
}

declare global {
  interface Window {
    __lagesbild?: LagesbildTestFlags;
  }
}

export interface SituationMapProps {
  locale: Locale;
  municipalityCode: string;
  municipalityName: string;
  areas: AreaFeatureCollection;
  bounds: Bounds | null;
  period: { from: string; to: string };
  /** Only these categories (from the URL), or all the map may show. */
  categories: string[] | null;
  basemapStyleUrl: string | null;
}

type LoadState = { status: 'loading' } | { status: 'ready'; count: number; truncated: boolean } | { status: 'error'; message: string };

function formatDate(locale: Locale, iso: string): string {
  return new Intl.DateTimeFormat(formattingLocale(locale), { dateStyle: 'medium', timeZone: 'UTC' }).format(new Date(`${iso}T00:00:00Z`));
}

export function SituationMap({ locale, municipalityCode, municipalityName, areas, bounds, period, categories, basemapStyleUrl }: SituationMapProps) {
  const t = getTranslator(locale);
  const containerRef = useRef<HTMLDivElement>(null);
  const [load, setLoad] = useState<LoadState>({ status: 'loading' });
  const [mapProblem, setMapProblem] = useState<string | null>(null);

  useEffect(() => {
    const container = containerRef.current;
    if (!container) return;
    const flags: LagesbildTestFlags = { mapLoaded: false, deckRendered: false, pointCount: null, apiPointCount: null };
    window.__lagesbild = flags;
    let disposed = false;
    let cleanup: (() => void) | null = null;
    const abort = new AbortController();

    // Fetch the points while the map libraries load: neither waits for the other.
    const params = filtersToSearchParams({ municipality: municipalityCode, from: period.from, to: period.to, categories: categories ?? undefined });
    const pointsResponse = fetch(`${POINTS_URL}?${params.toString()}`, { signal: abort.signal, cache: 'no-store' });
    pointsResponse.catch(() => undefined); // handled below; avoids an unhandled rejection on abort

    (async () => {
      const [maplibre, { MapboxOverlay }, styleLib, incidentLib, labelLib, featuresLib, packLib, compat, placement] = await Promise.all([
        import('maplibre-gl'),
        import('@deck.gl/mapbox'),
        import('@/lib/map/offline-style'),
        import('@/lib/map/incident-layer'),
        import('@/lib/map/area-label-layer'),
        import('@/lib/map/area-features'),
        import('@/lib/map/point-pack'),
        import('@/lib/map/deck-maplibre-compat'),
        import('@/lib/map/label-placement'),
      ]);
      if (disposed) return;
      maplibre.setWorkerUrl(WORKER_URL);
      const map = new maplibre.Map({
        container,
        style: basemapStyleUrl ?? styleLib.buildOfflineStyle(areas),
        bounds: bounds ?? undefined,
        fitBoundsOptions: { padding: 32 },
        attributionControl: basemapStyleUrl ? { compact: true } : false,
        dragRotate: false,
        pitchWithRotate: false,
      });
      map.touchZoomRotate.disableRotation();
      compat.exposeTransformForDeck(map);
      map.addControl(new maplibre.NavigationControl({ showCompass: false }), 'top-right');
      map.addControl(new maplibre.ScaleControl({ unit: 'metric' }), 'bottom-right');

      let incidentLayer: ReturnType<typeof incidentLib.createIncidentLayer> | null = null;
      const overlay = new MapboxOverlay({
        interleaved: true,
        layers: [],
        onAfterRender: () => {
          if (incidentLayer?.isLoaded && !flags.deckRendered) {
            flags.pointCount = incidentLayer.props.data ? (incidentLayer.props.data as { length: number }).length : 0;
            flags.deckRendered = true;
          }
        },
      });
      map.addControl(overlay);

      // A missing worker file fails silently (STACK.md pitfall 1): say so if `load` never comes.
      const loadTimer = window.setTimeout(() => {
        if (!flags.mapLoaded) setMapProblem(t('map.notLoaded', { seconds: LOAD_WARNING_S }));
      }, LOAD_WARNING_S * 1000);
      map.on('error', (e: { error?: { message?: string } }) => {
        setMapProblem(t('map.mapError', { message: e.error?.message ?? '?' }));
      });
      map.on('load', () => {
        window.clearTimeout(loadTimer);
        if (basemapStyleUrl) {
          // A configured street map: lay the outlines over it.
          map.addSource(styleLib.AREA_SOURCE_ID, styleLib.areaSource(areas));
          for (const layer of styleLib.outlineLayers()) map.addLayer(layer);
        }
        flags.mapLoaded = true;
      });

      // Labels above points, so names stay readable over dense clusters; only labels that fit are drawn.
      const allLabels = featuresLib.districtLabels(areas);
      // No label layer until placed: an empty TextLayer makes an empty font atlas (a WebGL warning).
      let labels: ReturnType<typeof labelLib.createAreaLabelLayer> | null = null;
      const layers = () => [incidentLayer, labels].filter((l) => l !== null);
      const placeVisibleLabels = () => {
        const candidates = allLabels.map((l) => {
          const p = map.project([l.labelLon, l.labelLat]);
          return { id: l.id, text: l.name, x: p.x, y: p.y, priority: l.areaKm2 };
        });
        const shown = new Set(placement.placeLabels(candidates, { fontSizePx: labelLib.AREA_LABEL_SIZE_PX }));
        const visible = allLabels.filter((l) => shown.has(l.id));
        labels = visible.length ? labelLib.createAreaLabelLayer(visible) : null;
        overlay.setProps({ layers: layers() });
      };
      map.on('load', placeVisibleLabels);
      map.on('zoomend', placeVisibleLabels);
      map.on('resize', placeVisibleLabels);

      cleanup = () => {
        window.clearTimeout(loadTimer);
        map.removeControl(overlay);
        map.remove();
      };

      try {
        const res = await pointsResponse;
        if (!res.ok) {
          const body = (await res.json().catch(() => null)) as { error?: { message?: string } } | null;
          throw new Error(body?.error?.message ?? `HTTP ${res.status}`);
        }
        const points: PackedPoints = packLib.unpackPoints(await res.arrayBuffer());
        if (disposed) return;
        flags.apiPointCount = points.count;
        incidentLayer = incidentLib.createIncidentLayer(incidentLib.incidentLayerData(points));
        overlay.setProps({ layers: layers() });
        setLoad({ status: 'ready', count: points.count, truncated: points.truncated });
      } catch (err) {
        if (disposed) return;
        setLoad({ status: 'error', message: (err as Error).message });
      }
    })();

    return () => {
      disposed = true;
      abort.abort();
      cleanup?.();
    };
  }, [areas, bounds, basemapStyleUrl, municipalityCode, period.from, period.to, categories]);

  return (
    <>
      <div
        ref={containerRef}
        className="map-canvas"
        role="region"
        aria-label={t('map.ariaLabel', { municipality: municipalityName })}
        data-testid="situation-map"
      />
      <section className="map-panel map-panel--summary" aria-live="polite" data-testid="map-summary">
        <h1>{t('map.heading')}</h1>
        <p className="map-panel__muted">{t('map.period', { from: formatDate(locale, period.from), to: formatDate(locale, period.to) })}</p>
        {load.status === 'loading' ? <p>{t('map.loading')}</p> : null}
        {mapProblem ? (
          <p className="map-panel__error" data-testid="map-problem">
            {mapProblem}
          </p>
        ) : null}
        {load.status === 'error' ? <p className="map-panel__error">{t('map.loadError', { message: load.message })}</p> : null}
        {load.status === 'ready' ? (
          <p className="map-panel__count" data-testid="point-count" data-count={load.count}>
            {t('map.pointsShown', { count: load.count })}
          </p>
        ) : null}
        {load.status === 'ready' && load.truncated ? <p className="map-panel__error">{t('map.pointsTruncated', { count: load.count })}</p> : null}
        {areas.features.some((f) => f.properties.kind === 'municipality') ? null : <p className="map-panel__muted">{t('map.noOutline')}</p>}
        <p className="map-panel__muted">{t('map.scopeNote')}</p>
      </section>
    </>
  );
}
