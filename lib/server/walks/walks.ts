import 'server-only';
// Safety walk mode (trygghetsvandring): list and create walks, add observations as you walk (each
// becomes an unsafe place of source 'walk', linked to the walk and numbered in its protocol), and the
// protocol afterwards. A walk's points are unsafe places, so the unsafe_place grants decide who may
// use walks, and every list shows only the points the viewer may see exactly.
import { type Kysely, sql } from 'kysely';
import { ZodError } from 'zod';
import { checkInsideMunicipality } from '@/db/queries/capture/municipality-outline';
import { findWalk, listWalkPoints, listWalks, nextWalkSequence, type WalkListRow, type WalkPointRow, type WalkRow } from '@/db/queries/capture/walks';
import { InvalidReferenceError } from '@/db/queries/entities/errors';
import { createSafetyWalkObservation } from '@/db/queries/entities/safety-walk-observation';
import { createSafetyWalk } from '@/db/queries/entities/safety-walk';
import { createUnsafePlace } from '@/db/queries/entities/unsafe-place';
import { listOrganisationOptions } from '@/db/queries/situation-options';
import type { Database } from '@/db/schema';
import { fieldErrorsOf, walkCreateSchema, walkObservationCaptureSchema } from '@/lib/schemas/capture';
import { uuidSchema } from '@/lib/schemas/common';
import { appendAuditEvent } from '@/lib/server/audit/append-audit-event';
import { recordRead } from '@/lib/server/audit/record-read';
import { whereExactAccess } from '@/lib/server/permissions/exact-access';
import { can } from '@/lib/server/permissions/permission-table';
import { type Viewer, viewerRoles } from '@/lib/server/permissions/viewer';
import { listMapAreas } from '@/lib/server/situation/list-area-outlines';
import { type CaptureAccess, denyCapture } from '../capture/capture-access';

const placeAccess = (viewer: Viewer) => whereExactAccess(viewer, { table: 'unsafe_place', categoryColumn: null });

export function canReadWalks(viewer: Viewer): boolean {
  return can(viewerRoles(viewer), 'read', 'unsafe_place');
}

export function canWalk(viewer: Viewer): boolean {
  return can(viewerRoles(viewer), 'create', 'unsafe_place');
}

/** Every walk of the municipality, newest first, with the points the viewer may see counted. */
export async function listWalksFor(db: Kysely<Database>, viewer: Viewer): Promise<WalkListRow[]> {
  const rows = await listWalks(db, { municipalityCode: viewer.municipalityCode, access: placeAccess(viewer) });
  await recordRead(db, viewer, { resource: 'safety_walk', filter: { list: 'walks' }, ids: rows.map((r) => r.id) });
  return rows;
}

export interface WalkProtocol {
  walk: WalkRow;
  points: WalkPointRow[];
}

/** The walk and its protocol, or null when there is no such walk in the viewer's municipality. */
export async function getWalkProtocol(db: Kysely<Database>, viewer: Viewer, id: string): Promise<WalkProtocol | null> {
  if (!uuidSchema.safeParse(id).success) return null;
  const walk = await findWalk(db, { municipalityCode: viewer.municipalityCode, id });
  if (!walk) return null;
  const points = await listWalkPoints(db, { municipalityCode: viewer.municipalityCode, walkId: id, access: placeAccess(viewer) });
  await recordRead(db, viewer, { resource: 'unsafe_place', filter: { walk_id: id }, ids: points.map((p) => p.unsafe_place_id) });
  return { walk, points };
}

export async function listWalkOrganisations(db: Kysely<Database>, municipalityCode: string) {
  return listOrganisationOptions(db, municipalityCode);
}

export type WalkOutcome =
  | { status: 'forbidden' }
  | { status: 'invalid'; fieldErrors: Record<string, string> }
  | { status: 'created'; id: string; point?: WalkPointRow };

function referenceErrors(err: unknown): Record<string, string> | null {
  if (err instanceof ZodError) return fieldErrorsOf(err);
  if (err instanceof InvalidReferenceError) return { [err.field]: err.message };
  return null;
}

