// A basemap from one self-hosted PMTiles file (a single-file vector tile archive served over plain
// HTTP range requests): the Protomaps basemap schema (OpenStreetMap data; `pmtiles extract` cuts a
// municipality out of the planet build), drawn plainly, with our area outlines on top. No glyphs or
// sprites: district names come from deck.gl's TextLayer as on the offline style.
import type { LayerSpecification, StyleSpecification } from 'maplibre-gl';
import type { AreaFeatureCollection } from './area-features';
import { AREA_SOURCE_ID, areaSource, outlineLayers } from './offline-style';
import { BACKGROUND_COLOR } from './palette';

export const PMTILES_SOURCE_ID = 'basemap';
export const PMTILES_STYLE_NAME = 'lagesbild-pmtiles';

/** The MapLibre source URL of a PMTiles archive (absolute http(s) URL or a path on this server). */
export function pmtilesSourceUrl(fileUrl: string): string {
  return `pmtiles://${fileUrl}`;
}

const ROAD_WIDTH: unknown = ['interpolate', ['exponential', 1.6], ['zoom'], 10, 0.4, 14, 1.6, 18, 10];

/** Layers for the Protomaps basemap schema (v4: earth, landuse, water, roads, buildings). */
export function pmtilesLayers(): LayerSpecification[] {
  const src = { source: PMTILES_SOURCE_ID };
  return [
    { id: 'pm-earth', type: 'fill', ...src, 'source-layer': 'earth', paint: { 'fill-color': '#f3f1ea' } },
    {
      id: 'pm-landuse-green',
      type: 'fill',
      ...src,
      'source-layer': 'landuse',
      filter: ['in', ['get', 'kind'], ['literal', ['park', 'forest', 'wood', 'grass', 'meadow', 'nature_reserve', 'cemetery', 'golf_course']]],
      paint: { 'fill-color': '#dfe9d3' },
    },
    { id: 'pm-water', type: 'fill', ...src, 'source-layer': 'water', paint: { 'fill-color': '#bcd6e6' } },
    { id: 'pm-buildings', type: 'fill', ...src, 'source-layer': 'buildings', minzoom: 13, paint: { 'fill-color': '#dcd7cf' } },
    {
      id: 'pm-roads-minor',
      type: 'line',
      ...src,
      'source-layer': 'roads',
      filter: ['in', ['get', 'kind'], ['literal', ['minor_road', 'path', 'other']]],
      minzoom: 12,
      paint: { 'line-color': '#ffffff', 'line-width': ROAD_WIDTH as never },
    },
    {
      id: 'pm-roads-major',
      type: 'line',
      ...src,
      'source-layer': 'roads',
      filter: ['in', ['get', 'kind'], ['literal', ['highway', 'major_road', 'medium_road']]],
      paint: { 'line-color': '#f7d9a4', 'line-width': ['*', 1.6, ROAD_WIDTH] as never },
    },
  ] as LayerSpecification[];
}

/** The style for a PMTiles basemap with the municipality's area outlines over it. */
export function buildPmtilesStyle(areas: AreaFeatureCollection, fileUrl: string): StyleSpecification {
  return {
    version: 8,
    name: PMTILES_STYLE_NAME,
    sources: {
      [PMTILES_SOURCE_ID]: { type: 'vector', url: pmtilesSourceUrl(fileUrl), attribution: '© OpenStreetMap contributors, Protomaps' },
      [AREA_SOURCE_ID]: areaSource(areas),
    },
    layers: [{ id: 'background', type: 'background', paint: { 'background-color': BACKGROUND_COLOR } }, ...pmtilesLayers(), ...outlineLayers()],
  };
}
