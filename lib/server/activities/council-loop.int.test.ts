// The decision and reporting-back loop on the demo data (issue 7), on both databases: a council
// decision moves a proposal's status; a partner reports only its own activities; the coordinator's
// list of who has not reported; the council never gets internal notes; the EST group edits pledges and
// focus areas (audited before/after, transactional, refused for the others).
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
import { updateFocusAreaAs, updatePledgeAs } from '@/lib/server/pledges/manage-pledges';
import { listDecisionsBetween } from '@/db/queries/pledges/council-decisions';
import { quarterDays } from '@/lib/server/council/get-quarterly-report';

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
    // The quarterly report lists it in its quarter (2026-Q4) and not in the one before.
    expect(quarterDays('2026-Q4')).toEqual({ from: '2026-10-01', to: '2026-12-31' });
    expect(quarterDays('2024-Q1')).toEqual({ from: '2024-01-01', to: '2024-03-31' });
    const q4 = await listDecisionsBetween(h.db, { municipalityCode: DEMO_MUNICIPALITY_CODE, ...quarterDays('2026-Q4') });
    expect(q4.map((d) => [d.decided_on, d.meeting_name, d.outcome, d.decision_text, d.activity_title])).toEqual([
      ['2026-11-18', 'Brårådet 2026-11-18', 'decided', 'Rådet beslutar om kameraövervakning.', 'Kameraövervakning vid resecentrum'],
    ]);
    const q3 = await listDecisionsBetween(h.db, { municipalityCode: DEMO_MUNICIPALITY_CODE, ...quarterDays('2026-Q3') });
    const { rows: direct } = await sql<{ n: number }>`SELECT count(*)::int AS n FROM council_decision WHERE decided_on BETWEEN '2026-07-01' AND '2026-09-30'`.execute(h.db);
    expect(q3.length).toBe(direct[0].n);
    expect(q3.every((d) => d.decided_on >= '2026-07-01' && d.decided_on <= '2026-09-30')).toBe(true);
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
  async function lastAudit(resource: string): Promise<{ actor: string; details: { fields: string[]; before: Record<string, unknown>; after: Record<string, unknown>; from_area?: string | null } }> {
    const row = await h.db.selectFrom('audit_event').select(['actor', 'details']).where('resource', '=', resource).where('action', '=', 'update').orderBy('id', 'desc').executeTakeFirstOrThrow();
    return row as never;
  }

  it('lets the EST group edit a pledge (text, year, focus areas, partners) with a before/after audit; refuses the others and bad references, writing nothing', async () => {
    const pledge = await h.db.selectFrom('pledge').selectAll().where('municipality_code', '=', DEMO_MUNICIPALITY_CODE).orderBy('title').executeTakeFirstOrThrow();
    const focus = await h.db.selectFrom('focus_area').select('id').where('municipality_code', '=', DEMO_MUNICIPALITY_CODE).orderBy('name').execute();
    const before = await h.db.selectFrom('pledge_partner').select('organisation_id').where('pledge_id', '=', pledge.id).execute();
    const input = { pledge_id: pledge.id, year: pledge.year + 1, title: `${pledge.title} (reviderat)`, body: 'Ny löftestext.', public_summary: 'Kort.', focus_area_ids: [focus[0].id], partner_org_ids: [org.housing, org.business] };
    const audits = await auditCount('update', 'pledge');
    expect((await updatePledgeAs(access('municipality', 'municipality'), input)).changed).toEqual(expect.arrayContaining(['year', 'title', 'body', 'public_summary', 'focus_area_ids']));
    const row = await h.db.selectFrom('pledge').selectAll().where('id', '=', pledge.id).executeTakeFirstOrThrow();
    expect([row.year, row.title, row.body, row.public_summary]).toEqual([input.year, input.title, 'Ny löftestext.', 'Kort.']);
    const partners = await h.db.selectFrom('pledge_partner').select('organisation_id').where('pledge_id', '=', pledge.id).execute();
    expect(partners.map((p) => p.organisation_id).sort()).toEqual([org.housing, org.business].sort());
    const links = await h.db.selectFrom('pledge_focus_area').select('focus_area_id').where('pledge_id', '=', pledge.id).execute();
    expect(links.map((l) => l.focus_area_id)).toEqual([focus[0].id]);
    expect(await auditCount('update', 'pledge')).toBe(audits + 1);
    const audit = await lastAudit('pledge');
    expect(audit.actor).toBe('municipality@loop.test');
    expect(audit.details.before.year).toBe(pledge.year);
    expect(audit.details.after.year).toBe(pledge.year + 1);
    expect(audit.details.after.title).toBe(input.title);
    expect(audit.details.before.partner_org_ids).toEqual(before.map((p) => p.organisation_id).sort());
    expect(audit.details.fields).toContain('body');
    expect(JSON.stringify(audit.details)).not.toContain('Ny löftestext.');
    // The same values again: nothing changed, still audited as an attempt with no fields.
    expect((await updatePledgeAs(access('police', 'police'), input)).changed).toEqual([]);
    // Refused roles and a foreign reference change nothing (the partner swap would have run first).
    await expect(updatePledgeAs(access('council', null), { ...input, title: 'Rådets' })).rejects.toMatchObject({ status: 403 });
    await expect(updatePledgeAs(access('partner', 'housing'), { ...input, title: 'Partnerns' })).rejects.toMatchObject({ status: 403 });
    await expect(updatePledgeAs(access('police', 'police'), { ...input, title: 'Fel', partner_org_ids: ['00000000-0000-4000-8000-000000000000'] })).rejects.toThrow(/partner_org_ids/);
    await expect(updatePledgeAs(access('police', 'police'), { ...input, pledge_id: '00000000-0000-4000-8000-000000000000' })).rejects.toMatchObject({ status: 404 });
    await expect(updatePledgeAs(access('police', 'police'), { ...input, year: 1999 })).rejects.toThrow(/year/);
    const after = await h.db.selectFrom('pledge').select('title').where('id', '=', pledge.id).executeTakeFirstOrThrow();
    expect(after.title).toBe(input.title);
    expect((await h.db.selectFrom('pledge_partner').select('organisation_id').where('pledge_id', '=', pledge.id).execute()).length).toBe(2);
  });

  it('lets the EST group edit a focus area: name, redrawn outline, copy of a district, evidence note; keeps the outline when none is given', async () => {
    const area = await h.db.selectFrom('focus_area').select(['id', 'name', 'evidence']).where('municipality_code', '=', DEMO_MUNICIPALITY_CODE).orderBy('name').executeTakeFirstOrThrow();
    const geomOf = async () => (await sql<{ md5: string; km2: number }>`SELECT md5(ST_AsBinary(geom)) AS md5, ST_Area(geom_3006) / 1e6 AS km2 FROM focus_area WHERE id = ${area.id}`.execute(h.db)).rows[0];
    const outline = await geomOf();
    const base = { focus_area_id: area.id, name: 'Torget och resecentrum', rationale: 'Ny motivering', evidence_note: 'Trygghetsvandring 2026-10-02', period_from: '2026-01-01', period_to: '2026-12-31', public_summary: null };
    const kommun = access('municipality', 'municipality');
    // No outline given: the outline stays.
    await updateFocusAreaAs(kommun, { ...base, geom: '' });
    expect((await geomOf()).md5).toBe(outline.md5);
    const row = await h.db.selectFrom('focus_area').select(['name', 'evidence', 'rationale']).where('id', '=', area.id).executeTakeFirstOrThrow();
    expect(row.name).toBe('Torget och resecentrum');
    expect((row.evidence as Record<string, unknown>).note).toBe('Trygghetsvandring 2026-10-02');
    // The other evidence (from the prioritisation) is kept.
    for (const [k, v] of Object.entries(area.evidence as Record<string, unknown>)) if (k !== 'note') expect((row.evidence as Record<string, unknown>)[k]).toEqual(v);
    let audit = await lastAudit('focus_area');
    expect(audit.details.before.name).toBe(area.name);
    expect(audit.details.after.name).toBe('Torget och resecentrum');
    expect(audit.details.fields).not.toContain('geom_md5');
    // Redrawn: a small square in the town centre.
    const square = { type: 'Polygon', coordinates: [[[14.04, 57.18], [14.05, 57.18], [14.05, 57.185], [14.04, 57.185], [14.04, 57.18]]] };
    await updateFocusAreaAs(kommun, { ...base, geom: JSON.stringify(square) });
    const drawn = await geomOf();
    expect(drawn.md5).not.toBe(outline.md5);
    expect(drawn.km2).toBeGreaterThan(0.3);
    expect(drawn.km2).toBeLessThan(0.4);
    audit = await lastAudit('focus_area');
    expect(audit.details.fields).toEqual(['geom_md5', 'area_km2']);
    expect(audit.details.before.geom_md5).toBe(outline.md5);
    expect(audit.details.after.geom_md5).toBe(drawn.md5);
    // Copied from a district: the district's outline (to 7 decimals, about 1 cm).
    const district = await h.db.selectFrom('area').select('id').where('municipality_code', '=', DEMO_MUNICIPALITY_CODE).where('kind', '=', 'district').orderBy('name').executeTakeFirstOrThrow();
    await updateFocusAreaAs(kommun, { ...base, area_id: district.id, geom: '' });
    const { rows } = await sql<{ same: boolean }>`SELECT (ST_HausdorffDistance(f.geom, a.geom) < 1e-6 AND abs(ST_Area(f.geom_3006) - ST_Area(a.geom_3006)) < 1e-3 * ST_Area(a.geom_3006)) AS same FROM focus_area f, area a WHERE f.id = ${area.id} AND a.id = ${district.id}`.execute(h.db);
    expect(rows[0].same).toBe(true);
    expect((await lastAudit('focus_area')).details.from_area).toBe(district.id);
    // Refused and invalid edits change nothing.
    const now = await geomOf();
    await expect(updateFocusAreaAs(access('council', null), { ...base, name: 'Rådets', geom: JSON.stringify(square) })).rejects.toMatchObject({ status: 403 });
    await expect(updateFocusAreaAs(access('partner', 'housing'), { ...base, name: 'Partnerns' })).rejects.toMatchObject({ status: 403 });
    await expect(updateFocusAreaAs(kommun, { ...base, geom: 'not json' })).rejects.toThrow(/geom/);
    await expect(updateFocusAreaAs(kommun, { ...base, period_to: '2025-01-01' })).rejects.toThrow(/period_to/);
    const bowtie = { type: 'Polygon', coordinates: [[[14.04, 57.18], [14.05, 57.185], [14.05, 57.18], [14.04, 57.185], [14.04, 57.18]]] };
    await expect(updateFocusAreaAs(kommun, { ...base, name: 'Fluga', geom: JSON.stringify(bowtie) })).rejects.toThrow(/intersect itself/);
    await expect(updateFocusAreaAs(kommun, { ...base, focus_area_id: '00000000-0000-4000-8000-000000000000' })).rejects.toMatchObject({ status: 404 });
    expect((await geomOf()).md5).toBe(now.md5);
    expect((await h.db.selectFrom('focus_area').select('name').where('id', '=', area.id).executeTakeFirstOrThrow()).name).toBe('Torget och resecentrum');
  });
});
