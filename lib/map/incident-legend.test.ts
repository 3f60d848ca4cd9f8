import { describe, expect, it } from 'vitest';
import { rampClasses } from './count-ramp';
import { incidentLegendFor } from './incident-legend';

describe('incidentLegendFor', () => {
  it('points drawn as points get the category legend', () => {
    expect(incidentLegendFor({ view: 'points', source: 'points', cellSizeM: 500, extent: null, loaded: false })).toEqual({ kind: 'points' });
  });

  it('exact counts below street zoom are hexagons with their classes and cell size, even in the points view', () => {
    const legend = incidentLegendFor({ view: 'points', source: 'exact-aggregate', cellSizeM: 1000, extent: [1, 61], loaded: true });
    expect(legend.kind).toBe('hex');
    if (legend.kind !== 'hex') return;
    expect(legend.cellSizeM).toBe(1000);
    // The very classes the aggregate layer colours by (their values are pinned in count-ramp.test.ts).
    expect(legend.classes).toEqual(rampClasses(1, 61));
  });

  it('hexagons still loading have no classes yet, and loaded without incidents an empty list', () => {
    const loading = incidentLegendFor({ view: 'hex', source: 'exact-aggregate', cellSizeM: 250, extent: null, loaded: false });
    const empty = incidentLegendFor({ view: 'hex', source: 'exact-aggregate', cellSizeM: 250, extent: null, loaded: true });
    expect(loading).toMatchObject({ kind: 'hex', classes: null });
    expect(empty).toMatchObject({ kind: 'hex', classes: [] });
  });

  it("the council's suppressed cells carry k for the note on hidden cells", () => {
    expect(incidentLegendFor({ view: 'points', source: 'suppressed', cellSizeM: 500, extent: [3, 3], loaded: true, k: 3 })).toMatchObject({ kind: 'hex', k: 3, cellSizeM: 500 });
  });

  it('the heatmap has no classes; over server cells it names their size, over points none', () => {
    expect(incidentLegendFor({ view: 'heat', source: 'exact-aggregate', cellSizeM: 500, extent: [1, 9], loaded: true })).toEqual({ kind: 'heat', source: 'exact-aggregate', cellSizeM: 500, k: null });
    expect(incidentLegendFor({ view: 'heat', source: 'points', cellSizeM: 500, extent: null, loaded: true })).toEqual({ kind: 'heat', source: 'points', cellSizeM: null, k: null });
  });
});
