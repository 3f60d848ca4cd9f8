import 'server-only';
// Proposing an activity (the EST group; always starts as 'proposed' — only a council decision moves
// it on), moving a decided activity through ongoing → done/cancelled, and the moderation step of the
// public summary: a changed text is never public until someone reviews it.
import { sql } from 'kysely';
import { createActivity } from '@/db/queries/entities/activity';
import { assertReferencesInTenant } from '@/db/queries/entities/references';
import { activityStatusInputSchema, publicSummaryReviewInputSchema } from '@/lib/schemas/council-loop';
import { z } from 'zod';
import { idField, isDateNotBefore } from '@/lib/schemas/common';
import { activityInputSchema } from '@/lib/schemas/entities/activity';
import { appendAuditEvent } from '@/lib/server/audit/append-audit-event';
import { notFound } from '@/lib/server/auth/errors';
import { assertAllowed, type LoopAccess } from '@/lib/server/pledges/loop-access';

export async function proposeActivity(access: LoopAccess, input: unknown): Promise<{ id: string }> {
  await assertAllowed(access, 'create', 'activity');
  const v = activityInputSchema.parse(input);
  return access.db.transaction().execute(async (trx) => {
    const a = await createActivity(trx, access.municipalityCode, { ...v, status: 'proposed' });
    await appendAuditEvent(trx, {
      actor: access.viewer.actor,
      action: 'create',
      resource: 'activity',
      municipalityCode: access.municipalityCode,
      details: { pledge_id: v.pledge_id, focus_area_id: v.focus_area_id, owner_org_id: v.owner_org_id, partner_org_ids: v.partner_org_ids, status: 'proposed' },
      ids: [a.id],
    });
    return { id: a.id };
  });
}

// Which status may follow which outside a council decision.
const NEXT: Record<string, readonly string[]> = { decided: ['ongoing', 'cancelled'], ongoing: ['done', 'cancelled'] };

export async function setActivityStatus(access: LoopAccess, input: unknown): Promise<void> {
  await assertAllowed(access, 'update', 'activity');
  const v = activityStatusInputSchema.parse(input);
  await access.db.transaction().execute(async (trx) => {
    const row = await trx.selectFrom('activity').select('status').where('municipality_code', '=', access.municipalityCode).where('id', '=', v.activity_id).forUpdate().executeTakeFirst();
    if (!row) throw notFound('The activity');
    if (!(NEXT[row.status] ?? []).includes(v.status)) throw new StatusRefusedError(`Status kan inte gå från ${row.status} till ${v.status}.`);
    await trx.updateTable('activity').set({ status: v.status, updated_at: sql`now()` }).where('id', '=', v.activity_id).execute();
    await appendAuditEvent(trx, { actor: access.viewer.actor, action: 'update', resource: 'activity', municipalityCode: access.municipalityCode, details: { field: 'status', from: row.status, to: v.status }, ids: [v.activity_id] });
  });
}

export class StatusRefusedError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'StatusRefusedError';
  }
}

/**
 * Approve (its title and public summary become the public copy) or withdraw (nothing public) an
 * activity's public text. A later edit of either text waits for review while the public keeps the
 * approved copy (the trigger of migration 20261128T0400).
 */
export async function reviewPublicSummary(access: LoopAccess, input: unknown): Promise<void> {
  await assertAllowed(access, 'update', 'activity');
  const v = publicSummaryReviewInputSchema.parse(input);
  await access.db.transaction().execute(async (trx) => {
    const approve = v.decision === 'approve';
    const updated = await trx
      .updateTable('activity')
      .set({
        public_summary_approved: approve,
        public_summary_reviewed_by: access.viewer.actor,
        public_summary_reviewed_at: sql`now()`,
        updated_at: sql`now()`,
        ...(approve ? {} : { published_title: null, published_summary: null }),
      })
      .where('municipality_code', '=', access.municipalityCode)
      .where('id', '=', v.activity_id)
      // Nothing to approve without a text.
      .$if(approve, (q) => q.where('public_summary', 'is not', null))
      .returning('id')
      .executeTakeFirst();
    if (!updated) throw notFound('The activity or its public summary');
    await appendAuditEvent(trx, { actor: access.viewer.actor, action: 'update', resource: 'activity', municipalityCode: access.municipalityCode, details: { field: 'public_summary_approved', to: approve }, ids: [v.activity_id] });
  });
}

