import { describe, expect, it } from 'vitest';
import { getIncidentGridCell, listBboxIncidentGridCells } from '@/lib/geo/incident-grid-cells';

describe('incident grid cells', () => {
  it('numbers cells of 0.01° × 0.005° by floor(lon·100) and floor(lat·200)', () => {
    expect(getIncidentGridCell(14.005, 57.1801) - getIncidentGridCell(14.0, 57.18)).toBe(0);
    expect(getIncidentGridCell(14.01, 57.18) - getIncidentGridCell(14.0, 57.18)).toBe(36_001);
    expect(getIncidentGridCell(14.0, 57.185) - getIncidentGridCell(14.0, 57.18)).toBe(1);
    expect(getIncidentGridCell(-0.001, -0.001)).toBe(17_999 * 36_001 + 17_999);
  });

  it('clamps coordinates outside WGS84 so every key fits an int4', () => {
    expect(getIncidentGridCell(1e6, 1e6)).toBe(36_000 * 36_001 + 36_000);
    expect(getIncidentGridCell(-1e6, -1e6)).toBe(0);
    expect(36_000 * 36_001 + 36_000).toBeLessThan(2 ** 31);
  });

  it('a bbox covers the cells of every point inside it, its edges included', () => {
    const bbox = [13.92004, 57.15156, 14.03678, 57.21496] as const;
    const cells = new Set(listBboxIncidentGridCells(bbox));
    for (const lon of [bbox[0], 13.95, 14.0, bbox[2]]) {
      for (const lat of [bbox[1], 57.18, 57.2, bbox[3]]) expect(cells.has(getIncidentGridCell(lon, lat))).toBe(true);
    }
    // 13.92–14.03 is 12 columns, 57.15–57.21 is 13 rows.
    expect(cells.size).toBe(12 * 13);
  });

  it('a bbox ending on a cell edge also covers the cell beyond it (PostGIS boxes are float4)', () => {
    const cells = new Set(listBboxIncidentGridCells([14.0, 57.0, 14.01, 57.005]));
    expect(cells.has(getIncidentGridCell(14.01, 57.005))).toBe(true);
  });

  it('gives up on a bbox of more cells than the cap', () => {
    expect(listBboxIncidentGridCells([10, 55, 25, 70])).toBeNull();
    expect(listBboxIncidentGridCells([14, 57, 14.05, 57.05], 10)).toBeNull();
  });
});
