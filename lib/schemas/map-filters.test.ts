import { describe, expect, it } from 'vitest';
import { filtersInputFrom, filtersSchema, filtersToSearchParams } from './map-filters';

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
