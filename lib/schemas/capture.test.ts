import { describe, expect, it } from 'vitest';
import { cleanupDueAt, DEFAULT_CLEANUP_TARGETS, fieldErrorsOf, formToObject, incidentCaptureSchema, localDateTimeToIso, vandalismCaptureSchema } from './capture';

describe('capture schemas', () => {
  it('reads a datetime-local value as Swedish time on both sides of the autumn DST change', () => {
    expect(localDateTimeToIso('2026-10-24T12:00')).toBe('2026-10-24T10:00:00.000Z');
    expect(localDateTimeToIso('2026-10-26T12:00')).toBe('2026-10-26T11:00:00.000Z');
  });

  it('refuses a date that does not exist', () => {
    expect(localDateTimeToIso('2026-02-30T10:00')).toBeNull();
    expect(localDateTimeToIso('2026-11-20 10:00')).toBeNull();
  });

  it('names the location field when no pin was placed', () => {
    const r = incidentCaptureSchema.safeParse({ lon: '', lat: '', category_key: 'assault', occurred_at: '2026-11-20T10:00', visibility: 'joint' });
    expect(r.success).toBe(false);
    if (!r.success) expect(fieldErrorsOf(r.error)).toMatchObject({ lon: 'lon is required: place a pin on the map', lat: 'lat is required: place a pin on the map' });
  });

  it('offensive applies to graffiti only, and cleaned needs a responsible organisation and a time', () => {
    const r = vandalismCaptureSchema.safeParse({ lon: '14.04', lat: '57.18', vandalism_kind: 'damage', offensive: 'on', reported_at: '2026-11-20T10:00', status: 'cleaned', visibility: 'joint' });
    expect(r.success).toBe(false);
    if (!r.success) expect(Object.keys(fieldErrorsOf(r.error)).sort()).toEqual(['offensive', 'remediated_at', 'responsible_org_id']);
  });

  it('offensive graffiti is due 24 hours after the report by default, other graffiti a week after', () => {
    expect(cleanupDueAt('2026-11-20T07:00:00.000Z', DEFAULT_CLEANUP_TARGETS, 'graffiti', true)).toBe('2026-11-21T07:00:00.000Z');
    expect(cleanupDueAt('2026-11-20T07:00:00.000Z', DEFAULT_CLEANUP_TARGETS, 'graffiti', false)).toBe('2026-11-27T07:00:00.000Z');
  });
});

describe('formToObject', () => {
  it('leaves empty fields out and collects checkbox groups', () => {
    const f = new FormData();
    f.append('responsible_org_id', '');
    f.append('reasons', 'litter');
    f.append('reasons', 'traffic');
    f.append('title', 'Tunneln');
    expect(formToObject(f, ['reasons'])).toEqual({ reasons: ['litter', 'traffic'], title: 'Tunneln' });
  });

  it('an empty responsible organisation is none, not a bad id', () => {
    const f = new FormData();
    for (const [k, v] of Object.entries({ lon: '14.05', lat: '57.18', vandalism_kind: 'graffiti', reported_at: '2026-11-20T10:00', status: 'reported', responsible_org_id: '', visibility: 'joint' })) f.append(k, v);
    expect(vandalismCaptureSchema.safeParse(formToObject(f)).success).toBe(true);
  });
});
