import { describe, expect, it } from 'vitest';
import { fromLocalParts, quarterOf, startOfQuarter, toLocalParts } from './time';

describe('Stockholm calendar helpers', () => {
  it('reads wall-clock time in winter (+01:00) and summer (+02:00)', () => {
    expect(toLocalParts(new Date('2026-01-15T12:00:00Z')).hour).toBe(13);
    expect(toLocalParts(new Date('2026-07-15T12:00:00Z')).hour).toBe(14);
  });

  it('turns local times on both sides of the October change into the right instants', () => {
    expect(fromLocalParts(2026, 10, 24, 12).toISOString()).toBe('2026-10-24T10:00:00.000Z');
    expect(fromLocalParts(2026, 10, 26, 12).toISOString()).toBe('2026-10-26T11:00:00.000Z');
  });

  it('starts a quarter at local midnight', () => {
    expect(startOfQuarter(new Date('2026-11-25T09:00:00Z')).toISOString()).toBe('2026-09-30T22:00:00.000Z');
    expect(startOfQuarter(new Date('2026-02-10T09:00:00Z')).toISOString()).toBe('2025-12-31T23:00:00.000Z');
  });

  it('puts New Year’s Eve 23:30 UTC in the first quarter of the next year', () => {
    expect(quarterOf(new Date('2025-12-31T23:30:00Z'))).toBe('2026-Q1');
  });
});
