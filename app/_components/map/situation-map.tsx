'use client';
import 'maplibre-gl/dist/maplibre-gl.css';
import { useEffect, useRef, useState } from 'react';
import { formattingLocale, getTranslator, type Locale } from '@/lib/i18n/translate';
import type { AreaFeatureCollection, Bounds } from '@/lib/map/area-features';
import type { PlaceFeatureCollection } from '@/lib/map/place-features';
import type { PackedPoints } from '@/lib/map/point-pack';
import type { MapLayer, MapView } from '@/lib/schemas/map-filters';

/** Worker copied into public/ by scripts/copy-assets.mjs (Next does not emit MapLibre 6's worker). */
const WORKER_URL = '/maplibre-gl-worker.mjs';
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
  /** Features in the unsafe-place and vandalism layers (null: layer hidden). */
  unsafeCount?: number | null;
  vandalismCount?: number | null;
  view?: MapView;
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
  /** Path and query of the points API for the current filter (the page picks the endpoint). */
  pointsUrl: string;
  layers: readonly MapLayer[];
  view: MapView;
  unsafePlaces: PlaceFeatureCollection | null;
  vandalism: PlaceFeatureCollection | null;
  basemapStyleUrl: string | null;
}

type LoadState = { status: 'loading' } | { status: 'ready'; count: number; truncated: boolean } | { status: 'error'; message: string };

type Libs = Awaited<ReturnType<typeof loadLibs>>;

interface Engine {
  libs: Libs;
  overlay: InstanceType<Libs['mapbox']['MapboxOverlay']>;
  /** Area labels currently placed (recomputed on zoom and resize). */
  labels: unknown;
  /** The layer whose load sets the test flag (incidents in the current view), or null. */
  main: { isLoaded: boolean } | null;
  render: () => void;
}

interface LoadedPoints {
  points: PackedPoints;
  scatter: unknown;
  indices: Uint32Array;
}

function loadLibs() {
  return Promise.all([
    import('maplibre-gl'),
    import('@deck.gl/mapbox'),
    import('@/lib/map/offline-style'),
    import('@/lib/map/incident-layer'),
    import('@/lib/map/area-label-layer'),
    import('@/lib/map/area-features'),
    import('@/lib/map/deck-maplibre-compat'),
    import('@/lib/map/label-placement'),
    import('@/lib/map/place-layer'),
    import('@/lib/map/density-layer'),
  ]).then(([maplibre, mapbox, style, incident, label, features, compat, placement, place, density]) => ({
    maplibre,
    mapbox,
    style,
    incident,
    label,
    features,
    compat,
    placement,
    place,
    density,
  }));
}

function formatDate(locale: Locale, iso: string): string {
  return new Intl.DateTimeFormat(formattingLocale(locale), { dateStyle: 'medium', timeZone: 'UTC' }).format(new Date(`${iso}T00:00:00Z`));
}

function flags(): LagesbildTestFlags {
  window.__lagesbild ??= { mapLoaded: false, deckRendered: false, pointCount: null, apiPointCount: null };
  return window.__lagesbild;
}

