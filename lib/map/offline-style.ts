// The default basemap when no street map is configured: a plain background with the municipality
// and district outlines from our own database. No tiles, glyphs or sprites are fetched, so it works
// offline; district names are drawn by deck.gl's TextLayer (lib/map/area-label-layer.ts), which needs
// no glyph server.
import type { LayerSpecification, StyleSpecification } from 'maplibre-gl';
import type { AreaFeatureCollection } from './area-features';
import { BACKGROUND_COLOR, DISTRICT_FILL_COLOR, DISTRICT_LINE_COLOR, MUNICIPALITY_FILL_COLOR, MUNICIPALITY_LINE_COLOR } from './palette';

export const AREA_SOURCE_ID = 'lagesbild-areas';
export const OFFLINE_STYLE_NAME = 'lagesbild-offline';

/** The outline layers, also laid over a configured basemap. */
export function outlineLayers(): LayerSpecification[] {
  return [
    {
      id: 'municipality-fill',
      type: 'fill',
      source: AREA_SOURCE_ID,
      filter: ['==', ['get', 'kind'], 'municipality'],
      paint: { 'fill-color': MUNICIPALITY_FILL_COLOR, 'fill-opacity': 0.6 },
    },
    {
      id: 'district-fill',
      type: 'fill',
      source: AREA_SOURCE_ID,
      filter: ['==', ['get', 'kind'], 'district'],
      paint: { 'fill-color': DISTRICT_FILL_COLOR, 'fill-opacity': 0.55 },
    },
    {
      // Other imported areas (DeSO, RegSO, neighbourhood watch): invisible fill, so a click finds them.
      id: 'area-fill',
      type: 'fill',
      source: AREA_SOURCE_ID,
      filter: ['!', ['in', ['get', 'kind'], ['literal', ['municipality', 'district']]]],
      paint: { 'fill-color': DISTRICT_FILL_COLOR, 'fill-opacity': 0 },
    },
    {
      id: 'area-outline',
      type: 'line',
      source: AREA_SOURCE_ID,
      filter: ['!', ['in', ['get', 'kind'], ['literal', ['municipality', 'district']]]],
      paint: { 'line-color': DISTRICT_LINE_COLOR, 'line-width': 0.8, 'line-opacity': 0.7 },
    },
    {
      id: 'district-outline',
      type: 'line',
      source: AREA_SOURCE_ID,
      filter: ['==', ['get', 'kind'], 'district'],
      paint: { 'line-color': DISTRICT_LINE_COLOR, 'line-width': 1.2, 'line-dasharray': [3, 2] },
    },
    {
      id: 'municipality-outline',
      type: 'line',
      source: AREA_SOURCE_ID,
      filter: ['==', ['get', 'kind'], 'municipality'],
      paint: { 'line-color': MUNICIPALITY_LINE_COLOR, 'line-width': 2.5 },
    },
  ];
}

export function areaSource(areas: AreaFeatureCollection) {
  return { type: 'geojson' as const, data: areas };
}

/** The offline style for these areas. */
export function buildOfflineStyle(areas: AreaFeatureCollection): StyleSpecification {
  return {
    version: 8,
    name: OFFLINE_STYLE_NAME,
    sources: { [AREA_SOURCE_ID]: areaSource(areas) },
    layers: [{ id: 'background', type: 'background', paint: { 'background-color': BACKGROUND_COLOR } }, ...outlineLayers()],
  };
}
