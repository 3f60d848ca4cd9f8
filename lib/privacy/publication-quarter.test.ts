import { describe, expect, it } from 'vitest';
import { checkQuarterPublishable, getEarliestPublicationTime, getQuarterBounds, listPublishableQuarters, parseQuarter } from './publication-quarter';

describe('publication quarters', () => {
  it('bounds a quarter by Stockholm midnights', () => {
    const { start, end } = getQuarterBounds(parseQuarter('2026-Q3'));
    expect(start.toISOString()).toBe('2026-06-30T22:00:00.000Z');
    expect(end.toISOString()).toBe('2026-09-30T22:00:00.000Z');
  });

  it('allows publication one calendar month after the quarter closes', () => {
    expect(getEarliestPublicationTime(parseQuarter('2026-Q3')).toISOString()).toBe('2026-10-31T23:00:00.000Z');
  });

  it('carries the month over the new year for a fourth quarter', () => {
    expect(getEarliestPublicationTime(parseQuarter('2026-Q4')).toISOString()).toBe('2027-01-31T23:00:00.000Z');
  });

  it('refuses the open quarter', () => {
    expect(checkQuarterPublishable(parseQuarter('2026-Q4'), new Date('2026-11-25T12:00:00Z'))).toMatchObject({ publishable: false, reason: 'open' });
  });

  it('refuses a quarter closed less than a month ago', () => {
    expect(checkQuarterPublishable(parseQuarter('2026-Q3'), new Date('2026-10-20T12:00:00Z'))).toMatchObject({ publishable: false, reason: 'too-recent' });
  });

  it('allows a quarter closed more than a month ago', () => {
    expect(checkQuarterPublishable(parseQuarter('2026-Q3'), new Date('2026-11-25T12:00:00Z'))).toEqual({ publishable: true });
  });

  it('lists the publishable quarters up to now', () => {
    const list = listPublishableQuarters(parseQuarter('2026-Q1'), new Date('2026-11-25T12:00:00Z'));
    expect(list.map((q) => `${q.year}-Q${q.quarter}`)).toEqual(['2026-Q1', '2026-Q2', '2026-Q3']);
  });

  it('rejects a malformed quarter', () => {
    expect(() => parseQuarter('2026-Q5')).toThrow(RangeError);
  });
});
