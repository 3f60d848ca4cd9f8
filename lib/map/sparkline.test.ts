import { describe, expect, it } from 'vitest';
import { sparklinePath } from './sparkline';

describe('sparkline path', () => {
  it('spans the width, the largest value near the top and zero at the bottom', () => {
    expect(sparklinePath([0, 10], 100, 20)).toBe('M0.0 19.0 L100.0 1.0');
  });
  it('draws a single month as a flat line and nothing for no months', () => {
    expect(sparklinePath([3], 50, 10)).toBe('M0 1.0 H50');
    expect(sparklinePath([], 50, 10)).toBe('');
  });
});
