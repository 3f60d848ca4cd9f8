'use client';
import 'maplibre-gl/dist/maplibre-gl.css';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { maplibreLocaleOfPage } from '@/lib/map/maplibre-locale';
import { formattingLocale, getTranslator, type Locale } from '@/lib/i18n/translate';
import type { AreaFeatureCollection, Bounds } from '@/lib/map/area-features';
import { countExtent, HEX_RADIUS_M } from '@/lib/map/count-ramp';
import { AGGREGATE_HEX_SIZE_M, exactAggregateCells, type ExactHexAggregatesDto, type HexAggregateCell, type HexAggregatesDto } from '@/lib/map/hex-aggregates';
import { type IncidentLegend, incidentLegendFor } from '@/lib/map/incident-legend';
import { mergePointPacks } from '@/lib/map/merge-point-packs';
import type { PlaceFeatureCollection } from '@/lib/map/place-features';
import { filteredIndices, packServes, parsePointsRequest, type PointFilter, pointFilterFor, type PointsRequest } from '@/lib/map/point-filter';
import type { PackedPoints } from '@/lib/map/point-pack';
import { LruCache, type MapMode, mapModeFor, STREET_ZOOM, TILE_CACHE_SIZE, type Tile, tileBbox, tileKey, tilesForBounds } from '@/lib/map/viewport-tiles';
import type { SelectedKind, SelectionDto } from '@/lib/map/selection';
import type { MapLayer, MapView } from '@/lib/schemas/map-filters';
import { MapLegend } from './map-legend';
import { AreaPanel, RecordPanel, SelectionPanel, type SelectionState } from './map-panels';
import panels from './map-panels.module.css';

/** Worker copied into public/ by scripts/copy-assets.mjs (Next does not emit MapLibre 6's worker). */
const WORKER_URL = '/maplibre-gl-worker.mjs';
/** After this long without the map's `load`, tell the operator what usually causes it. */
const LOAD_WARNING_S = 20;
/** Exact aggregates kept in the browser (one per filter and cell size): zooming out and in again asks nothing. */
const AGGREGATE_CACHE_SIZE = 12;
/** The map's zoom and centre live in the URL's fragment (#map=zoom/lat/lng): a copied link opens the same view. */
const URL_HASH_NAME = 'map';

/** Flags for end-to-end tests: set on map `load` and after deck.gl drew the incident layer. */
export interface LagesbildTestFlags {
  mapLoaded: boolean;
  deckRendered: boolean;
  /** Incidents the map shows: the loaded points narrowed by the GPU filter, or the exact aggregate's total. */
  pointCount: number | null;
  /** Points the API returned (the sum over the loaded tiles; 0 while aggregates are shown). */
  apiPointCount: number | null;
  /** What the incident layer shows: exact hexagon counts below street zoom, points from it, or the council's suppressed cells. */
  mode?: 'aggregate' | 'points' | 'suppressed' | null;
  /** Hexagon edge of the exact aggregate shown (metres), else null. */
  cellSizeM?: number | null;
  /** Tiles (z/x/y) whose points are merged for the current view. */
  tiles?: string[];
  /** A request for the current view is still outstanding (deckRendered waits for it). */
  pending?: boolean;
  /** Features in the unsafe-place and vandalism layers (null: layer hidden). */
  unsafeCount?: number | null;
  vandalismCount?: number | null;
  view?: MapView;
  /** Hexagons of the server's suppressed aggregates drawn (viewers without exact access), else null. */
  aggregateCells?: number | null;
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
  /** Path and query of the points API for the current filter (the page picks the endpoint); tiles add a bbox. */
  pointsUrl: string | null;
  /** Exact hexagon counts of the same filter (GET /api/v1/aggregates/exact without `cell`), shown below street zoom. */
  exactAggregatesUrl?: string | null;
  layers: readonly MapLayer[];
  view: MapView;
  unsafePlaces: PlaceFeatureCollection | null;
  vandalism: PlaceFeatureCollection | null;
  basemapStyleUrl: string | null;
  /** A self-hosted PMTiles basemap file (used when no style URL is configured). */
  basemapPmtilesUrl?: string | null;
  /** Suppressed hexagon counts for viewers without exact access (then pointsUrl is null). */
  aggregatesUrl?: string | null;
  /** The map filter as URL parameters (no viewport): what a lasso and the area panel are computed under. */
  filterParams: Record<string, string>;
  /** Areas to open a panel for without clicking the map. */
  areaOptions: { id: string; name: string }[];
  /** The viewer may draw a lasso (exact access to some layer). */
  canSelect: boolean;
  /** The viewer may report records: the toolbar links to the capture page at the map's centre. */
  canCreate: boolean;
  /** Meeting mode is on: a banner says so, with today's EST meeting if recorded. */
  meeting: { on: boolean; kind: string | null; heldOn: string | null };
}