/** A new walk with its participating organisations, audited. */
export async function createWalk(access: CaptureAccess, raw: Record<string, unknown>): Promise<WalkOutcome> {
  const { viewer } = access;
  if (!canWalk(viewer)) {
    await denyCapture(access, 'safety_walk', 'role');
    return { status: 'forbidden' };
  }
  const parsed = walkCreateSchema.safeParse(raw);
  if (!parsed.success) return { status: 'invalid', fieldErrors: fieldErrorsOf(parsed.error) };
  try {
    const id = await access.db.transaction().execute(async (trx) => {
      const walk = await createSafetyWalk(trx, viewer.municipalityCode, parsed.data);
      await appendAuditEvent(trx, {
        actor: viewer.actor,
        action: 'create',
        resource: 'safety_walk',
        municipalityCode: viewer.municipalityCode,
        details: { id: walk.id, walked_on: walk.walked_on, organisations: walk.organisation_ids.length },
        ids: [walk.id],
      });
      return walk.id;
    });
    return { status: 'created', id };
  } catch (err) {
    const errors = referenceErrors(err);
    if (errors) return { status: 'invalid', fieldErrors: errors };
    throw err;
  }
}

/**
 * One observation on a walk: an unsafe place (source 'walk', status open) and its protocol row with
 * the next number, in one transaction. The walk row is locked so two phones on the same walk never
 * take the same number.
 */
export async function addWalkObservation(access: CaptureAccess, raw: Record<string, unknown>, options: { now: Date }): Promise<WalkOutcome> {
  const { viewer } = access;
  if (!canWalk(viewer)) {
    await denyCapture(access, 'unsafe_place', 'role');
    return { status: 'forbidden' };
  }
  if (!access.organisationId) return { status: 'invalid', fieldErrors: { form: 'your account belongs to no organisation in this municipality: ask an administrator' } };
  const parsed = walkObservationCaptureSchema.safeParse(raw);
  if (!parsed.success) return { status: 'invalid', fieldErrors: fieldErrorsOf(parsed.error) };
  const v = parsed.data;
  const walk = await findWalk(access.db, { municipalityCode: viewer.municipalityCode, id: v.walk_id });
  if (!walk) return { status: 'invalid', fieldErrors: { walk_id: 'walk_id: the walk was not found' } };
  const outline = await checkInsideMunicipality(access.db, { municipalityCode: viewer.municipalityCode, lon: v.lon, lat: v.lat });
  if (!outline.inside) return { status: 'invalid', fieldErrors: { lon: `the location ${v.lon.toFixed(5)}, ${v.lat.toFixed(5)} lies outside municipality ${viewer.municipalityCode}` } };
  try {
    const placeId = await access.db.transaction().execute(async (trx) => {
      await sql`SELECT id FROM safety_walk WHERE id = ${v.walk_id}::uuid FOR UPDATE`.execute(trx);
      const sequence = await nextWalkSequence(trx, v.walk_id);
      const place = await createUnsafePlace(trx, viewer.municipalityCode, {
        title: v.title ?? `Punkt ${sequence}: ${walk.title}`.slice(0, 200),
        geom: { type: 'Point', coordinates: [v.lon, v.lat] },
        reasons: v.reasons,
        proposed_measure: v.proposed_measure,
        status: 'open',
        source: 'walk',
        walk_id: v.walk_id,
        origin_org_id: access.organisationId,
        visibility: v.visibility,
        description: v.note,
        reported_at: options.now.toISOString(),
      });
      const observation = await createSafetyWalkObservation(trx, viewer.municipalityCode, {
        walk_id: v.walk_id,
        unsafe_place_id: place.id,
        sequence,
        observed_at: options.now.toISOString(),
        note: v.note,
        protocol_action: v.proposed_measure,
        responsible_org_id: v.responsible_org_id,
      });
      await appendAuditEvent(trx, {
        actor: viewer.actor,
        action: 'create',
        resource: 'unsafe_place',
        municipalityCode: viewer.municipalityCode,
        details: { id: place.id, walk_id: v.walk_id, observation_id: observation.id, sequence, visibility: v.visibility },
        ids: [place.id],
      });
      return place.id;
    });
    const points = await listWalkPoints(access.db, { municipalityCode: viewer.municipalityCode, walkId: v.walk_id, access: placeAccess(viewer) });
    return { status: 'created', id: placeId, point: points.find((p) => p.unsafe_place_id === placeId) };
  } catch (err) {
    const errors = referenceErrors(err);
    if (errors) return { status: 'invalid', fieldErrors: errors };
    throw err;
  }
}

/** Districts a walk can be about (their names are not secret to signed-in staff). */
export async function listWalkAreas(municipalityCode: string): Promise<Array<{ id: string; name: string }>> {
  const areas = await listMapAreas(municipalityCode);
  return areas.features
    .filter((f) => f.properties.kind === 'district')
    .map((f) => ({ id: f.properties.id, name: f.properties.name }))
    .sort((a, b) => a.name.localeCompare(b.name, 'sv'));
}
