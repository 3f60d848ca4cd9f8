import 'server-only';
// The duplicate warning (issue 5): the same kind within DUPLICATE_RADIUS_M metres reported in the last
// DUPLICATE_WINDOW_DAYS days, over only the records this viewer may see exactly (SQL, exact-access
// rules). A partner therefore learns nothing from it about records it may not see (issue 3): over a
// spot holding only police records it answers exactly as over an empty spot.
import type { Kysely } from 'kysely';
import { type DuplicateQuery, listDuplicateCandidates } from '@/db/queries/capture/duplicates';
import type { Database } from '@/db/schema';
import { type CaptureKind, DUPLICATE_RADIUS_M, DUPLICATE_WINDOW_DAYS } from '@/lib/schemas/capture';
import { recordRead } from '@/lib/server/audit/record-read';
import { whereExactAccess } from '@/lib/server/permissions/exact-access';
import type { Viewer } from '@/lib/server/permissions/viewer';
import { CAPTURE_RESOURCE } from './capture-access';

/** What the form shows of a likely duplicate: only records the viewer may see exactly anyway. */
export interface DuplicateCandidate {
  kind: CaptureKind;
  id: string;
  /** Whole metres from the pin. */
  distanceM: number;
  at: string;
  /** Incident: category key; unsafe place: its title; vandalism: graffiti or damage. */
  label: string;
  status: string | null;
  offensive: boolean | null;
}

export interface DuplicateCheck {
  kind: CaptureKind;
  lon: number;
  lat: number;
  categoryKey?: string;
  vandalismKind?: string;
}

const MAX_CANDIDATES = 5;
const DAY_MS = 86_400_000;

export function accessFor(viewer: Viewer, kind: CaptureKind) {
  if (kind === 'incident') return whereExactAccess(viewer);
  return whereExactAccess(viewer, { table: kind === 'vandalism' ? 'vandalism_report' : 'unsafe_place', categoryColumn: null });
}

/** Likely duplicates, nearest first (at most 5). The read is audited with the ids it returned. */
export async function findCaptureDuplicates(db: Kysely<Database>, viewer: Viewer, check: DuplicateCheck, now: Date): Promise<DuplicateCandidate[]> {
  const query: DuplicateQuery = {
    municipalityCode: viewer.municipalityCode,
    kind: check.kind,
    lon: check.lon,
    lat: check.lat,
    categoryKey: check.kind === 'incident' ? check.categoryKey : undefined,
    vandalismKind: check.kind === 'vandalism' ? check.vandalismKind : undefined,
    radiusM: DUPLICATE_RADIUS_M,
    since: new Date(now.getTime() - DUPLICATE_WINDOW_DAYS * DAY_MS),
    access: accessFor(viewer, check.kind),
    limit: MAX_CANDIDATES,
  };
  const rows = await listDuplicateCandidates(db, query);
  await recordRead(db, viewer, {
    resource: CAPTURE_RESOURCE[check.kind],
    filter: {
      duplicate_check: check.kind,
      radius_m: DUPLICATE_RADIUS_M,
      since: query.since.toISOString(),
      category_key: query.categoryKey,
      vandalism_kind: query.vandalismKind,
    },
    ids: rows.map((r) => r.id),
  });
  return rows.map((r) => ({ kind: check.kind, id: r.id, distanceM: Math.round(r.distance_m), at: r.at, label: r.label, status: r.status, offensive: r.offensive }));
}
