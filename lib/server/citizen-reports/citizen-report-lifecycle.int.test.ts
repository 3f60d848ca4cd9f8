// A citizen report from submission to purge, on a real database: token lookup, photo metadata
// stripped, rate limit, honeypot, each moderation decision, public pins and the contact purge with a
// fixed clock.
import { sql } from 'kysely';
import sharp from 'sharp';
import { beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '@/db/client';
import { listPublicReportPins } from '@/db/queries/citizen-reports/list-public-report-pins';
import { withCitizenReportTables } from '@/db/queries/citizen-reports/tables';
import { createOrganisation } from '@/db/queries/entities/organisation';
import type { Viewer } from '@/lib/server/permissions/viewer';
import { findCitizenReportStatus } from '@/lib/server/public/get-citizen-report-status';
import { HONEYPOT_FIELD, submitCitizenReport } from '@/lib/server/public/submit-citizen-report';
import { createTestMunicipality, getTestDatabase, testBackend } from '@/lib/testing/test-database';
import { CONTACT_RETENTION_SETTING } from './contact-retention';
import { listModerationQueue, moderateCitizenReport } from './moderate-citizen-report';
import { purgeExpiredContactDetails } from './purge-contact-details';
import { hashStatusToken } from './status-token';

const T0 = new Date('2026-11-02T09:15:00Z');
const DAY = 86_400_000;
const EXIF_MARKER = 'EXIF-MARKER-4711';

async function photoWithExif(): Promise<Uint8Array> {
  const buf = await sharp({ create: { width: 640, height: 480, channels: 3, background: '#6b8e23' } })
    .jpeg()
    .withExif({ IFD0: { Artist: 'Fotograf Hemligsson', Copyright: EXIF_MARKER }, IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '57/1 11/1 2345/100', GPSLongitudeRef: 'E', GPSLongitude: '14/1 2/1 3456/100' } })
    .toBuffer();
  return new Uint8Array(buf);
}

