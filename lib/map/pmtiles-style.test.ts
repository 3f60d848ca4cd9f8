import { describe, expect, it } from 'vitest';
import { buildPmtilesStyle } from './pmtiles-style';

describe('PMTiles basemap style', () => {
  it('reads the archive through the pmtiles:// protocol and keeps the area outlines on top', () => {
    const style = buildPmtilesStyle({ type: 'FeatureCollection', features: [] }, 'https://tiles.example.se/varnamo.pmtiles');
    expect(style.sources.basemap).toMatchObject({ type: 'vector', url: 'pmtiles://https://tiles.example.se/varnamo.pmtiles' });
    const ids = style.layers.map((l) => l.id);
    expect(ids.indexOf('pm-roads-major')).toBeLessThan(ids.indexOf('district-outline'));
    expect(ids.at(-1)).toBe('municipality-outline');
  });
});
