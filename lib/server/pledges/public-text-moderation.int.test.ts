// The moderation step of the texts the public reads about pledges and activities (issue 7; migration
// 20261128T0400), on both databases: nothing is public before the EST group approves it; an edited
// title or summary waits for review while the public keeps the last approved copy; a withdrawal takes
// it off; only the EST group may review, and every decision and refusal is audited. The public view is
// loadPublicHome, which both the public page and /api/public/pledges serve.
import { sql } from 'kysely';
import { beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '@/db/client';
import { createActivity, createOrganisation } from '@/db/queries/entities';
import type { SignedInUser } from '@/lib/server/auth/session';
import { HttpError } from '@/lib/server/auth/errors';
import { idsHash } from '@/lib/server/audit/hash-chain';
import { reviewPublicSummary, updateActivityDetails, updatePublicSummary } from '@/lib/server/activities/manage-activities';
import { loadPublicHome } from '@/lib/server/public/get-public-home';
import { createTestMunicipality, getTestDatabase, testBackend } from '@/lib/testing/test-database';
import { loopAccessFor } from './loop-access';
import { createFocusAreaAs, createPledgeAs, listPledgesFor, reviewFocusAreaPublicText, reviewPledgePublicText, updateFocusAreaAs, updatePledgeAs } from './manage-pledges';

const NOW = new Date('2026-06-15T10:00:00Z');

describe(`public text moderation on ${testBackend()}`, () => {
  let h: DatabaseHandle;
  let code: string;
  let orgId: string;

  const user = (role: string): SignedInUser => ({
    id: `u-${role}-${code}`,
    email: `${role}-${code}@moderation.test`,
    name: role,
    isDemo: false,
    twoFactorEnabled: true,
    hasPassword: true,
    memberships: [{ municipality_code: code, role, organisation_id: role === 'council' ? null : orgId, organisation_name: null }],
    meetingMode: false,
  });
  const access = (role: string) => loopAccessFor(h.db, user(role), code);
  const home = () => loadPublicHome(h.db, { municipalityCode: code, now: NOW });
  const audits = async (resource: string, id: string) =>
    (
      await sql<{ action: string; actor: string; details: Record<string, unknown> }>`
        SELECT action, actor, details FROM audit_event WHERE municipality_code = ${code} AND resource = ${resource} AND ids_hash = ${idsHash([id])} ORDER BY id`.execute(h.db)
    ).rows;

  beforeAll(async () => {
    h = await getTestDatabase();
    code = await createTestMunicipality(h, 'Moderationskommun');
    orgId = (await createOrganisation(h.db, code, { name: 'Kommunen', kind: 'municipality' })).id;
  });

  it('shows a pledge publicly only after the EST group approves it, keeps the approved copy while an edit waits, and removes it on withdrawal', async () => {
    const kommun = access('municipality');
    const fields = { year: 2026, body: 'Intern löftestext', focus_area_ids: [], partner_org_ids: [] };
    const { id } = await createPledgeAs(kommun, { ...fields, title: 'Tryggare park', public_summary: 'Fler vuxna i parken.' });
    expect((await home()).pledges).toEqual([]);

    await reviewPledgePublicText(kommun, { pledge_id: id, decision: 'approve' });
    expect((await home()).pledges.map((p) => [p.title, p.publicSummary])).toEqual([['Tryggare park', 'Fler vuxna i parken.']]);

    await updatePledgeAs(kommun, { ...fields, pledge_id: id, title: 'UTKAST-RUBRIK', public_summary: 'UTKAST-SAMMANFATTNING' });
    const pending = await home();
    expect(pending.pledges.map((p) => [p.title, p.publicSummary])).toEqual([['Tryggare park', 'Fler vuxna i parken.']]);
    expect(JSON.stringify(pending)).not.toMatch(/UTKAST/);
    const staff = (await listPledgesFor(kommun)).find((p) => p.id === id)!;
    expect([staff.title, staff.public_summary_approved, staff.published_title, staff.published_summary]).toEqual(['UTKAST-RUBRIK', false, 'Tryggare park', 'Fler vuxna i parken.']);

    await reviewPledgePublicText(kommun, { pledge_id: id, decision: 'approve' });
    expect((await home()).pledges.map((p) => [p.title, p.publicSummary])).toEqual([['UTKAST-RUBRIK', 'UTKAST-SAMMANFATTNING']]);

    await reviewPledgePublicText(kommun, { pledge_id: id, decision: 'withdraw' });
    const after = await home();
    expect(after.pledges).toEqual([]);
    expect(JSON.stringify(after)).not.toMatch(/UTKAST|Tryggare park/);

    const trail = (await audits('pledge', id)).filter((a) => a.action === 'update');
    expect(trail.map((a) => [a.actor, a.details.field ?? null, a.details.to ?? null, a.details.public_text ?? null])).toEqual([
      [`municipality-${code}@moderation.test`, 'public_summary_approved', true, null],
      [`municipality-${code}@moderation.test`, null, null, 'waiting_for_review'],
      [`municipality-${code}@moderation.test`, 'public_summary_approved', true, null],
      [`municipality-${code}@moderation.test`, 'public_summary_approved', false, null],
    ]);
  });

  it('refuses the review to the council and a partner, audits the refusal and changes nothing public', async () => {
    const kommun = access('municipality');
    const { id } = await createPledgeAs(kommun, { year: 2026, title: 'Ej granskat löfte', body: 'b', public_summary: 'Ej granskad text', focus_area_ids: [], partner_org_ids: [] });
    for (const role of ['council', 'partner']) {
      await expect(reviewPledgePublicText(access(role), { pledge_id: id, decision: 'approve' })).rejects.toSatisfy((e: unknown) => e instanceof HttpError && e.status === 403);
    }
    const denied = await sql<{ n: number }>`SELECT count(*)::int AS n FROM audit_event WHERE municipality_code = ${code} AND action = 'denied' AND resource = 'pledge'`.execute(h.db);
    expect(denied.rows[0].n).toBeGreaterThanOrEqual(2);
    expect(JSON.stringify(await home())).not.toContain('Ej granskad');
  });

  it("keeps an activity's approved title and summary public while a changed title or summary waits for review", async () => {
    const kommun = access('municipality');
    const a = await createActivity(h.db, code, { title: 'Belysning i parken', owner_org_id: orgId, starts_on: '2026-03-01', status: 'ongoing', public_summary: 'Tolv nya lampor.' });
    expect((await home()).activities).toEqual([]);
    await reviewPublicSummary(kommun, { activity_id: a.id, decision: 'approve' });
    const shown = () => home().then((x) => x.activities.map((y) => [y.title, y.publicSummary]));
    expect(await shown()).toEqual([['Belysning i parken', 'Tolv nya lampor.']]);

    await updateActivityDetails(kommun, { activity_id: a.id, pledge_id: null, focus_area_id: null, title: 'NY-RUBRIK-OGRANSKAD', owner_org_id: orgId, starts_on: '2026-03-01', ends_on: null, goal: null, indicator: null, internal_notes: null, partner_org_ids: [] });
    expect(await shown()).toEqual([['Belysning i parken', 'Tolv nya lampor.']]);
    await updatePublicSummary(kommun, a.id, 'NY-TEXT-OGRANSKAD');
    const pending = await home();
    expect(pending.activities.map((y) => [y.title, y.publicSummary])).toEqual([['Belysning i parken', 'Tolv nya lampor.']]);
    expect(JSON.stringify(pending)).not.toMatch(/OGRANSKAD/);
    const row = await h.db.selectFrom('activity').select(['public_summary_approved', 'published_title']).where('id', '=', a.id).executeTakeFirstOrThrow();
    expect(row).toEqual({ public_summary_approved: false, published_title: 'Belysning i parken' });

    await reviewPublicSummary(kommun, { activity_id: a.id, decision: 'approve' });
    expect(await shown()).toEqual([['NY-RUBRIK-OGRANSKAD', 'NY-TEXT-OGRANSKAD']]);
    await reviewPublicSummary(kommun, { activity_id: a.id, decision: 'withdraw' });
    expect(await shown()).toEqual([]);
    const trail = (await audits('activity', a.id)).filter((x) => x.action === 'update');
    expect(trail.map((x) => x.details.field ?? x.details.public_text ?? null)).toEqual(['public_summary_approved', 'waiting_for_review', 'public_summary', 'public_summary_approved', 'public_summary_approved']);
  });

  it('turns an approved text back to waiting for review whatever code changes it (the database trigger)', async () => {
    const kommun = access('municipality');
    const { id } = await createPledgeAs(kommun, { year: 2026, title: 'Trygg skolväg', body: 'b', public_summary: 'Godkänd text', focus_area_ids: [], partner_org_ids: [] });
    await reviewPledgePublicText(kommun, { pledge_id: id, decision: 'approve' });
    await h.db.updateTable('pledge').set({ public_summary: 'DIREKT-ÄNDRAD' }).where('id', '=', id).execute();
    const row = await h.db.selectFrom('pledge').select(['public_summary_approved', 'published_summary', 'public_summary_reviewed_by']).where('id', '=', id).executeTakeFirstOrThrow();
    expect(row).toEqual({ public_summary_approved: false, published_summary: 'Godkänd text', public_summary_reviewed_by: null });
    const p = (await home()).pledges.find((x) => x.id === id)!;
    expect(p.publicSummary).toBe('Godkänd text');
  });

  it("shows a focus area's name and summary publicly only once approved, keeps the approved copy while an edit waits, and unlinks a withdrawn one from its pledge", async () => {
    const kommun = access('municipality');
    const square = { type: 'MultiPolygon', coordinates: [[[[14.04, 57.18], [14.05, 57.18], [14.05, 57.19], [14.04, 57.19], [14.04, 57.18]]]] };
    const fields = { geom: square, period_from: '2026-01-01', period_to: null, rationale: 'Intern motivering', public_summary: 'Fokus på torget.' };
    const { id } = await createFocusAreaAs(kommun, { ...fields, name: 'Torget' });
    const { id: pledgeId } = await createPledgeAs(kommun, { year: 2026, title: 'Tryggt torg', body: 'b', public_summary: 's', focus_area_ids: [id], partner_org_ids: [] });
    await reviewPledgePublicText(kommun, { pledge_id: pledgeId, decision: 'approve' });
    const shown = async () => {
      const x = await home();
      return { areas: x.focusAreas.map((f) => [f.name, f.publicSummary]), links: x.pledges.find((p) => p.id === pledgeId)!.focusAreaIds };
    };
    expect(await shown()).toEqual({ areas: [], links: [] });

    await reviewFocusAreaPublicText(kommun, { focus_area_id: id, decision: 'approve' });
    expect(await shown()).toEqual({ areas: [['Torget', 'Fokus på torget.']], links: [id] });

    await updateFocusAreaAs(kommun, { ...fields, focus_area_id: id, geom: undefined, name: 'UTKAST-NAMN', public_summary: 'UTKAST-TEXT' });
    expect(await shown()).toEqual({ areas: [['Torget', 'Fokus på torget.']], links: [id] });
    expect(JSON.stringify(await home())).not.toMatch(/UTKAST/);

    await reviewFocusAreaPublicText(kommun, { focus_area_id: id, decision: 'approve' });
    expect(await shown()).toEqual({ areas: [['UTKAST-NAMN', 'UTKAST-TEXT']], links: [id] });
    await reviewFocusAreaPublicText(kommun, { focus_area_id: id, decision: 'withdraw' });
    expect(await shown()).toEqual({ areas: [], links: [] });
    expect(JSON.stringify(await home())).not.toMatch(/UTKAST|Torget/);

    for (const role of ['council', 'partner']) {
      await expect(reviewFocusAreaPublicText(access(role), { focus_area_id: id, decision: 'approve' })).rejects.toSatisfy((e: unknown) => e instanceof HttpError && e.status === 403);
    }
    const trail = (await audits('focus_area', id)).filter((a) => a.action === 'update');
    expect(trail.map((a) => a.details.field ?? a.details.public_text ?? null)).toEqual(['public_summary_approved', 'waiting_for_review', 'public_summary_approved', 'public_summary_approved']);
  });
});
