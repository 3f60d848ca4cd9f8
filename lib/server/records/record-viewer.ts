import 'server-only';
// Who asks for a record by id: one viewer per municipality where they hold roles (a police district
// spans several), so a record is found in whichever of them it lives, with that municipality's rules.
import { sql } from 'kysely';
import type { RecordPredicate, RecordPredicates } from '@/db/queries/records/find-record-detail';
import type { RecordKind } from '@/lib/schemas/record-detail';
import { type SignedInUser, viewerFor } from '@/lib/server/auth/session';
import { whereExactAccess } from '@/lib/server/permissions/exact-access';
import { type Resource, can } from '@/lib/server/permissions/permission-table';
import type { Viewer } from '@/lib/server/permissions/viewer';

export interface RecordViewer {
  /** What the audit log records as the actor. */
  actor: string;
  /** One per municipality where the user holds a role (may be empty). */
  viewers: Viewer[];
}

export const RECORD_RESOURCES: Record<RecordKind, Resource> = {
  incident: 'incident_point',
  'unsafe-place': 'unsafe_place',
  vandalism: 'vandalism_report',
};

export function recordViewerFor(user: SignedInUser): RecordViewer {
  const codes = [...new Set(user.memberships.map((m) => m.municipality_code))].sort();
  return { actor: user.email, viewers: codes.map((code) => viewerFor(user, code)) };
}

const FALSE: RecordPredicate = () => sql<boolean>`false`;

function anyOf(parts: RecordPredicate[]): RecordPredicate {
  if (parts.length === 0) return FALSE;
  return (table, categoryColumn) => sql<boolean>`(${sql.join(parts.map((p) => p(table, categoryColumn)), sql` OR `)})`;
}

/**
 * Access: exact access (DESIGN §2, meeting mode included) in any of the viewer's municipalities.
 * Edit: a role that may update the resource and sees the record exactly; a partner only its own
 * organisation's records (it sees `partners` records of others but does not edit them).
 */
export function recordPredicates(rv: RecordViewer, kind: RecordKind): RecordPredicates {
  const resource = RECORD_RESOURCES[kind];
  const access: RecordPredicate[] = [];
  const edit: RecordPredicate[] = [];
  for (const viewer of rv.viewers) {
    access.push((table, categoryColumn) => whereExactAccess(viewer, { table, categoryColumn }));
    for (const held of viewer.held) {
      if (!can([held.role], 'update', resource)) continue;
      const alone: Viewer = { ...viewer, held: [held] };
      if (held.role === 'partner') {
        if (!held.organisationId) continue;
        const org = held.organisationId;
        edit.push((table, categoryColumn) => sql<boolean>`(${whereExactAccess(alone, { table, categoryColumn })} AND ${sql.ref(`${table}.origin_org_id`)} = ${org}::uuid)`);
      } else {
        edit.push((table, categoryColumn) => whereExactAccess(alone, { table, categoryColumn }));
      }
    }
  }
  return { access: anyOf(access), edit: anyOf(edit) };
}

/** The viewer of the record's municipality (for the audit entry and the form's choices). */
export function viewerOfMunicipality(rv: RecordViewer, municipalityCode: string): Viewer | null {
  return rv.viewers.find((v) => v.municipalityCode === municipalityCode) ?? null;
}
