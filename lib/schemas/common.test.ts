import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import {
  apiErrorSchema,
  dateSchema,
  municipalityCodeSchema,
  optionalTextField,
  pointSchema,
  polygonalSchema,
  polygonSchema,
  quarterSchema,
  requiredTextField,
  timestampSchema,
  toApiIssues,
  uuidSchema,
} from './common';

const RING: [number, number][] = [
  [14.03, 57.175],
  [14.06, 57.175],
  [14.06, 57.19],
  [14.03, 57.19],
  [14.03, 57.175],
];

function issuesOf(schema: z.ZodType, value: unknown) {
  const result = schema.safeParse(value);
  expect(result.success).toBe(false);
  return result.error!.issues;
}

describe('GeoJSON in WGS84', () => {
  it('a point in Värnamo passes', () => {
    expect(pointSchema.parse({ type: 'Point', coordinates: [14.047821, 57.183161] })).toEqual({ type: 'Point', coordinates: [14.047821, 57.183161] });
  });

  it('a longitude beyond 180 is rejected at the coordinate with a message about longitude', () => {
    const [issue] = issuesOf(pointSchema, { type: 'Point', coordinates: [181, 57] });
    expect(issue.path).toEqual(['coordinates', 0]);
    expect(issue.message).toMatch(/longitude must be between -180 and 180/);
  });

  it('a latitude below -90 is rejected at the coordinate with a message about latitude', () => {
    const [issue] = issuesOf(pointSchema, { type: 'Point', coordinates: [14, -91] });
    expect(issue.path).toEqual(['coordinates', 1]);
    expect(issue.message).toMatch(/latitude must be between -90 and 90/);
  });

  it('SWEREF 99 TM metres given as a point are rejected as out of range', () => {
    expect(pointSchema.safeParse({ type: 'Point', coordinates: [442442.7, 6338176.8] }).success).toBe(false);
  });

  it('a position with an altitude is rejected', () => {
    expect(pointSchema.safeParse({ type: 'Point', coordinates: [14, 57, 120] }).success).toBe(false);
  });

  it('a non-finite coordinate is rejected', () => {
    expect(pointSchema.safeParse({ type: 'Point', coordinates: [Number.NaN, 57] }).success).toBe(false);
  });

  it('a polygon whose ring is not closed is rejected with a message about closing', () => {
    const [issue] = issuesOf(polygonSchema, { type: 'Polygon', coordinates: [RING.slice(0, 4)] });
    expect(issue.path).toEqual(['coordinates', 0]);
    expect(issue.message).toMatch(/closed/);
  });

  it('a ring of three positions is rejected', () => {
    const [issue] = issuesOf(polygonSchema, { type: 'Polygon', coordinates: [[RING[0], RING[1], RING[0]]] });
    expect(issue.message).toMatch(/at least 4 positions/);
  });

  it('a polygon without rings is rejected', () => {
    expect(polygonSchema.safeParse({ type: 'Polygon', coordinates: [] }).success).toBe(false);
  });

  it('a self-intersecting polygon is rejected with the crossing point', () => {
    const bowtie = [
      [14.0, 57.0],
      [14.1, 57.1],
      [14.1, 57.0],
      [14.0, 57.1],
      [14.0, 57.0],
    ];
    const [issue] = issuesOf(polygonalSchema, { type: 'Polygon', coordinates: [bowtie] });
    expect(issue.path).toEqual(['coordinates']);
    expect(issue.message).toMatch(/must not intersect itself \(it crosses at 14\.05\d*, 57\.05\d*\)/);
  });

  it('a polygon with a hole inside it passes', () => {
    const hole = [
      [14.04, 57.18],
      [14.04, 57.185],
      [14.05, 57.185],
      [14.05, 57.18],
      [14.04, 57.18],
    ];
    expect(polygonalSchema.safeParse({ type: 'Polygon', coordinates: [RING, hole] }).success).toBe(true);
  });

  it('an area geometry may be a Polygon or a MultiPolygon but not a Point', () => {
    expect(polygonalSchema.safeParse({ type: 'Polygon', coordinates: [RING] }).success).toBe(true);
    expect(polygonalSchema.safeParse({ type: 'MultiPolygon', coordinates: [[RING]] }).success).toBe(true);
    expect(polygonalSchema.safeParse({ type: 'Point', coordinates: [14, 57] }).success).toBe(false);
  });
});

