// The återkoppling export after an EST meeting, on both databases: partner precision only. A
// restricted and a joint unsafe place, internal notes and follow-up texts never appear, in the page
// data or the CSV; partner-visible places and published partner aggregates do; the export is audited.
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '@/db/client';
import { seedDemo } from '@/db/seed/demo';
import { DEMO_MUNICIPALITY_CODE } from '@/lib/domain/constants';
import type { SignedInUser } from '@/lib/server/auth/session';
import { publishQuarter } from '@/lib/server/disclosure/publish-quarter';
import { loopAccessFor } from '@/lib/server/pledges/loop-access';
import { openFreshTestDatabase, testBackend } from '@/lib/testing/test-database';
import { feedbackCsv, getFeedbackExport } from './feedback-export';

const UNTIL = new Date('2026-09-30T22:00:00Z');
let h: DatabaseHandle;
const org: Record<string, string> = {};
let meetingId: string;

function user(role: string, orgKind: string | null): SignedInUser {
  return {
    id: `u-${role}`,
    email: `${role}@feedback.test`,
    name: role,
    isDemo: false,
    twoFactorEnabled: true,
    hasPassword: true,
    memberships: [{ municipality_code: DEMO_MUNICIPALITY_CODE, role, organisation_id: orgKind ? org[orgKind] : null, organisation_name: null }],
    meetingMode: false,
  };
}

async function place(title: string, visibility: string, origin: string): Promise<void> {
  await sql`INSERT INTO unsafe_place (municipality_code, title, geom, source, origin_org_id, visibility, description, reported_at, status)
    VALUES (${DEMO_MUNICIPALITY_CODE}, ${title}, ST_SetSRID(ST_MakePoint(14.0396, 57.1853), 4326), 'staff', ${org[origin]}, ${visibility}, ${`FRITEXT ${title}`}, '2026-05-02T10:00:00Z', 'open')`.execute(h.db);
}

describe(`återkoppling export on ${testBackend()}`, () => {
  beforeAll(async () => {
    h = await openFreshTestDatabase();
    await seedDemo(h.db, { seed: 1, until: UNTIL, years: 1 });
    for (const o of await h.db.selectFrom('organisation').select(['id', 'kind']).where('municipality_code', '=', DEMO_MUNICIPALITY_CODE).execute()) org[o.kind] = o.id;
    await place('HEMLIG polisplats', 'restricted', 'police');
    await place('GEMENSAM EST-plats', 'joint', 'municipality');
    await place('DELAD partnerplats', 'partners', 'housing');
    const m = await h.db.selectFrom('est_meeting').select(['id', sql<string>`held_on::text`.as('held_on')]).where('kind', '=', 'follow_up').orderBy('held_on', 'desc').executeTakeFirstOrThrow();
    meetingId = m.id;
    const quarter = `${m.held_on.slice(0, 4)}-Q${Math.floor((Number(m.held_on.slice(5, 7)) - 1) / 3)}`;
    await publishQuarter(h.db, { municipalityCode: DEMO_MUNICIPALITY_CODE, audience: 'partner', quarter, now: new Date('2026-11-25T12:00:00Z'), createdBy: 'test' });
  }, 240_000);

  afterAll(async () => {
    await h?.close();
  });

  it('contains partner-visible places and published partner aggregates, and nothing restricted, joint-only or free text', async () => {
    const f = await getFeedbackExport(loopAccessFor(h.db, user('municipality', 'municipality'), DEMO_MUNICIPALITY_CODE), meetingId, 'csv');
    const csv = feedbackCsv(f);
    const everything = `${JSON.stringify(f)}\n${csv}`;
    expect(f.places.map((p) => p.title)).toContain('DELAD partnerplats');
    expect(everything).not.toMatch(/HEMLIG|GEMENSAM|FRITEXT/);
    // No internal note or follow-up text of any activity.
    const notes = await h.db.selectFrom('activity').select('internal_notes').execute();
    const followNotes = await h.db.selectFrom('follow_up').select('note').execute();
    for (const n of [...notes.map((r) => r.internal_notes), ...followNotes.map((r) => r.note)]) if (n) expect(everything).not.toContain(n);
    // Every place in it is `partners` in the database.
    const { rows } = await sql<{ visibility: string }>`SELECT DISTINCT visibility FROM unsafe_place WHERE id = ANY(${f.places.map((p) => p.id)}::uuid[])`.execute(h.db);
    expect(rows).toEqual([{ visibility: 'partners' }]);
    expect(f.aggregates).not.toBeNull();
    expect(f.aggregates!.areaTotals.length).toBeGreaterThan(0);
    // An unapproved public summary stays out.
    const pending = await h.db.selectFrom('activity').select('public_summary').where('public_summary_approved', '=', false).where('public_summary', 'is not', null).execute();
    for (const p of pending) expect(everything).not.toContain(p.public_summary!);
    expect(csv.split('\r\n')[0]).toBe('"section","name","detail","value","status"');
  });

  it('refuses partners and council (403) and logs the export', async () => {
    for (const [role, kind] of [['partner', 'housing'], ['council', null]] as const) {
      await expect(getFeedbackExport(loopAccessFor(h.db, user(role, kind), DEMO_MUNICIPALITY_CODE), meetingId, 'page')).rejects.toMatchObject({ status: 403 });
    }
    const { rows } = await sql<{ n: number }>`SELECT count(*)::int AS n FROM audit_event WHERE action = 'export' AND resource = 'feedback_export'`.execute(h.db);
    expect(rows[0].n).toBe(1);
  });
});
