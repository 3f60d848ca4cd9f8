import { describe, expect, it } from 'vitest';
import { defaultPeriod, isDemoSetting } from './get-staff-context';

describe('staff context', () => {
  it('reads the demo setting as on for true or an object, off for false or enabled: false', () => {
    expect(isDemoSetting(true)).toBe(true);
    expect(isDemoSetting({ seed: 1 })).toBe(true);
    expect(isDemoSetting(false)).toBe(false);
    expect(isDemoSetting(null)).toBe(false);
    expect(isDemoSetting({ enabled: false })).toBe(false);
  });

  it('the default period ends on the Stockholm date, not the UTC date', () => {
    // 23:30 UTC on 31 December is already 1 January in Stockholm.
    expect(defaultPeriod(new Date('2025-12-31T23:30:00Z'))).toEqual({ from: '2025-01-02', to: '2026-01-01' });
  });
});
