import 'server-only';
import type { Kysely } from 'kysely';
import type { Database } from '@/db/schema';
import type { Viewer } from '@/lib/server/permissions/viewer';
import { appendAuditEvent } from './append-audit-event';

/** Logs a read of non-public data: who, the filter, how many records and a hash of their ids. */
export async function recordRead(db: Kysely<Database>, viewer: Viewer, read: { resource: string; filter: Record<string, unknown>; ids: readonly (string | number)[] }): Promise<void> {
  await appendAuditEvent(db, {
    actor: viewer.actor,
    action: 'read',
    resource: read.resource,
    municipalityCode: viewer.municipalityCode,
    details: { filter: read.filter, meeting_mode: viewer.meetingMode || undefined },
    ids: read.ids,
  });
}

/** Logs a denied attempt (signed out, missing permission, or a record the viewer may not see). */
export async function recordDenied(db: Kysely<Database>, attempt: { actor: string; resource: string; municipalityCode?: string | null; reason: string; details?: Record<string, unknown> }): Promise<void> {
  await appendAuditEvent(db, {
    actor: attempt.actor,
    action: 'denied',
    resource: attempt.resource,
    municipalityCode: attempt.municipalityCode ?? null,
    details: { reason: attempt.reason, ...attempt.details },
  });
}
