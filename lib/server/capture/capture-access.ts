import 'server-only';
// Who is capturing: the signed-in user as a viewer of the staff municipality, the organisation their
// records come from, and which kinds, categories and visibilities their roles allow them to create.
import type { Kysely } from 'kysely';
import type { Database } from '@/db/schema';
import { CATEGORIES, type CategoryDefinition } from '@/lib/domain/categories';
import type { Role } from '@/lib/schemas/auth';
import type { CaptureKind } from '@/lib/schemas/capture';
import { recordDenied } from '@/lib/server/audit/record-read';
import { getSignedInUser, type SignedInUser, viewerFor } from '@/lib/server/auth/session';
import { getDb } from '@/lib/server/db';
import { can, exactAccessRules, type Resource } from '@/lib/server/permissions/permission-table';
import { type Viewer, viewerRoles } from '@/lib/server/permissions/viewer';
import { getDefaultMunicipalityCode } from '@/lib/server/situation/get-staff-context';

/** The permission-table resource each capture kind creates. */
export const CAPTURE_RESOURCE: Record<CaptureKind, Resource> = {
  incident: 'incident_point',
  unsafe_place: 'unsafe_place',
  vandalism: 'vandalism_report',
};

/** The incident source a role reports as. */
const SOURCE_OF_ROLE: Partial<Record<Role, 'police' | 'municipality' | 'partner'>> = { police: 'police', municipality: 'municipality', partner: 'partner' };

export interface CaptureAccess {
  db: Kysely<Database>;
  user: SignedInUser;
  viewer: Viewer;
  /** The organisation new records come from (the first role in this municipality that has one). */
  organisationId: string | null;
  incidentSource: 'police' | 'municipality' | 'partner' | null;
}

/** The signed-in user as a capturing viewer, or null when signed out. */
export async function getCaptureAccess(): Promise<CaptureAccess | null> {
  const user = await getSignedInUser();
  if (!user) return null;
  const db = await getDb();
  const viewer = viewerFor(user, getDefaultMunicipalityCode());
  const creating = viewer.held.filter((h) => SOURCE_OF_ROLE[h.role]);
  const withOrg = creating.find((h) => h.organisationId) ?? null;
  return {
    db,
    user,
    viewer,
    organisationId: withOrg?.organisationId ?? null,
    incidentSource: withOrg ? SOURCE_OF_ROLE[withOrg.role]! : creating[0] ? SOURCE_OF_ROLE[creating[0].role]! : null,
  };
}

export function canCapture(access: Pick<CaptureAccess, 'viewer'>, kind: CaptureKind): boolean {
  return can(viewerRoles(access.viewer), 'create', CAPTURE_RESOURCE[kind]);
}

/** The kinds this viewer may create (empty: the capture page is not theirs). */
export function capturableKinds(access: Pick<CaptureAccess, 'viewer'>): CaptureKind[] {
  return (['incident', 'unsafe_place', 'vandalism'] as const).filter((k) => canCapture(access, k));
}

/**
 * Categories the viewer may file an incident under: those whose sensitivity their roles see exactly
 * (outside meeting mode). A partner files only `normal` categories; only the police file `police-only`.
 */
export function capturableCategories(access: Pick<CaptureAccess, 'viewer'>): CategoryDefinition[] {
  const sensitivities = new Set(exactAccessRules(access.viewer.held, { meetingMode: false }).flatMap((r) => r.sensitivities));
  return CATEGORIES.filter((c) => sensitivities.has(c.sensitivity));
}

/** Logs the refusal and says so; the caller answers "not allowed" without touching data. */
export async function denyCapture(access: CaptureAccess, resource: string, reason: string): Promise<void> {
  await recordDenied(access.db, { actor: access.viewer.actor, resource, municipalityCode: access.viewer.municipalityCode, reason });
}