type Panel = { type: 'record'; kind: SelectedKind; id: string } | { type: 'selection'; ring: [number, number][]; state: SelectionState } | { type: 'area'; id: string } | null;

type LoadState = { status: 'loading' } | { status: 'ready'; count: number; truncated: boolean } | { status: 'error'; message: string };

type Libs = Awaited<ReturnType<typeof loadLibs>>;

interface Engine {
  libs: Libs;
  map: InstanceType<Libs['maplibre']['Map']>;
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
  /** The request the pack answered: later requests it holds are narrowed in the browser. */
  request: PointsRequest;
  /** Tiles merged into the pack. */
  tiles: string[];
}

/** Loaded tiles of one points request (its filter without a bbox): kept while later filters only narrow it. */
interface TileStore {
  url: string;
  request: PointsRequest;
  cache: LruCache<PackedPoints>;
  inflight: Map<string, Promise<PackedPoints>>;
  truncated: boolean;
  abort: AbortController;
}

type ExactState =
  | { status: 'loading' }
  | { status: 'ready'; dto: ExactHexAggregatesDto; cells: HexAggregateCell[]; extent: [number, number] | null }
  | { status: 'error'; message: string };

/** What the camera shows, reported on load and after each move: the mode by zoom, and the tiles at street zoom. */
interface ViewState {
  mode: MapMode;
  tiles: Tile[];
  tilesKey: string;
}

async function responseError(res: Response): Promise<Error> {
  const body = (await res.json().catch(() => null)) as { error?: { message?: string } } | null;
  return new Error(body?.error?.message ?? `HTTP ${res.status}`);
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
    import('@/lib/map/aggregate-layer'),
    import('@/lib/map/selection-layer'),
  ]).then(([maplibre, mapbox, style, incident, label, features, compat, placement, place, density, aggregate, selection]) => ({
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
    aggregate,
    selection,
  }));
}

function formatDate(locale: Locale, iso: string): string {
  return new Intl.DateTimeFormat(formattingLocale(locale), { dateStyle: 'medium', timeZone: 'UTC' }).format(new Date(`${iso}T00:00:00Z`));
}

function flags(): LagesbildTestFlags {
  window.__lagesbild ??= { mapLoaded: false, deckRendered: false, pointCount: null, apiPointCount: null, pending: true };
  return window.__lagesbild;
}

function sameView(a: ViewState | null, b: ViewState): boolean {
  if (!a || a.tilesKey !== b.tilesKey || a.mode.kind !== b.mode.kind) return false;
  return a.mode.kind === 'points' || (b.mode.kind === 'aggregate' && a.mode.cellSizeM === b.mode.cellSizeM);
}

