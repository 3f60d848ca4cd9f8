import { describe, expect, it } from 'vitest';
import type { AreaFeatureCollection } from './area-features';
import { areaBounds, districtLabels } from './area-features';
import { AREA_SOURCE_ID, buildOfflineStyle } from './offline-style';
import { BACKGROUND_COLOR } from './palette';

const square = (w: number, s: number, e: number, n: number) => ({
  type: 'MultiPolygon' as const,
  coordinates: [[[[w, s], [e, s], [e, n], [w, n], [w, s]]]],
});

const areas: AreaFeatureCollection = {
  type: 'FeatureCollection',
  features: [
    { type: 'Feature', geometry: square(13.6, 56.9, 14.5, 57.4), properties: { id: 'm', kind: 'municipality', name: 'Värnamo', code: '0683', labelLon: 14, labelLat: 57.1, areaKm2: 1200 } },
    { type: 'Feature', geometry: square(14.0, 57.15, 14.1, 57.2), properties: { id: 'd', kind: 'district', name: 'Centrum', code: null, labelLon: 14.05, labelLat: 57.18, areaKm2: 12 } },
  ],
};

describe('offline style', () => {
  it('fetches nothing: no tiles, glyphs or sprites, only the inline GeoJSON source', () => {
    const style = buildOfflineStyle(areas);
    expect(style.glyphs).toBeUndefined();
    expect(style.sprite).toBeUndefined();
    expect(Object.values(style.sources).map((s) => s.type)).toEqual(['geojson']);
    expect(style.layers.some((l) => l.type === 'symbol')).toBe(false);
  });

  it('draws the background and outlines from the area source', () => {
    const style = buildOfflineStyle(areas);
    expect(style.layers[0]).toMatchObject({ type: 'background', paint: { 'background-color': BACKGROUND_COLOR } });
    expect(style.layers.slice(1).every((l) => 'source' in l && l.source === AREA_SOURCE_ID)).toBe(true);
  });

  it('fits to the municipality outline, not to the districts', () => {
    expect(areaBounds(areas)).toEqual([13.6, 56.9, 14.5, 57.4]);
    expect(areaBounds({ type: 'FeatureCollection', features: [] })).toBeNull();
  });

  it('labels districts only', () => {
    expect(districtLabels(areas).map((l) => l.name)).toEqual(['Centrum']);
  });
});
