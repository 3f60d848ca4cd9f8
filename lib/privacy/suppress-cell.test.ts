import { describe, expect, it } from 'vitest';
import { countDistinctLocations, getLocationKey } from './location-key';
import { suppressCell } from './suppress-cell';

describe('suppressCell', () => {
  it('publishes a cell with k incidents at k distinct locations', () => {
    expect(suppressCell({ count: 5, distinctLocations: 5 }, 5)).toEqual({ suppressed: false, value: 5, reason: null });
  });

  it('suppresses a cell with fewer than k incidents', () => {
    expect(suppressCell({ count: 4, distinctLocations: 4 }, 5)).toEqual({ suppressed: true, value: null, reason: 'too-few-incidents' });
  });

  it('suppresses an empty cell, so that "färre än k" never means 1…k−1', () => {
    expect(suppressCell({ count: 0, distinctLocations: 0 }, 3).suppressed).toBe(true);
  });

  it('does not publish five incidents at one address at k = 5', () => {
    const oneAddress: [number, number][] = [
      [438_123.2, 6_340_456.1],
      [438_123.2, 6_340_456.1],
      [438_122.0, 6_340_457.3],
      [438_123.0, 6_340_456.0],
      [438_121.6, 6_340_458.9],
    ];
    const cell = { count: oneAddress.length, distinctLocations: countDistinctLocations(oneAddress) };
    expect(cell.distinctLocations).toBe(1);
    expect(suppressCell(cell, 5)).toEqual({ suppressed: true, value: null, reason: 'too-few-locations' });
  });

  it('suppresses many incidents at fewer than k places', () => {
    expect(suppressCell({ count: 40, distinctLocations: 2 }, 3).reason).toBe('too-few-locations');
  });

  it('rejects more locations than incidents', () => {
    expect(() => suppressCell({ count: 2, distinctLocations: 3 }, 3)).toThrow(RangeError);
  });
});

describe('getLocationKey', () => {
  it('rounds SWEREF 99 TM coordinates to the nearest 10 m', () => {
    expect(getLocationKey(438_124.9, 6_340_455.0)).toBe('438120:6340460');
  });

  it('keeps neighbouring houses 20 m apart as two locations', () => {
    expect(countDistinctLocations([[438_120, 6_340_450], [438_140, 6_340_450]])).toBe(2);
  });
});
