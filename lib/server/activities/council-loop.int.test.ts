// The decision and reporting-back loop on the demo data (issue 7), on both databases: a council
// decision moves a proposal's status; a partner reports only its own activities; the coordinator's
// list of who has not reported; the council never gets internal notes.
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '@/db/client';
import { seedDemo } from '@/db/seed/demo';
import { DEMO_MUNICIPALITY_CODE } from '@/lib/domain/constants';
import type { SignedInUser } from '@/lib/server/auth/session';
import { HttpError } from '@/lib/server/auth/errors';
import { loopAccessFor } from '@/lib/server/pledges/loop-access';
import { openFreshTestDatabase, testBackend } from '@/lib/testing/test-database';
import { getActivityDetail } from './get-activity-detail';
import { listActivitiesFor } from './list-activities-for';
import { listUnreportedFor } from './list-unreported-for';
import { DecisionRefusedError, recordCouncilDecision } from './record-council-decision';
import { updateActivityDetails } from './manage-activities';
import { reportFollowUp } from './report-follow-up';

const UNTIL = new Date('2026-09-30T22:00:00Z');
let h: DatabaseHandle;
const org: Record<string, string> = {};

function user(role: string, orgKind: string | null): SignedInUser {
  return {
    id: `u-${role}`,
    email: `${role}@loop.test`,
    name: role,
    isDemo: false,
    twoFactorEnabled: true,
    hasPassword: true,
    memberships: [{ municipality_code: DEMO_MUNICIPALITY_CODE, role, organisation_id: orgKind ? org[orgKind] : null, organisation_name: null }],
    meetingMode: false,
  };
}
const access = (role: string, orgKind: string | null) => loopAccessFor(h.db, user(role, orgKind), DEMO_MUNICIPALITY_CODE);

async function activityId(title: string): Promise<string> {
  const row = await h.db.selectFrom('activity').select('id').where('title', '=', title).executeTakeFirstOrThrow();
  return row.id;
}

async function auditCount(action: string, resource: string): Promise<number> {
  const { rows } = await sql<{ n: number }>`SELECT count(*)::int AS n FROM audit_event WHERE action = ${action} AND resource = ${resource}`.execute(h.db);
  return rows[0].n;
}

