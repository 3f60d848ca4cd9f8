import 'server-only';
import type { Kysely } from 'kysely';
import type { Database } from '@/db/schema';
import type { Viewer } from '@/lib/server/permissions/viewer';
import { appendAuditEvent } from './append-audit-event';

/** What was read: the ids, or (for a result built before, e.g. a cached point pack) their hash and count. */
export type ReadRecords = { ids: readonly (string | number)[] } | { idsHash: string; count: number };

/** Logs a read of non-public data: who, the filter, how many records and a hash of their ids. */
export async function recordRead(db: Kysely<Database>, viewer: Viewer, read: { resource: string; filter: Record<string, unknown> } & ReadRecords): Promise<void> {
  await appendAuditEvent(db, {
    actor: viewer.actor,
    action: 'read',
    resource: read.resource,
    municipalityCode: viewer.municipalityCode,
    details: { filter: read.filter, meeting_mode: viewer.meetingMode || undefined },
    ...('ids' in read ? { ids: read.ids } : { idsHash: read.idsHash, resultCount: read.count }),
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