export function SituationMap(props: SituationMapProps) {
  const { locale, municipalityCode, municipalityName, areas, period, pointsUrl, layers, view, unsafePlaces, vandalism, basemapStyleUrl } = props;
  const t = getTranslator(locale);
  const containerRef = useRef<HTMLDivElement>(null);
  const [load, setLoad] = useState<LoadState>({ status: 'loading' });
  const [mapProblem, setMapProblem] = useState<string | null>(null);
  const [engine, setEngine] = useState<Engine | null>(null);
  const [loaded, setLoaded] = useState<LoadedPoints | null>(null);
  // The map is built once per municipality and basemap; later props (new object identities after
  // each URL change) are read from this ref, so a filter change never rebuilds the map.
  const latest = useRef(props);
  latest.current = props;
  const showIncidents = layers.includes('incidents');

  useEffect(() => {
    const container = containerRef.current;
    if (!container) return;
    window.__lagesbild = { mapLoaded: false, deckRendered: false, pointCount: null, apiPointCount: null };
    let disposed = false;
    let cleanup: (() => void) | null = null;
    (async () => {
      const libs = await loadLibs();
      if (disposed) return;
      const { areas: initialAreas, bounds } = latest.current;
      libs.maplibre.setWorkerUrl(WORKER_URL);
      const map = new libs.maplibre.Map({
        container,
        style: basemapStyleUrl ?? libs.style.buildOfflineStyle(initialAreas),
        bounds: bounds ?? undefined,
        fitBoundsOptions: { padding: 32 },
        attributionControl: basemapStyleUrl ? { compact: true } : false,
        dragRotate: false,
        pitchWithRotate: false,
      });
      map.touchZoomRotate.disableRotation();
      libs.compat.exposeTransformForDeck(map);
      map.addControl(new libs.maplibre.NavigationControl({ showCompass: false }), 'top-right');
      map.addControl(new libs.maplibre.ScaleControl({ unit: 'metric' }), 'bottom-right');

      const eng: Engine = {
        libs,
        overlay: null as unknown as Engine['overlay'],
        labels: null,
        main: null,
        render: () => undefined,
      };
      eng.overlay = new libs.mapbox.MapboxOverlay({
        interleaved: true,
        layers: [],
        onAfterRender: () => {
          const f = flags();
          if (f.deckRendered || f.apiPointCount === null) return;
          if (!eng.main || eng.main.isLoaded) f.deckRendered = true;
        },
      });
      map.addControl(eng.overlay);

      // A missing worker file fails silently (STACK.md pitfall 1): say so if `load` never comes.
      const loadTimer = window.setTimeout(() => {
        if (!flags().mapLoaded) setMapProblem(t('map.notLoaded', { seconds: LOAD_WARNING_S }));
      }, LOAD_WARNING_S * 1000);
      map.on('error', (e: { error?: { message?: string } }) => {
        setMapProblem(t('map.mapError', { message: e.error?.message ?? '?' }));
      });
      map.on('load', () => {
        window.clearTimeout(loadTimer);
        if (basemapStyleUrl) {
          map.addSource(libs.style.AREA_SOURCE_ID, libs.style.areaSource(initialAreas));
          for (const layer of libs.style.outlineLayers()) map.addLayer(layer);
        }
        flags().mapLoaded = true;
      });

      // Labels above points, so names stay readable over dense clusters; only labels that fit are drawn.
      const allLabels = libs.features.districtLabels(initialAreas);
      const placeVisibleLabels = () => {
        const candidates = allLabels.map((l) => {
          const p = map.project([l.labelLon, l.labelLat]);
          return { id: l.id, text: l.name, x: p.x, y: p.y, priority: l.areaKm2 };
        });
        const shown = new Set(libs.placement.placeLabels(candidates, { fontSizePx: libs.label.AREA_LABEL_SIZE_PX }));
        const visible = allLabels.filter((l) => shown.has(l.id));
        // No label layer until placed: an empty TextLayer makes an empty font atlas (a WebGL warning).
        eng.labels = visible.length ? libs.label.createAreaLabelLayer(visible) : null;
        eng.render();
      };
      map.on('load', placeVisibleLabels);
      map.on('zoomend', placeVisibleLabels);
      map.on('resize', placeVisibleLabels);

      cleanup = () => {
        window.clearTimeout(loadTimer);
        map.removeControl(eng.overlay);
        map.remove();
      };
      setEngine(eng);
    })();
    return () => {
      disposed = true;
      cleanup?.();
      setEngine(null);
    };
    // Built once per municipality and basemap (later props are read from `latest`).
  }, [municipalityCode, basemapStyleUrl]);

  // Points: refetched only when the points query changes (not for view, layer or status changes).
  useEffect(() => {
    if (!showIncidents) {
      setLoaded(null);
      const f = flags();
      f.apiPointCount = 0;
      f.pointCount = 0;
      f.deckRendered = false;
      return;
    }
    const abort = new AbortController();
    let disposed = false;
    setLoad({ status: 'loading' });
    const f = flags();
    f.deckRendered = false;
    f.apiPointCount = null;
    (async () => {
      try {
        const [res, packLib, incidentLib, densityLib] = await Promise.all([
          fetch(pointsUrl, { signal: abort.signal, cache: 'no-store' }),
          import('@/lib/map/point-pack'),
          import('@/lib/map/incident-layer'),
          import('@/lib/map/density-layer'),
        ]);
        if (!res.ok) {
          const body = (await res.json().catch(() => null)) as { error?: { message?: string } } | null;
          throw new Error(body?.error?.message ?? `HTTP ${res.status}`);
        }
        const points = packLib.unpackPoints(await res.arrayBuffer());
        if (disposed) return;
        setLoaded({ points, scatter: incidentLib.incidentLayerData(points), indices: densityLib.pointIndices(points) });
        setLoad({ status: 'ready', count: points.count, truncated: points.truncated });
      } catch (err) {
        if (disposed || abort.signal.aborted) return;
        setLoad({ status: 'error', message: (err as Error).message });
      }
    })();
    return () => {
      disposed = true;
      abort.abort();
    };
  }, [pointsUrl, showIncidents]);

  // Layers: rebuilt from props with stable ids, so deck.gl diffs instead of rebuilding.
  useEffect(() => {
    if (!engine) return;
    const { libs } = engine;
    engine.render = () => {
      let main: Engine['main'] = null;
      const out: unknown[] = [];
      if (loaded && showIncidents) {
        if (view === 'hex') main = libs.density.createHexLayer(loaded.points, loaded.indices);
        else if (view === 'heat') main = libs.density.createHeatLayer(loaded.points, loaded.indices);
        else main = libs.incident.createIncidentLayer(loaded.scatter as ReturnType<typeof libs.incident.incidentLayerData>);
        out.push(main);
      }
      if (unsafePlaces) out.push(libs.place.createPlaceLayer(libs.place.UNSAFE_LAYER_ID, unsafePlaces));
      if (vandalism) out.push(libs.place.createPlaceLayer(libs.place.VANDALISM_LAYER_ID, vandalism));
      if (engine.labels) out.push(engine.labels);
      engine.main = main;
      engine.overlay.setProps({ layers: out as never[] });
    };
    const f = flags();
    f.view = view;
    f.unsafeCount = unsafePlaces ? unsafePlaces.features.length : null;
    f.vandalismCount = vandalism ? vandalism.features.length : null;
    if (loaded && showIncidents) {
      f.apiPointCount = loaded.points.count;
      f.pointCount = loaded.points.count;
      f.deckRendered = false;
    }
    engine.render();
  }, [engine, loaded, showIncidents, view, unsafePlaces, vandalism]);

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
        {showIncidents && load.status === 'loading' ? <p>{t('map.loading')}</p> : null}
        {mapProblem ? (
          <p className="map-panel__error" data-testid="map-problem">
            {mapProblem}
          </p>
        ) : null}
        {showIncidents && load.status === 'error' ? <p className="map-panel__error">{t('map.loadError', { message: load.message })}</p> : null}
        {showIncidents && load.status === 'ready' ? (
          <p className="map-panel__count" data-testid="point-count" data-count={load.count}>
            {t('map.pointsShown', { count: load.count })}
          </p>
        ) : null}
        {showIncidents && load.status === 'ready' && load.truncated ? <p className="map-panel__error">{t('map.pointsTruncated', { count: load.count })}</p> : null}
        {areas.features.some((f) => f.properties.kind === 'municipality') ? null : <p className="map-panel__muted">{t('map.noOutline')}</p>}
      </section>
    </>
  );
}
