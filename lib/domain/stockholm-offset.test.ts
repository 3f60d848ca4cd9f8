import { describe, expect, it } from 'vitest';
import { getStockholmOffsetSeconds } from '@/lib/domain/stockholm-offset';

const s = (iso: string) => Date.parse(iso) / 1000;

describe('Stockholm offset', () => {
  it('is one hour in winter and two in summer', () => {
    expect(getStockholmOffsetSeconds(s('2025-01-15T12:00:00Z'))).toBe(3600);
    expect(getStockholmOffsetSeconds(s('2025-07-15T12:00:00Z'))).toBe(7200);
  });

  it('moves forward at 01:00 UTC on the last Sunday of March', () => {
    expect(getStockholmOffsetSeconds(s('2025-03-30T00:59:59Z'))).toBe(3600);
    expect(getStockholmOffsetSeconds(s('2025-03-30T01:00:00Z'))).toBe(7200);
    expect(getStockholmOffsetSeconds(s('2025-03-29T23:30:00Z'))).toBe(3600);
  });

  it('moves back at 01:00 UTC on the last Sunday of October', () => {
    expect(getStockholmOffsetSeconds(s('2025-10-26T00:59:59Z'))).toBe(7200);
    expect(getStockholmOffsetSeconds(s('2025-10-26T01:00:00Z'))).toBe(3600);
    expect(getStockholmOffsetSeconds(s('2025-10-26T22:30:00Z'))).toBe(3600);
  });

  it('followed the old Swedish rule (last Sunday of September) in 1980–1995', () => {
    expect(getStockholmOffsetSeconds(s('1990-09-30T00:59:59Z'))).toBe(7200);
    expect(getStockholmOffsetSeconds(s('1990-09-30T01:00:00Z'))).toBe(3600);
  });

  it('refuses instants outside 1970–2099', () => {
    expect(() => getStockholmOffsetSeconds(-1)).toThrow(RangeError);
    expect(() => getStockholmOffsetSeconds(s('2100-01-01T00:00:00Z'))).toThrow(RangeError);
  });
});
