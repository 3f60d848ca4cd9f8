import { describe, expect, it } from 'vitest';
import { isoToStockholmLocal, patchFromForm, stockholmLocalToIso } from './record-form';

function form(entries: [string, string][]): FormData {
  const f = new FormData();
  for (const [k, v] of entries) f.append(k, v);
  return f;
}

describe('record form', () => {
  it('a Stockholm wall-clock time becomes the right UTC instant in summer and winter', () => {
    expect(stockholmLocalToIso('2026-07-01T20:00')).toBe('2026-07-01T18:00:00.000Z');
    expect(stockholmLocalToIso('2026-01-15T20:00:30')).toBe('2026-01-15T19:00:30.000Z');
  });

  it('an ISO instant round-trips through the datetime-local value', () => {
    for (const iso of ['2026-03-29T00:59:59.000Z', '2026-10-25T01:30:00.000Z', '2026-05-01T12:00:00.000Z']) {
      expect(stockholmLocalToIso(isoToStockholmLocal(iso))).toBe(iso);
    }
  });

  it('empty optional fields clear, numbers convert (decimal comma too), unknown fields are ignored', () => {
    const patch = patchFromForm(
      'vandalism',
      form([
        ['cost_sek', '1 250,5'],
        ['lat', '57,18'],
        ['lon', '14.05'],
        ['remediated_at', ''],
        ['description', ''],
        ['origin_org_id', 'x'],
        ['offensive__present', '1'],
      ]),
    );
    // '1 250,5' is not a number: passed on so the schema names cost_sek in its error.
    expect(patch).toEqual({ cost_sek: '1 250,5', lat: 57.18, lon: 14.05, remediated_at: null, description: null, offensive: false });
  });

  it('a checkbox group with nothing ticked clears the reasons', () => {
    expect(patchFromForm('unsafe-place', form([['reasons__present', '1']]))).toEqual({ reasons: [] });
    expect(patchFromForm('unsafe-place', form([['reasons__present', '1'], ['reasons', 'litter'], ['reasons', 'traffic']]))).toEqual({ reasons: ['litter', 'traffic'] });
    expect(patchFromForm('unsafe-place', form([]))).toEqual({});
  });

  it('text is passed as typed, hostile or not', () => {
    const s = '<script>alert(1)</script>\u202e';
    expect(patchFromForm('incident', form([['description', s]]))).toEqual({ description: s });
  });
});