describe('scalars', () => {
  it('a timestamp with an offset or Z passes', () => {
    expect(timestampSchema.safeParse('2026-03-29T02:30:00+02:00').success).toBe(true);
    expect(timestampSchema.safeParse('2026-03-29T00:30:00.123Z').success).toBe(true);
  });

  it('a timestamp without an offset is rejected: it would be read in the server’s zone', () => {
    expect(timestampSchema.safeParse('2026-03-29T02:30:00').success).toBe(false);
  });

  it('a date must be a real calendar date', () => {
    expect(dateSchema.safeParse('2028-02-29').success).toBe(true);
    expect(dateSchema.safeParse('2026-02-30').success).toBe(false);
    expect(dateSchema.safeParse('29/02/2028').success).toBe(false);
  });

  it('a quarter is YYYY-Qn with n from 1 to 4', () => {
    expect(quarterSchema.safeParse('2026-Q4').success).toBe(true);
    expect(quarterSchema.safeParse('2026-Q5').success).toBe(false);
    expect(quarterSchema.safeParse('2026Q1').success).toBe(false);
  });

  it('a municipality code is exactly four digits', () => {
    expect(municipalityCodeSchema.safeParse('0683').success).toBe(true);
    expect(municipalityCodeSchema.safeParse('683').success).toBe(false);
    expect(municipalityCodeSchema.safeParse(683).success).toBe(false);
  });

  it('an id without RFC 9562 version bits is still a valid id', () => {
    expect(uuidSchema.safeParse('00000000-0000-0000-0000-000000000683').success).toBe(true);
    expect(uuidSchema.safeParse('not-a-uuid').success).toBe(false);
  });
});

describe('text fields', () => {
  it('a required text is trimmed', () => {
    expect(requiredTextField('title', 10).parse('  Torget  ')).toBe('Torget');
  });

  it('a blank required text is rejected with a message naming the field', () => {
    const [issue] = issuesOf(requiredTextField('title', 10), '   ');
    expect(issue.message).toBe('title must not be empty');
  });

  it('a missing required text says the field is required', () => {
    const [issue] = issuesOf(z.object({ title: requiredTextField('title', 10) }), {});
    expect(issue.path).toEqual(['title']);
    expect(issue.message).toBe('title is required');
  });

  it('a text over its limit is rejected with a message naming the field and the limit', () => {
    const [issue] = issuesOf(requiredTextField('title', 10), 'x'.repeat(11));
    expect(issue.message).toBe('title must be at most 10 characters');
  });

  it('an optional text turns empty, blank and missing into null', () => {
    const s = z.object({ notes: optionalTextField('notes', 10) });
    expect(s.parse({})).toEqual({ notes: null });
    expect(s.parse({ notes: '' })).toEqual({ notes: null });
    expect(s.parse({ notes: '  ' })).toEqual({ notes: null });
    expect(s.parse({ notes: null })).toEqual({ notes: null });
    expect(s.parse({ notes: ' ok ' })).toEqual({ notes: 'ok' });
  });
});

describe('API error body', () => {
  it('zod issues become the issues of a 400 body', () => {
    const result = z.object({ title: requiredTextField('title', 5) }).safeParse({ title: '' });
    const body = { error: { code: 'invalid_input', message: 'The input is not valid', issues: toApiIssues(result.error!) } };
    expect(apiErrorSchema.parse(body).error.issues).toEqual([{ path: ['title'], code: 'too_small', message: 'title must not be empty' }]);
  });

  it('an error body without issues gets an empty list', () => {
    expect(apiErrorSchema.parse({ error: { code: 'not_found', message: 'incident x was not found' } }).error.issues).toEqual([]);
  });

  it('an unknown error code is rejected', () => {
    expect(apiErrorSchema.safeParse({ error: { code: 'teapot', message: 'x', issues: [] } }).success).toBe(false);
  });
});
