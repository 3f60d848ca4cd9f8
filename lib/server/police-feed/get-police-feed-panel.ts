import 'server-only';
// The police events feed as the staff read it (issue 5): over the map's period, the timeline, the
// counts per feed type and the list with links to polisen.se. Feed positions are municipality
// centroids, so nothing here carries a coordinate. Staff roles only (permission table: police_feed);
// categories beyond the viewer's sensitivities stay out, in SQL; every read is audited.
import type { Kysely } from 'kysely';
import { countPoliceFeedByDay, countPoliceFeedByType, listPoliceFeedEvents } from '@/db/queries/police-feed/police-feed-events';
import type { Database } from '@/db/schema';
import { polisenUrl } from '@/lib/import/police-feed';
import { type Timeline, buildTimeline } from '@/lib/map/police-feed-timeline';
import { recordDenied, recordRead } from '@/lib/server/audit/record-read';
import { getSignedInUser, viewerFor } from '@/lib/server/auth/session';
import { visibleSensitivities } from '@/lib/server/permissions/exact-access';
import { can } from '@/lib/server/permissions/permission-table';
import { type Viewer, viewerRoles } from '@/lib/server/permissions/viewer';
import { getDb } from '../db';

/** Events listed; the counts and the timeline always cover the whole period. */
export const POLICE_FEED_LIST_LIMIT = 500;

export interface PoliceFeedEventDto {
  id: string;
  feedId: string;
  /** ISO 8601 (UTC). */
  occurredAt: string;
  type: string;
  categoryKey: string;
  place: string;
  name: string | null;
  /** On polisen.se: the event's page, or the events page when the file gave no address. */
  link: string;
  /** True when `link` is the event's own page. */
  ownLink: boolean;
  summary: string | null;
}

export interface PoliceFeedPanelDto {
  from: string;
  to: string;
  total: number;
  byType: { type: string; categoryKey: string; count: number }[];
  timeline: Timeline;
  events: PoliceFeedEventDto[];
  truncated: boolean;
}

export function canReadPoliceFeed(viewer: Viewer): boolean {
  return can(viewerRoles(viewer), 'read', 'police_feed');
}

/** The panel for this viewer, or null when their roles may not read the feed. */
export async function getPoliceFeedPanel(db: Kysely<Database>, viewer: Viewer, period: { from: string; to: string }): Promise<PoliceFeedPanelDto | null> {
  if (!canReadPoliceFeed(viewer)) return null;
  const q = { municipalityCode: viewer.municipalityCode, from: period.from, to: period.to, sensitivities: visibleSensitivities(viewer) };
  const [byType, byDay, rows] = await Promise.all([
    countPoliceFeedByType(db, q),
    countPoliceFeedByDay(db, q),
    listPoliceFeedEvents(db, q, POLICE_FEED_LIST_LIMIT + 1),
  ]);
  const truncated = rows.length > POLICE_FEED_LIST_LIMIT;
  const kept = truncated ? rows.slice(0, POLICE_FEED_LIST_LIMIT) : rows;
  await recordRead(db, viewer, { resource: 'police_feed', filter: { from: period.from, to: period.to }, ids: kept.map((r) => r.id) });
  return {
    from: period.from,
    to: period.to,
    total: byType.reduce((a, t) => a + t.count, 0),
    byType: byType.map((t) => ({ type: t.event_type, categoryKey: t.category_key, count: t.count })),
    timeline: buildTimeline(period.from, period.to, byDay),
    events: kept.map((r) => ({
      id: r.id,
      feedId: r.external_id,
      occurredAt: new Date(r.occurred_at).toISOString(),
      type: r.event_type,
      categoryKey: r.category_key,
      place: r.location_name,
      name: r.name,
      link: polisenUrl(r.url),
      ownLink: r.url !== null,
      summary: r.summary,
    })),
    truncated,
  };
}

/**
 * For the staff pages: the signed-in user's panel, null when signed out or not allowed. `auditDenied`:
 * the feed's own page logs a refused role; the map only leaves its section out.
 */
export async function getPoliceFeedPanelForUser(municipalityCode: string, period: { from: string; to: string }, options: { auditDenied: boolean }): Promise<PoliceFeedPanelDto | null> {
  const user = await getSignedInUser();
  if (!user) return null;
  const db = await getDb();
  const viewer = viewerFor(user, municipalityCode);
  if (!canReadPoliceFeed(viewer)) {
    if (options.auditDenied) await recordDenied(db, { actor: viewer.actor, resource: 'police_feed', municipalityCode, reason: 'role' });
    return null;
  }
  return getPoliceFeedPanel(db, viewer, period);
}
