import 'server-only';
// Proposing an activity (the EST group; always starts as 'proposed' — only a council decision moves
// it on), moving a decided activity through ongoing → done/cancelled, and the moderation step of the
// public summary: a changed text is never public until someone reviews it.
import { sql } from 'kysely';
import { createActivity } from '@/db/queries/entities/activity';
import { activityStatusInputSchema, publicSummaryReviewInputSchema } from '@/lib/schemas/council-loop';
import { idField } from '@/lib/schemas/common';
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

/** Approve (public from now on) or withdraw an activity's public summary. */
export async function reviewPublicSummary(access: LoopAccess, input: unknown): Promise<void> {
  await assertAllowed(access, 'update', 'activity');
  const v = publicSummaryReviewInputSchema.parse(input);
  await access.db.transaction().execute(async (trx) => {
    const approve = v.decision === 'approve';
    const updated = await trx
      .updateTable('activity')
      .set({ public_summary_approved: approve, public_summary_reviewed_by: access.viewer.actor, public_summary_reviewed_at: sql`now()`, updated_at: sql`now()` })
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

/** Changes the public summary's text; it goes back to waiting for review. */
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