describe(`citizen reports on ${testBackend()}`, () => {
  let h: DatabaseHandle;
  let code: string;
  let moderator: Viewer;
  let council: Viewer;
  let district: string;
  let client = 0;

  const fields = (over: Record<string, string> = {}) => ({ category: 'unsafe_place', body: 'Trasig belysning vid gångtunneln, mörkt efter klockan 17.', lon: '14.05', lat: '57.18', ...over });
  const submit = (over: Record<string, string> = {}, photo: Uint8Array | null = null, now = T0) =>
    submitCitizenReport(h.db, fields(over), photo, { municipalityCode: code, clientAddress: `198.51.100.${client++}`, now });
  const idOf = async (token: string) =>
    (await withCitizenReportTables(h.db).selectFrom('citizen_report').select('id').where('status_token_hash', '=', hashStatusToken(token)).executeTakeFirstOrThrow()).id;

  beforeAll(async () => {
    h = await getTestDatabase();
    code = await createTestMunicipality(h, 'Rapport');
    await h.db.insertInto('area').values({ municipality_code: code, kind: 'municipality', name: 'Kommunen', geom: sql`ST_Multi(ST_MakeEnvelope(14.0, 57.1, 14.2, 57.3, 4326))` }).execute();
    district = (
      await h.db
        .insertInto('area')
        .values({ municipality_code: code, kind: 'district', name: 'Centrum', geom: sql`ST_Multi(ST_MakeEnvelope(14.0, 57.1, 14.1, 57.2, 4326))` })
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id;
    const org = await createOrganisation(h.db, code, { name: 'Kommunen', kind: 'municipality' });
    moderator = { userId: 'u1', actor: 'kommun@test.example', municipalityCode: code, held: [{ role: 'municipality', organisationId: org.id }], meetingMode: false };
    council = { userId: 'u2', actor: 'bra@test.example', municipalityCode: code, held: [{ role: 'council', organisationId: null }], meetingMode: false };
  });

  it('stores a report with only the hash of its status token, and the link finds it', async () => {
    const { token, statusPath } = await submit({ contact_email: 'boende@example.se' });
    expect(token).toMatch(/^[A-Za-z0-9_-]{24}$/);
    expect(statusPath).toBe(`/rapportstatus/${token}`);
    const { rows } = await sql<{ n: number }>`SELECT count(*)::int AS n FROM citizen_report WHERE municipality_code = ${code} AND status_token_hash = ${token}`.execute(h.db);
    expect(rows[0].n).toBe(0);
    const status = await findCitizenReportStatus(h.db, { municipalityCode: code, token });
    expect(status).toMatchObject({ category: 'unsafe_place', state: 'in_review', publicStatus: 'received', receivedOn: '2026-11-02', publicSummary: null });
    expect(JSON.stringify(status)).not.toContain('boende@example.se');
  });

  it('finds nothing for an unknown or malformed token', async () => {
    expect(await findCitizenReportStatus(h.db, { municipalityCode: code, token: 'A'.repeat(24) })).toBeNull();
    expect(await findCitizenReportStatus(h.db, { municipalityCode: code, token: "' OR 1=1 --" })).toBeNull();
  });

  it('re-encodes the photo without EXIF or GPS metadata', async () => {
    const original = await photoWithExif();
    expect(Buffer.from(original).includes(EXIF_MARKER)).toBe(true);
    const { token } = await submit({}, original);
    const id = await idOf(token);
    const stored = await withCitizenReportTables(h.db).selectFrom('citizen_report_photo').select(['bytes', 'width', 'height']).where('report_id', '=', id).executeTakeFirstOrThrow();
    const meta = await sharp(Buffer.from(stored.bytes)).metadata();
    expect(meta.format).toBe('jpeg');
    expect(meta.exif).toBeUndefined();
    expect(meta.xmp).toBeUndefined();
    expect(Buffer.from(stored.bytes).includes(EXIF_MARKER)).toBe(false);
    expect(Buffer.from(stored.bytes).includes('Hemligsson')).toBe(false);
    expect([stored.width, stored.height]).toEqual([640, 480]);
  });

  it('refuses something that is not an image as the photo', async () => {
    await expect(submit({}, new TextEncoder().encode('not a picture'))).rejects.toMatchObject({ status: 400 });
  });

  it('refuses a filled honeypot, a place outside the municipality and a bad e-mail, naming the field', async () => {
    await expect(submit({ [HONEYPOT_FIELD]: 'http://spam.example' })).rejects.toMatchObject({ status: 400, message: expect.stringContaining(HONEYPOT_FIELD) });
    await expect(submit({ lon: '18.07', lat: '59.33' })).rejects.toMatchObject({ status: 400, message: expect.stringContaining('inside the municipality') });
    await expect(submit({ contact_email: 'inte-en-adress' })).rejects.toThrow(/contact_email/);
  });

  it('takes an area from the list instead of a map position', async () => {
    const { token } = await submit({ lon: '', lat: '', area_id: district });
    const row = await sql<{ inside: boolean }>`SELECT ST_Within(geom, (SELECT geom FROM area WHERE id = ${district})) AS inside FROM citizen_report WHERE status_token_hash = ${hashStatusToken(token)}`.execute(h.db);
    expect(row.rows[0].inside).toBe(true);
  });

  it('accepts five reports an hour from one client and refuses the sixth, but not another client or the next hour', async () => {
    const opts = (address: string, now: Date) => ({ municipalityCode: code, clientAddress: address, now });
    const at = new Date('2026-11-03T10:05:00Z');
    for (let i = 0; i < 5; i++) await submitCitizenReport(h.db, fields(), null, opts('203.0.113.9', at));
    await expect(submitCitizenReport(h.db, fields(), null, opts('203.0.113.9', at))).rejects.toMatchObject({ status: 429 });
    await expect(submitCitizenReport(h.db, fields(), null, opts('203.0.113.10', at))).resolves.toBeTruthy();
    await expect(submitCitizenReport(h.db, fields(), null, opts('203.0.113.9', new Date('2026-11-03T11:00:01Z')))).resolves.toBeTruthy();
    const { rows } = await sql<{ n: number }>`SELECT count(*)::int AS n FROM citizen_report_rate WHERE key LIKE '%203.0.113%'`.execute(h.db);
    expect(rows[0].n).toBe(0);
  });

  it('lets a council member neither read the queue nor moderate, and logs the attempt', async () => {
    await expect(listModerationQueue(h.db, council, T0)).rejects.toMatchObject({ status: 403 });
    const { token } = await submit();
    await expect(moderateCitizenReport(h.db, council, { decision: 'reject', report_id: await idOf(token), rejection_reason: 'x' }, T0)).rejects.toMatchObject({ status: 403 });
    const denied = await h.db.selectFrom('audit_event').select('actor').where('municipality_code', '=', code).where('action', '=', 'denied').execute();
    expect(denied.filter((d) => d.actor === 'bra@test.example').length).toBe(2);
  });

  it('approves with a public pin only with a public text, then moves the status to planned and fixed', async () => {
    const { token } = await submit({ lon: '14.051234567', lat: '57.181234567' });
    const id = await idOf(token);
    await expect(moderateCitizenReport(h.db, moderator, { decision: 'approve', report_id: id, public_pin: true }, T0)).rejects.toThrow(/public_summary/);
    await moderateCitizenReport(h.db, moderator, { decision: 'approve', report_id: id, public_pin: true, public_summary: 'Belysningen vid gångtunneln ses över.' }, T0);
    const pins = await listPublicReportPins(h.db, code);
    expect(pins.map((p) => [p.public_summary, p.lon, p.lat, p.public_status])).toEqual([['Belysningen vid gångtunneln ses över.', 14.0512, 57.1812, 'received']]);
    await moderateCitizenReport(h.db, moderator, { decision: 'status', report_id: id, public_status: 'planned' }, new Date(T0.getTime() + DAY));
    expect(await findCitizenReportStatus(h.db, { municipalityCode: code, token })).toMatchObject({ state: 'approved', publicStatus: 'planned', statusChangedOn: '2026-11-03' });
    await moderateCitizenReport(h.db, moderator, { decision: 'status', report_id: id, public_status: 'fixed' }, new Date(T0.getTime() + 2 * DAY));
    expect(await findCitizenReportStatus(h.db, { municipalityCode: code, token })).toMatchObject({ publicStatus: 'fixed', publicSummary: 'Belysningen vid gångtunneln ses över.' });
    // A second decision on a handled report is refused.
    await expect(moderateCitizenReport(h.db, moderator, { decision: 'reject', report_id: id, rejection_reason: 'dubbel' }, T0)).rejects.toMatchObject({ status: 400 });
  });

  it('merges a duplicate into a nearby report: the reporter follows the kept report', async () => {
    const kept = await submit();
    const dup = await submit({ lon: '14.0501', lat: '57.1801' });
    const keptId = await idOf(kept.token);
    const queue = await listModerationQueue(h.db, moderator, T0);
    const entry = queue.pending.find((r) => r.nearby.some((n) => n.id === keptId));
    expect(entry).toBeTruthy();
    await moderateCitizenReport(h.db, moderator, { decision: 'merge', report_id: await idOf(dup.token), merged_into_id: keptId }, T0);
    await moderateCitizenReport(h.db, moderator, { decision: 'approve', report_id: keptId, public_status: 'planned' }, T0);
    expect(await findCitizenReportStatus(h.db, { municipalityCode: code, token: dup.token })).toMatchObject({ state: 'merged', publicStatus: 'planned' });
  });

  it('turns reports into an unsafe place and a graffiti record through the entity functions', async () => {
    const a = await submit();
    const b = await submit({ category: 'graffiti_damage', body: 'Klotter på busskuren.' });
    const placed = await moderateCitizenReport(h.db, moderator, { decision: 'convert', report_id: await idOf(a.token), kind: 'unsafe_place', title: 'Mörk gångtunnel' }, T0);
    const graffiti = await moderateCitizenReport(h.db, moderator, { decision: 'convert', report_id: await idOf(b.token), kind: 'graffiti' }, T0);
    const place = await h.db.selectFrom('unsafe_place').select(['source', 'title', 'visibility']).where('id', '=', placed.createdRecordId!).executeTakeFirstOrThrow();
    expect(place).toEqual({ source: 'citizen', title: 'Mörk gångtunnel', visibility: 'joint' });
    const v = await h.db.selectFrom('vandalism_report').select(['kind', 'status']).where('id', '=', graffiti.createdRecordId!).executeTakeFirstOrThrow();
    expect(v).toEqual({ kind: 'graffiti', status: 'reported' });
    expect(await findCitizenReportStatus(h.db, { municipalityCode: code, token: b.token })).toMatchObject({ state: 'converted', publicStatus: 'received' });
  });

  it('rejects with a reason that the reporter never sees', async () => {
    const { token } = await submit();
    await expect(moderateCitizenReport(h.db, moderator, { decision: 'reject', report_id: await idOf(token), rejection_reason: '' }, T0)).rejects.toThrow(/rejection_reason/);
    await moderateCitizenReport(h.db, moderator, { decision: 'reject', report_id: await idOf(token), rejection_reason: 'Privat tomt, inte kommunens mark' }, T0);
    const status = await findCitizenReportStatus(h.db, { municipalityCode: code, token });
    expect(status).toMatchObject({ state: 'rejected', publicStatus: 'closed', publicSummary: null });
    expect(JSON.stringify(status)).not.toContain('Privat tomt');
  });

  it('deletes contact details and photo the set time after a report closes, not before, and leaves open reports alone', async () => {
    const own = await createTestMunicipality(h, 'Gallring');
    await h.db.insertInto('area').values({ municipality_code: own, kind: 'municipality', name: 'G', geom: sql`ST_Multi(ST_MakeEnvelope(14.0, 57.1, 14.2, 57.3, 4326))` }).execute();
    const mod: Viewer = { ...moderator, municipalityCode: own, held: [{ role: 'police', organisationId: null }] };
    const send = (now: Date, photo: Uint8Array | null = null) =>
      submitCitizenReport(h.db, fields({ contact_name: 'Kim Boende', contact_phone: '070-123 45 67' }), photo, { municipalityCode: own, clientAddress: `192.0.2.${client++}`, now });
    const closed = await send(T0, await photoWithExif());
    const open = await send(T0);
    const closedId = (await withCitizenReportTables(h.db).selectFrom('citizen_report').select('id').where('status_token_hash', '=', hashStatusToken(closed.token)).executeTakeFirstOrThrow()).id;
    await moderateCitizenReport(h.db, mod, { decision: 'reject', report_id: closedId, rejection_reason: 'Dubblett utanför systemet' }, T0);
    const contact = () =>
      withCitizenReportTables(h.db).selectFrom('citizen_report').select(['contact_name', 'contact_phone', 'contact_purged_at', 'status_token_hash']).where('municipality_code', '=', own).orderBy('created_at').execute();

    expect((await purgeExpiredContactDetails(h.db, { municipalityCode: own, now: new Date(T0.getTime() + 89 * DAY), actor: 'test' })).purged).toBe(0);
    const r = await purgeExpiredContactDetails(h.db, { municipalityCode: own, now: new Date(T0.getTime() + 91 * DAY), actor: 'test' });
    expect(r).toEqual({ municipalityCode: own, retentionDays: 90, purged: 1 });
    const rows = await contact();
    const closedRow = rows.find((x) => x.status_token_hash === hashStatusToken(closed.token))!;
    const openRow = rows.find((x) => x.status_token_hash === hashStatusToken(open.token))!;
    expect([closedRow.contact_name, closedRow.contact_phone]).toEqual([null, null]);
    expect(closedRow.contact_purged_at).not.toBeNull();
    expect([openRow.contact_name, openRow.contact_phone]).toEqual(['Kim Boende', '070-123 45 67']);
    const photos = await withCitizenReportTables(h.db).selectFrom('citizen_report_photo').select('report_id').where('municipality_code', '=', own).execute();
    expect(photos).toEqual([]);
    // The reporter can still follow the closed report.
    expect(await findCitizenReportStatus(h.db, { municipalityCode: own, token: closed.token })).toMatchObject({ publicStatus: 'closed' });
  });

  it('honours a shorter retention setting', async () => {
    const own = await createTestMunicipality(h, 'Kort');
    await h.db.insertInto('setting').values({ municipality_code: own, key: CONTACT_RETENTION_SETTING, value: JSON.stringify(30) }).execute();
    const mod: Viewer = { ...moderator, municipalityCode: own, held: [{ role: 'police', organisationId: null }] };
    const sent = await submitCitizenReport(h.db, fields({ contact_email: 'a@example.se' }), null, { municipalityCode: own, clientAddress: '192.0.2.250', now: T0 });
    const id = (await withCitizenReportTables(h.db).selectFrom('citizen_report').select('id').where('status_token_hash', '=', hashStatusToken(sent.token)).executeTakeFirstOrThrow()).id;
    await moderateCitizenReport(h.db, mod, { decision: 'reject', report_id: id, rejection_reason: 'Test' }, T0);
    expect((await purgeExpiredContactDetails(h.db, { municipalityCode: own, now: new Date(T0.getTime() + 31 * DAY), actor: 'test' })).purged).toBe(1);
  });
});
