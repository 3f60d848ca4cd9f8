import 'server-only';
// Meeting mode is turned on for an EST meeting: today's meeting of the municipality is marked as run in
// meeting mode (the latest one created today), or, when there is none yet, today's analysis meeting is
// created with the user's organisation present. Audited like every change.
import type { Kysely } from 'kysely';
import { createEstMeeting } from '@/db/queries/entities/est-meeting';
import type { Database } from '@/db/schema';
import { appendAuditEvent } from '@/lib/server/audit/append-audit-event';
import { can } from '@/lib/server/permissions/permission-table';
import { type Viewer, viewerRoles } from '@/lib/server/permissions/viewer';

export interface MeetingModeMeeting {
  id: string;
  heldOn: string;
  kind: string;
  created: boolean;
}

/** Today's meetings of the municipality, latest created first. */
export async function listTodaysMeetings(db: Kysely<Database>, municipalityCode: string, today: string): Promise<{ id: string; kind: string; meeting_mode: boolean }[]> {
  return db
    .selectFrom('est_meeting')
    .where('municipality_code', '=', municipalityCode)
    .where('held_on', '=', today)
    .select(['id', 'kind', 'meeting_mode'])
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .execute();
}

/**
 * Records on today's EST meeting that it ran in meeting mode; null when the viewer may not write EST
 * meetings (a partner at a shared screen turns the mode on for their own view only).
 */
export async function recordMeetingModeOnEstMeeting(db: Kysely<Database>, viewer: Viewer, today: string): Promise<MeetingModeMeeting | null> {
  const roles = viewerRoles(viewer);
  if (!can(roles, 'update', 'est_meeting') || !can(roles, 'create', 'est_meeting')) return null;
  return db.transaction().execute(async (trx) => {
    const [existing] = await listTodaysMeetings(trx, viewer.municipalityCode, today);
    if (existing) {
      if (!existing.meeting_mode) await trx.updateTable('est_meeting').set({ meeting_mode: true }).where('id', '=', existing.id).execute();
      await appendAuditEvent(trx, {
        actor: viewer.actor,
        action: 'update',
        resource: 'est_meeting',
        municipalityCode: viewer.municipalityCode,
        details: { meeting_mode: true, held_on: today },
        ids: [existing.id],
      });
      return { id: existing.id, heldOn: today, kind: existing.kind, created: false };
    }
    const orgs = [...new Set(viewer.held.map((h) => h.organisationId).filter((o): o is string => !!o))];
    const meeting = await createEstMeeting(trx, viewer.municipalityCode, { held_on: today, kind: 'analysis', meeting_mode: true, organisation_ids: orgs, run_ids: [] });
    await appendAuditEvent(trx, {
      actor: viewer.actor,
      action: 'create',
      resource: 'est_meeting',
      municipalityCode: viewer.municipalityCode,
      details: { meeting_mode: true, held_on: today, kind: 'analysis', reason: 'meeting_mode' },
      ids: [meeting.id],
    });
    return { id: meeting.id, heldOn: meeting.held_on, kind: meeting.kind, created: true };
  });
}

/** Today's meeting run in meeting mode, for the map's banner (null when there is none). */
export async function findTodaysMeetingModeMeeting(db: Kysely<Database>, municipalityCode: string, today: string): Promise<{ id: string; kind: string } | null> {
  const meetings = await listTodaysMeetings(db, municipalityCode, today);
  const m = meetings.find((x) => x.meeting_mode);
  return m ? { id: m.id, kind: m.kind } : null;
}

