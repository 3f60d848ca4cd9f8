import { describe, expect, it } from 'vitest';
import { dayNumber, filteredIndices, keepsAll, packServes, parsePointsRequest, pointFilterFor } from './point-filter';
import { packPoints, unpackPoints } from './point-pack';

const YEAR = '/api/v1/incidents/points?municipality=0683&from=2025-01-01&to=2025-12-31';

describe('points request reuse', () => {
  it('serves a shorter period and fewer categories from a loaded pack', () => {
    const loaded = parsePointsRequest(YEAR);
    expect(packServes(loaded, false, parsePointsRequest('/api/v1/incidents/points?municipality=0683&from=2025-03-01&to=2025-03-31'))).toBe(true);
    expect(packServes(loaded, false, parsePointsRequest(`${YEAR}&categories=theft,assault`))).toBe(true);
  });

  it('refetches for a longer period, more categories, a server-side filter or a truncated pack', () => {
    const loaded = parsePointsRequest(`${YEAR}&categories=theft`);
    expect(packServes(loaded, false, parsePointsRequest('/api/v1/incidents/points?municipality=0683&from=2024-12-31&to=2025-12-31&categories=theft'))).toBe(false);
    expect(packServes(loaded, false, parsePointsRequest(`${YEAR}&categories=theft,assault`))).toBe(false);
    expect(packServes(loaded, false, parsePointsRequest(YEAR))).toBe(false);
    expect(packServes(loaded, false, parsePointsRequest('/api/v1/situation/points?municipality=0683&from=2025-01-01&to=2025-12-31&categories=theft&weekdays=1'))).toBe(false);
    expect(packServes(parsePointsRequest(YEAR), true, parsePointsRequest('/api/v1/incidents/points?municipality=0683&from=2025-03-01&to=2025-03-31'))).toBe(false);
  });

  it('ignores the order of the parameters the server filters on', () => {
    const a = parsePointsRequest('/api/v1/situation/points?municipality=0683&weekdays=1&hours=2&from=2025-01-01&to=2025-12-31');
    const b = parsePointsRequest('/api/v1/situation/points?hours=2&municipality=0683&to=2025-06-30&weekdays=1&from=2025-02-01');
    expect(packServes(a, false, b)).toBe(true);
  });
});

describe('point filter', () => {
  const pack = unpackPoints(
    packPoints(
      [
        { lon: 14, lat: 57, category: 0, day: dayNumber('2025-01-01') },
        { lon: 14, lat: 57, category: 1, day: dayNumber('2025-03-15') },
        { lon: 14, lat: 57, category: 0, day: dayNumber('2025-03-31') },
        { lon: 14, lat: 57, category: 1, day: dayNumber('2025-04-01') },
      ],
      ['theft', 'assault'],
    ),
  );

  it('numbers days as the pack does', () => {
    expect(dayNumber('1970-01-02')).toBe(1);
    expect(dayNumber('2025-03-31') - dayNumber('2025-03-01')).toBe(30);
  });

  it('keeps the points of the period (to inclusive) and categories', () => {
    const march = pointFilterFor(pack, parsePointsRequest('/p?from=2025-03-01&to=2025-03-31'));
    expect(Array.from(filteredIndices(pack, march))).toEqual([1, 2]);
    const theftInMarch = pointFilterFor(pack, parsePointsRequest('/p?from=2025-03-01&to=2025-03-31&categories=theft'));
    expect(theftInMarch.categories).toEqual([0]);
    expect(Array.from(filteredIndices(pack, theftInMarch))).toEqual([2]);
    expect(keepsAll(pack, march)).toBe(false);
    expect(keepsAll(pack, pointFilterFor(pack, parsePointsRequest('/p?from=2025-01-01&to=2025-12-31')))).toBe(true);
  });
});
