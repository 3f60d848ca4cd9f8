import { describe, expect, it } from 'vitest';
import { Random } from '@/lib/testing/random';
import { stockholmToUtc, utcToStockholm } from './demo/stockholm-time';

const iso = (ms: number) => new Date(ms).toISOString();

/** Reference: the wall clock that the ICU time-zone database (through Intl) shows in Stockholm. */
const stockholmFormat = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Europe/Stockholm', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', hourCycle: 'h23',
});

function intlLocal(ms: number) {
  const parts = stockholmFormat.formatToParts(new Date(ms));
  const get = (t: string) => Number(parts.find((p) => p.type === t)!.value);
  return { year: get('year'), month: get('month'), day: get('day'), hour: get('hour'), minute: get('minute') };
}

describe('Stockholm local time', () => {
  it('converts local times on both sides of the spring change to the right UTC instants', () => {
    expect(iso(stockholmToUtc({ year: 2026, month: 3, day: 29, hour: 1, minute: 30 }))).toBe('2026-03-29T00:30:00.000Z');
    expect(iso(stockholmToUtc({ year: 2026, month: 3, day: 29, hour: 3, minute: 30 }))).toBe('2026-03-29T01:30:00.000Z');
  });

  it('moves a time that does not exist at the spring change an hour forward', () => {
    expect(iso(stockholmToUtc({ year: 2026, month: 3, day: 29, hour: 2, minute: 30 }))).toBe('2026-03-29T01:30:00.000Z');
  });

  it('resolves the repeated hour at the autumn change to its first, summer-time occurrence', () => {
    expect(iso(stockholmToUtc({ year: 2026, month: 10, day: 25, hour: 2, minute: 30 }))).toBe('2026-10-25T00:30:00.000Z');
    expect(iso(stockholmToUtc({ year: 2026, month: 10, day: 25, hour: 3, minute: 30 }))).toBe('2026-10-25T02:30:00.000Z');
  });

  it('accepts hours past midnight as the next day', () => {
    expect(stockholmToUtc({ year: 2026, month: 1, day: 31, hour: 25, minute: 0 })).toBe(stockholmToUtc({ year: 2026, month: 2, day: 1, hour: 1, minute: 0 }));
  });

  it('agrees with the time-zone database for random instants over 2020–2030', () => {
    const r = new Random(11);
    for (let i = 0; i < 5000; i++) {
      const ms = Math.floor(r.uniform(Date.UTC(2020, 0, 1), Date.UTC(2030, 11, 31)) / 60_000) * 60_000;
      const { weekday: _w, ...local } = utcToStockholm(ms);
      expect(local).toEqual(intlLocal(ms));
      // Round trip, except in the repeated autumn hour where the first occurrence is chosen.
      const back = stockholmToUtc(local);
      if (back !== ms) expect(back).toBe(ms - 3_600_000);
    }
  });
});