describe(`council loop on ${testBackend()}`, () => {
  beforeAll(async () => {
    h = await openFreshTestDatabase();
    await seedDemo(h.db, { seed: 1, until: UNTIL, years: 1 });
    for (const o of await h.db.selectFrom('organisation').select(['id', 'kind']).where('municipality_code', '=', DEMO_MUNICIPALITY_CODE).execute()) org[o.kind] = o.id;
  }, 180_000);

  afterAll(async () => {
    await h?.close();
  });

  it('a council decision moves a proposed activity to decided and records meeting, date and text', async () => {
    const id = await activityId('Kameraövervakning vid resecentrum');
    const kommun = access('municipality', 'municipality');
    const r = await recordCouncilDecision(kommun, { activity_id: id, meeting_name: 'Brårådet 2026-11-18', decided_on: '2026-11-18', outcome: 'decided', decision_text: 'Rådet beslutar om kameraövervakning.' });
    expect(r.previousStatus).toBe('proposed');
    const detail = await getActivityDetail(kommun, id);
    expect(detail.activity.status).toBe('decided');
    expect(detail.decisions.map((d) => [d.meeting_name, d.decided_on, d.outcome, d.decision_text, d.recorded_by])).toEqual([
      ['Brårådet 2026-11-18', '2026-11-18', 'decided', 'Rådet beslutar om kameraövervakning.', 'municipality@loop.test'],
    ]);
    expect(await auditCount('create', 'council_decision')).toBe(1);
  });

  it('refuses a decision on an activity already under way and leaves its status', async () => {
    const id = await activityId('Ökad polisnärvaro vid resecentrum fredag–lördag kväll');
    await expect(
      recordCouncilDecision(access('police', 'police'), { activity_id: id, meeting_name: 'Brårådet', decided_on: '2026-11-18', outcome: 'rejected', decision_text: 'Nej.' }),
    ).rejects.toBeInstanceOf(DecisionRefusedError);
    const row = await h.db.selectFrom('activity').select('status').where('id', '=', id).executeTakeFirstOrThrow();
    expect(row.status).toBe('ongoing');
  });

  it('lets council members read decisions but not record them (403, audited)', async () => {
    const id = await activityId('Trygghetsvärdar i resecentrum');
    const before = await auditCount('denied', 'activity');
    await expect(recordCouncilDecision(access('council', null), { activity_id: id, meeting_name: 'x', decided_on: '2026-11-18', outcome: 'rejected', decision_text: 'x' })).rejects.toMatchObject({
      status: 403,
    });
    expect(await auditCount('denied', 'activity')).toBe(before + 1);
    const detail = await getActivityDetail(access('council', null), id);
    expect(detail.decisions).toHaveLength(1);
  });

  it('gives a partner only the activities its organisation owns or partners in', async () => {
    const rows = await listActivitiesFor(access('partner', 'housing'));
    expect(rows.length).toBeGreaterThan(0);
    for (const r of rows) expect(r.owner_org_id === org.housing || r.partner_org_ids.includes(org.housing)).toBe(true);
    const { rows: all } = await sql<{ n: number }>`SELECT count(*)::int AS n FROM activity a WHERE a.owner_org_id = ${org.housing} OR EXISTS (SELECT 1 FROM activity_partner p WHERE p.activity_id = a.id AND p.organisation_id = ${org.housing})`.execute(h.db);
    expect(rows).toHaveLength(all[0].n);
  });

  it('lets a partner report its own activity’s quarter and refuses another organisation’s, writing nothing', async () => {
    const own = await activityId('Klotter sanerat inom 24 timmar på bostadsbolagets fastigheter');
    const other = await activityId('Synlig polisnärvaro vid torget fredag och lördag natt');
    const partner = access('partner', 'housing');
    const r = await reportFollowUp(partner, { activity_id: own, quarter: '2026-Q3', status: 'on_track', indicator_value: '91,5', note: 'Sanerat 43 av 47 inom ett dygn.' });
    expect(r.created).toBe(true);
    const row = await h.db.selectFrom('follow_up').selectAll().where('id', '=', r.id).executeTakeFirstOrThrow();
    expect([row.indicator_value, row.reported_by_org_id, row.reported_by, row.status]).toEqual([91.5, org.housing, 'partner@loop.test', 'on_track']);
    // Reporting again replaces the figures of the same quarter.
    const again = await reportFollowUp(partner, { activity_id: own, quarter: '2026-Q3', status: 'delayed', indicator_value: 88 });
    expect(again).toEqual({ id: r.id, created: false });

    const before = await h.db.selectFrom('follow_up').select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow();
    const denied = await auditCount('denied', 'follow_up');
    const err = await reportFollowUp(partner, { activity_id: other, quarter: '2026-Q3', status: 'on_track', indicator_value: 20 }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(HttpError);
    expect((err as HttpError).status).toBe(404);
    const after = await h.db.selectFrom('follow_up').select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow();
    expect(after.n).toBe(before.n);
    expect(await auditCount('denied', 'follow_up')).toBe(denied + 1);
    await expect(getActivityDetail(partner, other)).rejects.toMatchObject({ status: 404 });
  });

  it('shows the coordinator who has not reported the quarter, and a report takes the activity off the list', async () => {
    const kommun = access('municipality', 'municipality');
    const list = await listUnreportedFor(kommun, { quarter: '2026-Q3' });
    // The demo leaves three 2026-Q3 reports missing; the partner reported one in the test above.
    expect(list.map((r) => r.owner_name).sort()).toEqual(['Polisen lokalpolisområde Värnamo', 'Värnamo kommun']);
    const light = list.find((r) => r.owner_name === 'Värnamo kommun')!;
    await reportFollowUp(kommun, { activity_id: light.activity_id, quarter: '2026-Q3', status: 'delayed', indicator_value: 60 });
    expect((await listUnreportedFor(kommun, { quarter: '2026-Q3' })).map((r) => r.owner_name)).toEqual(['Polisen lokalpolisområde Värnamo']);
    // Independent count: running activities of the quarter without a 2026-Q3 row.
    const { rows } = await sql<{ n: number }>`
      SELECT count(*)::int AS n FROM activity a WHERE a.starts_on <= '2026-09-30'
        AND (a.status IN ('decided', 'ongoing') OR (a.status = 'done' AND (a.ends_on IS NULL OR a.ends_on >= '2026-07-01'))) AND NOT EXISTS (SELECT 1 FROM follow_up f WHERE f.activity_id = a.id AND f.quarter = '2026-Q3')`.execute(h.db);
    expect(rows[0].n).toBe(1);
    // A partner sees only its own gaps: none left.
    expect(await listUnreportedFor(access('partner', 'housing'), { quarter: '2026-Q3' })).toEqual([]);
  });

  it('never gives the council internal notes or follow-up texts', async () => {
    const rows = await listActivitiesFor(access('council', null));
    expect(rows.length).toBe(10);
    for (const r of rows) expect(r.internal_notes).toBeNull();
    const detail = await getActivityDetail(access('council', null), rows.find((r) => r.reported_quarters.length > 0)!.id);
    for (const f of detail.followUps) expect(f.note).toBeNull();
    const est = await listActivitiesFor(access('police', 'police'));
    expect(est.every((r) => r.internal_notes !== null)).toBe(true);
  });

  it('lets the EST group change an activity’s details and partners, refuses the council, and refuses an end before the start', async () => {
    const id = await activityId('Trygghetsvärdar i resecentrum');
    const input = {
      activity_id: id,
      title: 'Trygghetsvärdar i resecentrum och cykelgaraget',
      owner_org_id: org.business,
      partner_org_ids: [org.municipality, org.housing],
      starts_on: '2026-10-01',
      ends_on: '2027-03-31',
      goal: 'Värdar fredag och lördag 17–24.',
      indicator: 'Antal bemannade kvällar',
      internal_notes: 'Avtal förlängt.',
    };
    await updateActivityDetails(access('municipality', 'municipality'), input);
    const detail = await getActivityDetail(access('police', 'police'), id);
    expect([detail.activity.title, detail.activity.ends_on, detail.activity.internal_notes, detail.activity.status]).toEqual([input.title, '2027-03-31', 'Avtal förlängt.', 'decided']);
    expect([...detail.activity.partner_org_ids].sort()).toEqual([org.municipality, org.housing].sort());
    await expect(updateActivityDetails(access('council', null), input)).rejects.toMatchObject({ status: 403 });
    await expect(updateActivityDetails(access('partner', 'housing'), input)).rejects.toMatchObject({ status: 403 });
    await expect(updateActivityDetails(access('police', 'police'), { ...input, ends_on: '2026-01-01' })).rejects.toThrow(/ends_on must not be before starts_on/);
  });
});