export function SituationMap(props: SituationMapProps) {
  const { locale, municipalityCode, municipalityName, areas, period, pointsUrl, layers, view, unsafePlaces, vandalism, basemapStyleUrl, aggregatesUrl } = props;
  const exactAggregatesUrl = props.exactAggregatesUrl ?? null;
  const { filterParams, areaOptions, canSelect, canCreate, meeting } = props;
  const t = getTranslator(locale);
  const containerRef = useRef<HTMLDivElement>(null);
  const [load, setLoad] = useState<LoadState>({ status: 'loading' });
  const [mapProblem, setMapProblem] = useState<string | null>(null);
  const [engine, setEngine] = useState<Engine | null>(null);
  const engineRef = useRef<Engine | null>(null);
  engineRef.current = engine;
  const [loaded, setLoaded] = useState<LoadedPoints | null>(null);
  const loadedRef = useRef<LoadedPoints | null>(null);
  loadedRef.current = loaded;
  // What the current filter keeps of the loaded pack: a GPU filter for the points, the same indices
  // (on the CPU) for the count and for the hexagon and heat views.
  const [pointFilter, setPointFilter] = useState<PointFilter | null>(null);
  const shownIndices = useMemo(() => (loaded && pointFilter ? filteredIndices(loaded.points, pointFilter) : null), [loaded, pointFilter]);
  // The map is built once per municipality and basemap; later props (new object identities after
  // each URL change) are read from this ref, so a filter change never rebuilds the map.
  const latest = useRef(props);
  latest.current = props;
  const showIncidents = layers.includes('incidents');
  const [panel, setPanel] = useState<Panel>(null);
  const [lasso, setLasso] = useState<{ active: boolean; path: [number, number][]; drawing: boolean }>({ active: false, path: [], drawing: false });
  const [centre, setCentre] = useState<{ lat: number; lng: number; zoom: number } | null>(null);
  const [aggregates, setAggregates] = useState<{ status: 'loading' } | { status: 'ready'; dto: HexAggregatesDto } | { status: 'error'; message: string } | null>(null);
  // Exact-access viewers: below street zoom exact hexagon counts, from it points by tiles.
  const [viewState, setViewState] = useState<ViewState | null>(null);
  const [exact, setExact] = useState<ExactState | null>(null);
  const exactCache = useRef(new LruCache<{ dto: ExactHexAggregatesDto; cells: HexAggregateCell[]; extent: [number, number] | null }>(AGGREGATE_CACHE_SIZE));
  // [min, max] count per hexagon of the browser's hexagon view, as deck.gl spread its colours (for the legend).
  const [gpuHexDomain, setGpuHexDomain] = useState<[number, number] | null>(null);
  const onHexColorDomain = useCallback((d: [number, number]) => {
    setGpuHexDomain((prev) => (prev && prev[0] === d[0] && prev[1] === d[1] ? prev : [d[0], d[1]]));
  }, []);
  const tileStore = useRef<TileStore | null>(null);
  const mode = viewState?.mode ?? null;
  const pointsMode = mode?.kind === 'points';
  const aggregateMode = mode?.kind === 'aggregate' && !!exactAggregatesUrl;
  const filterKey = JSON.stringify(filterParams);

  /** POSTs a polygon to the selection API under the current filter (layers: only these, e.g. a click). */
  const runSelection = useCallback(
    async (ring: [number, number][], options: { layers?: string; openSingle?: boolean } = {}) => {
      const filters = { ...(JSON.parse(filterKey) as Record<string, string>), ...(options.layers ? { layers: options.layers } : {}) };
      if (!options.openSingle) setPanel({ type: 'selection', ring, state: { status: 'loading' } });
      try {
        const res = await fetch('/api/v1/selection', {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ polygon: { type: 'Polygon', coordinates: [ring] }, filters }),
        });
        const body = (await res.json().catch(() => null)) as (SelectionDto & { error?: { message?: string } }) | null;
        if (!res.ok || !body) throw new Error(body?.error?.message ?? `HTTP ${res.status}`);
        if (options.openSingle && body.records.length === 1) setPanel({ type: 'record', kind: body.records[0].kind, id: body.records[0].id });
        else if (!options.openSingle || body.records.length > 1) setPanel({ type: 'selection', ring, state: { status: 'ready', dto: body } });
      } catch (err) {
        setPanel({ type: 'selection', ring, state: { status: 'error', message: (err as Error).message } });
      }
    },
    [filterKey],
  );

  const exportSelection = useCallback(
    async (ring: [number, number][], format: 'csv' | 'geojson') => {
      const res = await fetch('/api/v1/selection/export', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ polygon: { type: 'Polygon', coordinates: [ring] }, filters: JSON.parse(filterKey), format }),
      });
      if (!res.ok) {
        const body = (await res.json().catch(() => null)) as { error?: { message?: string } } | null;
        throw new Error(body?.error?.message ?? `HTTP ${res.status}`);
      }
      const name = /filename="([^"]+)"/.exec(res.headers.get('content-disposition') ?? '')?.[1] ?? `urval.${format === 'csv' ? 'csv' : 'geojson'}`;
      const url = URL.createObjectURL(await res.blob());
      const a = document.createElement('a');
      a.href = url;
      a.download = name;
      document.body.appendChild(a);
      a.click();
      a.remove();
      window.setTimeout(() => URL.revokeObjectURL(url), 10_000);
    },
    [filterKey],
  );

  // A click on the map: a place symbol opens its record; an incident point asks the server which
  // records lie under the pointer (the browser holds no ids); elsewhere, the area under it.
  const clickRef = useRef<(p: { x: number; y: number }) => void>(() => undefined);
  clickRef.current = (p) => {
    const eng = engineRef.current;
    if (!eng || lasso.active) return;
    const picked = eng.overlay.pickObject({ x: p.x, y: p.y, radius: 6 }) as { layer?: { id: string }; object?: unknown } | null;
    const layerId = picked?.layer?.id;
    if (layerId === eng.libs.place.UNSAFE_LAYER_ID || layerId === eng.libs.place.VANDALISM_LAYER_ID) {
      const f = picked!.object as { properties: { id: string; layer: 'unsafe' | 'vandalism' } };
      setPanel({ type: 'record', kind: f.properties.layer === 'unsafe' ? 'unsafe-place' : 'vandalism', id: f.properties.id });
      return;
    }
    // An exact hexagon zooms to street level there, where its points load.
    if (layerId === eng.libs.aggregate.AGGREGATE_HEX_LAYER_ID && aggregateMode) {
      const cell = picked!.object as HexAggregateCell;
      eng.map.easeTo({ center: cell.centre, zoom: STREET_ZOOM });
      return;
    }
    if (layerId === eng.libs.incident.INCIDENT_LAYER_ID) {
      const r = 6;
      const ring = [
        [p.x - r, p.y - r],
        [p.x + r, p.y - r],
        [p.x + r, p.y + r],
        [p.x - r, p.y + r],
        [p.x - r, p.y - r],
      ].map(([x, y]) => {
        const ll = eng.map.unproject([x, y]);
        return [ll.lng, ll.lat] as [number, number];
      });
      void runSelection(ring, { layers: 'incidents', openSingle: true });
      return;
    }
    const hits = eng.map.queryRenderedFeatures([p.x, p.y], { layers: ['district-fill', 'area-fill'].filter((id) => eng.map.getLayer(id)) });
    const areasHit = hits
      .map((h: { properties?: Record<string, unknown> }) => h.properties ?? {})
      .filter((pr: Record<string, unknown>) => typeof pr.id === 'string')
      .sort((a: Record<string, unknown>, b: Record<string, unknown>) => Number(a.areaKm2) - Number(b.areaKm2));
    if (areasHit.length) setPanel({ type: 'area', id: String(areasHit[0].id) });
  };

  // Esc cancels a lasso being drawn, else closes the open panel.
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== 'Escape') return;
      if (lasso.active) setLasso({ active: false, path: [], drawing: false });
      else if (panel) setPanel(null);
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [lasso.active, panel]);

  const finishLasso = (path: [number, number][]) => {
    const eng = engineRef.current;
    setLasso({ active: false, path: [], drawing: false });
    if (!eng) return;
    const thinned = eng.libs.selection.thinScreenPath(path);
    if (!thinned) return;
    const ring = thinned.map(([x, y]) => {
      const ll = eng.map.unproject([x, y]);
      return [ll.lng, ll.lat] as [number, number];
    });
    ring.push(ring[0]);
    void runSelection(ring);
  };

  const selectView = () => {
    const eng = engineRef.current;
    if (!eng) return;
    const b = eng.map.getBounds();
    const [w, s, e, n] = [b.getWest(), b.getSouth(), b.getEast(), b.getNorth()];
    void runSelection([
      [w, s],
      [e, s],
      [e, n],
      [w, n],
      [w, s],
    ]);
  };

  useEffect(() => {
    const container = containerRef.current;
    if (!container) return;
    window.__lagesbild = { mapLoaded: false, deckRendered: false, pointCount: null, apiPointCount: null, pending: true };
    let disposed = false;
    let cleanup: (() => void) | null = null;
    (async () => {
      const libs = await loadLibs();
      if (disposed) return;
      const { areas: initialAreas, bounds } = latest.current;
      libs.maplibre.setWorkerUrl(WORKER_URL);
      const pmtilesUrl = latest.current.basemapPmtilesUrl ?? null;
      // pmtiles:// sources (our PMTiles style, or a configured style that uses one) read the archive by HTTP range requests.
      if (pmtilesUrl || basemapStyleUrl) {
        const { Protocol } = await import('pmtiles');
        if (disposed) return;
        const protocol = new Protocol();
        libs.maplibre.addProtocol('pmtiles', protocol.tile);
      }
      const pmtilesStyle = !basemapStyleUrl && pmtilesUrl ? (await import('@/lib/map/pmtiles-style')).buildPmtilesStyle(initialAreas, pmtilesUrl) : null;
      if (disposed) return;
      const map = new libs.maplibre.Map({
        container,
        locale: maplibreLocaleOfPage(),
        style: basemapStyleUrl ?? pmtilesStyle ?? libs.style.buildOfflineStyle(initialAreas),
        bounds: bounds ?? undefined,
        fitBoundsOptions: { padding: 32 },
        // Zoom and centre in the URL's fragment (a hash change reloads no page); without one, the municipality's bounds.
        hash: URL_HASH_NAME,
        attributionControl: basemapStyleUrl || pmtilesStyle ? { compact: true } : false,
        dragRotate: false,
        pitchWithRotate: false,
      });
      map.touchZoomRotate.disableRotation();
      libs.compat.exposeTransformForDeck(map);
      map.addControl(new libs.maplibre.NavigationControl({ showCompass: false }), 'top-right');
      map.addControl(new libs.maplibre.ScaleControl({ unit: 'metric' }), 'bottom-right');

      const eng: Engine = {
        libs,
        map,
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
          if (f.deckRendered || f.pending) return;
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
      map.on('click', (e: { point: { x: number; y: number } }) => clickRef.current(e.point));
      const reportCentre = () => {
        const c = map.getCenter();
        const zoom = map.getZoom();
        setCentre({ lat: c.lat, lng: c.lng, zoom });
        const mode = mapModeFor(zoom);
        const b = map.getBounds();
        const tiles = mode.kind === 'points' ? tilesForBounds([b.getWest(), b.getSouth(), b.getEast(), b.getNorth()]) : [];
        const next: ViewState = { mode, tiles, tilesKey: tiles.map(tileKey).sort().join(' ') };
        // Only a new mode, cell size or tile set is a new state: a pan inside the loaded tiles changes nothing.
        setViewState((prev) => (sameView(prev, next) ? prev : next));
      };
      map.on('moveend', reportCentre);
      map.on('load', reportCentre);
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

  // Points at street zoom, by fixed tiles (lib/map/viewport-tiles.ts): the tiles of the view that are not
  // loaded yet are fetched in parallel, kept per points request, and merged for the layers. A filter that
  // only narrows the loaded request (a shorter period, fewer categories) keeps the tiles and the GPU
  // narrows them; any other filter change starts a new store. Tiles outside the view stay cached.
  const tilesKey = viewState?.tilesKey ?? '';
  useEffect(() => {
    const f = flags();
    if (!showIncidents || !pointsUrl) {
      tileStore.current?.abort.abort();
      tileStore.current = null;
      setLoaded(null);
      setPointFilter(null);
      f.apiPointCount = 0;
      f.pointCount = 0;
      f.tiles = [];
      f.pending = false;
      f.deckRendered = false;
      return;
    }
    if (!pointsMode || !viewState) return;
    const wanted = parsePointsRequest(pointsUrl);
    let store = tileStore.current;
    if (!store || (store.url !== pointsUrl && !packServes(store.request, store.truncated, wanted))) {
      store?.abort.abort();
      store = { url: pointsUrl, request: wanted, cache: new LruCache(TILE_CACHE_SIZE), inflight: new Map(), truncated: false, abort: new AbortController() };
      tileStore.current = store;
    }
    const current = store;
    const tiles = viewState.tiles;
    const keys = tiles.map(tileKey);
    const held = loadedRef.current;
    // Same tiles of the same store: only the GPU filter changes.
    if (held && held.request === current.request && held.tiles.join(' ') === keys.join(' ')) {
      setPointFilter(pointFilterFor(held.points, wanted));
      setLoad({ status: 'ready', count: held.points.count, truncated: held.points.truncated });
      return;
    }
    const fetchTile = (t: Tile): Promise<PackedPoints> => {
      const key = tileKey(t);
      const cached = current.cache.get(key);
      if (cached) return Promise.resolve(cached);
      const running = current.inflight.get(key);
      if (running) return running;
      const request = (async () => {
        const [res, packLib] = await Promise.all([
          fetch(`${current.url}&bbox=${tileBbox(t).join(',')}`, { signal: current.abort.signal, cache: 'no-store' }),
          import('@/lib/map/point-pack'),
        ]);
        if (!res.ok) throw await responseError(res);
        const points = await packLib.decodePointPack(await res.arrayBuffer());
        current.cache.set(key, points);
        if (points.truncated) current.truncated = true;
        return points;
      })().finally(() => current.inflight.delete(key));
      current.inflight.set(key, request);
      return request;
    };
    let disposed = false;
    const missing = keys.filter((k) => !current.cache.has(k)).length;
    if (missing) {
      setLoad({ status: 'loading' });
      f.pending = true;
      f.deckRendered = false;
    }
    (async () => {
      try {
        const [packs, incidentLib] = await Promise.all([Promise.all(tiles.map(fetchTile)), import('@/lib/map/incident-layer')]);
        if (disposed) return;
        const points = mergePointPacks(packs);
        setLoaded({ points, scatter: incidentLib.incidentLayerData(points), request: current.request, tiles: keys });
        setPointFilter(pointFilterFor(points, wanted));
        setLoad({ status: 'ready', count: points.count, truncated: points.truncated });
      } catch (err) {
        if (disposed || current.abort.signal.aborted) return;
        setLoad({ status: 'error', message: (err as Error).message });
      }
    })();
    return () => {
      disposed = true;
    };
    // viewState is read through tilesKey and pointsMode: a pan inside the same tiles is no new state.
  }, [pointsUrl, showIncidents, pointsMode, tilesKey]);

  // Below street zoom: exact hexagon counts of the whole filter from the server, one request per filter
  // and cell size, kept in the browser so zooming back asks nothing.
  const cellSizeM = mode?.kind === 'aggregate' ? mode.cellSizeM : null;
  useEffect(() => {
    if (!showIncidents || !exactAggregatesUrl || cellSizeM === null) {
      setExact(null);
      return;
    }
    const url = `${exactAggregatesUrl}&cell=${cellSizeM}`;
    const hit = exactCache.current.get(url);
    if (hit) {
      setExact({ status: 'ready', ...hit });
      return;
    }
    const abort = new AbortController();
    const f = flags();
    f.pending = true;
    f.deckRendered = false;
    setExact({ status: 'loading' });
    fetch(url, { signal: abort.signal, cache: 'no-store' })
      .then(async (res) => {
        if (!res.ok) throw await responseError(res);
        const dto = (await res.json()) as ExactHexAggregatesDto;
        const cells = exactAggregateCells(dto);
        const entry = { dto, cells, extent: countExtent(cells.map((c) => c.count)) };
        exactCache.current.set(url, entry);
        setExact({ status: 'ready', ...entry });
      })
      .catch((err: Error) => {
        if (!abort.signal.aborted) setExact({ status: 'error', message: err.message });
      });
    return () => abort.abort();
  }, [exactAggregatesUrl, showIncidents, cellSizeM]);

  // Viewers without exact access: suppressed hexagon counts from the server instead of points.
  useEffect(() => {
    if (!showIncidents || !aggregatesUrl) {
      setAggregates(null);
      return;
    }
    const abort = new AbortController();
    setAggregates({ status: 'loading' });
    const f = flags();
    f.deckRendered = false;
    f.pending = true;
    f.aggregateCells = null;
    fetch(aggregatesUrl, { signal: abort.signal, cache: 'no-store' })
      .then(async (res) => {
        const body = (await res.json().catch(() => null)) as (HexAggregatesDto & { error?: { message?: string } }) | null;
        if (!res.ok || !body) throw new Error(body?.error?.message ?? `HTTP ${res.status}`);
        setAggregates({ status: 'ready', dto: body });
      })
      .catch((err: Error) => {
        if (!abort.signal.aborted) setAggregates({ status: 'error', message: err.message });
      });
    return () => abort.abort();
  }, [aggregatesUrl, showIncidents]);

  const selectionRing = panel?.type === 'selection' ? panel.ring : null;

  // Layers: rebuilt from props with stable ids, so deck.gl diffs instead of rebuilding.
  useEffect(() => {
    if (!engine) return;
    const { libs } = engine;
    engine.render = () => {
      let main: Engine['main'] = null;
      const out: unknown[] = [];
      if (aggregates?.status === 'ready' && showIncidents) {
        main = view === 'heat' ? libs.aggregate.createAggregateHeatLayer(aggregates.dto.cells) : libs.aggregate.createAggregateHexLayer(aggregates.dto.cells);
        out.push(main);
      }
      // The exact aggregate draws with the council's hexagon and heat layers (points view included: below
      // street zoom there are no points in the browser).
      if (aggregateMode && exact?.status === 'ready' && showIncidents) {
        main = view === 'heat' ? libs.aggregate.createAggregateHeatLayer(exact.cells) : libs.aggregate.createAggregateHexLayer(exact.cells);
        out.push(main);
      }
      if (pointsMode && loaded && showIncidents && shownIndices) {
        if (view === 'hex') main = libs.density.createHexLayer(loaded.points, shownIndices, { onSetColorDomain: onHexColorDomain });
        else if (view === 'heat') main = libs.density.createHeatLayer(loaded.points, shownIndices);
        else main = libs.incident.createIncidentLayer(loaded.scatter as ReturnType<typeof libs.incident.incidentLayerData>, { filter: pointFilter });
        out.push(main);
      }
      if (unsafePlaces) out.push(libs.place.createPlaceLayer(libs.place.UNSAFE_LAYER_ID, unsafePlaces));
      if (vandalism) out.push(libs.place.createPlaceLayer(libs.place.VANDALISM_LAYER_ID, vandalism));
      if (engine.labels) out.push(engine.labels);
      if (selectionRing) out.push(libs.selection.createSelectionLayer(selectionRing));
      engine.main = main;
      engine.overlay.setProps({ layers: out as never[] });
    };
    const f = flags();
    f.view = view;
    f.unsafeCount = unsafePlaces ? unsafePlaces.features.length : null;
    f.vandalismCount = vandalism ? vandalism.features.length : null;
    f.mode = aggregatesUrl ? 'suppressed' : mode?.kind === 'aggregate' ? 'aggregate' : (mode?.kind ?? null);
    f.cellSizeM = aggregateMode ? cellSizeM : null;
    if (pointsMode && loaded && showIncidents && shownIndices && load.status === 'ready') {
      f.apiPointCount = loaded.points.count;
      f.pointCount = shownIndices.length;
      f.tiles = loaded.tiles;
      f.aggregateCells = null;
      f.pending = false;
      f.deckRendered = false;
    }
    if (aggregateMode && exact?.status === 'ready' && showIncidents) {
      f.aggregateCells = exact.cells.length;
      f.apiPointCount = 0;
      f.pointCount = exact.dto.total;
      f.tiles = [];
      f.pending = false;
      f.deckRendered = false;
    }
    if (aggregates?.status === 'ready' && showIncidents) {
      f.aggregateCells = aggregates.dto.cells.length;
      f.apiPointCount = 0;
      f.pointCount = 0;
      f.pending = false;
      f.deckRendered = false;
    }
    engine.render();
  }, [engine, loaded, load.status, pointFilter, shownIndices, showIncidents, view, unsafePlaces, vandalism, aggregates, selectionRing, pointsMode, aggregateMode, exact, mode, cellSizeM, aggregatesUrl, onHexColorDomain]);

  // The legend follows what the incident layer draws (mode by zoom, view, the counts drawn).
  const incidentLegend = useMemo((): IncidentLegend | null => {
    if (!showIncidents) return null;
    if (aggregatesUrl) {
      const dto = aggregates?.status === 'ready' ? aggregates.dto : null;
      return incidentLegendFor({
        view,
        source: 'suppressed',
        cellSizeM: dto?.cellSizeM ?? AGGREGATE_HEX_SIZE_M,
        extent: dto ? countExtent(dto.cells.map((c) => c.count)) : null,
        loaded: !!dto,
        k: dto?.k ?? null,
      });
    }
    if (!pointsUrl || !mode) return null;
    if (aggregateMode && cellSizeM !== null) {
      const ready = exact?.status === 'ready' ? exact : null;
      return incidentLegendFor({ view, source: 'exact-aggregate', cellSizeM, extent: ready?.extent ?? null, loaded: !!ready });
    }
    if (!pointsMode) return null;
    const hexReady = view === 'hex' && load.status === 'ready' && !!shownIndices;
    const extent = hexReady ? (shownIndices.length === 0 ? null : gpuHexDomain) : null;
    return incidentLegendFor({ view, source: 'points', cellSizeM: HEX_RADIUS_M, extent, loaded: hexReady && shownIndices.length === 0 });
  }, [showIncidents, aggregatesUrl, aggregates, pointsUrl, mode, aggregateMode, cellSizeM, exact, pointsMode, view, load.status, shownIndices, gpuHexDomain]);

  const addHref = centre ? `/registrera?lat=${centre.lat.toFixed(6)}&lng=${centre.lng.toFixed(6)}&zoom=${centre.zoom.toFixed(2)}` : '/registrera';
  const lassoPointer = {
    onPointerDown: (e: React.PointerEvent<SVGSVGElement>) => {
      e.currentTarget.setPointerCapture(e.pointerId);
      const r = e.currentTarget.getBoundingClientRect();
      setLasso({ active: true, drawing: true, path: [[e.clientX - r.left, e.clientY - r.top]] });
    },
    onPointerMove: (e: React.PointerEvent<SVGSVGElement>) => {
      if (!lasso.drawing) return;
      const r = e.currentTarget.getBoundingClientRect();
      const pt: [number, number] = [e.clientX - r.left, e.clientY - r.top];
      setLasso((l) => ({ ...l, path: [...l.path, pt] }));
    },
    onPointerUp: () => {
      if (lasso.drawing) finishLasso(lasso.path);
    },
  };

  return (
    <>
      <div
        ref={containerRef}
        className="map-canvas"
        role="region"
        aria-label={t('map.ariaLabel', { municipality: municipalityName })}
        data-testid="situation-map"
      />
      {lasso.active ? (
        <>
          <svg className={panels.lassoLayer} data-testid="lasso-layer" {...lassoPointer} aria-hidden="true">
            {lasso.path.length > 1 ? <polygon points={lasso.path.map(([x, y]) => `${x},${y}`).join(' ')} fill="rgba(31,78,156,0.15)" stroke="#1f4e9c" strokeWidth={2} /> : null}
          </svg>
          <p className={panels.lassoHint} role="status">
            {t('karta.lassoHint')}
          </p>
        </>
      ) : null}
      {panel?.type === 'record' ? <RecordPanel key={`${panel.kind}:${panel.id}`} locale={locale} kind={panel.kind} id={panel.id} onClose={() => setPanel(null)} /> : null}
      {panel?.type === 'selection' ? (
        <SelectionPanel
          locale={locale}
          state={panel.state}
          onClose={() => setPanel(null)}
          onOpen={(kind, id) => setPanel({ type: 'record', kind, id })}
          onExport={(format) => exportSelection(panel.ring, format)}
        />
      ) : null}
      {panel?.type === 'area' ? <AreaPanel key={panel.id} locale={locale} areaId={panel.id} filterQuery={new URLSearchParams(filterParams).toString()} onClose={() => setPanel(null)} /> : null}
      {meeting.on ? (
        <div className={panels.meetingBanner} role="status" data-testid="meeting-banner">
          {t('karta.meeting.banner')}
          <span>
            {meeting.kind && meeting.heldOn
              ? t('karta.meeting.recorded', { kind: t(meeting.kind === 'follow_up' ? 'karta.meeting.kind.follow_up' : 'karta.meeting.kind.analysis'), date: meeting.heldOn })
              : t('karta.meeting.notRecorded')}
          </span>
        </div>
      ) : null}
      <section className="map-panel map-panel--summary" aria-live="polite" data-testid="map-summary">
        <h1>{t('map.heading')}</h1>
        <p className="map-panel__muted">{t('map.period', { from: formatDate(locale, period.from), to: formatDate(locale, period.to) })}</p>
        {showIncidents && pointsUrl && pointsMode && load.status === 'loading' ? <p>{t('map.loading')}</p> : null}
        {showIncidents && aggregateMode && exact?.status === 'loading' ? <p>{t('viewport.aggregateLoading')}</p> : null}
        {showIncidents && aggregateMode && exact?.status === 'error' ? <p className="map-panel__error">{t('viewport.aggregateError', { message: exact.message })}</p> : null}
        {showIncidents && aggregateMode && exact?.status === 'ready' ? (
          <p className="map-panel__count" data-testid="point-count" data-count={exact.dto.total}>
            {t('viewport.aggregateCount', { count: exact.dto.total, cells: exact.cells.length })}
          </p>
        ) : null}
        {showIncidents && pointsUrl && mode ? (
          <p className="map-panel__muted" role="status" data-testid="map-mode" data-mode={mode.kind} data-cell={aggregateMode ? cellSizeM : undefined}>
            {aggregateMode ? t('viewport.aggregateMode', { cell: cellSizeM ?? 0 }) : t('viewport.pointsMode', { tiles: viewState?.tiles.length ?? 0 })}{' '}
            {aggregateMode ? (
              <button type="button" className={panels.linkButton} onClick={() => engineRef.current?.map.easeTo({ zoom: STREET_ZOOM })} data-testid="zoom-to-points">
                {t('viewport.zoomIn')}
              </button>
            ) : null}
          </p>
        ) : null}
        {showIncidents && aggregatesUrl && aggregates?.status === 'loading' ? <p>{t('karta.agg.loading')}</p> : null}
        {showIncidents && aggregates?.status === 'error' ? <p className="map-panel__error">{t('karta.agg.error', { message: aggregates.message })}</p> : null}
        {showIncidents && aggregates?.status === 'ready' ? (
          <>
            <p className="map-panel__count" data-testid="aggregate-count" data-count={aggregates.dto.cells.length}>
              {t('karta.agg.shown', { count: aggregates.dto.cells.length, k: aggregates.dto.k })}
            </p>
            <p className="map-panel__muted">{t('karta.agg.note', { k: aggregates.dto.k })}</p>
          </>
        ) : null}
        {mapProblem ? (
          <p className="map-panel__error" data-testid="map-problem">
            {mapProblem}
          </p>
        ) : null}
        {showIncidents && pointsUrl && pointsMode && load.status === 'error' ? <p className="map-panel__error">{t('map.loadError', { message: load.message })}</p> : null}
        {showIncidents && pointsUrl && pointsMode && load.status === 'ready' ? (
          <p className="map-panel__count" data-testid="point-count" data-count={shownIndices?.length ?? load.count}>
            {t('map.pointsShown', { count: shownIndices?.length ?? load.count })}
          </p>
        ) : null}
        {showIncidents && pointsUrl && pointsMode && load.status === 'ready' && load.truncated ? <p className="map-panel__error">{t('map.pointsTruncated', { count: load.count })}</p> : null}
        {areas.features.some((f) => f.properties.kind === 'municipality') ? null : <p className="map-panel__muted">{t('map.noOutline')}</p>}
        <div className={panels.toolbar} role="toolbar" aria-label={t('karta.toolbar')} data-testid="map-toolbar">
          {canSelect ? (
            <>
              <button
                type="button"
                aria-pressed={lasso.active}
                onClick={() => setLasso(lasso.active ? { active: false, path: [], drawing: false } : { active: true, path: [], drawing: false })}
                data-testid="lasso-toggle"
              >
                {lasso.active ? t('karta.lassoCancel') : t('karta.lasso')}
              </button>
              <button type="button" onClick={selectView} data-testid="select-view">
                {t('karta.selectView')}
              </button>
            </>
          ) : null}
          {areaOptions.length ? (
            <select
              aria-label={t('karta.areaChoose')}
              value=""
              onChange={(e) => {
                if (e.target.value) setPanel({ type: 'area', id: e.target.value });
              }}
              data-testid="area-choose"
            >
              <option value="">{t('karta.areaChoose')}</option>
              {areaOptions.map((a) => (
                <option key={a.id} value={a.id}>
                  {a.name}
                </option>
              ))}
            </select>
          ) : null}
          {canCreate ? (
            <a href={addHref} data-testid="map-add">
              {t('karta.add')}
            </a>
          ) : null}
        </div>
      </section>
      <MapLegend locale={locale} layers={layers} incidents={incidentLegend} />
    </>
  );
}
