import { describe, expect, it } from 'vitest';
import { compactIntSet, filtersInputFrom, filtersSchema, filtersToSearchParams, INCIDENT_SOURCES, mapSourceOptions, needsSituationQuery, shownLayers, unmappedSources } from './map-filters';

const parse = (qs: string) => filtersSchema.safeParse(filtersInputFrom(new URLSearchParams(qs)));

describe('map filters', () => {
  it('defaults to the demo municipality', () => {
    expect(parse('').data).toEqual({ municipality: '0683' });
  });

  it('parses dates, a bbox and categories', () => {
    expect(parse('municipality=0683&from=2025-01-01&to=2025-12-31&bbox=13.9,57.1,14.2,57.3&categories=assault,theft').data).toEqual({
      municipality: '0683',
      from: '2025-01-01',
      to: '2025-12-31',
      bbox: [13.9, 57.1, 14.2, 57.3],
      categories: ['assault', 'theft'],
    });
  });

  it('rejects a date that is not on the calendar', () => {
    expect(parse('from=2025-02-30').success).toBe(false);
  });

  it('rejects from after to, naming the field', () => {
    const r = parse('from=2025-06-01&to=2025-05-01');
    expect(r.success).toBe(false);
    expect(r.error?.issues[0].path).toEqual(['to']);
  });

  it('rejects a bbox that is inverted or not four numbers', () => {
    expect(parse('bbox=14.2,57.1,13.9,57.3').success).toBe(false);
    expect(parse('bbox=1,2,3').success).toBe(false);
    expect(parse('bbox=a,b,c,d').success).toBe(false);
  });

  it('rejects an unknown category', () => {
    expect(parse('categories=assault,nope').success).toBe(false);
  });

  it('round-trips through URL parameters', () => {
    const f = parse('to=2025-12-31&from=2025-01-01&bbox=13.9,57.1,14.2,57.3').data!;
    expect(parse(filtersToSearchParams(f).toString()).data).toEqual(f);
  });
});

describe('situation filters in the URL', () => {
  const full = {
    municipality: '0683',
    from: '2025-01-01',
    to: '2025-06-30',
    categories: 'theft,assault',
    weekdays: '6,7',
    hours: '22-23,0-3',
    sources: 'police,municipality',
    org: '0b7c6c1e-8f1a-4a7e-9a43-2b1b7d0c9a11',
    area: '1f0f6a1e-0000-4000-8000-000000000001',
    status: 'open,cleaned',
    layers: 'incidents,vandalism',
    view: 'hex',
  };

  it('a URL with every filter survives parse → serialise → parse unchanged', () => {
    const once = filtersSchema.parse(full);
    const again = filtersSchema.parse(filtersInputFrom(filtersToSearchParams(once)));
    expect(again).toEqual(once);
    expect(once.hours).toEqual([0, 1, 2, 3, 22, 23]);
    expect(once.weekdays).toEqual([6, 7]);
  });

  it('hours serialise compactly, with runs of three or more as ranges', () => {
    expect(compactIntSet([0, 1, 2, 3, 22, 23])).toBe('0-3,22,23');
    expect(compactIntSet([5])).toBe('5');
    expect(compactIntSet([])).toBe('');
  });

  it('refuses an hour outside 0–23, a backwards range and a weekday 0', () => {
    expect(filtersSchema.safeParse({ hours: '24' }).success).toBe(false);
    expect(filtersSchema.safeParse({ hours: '5-3' }).success).toBe(false);
    expect(filtersSchema.safeParse({ weekdays: '0' }).success).toBe(false);
  });

  it('refuses an unknown layer, view or status', () => {
    expect(filtersSchema.safeParse({ layers: 'roads' }).success).toBe(false);
    expect(filtersSchema.safeParse({ view: 'grid' }).success).toBe(false);
    expect(filtersSchema.safeParse({ status: 'done' }).success).toBe(false);
  });

  it('an old link with only period and categories still parses, showing every layer as points', () => {
    const f = filtersSchema.parse({ from: '2025-01-01', to: '2025-12-31', categories: 'theft' });
    expect(shownLayers(f)).toEqual(['incidents', 'unsafe', 'vandalism']);
    expect(f.view).toBeUndefined();
    expect(needsSituationQuery(f)).toBe(false);
    expect(needsSituationQuery(filtersSchema.parse({ weekdays: '1' }))).toBe(true);
  });
});

describe('source choices of the incident layer', () => {
  it('never offers the police feed (centroids, not locations) nor synthetic scale data', () => {
    for (const demo of [true, false]) {
      const offered = mapSourceOptions({ demo });
      expect(offered).not.toContain('police_feed');
      expect(offered).not.toContain('synthetic');
      expect(offered.every((s) => (INCIDENT_SOURCES as readonly string[]).includes(s))).toBe(true);
    }
  });

  it("offers 'demo' only where the demo set was seeded", () => {
    expect(mapSourceOptions({ demo: true })).toEqual(['police', 'municipality', 'partner', 'citizen', 'import', 'demo']);
    expect(mapSourceOptions({ demo: false })).toEqual(['police', 'municipality', 'partner', 'citizen', 'import']);
  });

  it('a link filtering by the police feed still parses, and names the feed as a source never drawn', () => {
    const f = filtersSchema.parse({ sources: 'police_feed,police' });
    expect(f.sources).toEqual(['police', 'police_feed']);
    expect(unmappedSources(f)).toEqual(['police_feed']);
    expect(unmappedSources(filtersSchema.parse({ sources: 'citizen' }))).toEqual([]);
    expect(unmappedSources(filtersSchema.parse({}))).toEqual([]);
  });
});