/** Changes the public summary's text; it goes back to waiting for review (the public keeps the approved copy). */
export async function updatePublicSummary(access: LoopAccess, activityId: string, text: string | null): Promise<void> {
  await assertAllowed(access, 'update', 'activity');
  const parsed = activityInputSchema.shape.public_summary.parse(text);
  idField('activity_id').parse(activityId);
  await access.db.transaction().execute(async (trx) => {
    const updated = await trx
      .updateTable('activity')
      .set({ public_summary: parsed, public_summary_approved: false, public_summary_reviewed_by: null, public_summary_reviewed_at: null, updated_at: sql`now()` })
      .where('municipality_code', '=', access.municipalityCode)
      .where('id', '=', activityId)
      .returning('id')
      .executeTakeFirst();
    if (!updated) throw notFound('The activity');
    await appendAuditEvent(trx, { actor: access.viewer.actor, action: 'update', resource: 'activity', municipalityCode: access.municipalityCode, details: { field: 'public_summary', approved: false }, ids: [activityId] });
  });
}

const f = activityInputSchema.shape;
const activityEditSchema = z
  .object({
    activity_id: idField('activity_id'),
    pledge_id: f.pledge_id,
    focus_area_id: f.focus_area_id,
    title: f.title,
    owner_org_id: f.owner_org_id,
    starts_on: f.starts_on,
    ends_on: f.ends_on,
    goal: f.goal,
    indicator: f.indicator,
    internal_notes: f.internal_notes,
    partner_org_ids: f.partner_org_ids,
  })
  .superRefine((v, ctx) => {
    if (v.ends_on !== null && !isDateNotBefore(v.ends_on, v.starts_on)) ctx.addIssue({ code: 'custom', path: ['ends_on'], message: 'ends_on must not be before starts_on' });
  });

/**
 * Changes an activity's details (title, pledge, focus area, owner, partners, dates, goal, indicator,
 * internal notes) in one transaction with its audit event. Status moves by decision or by
 * setActivityStatus; the public summary by updatePublicSummary (it needs review again).
 */
export async function updateActivityDetails(access: LoopAccess, input: unknown): Promise<void> {
  await assertAllowed(access, 'update', 'activity');
  const v = activityEditSchema.parse(input);
  await access.db.transaction().execute(async (trx) => {
    await assertReferencesInTenant(trx, access.municipalityCode, [
      { field: 'pledge_id', table: 'pledge', ids: [v.pledge_id] },
      { field: 'focus_area_id', table: 'focus_area', ids: [v.focus_area_id] },
      { field: 'owner_org_id', table: 'organisation', ids: [v.owner_org_id] },
      { field: 'partner_org_ids', table: 'organisation', ids: v.partner_org_ids },
    ]);
    const before = await trx.selectFrom('activity').select(['title', 'public_summary_approved']).where('municipality_code', '=', access.municipalityCode).where('id', '=', v.activity_id).forUpdate().executeTakeFirst();
    if (!before) throw notFound('The activity');
    const updated = await trx
      .updateTable('activity')
      .set({
        title: v.title,
        pledge_id: v.pledge_id,
        focus_area_id: v.focus_area_id,
        owner_org_id: v.owner_org_id,
        starts_on: v.starts_on,
        ends_on: v.ends_on,
        goal: v.goal,
        indicator: v.indicator,
        internal_notes: v.internal_notes,
        updated_at: sql`now()`,
      })
      .where('municipality_code', '=', access.municipalityCode)
      .where('id', '=', v.activity_id)
      .returning('id')
      .executeTakeFirst();
    if (!updated) throw notFound('The activity');
    await trx.deleteFrom('activity_partner').where('activity_id', '=', v.activity_id).execute();
    if (v.partner_org_ids.length > 0) await trx.insertInto('activity_partner').values(v.partner_org_ids.map((organisation_id) => ({ activity_id: v.activity_id, organisation_id }))).execute();
    await appendAuditEvent(trx, {
      actor: access.viewer.actor,
      action: 'update',
      resource: 'activity',
      municipalityCode: access.municipalityCode,
      details: {
        fields: ['title', 'pledge_id', 'focus_area_id', 'owner_org_id', 'partner_org_ids', 'starts_on', 'ends_on', 'goal', 'indicator', 'internal_notes'],
        owner_org_id: v.owner_org_id,
        partner_org_ids: v.partner_org_ids,
        // A changed title of an approved activity is public only after a new review.
        ...(before.public_summary_approved && before.title !== v.title ? { public_text: 'waiting_for_review' } : {}),
      },
      ids: [v.activity_id],
    });
  });
}
