import 'server-only';
// What the staff map page needs to know about who is looking: exact points or server aggregates, which
// tools they get (lasso, export, capture), and whether meeting mode is on (with today's EST meeting).
import { getSignedInUser, viewerFor } from '@/lib/server/auth/session';
import { can } from '@/lib/server/permissions/permission-table';
import { viewerRoles } from '@/lib/server/permissions/viewer';
import { getDb } from '../db';
import { defaultPeriod } from './get-staff-context';
import { findTodaysMeetingModeMeeting } from './record-meeting-on-est';

export interface MapViewer {
  /** Incident points (and the lasso) for this viewer; false: suppressed hexagons from the server. */
  exact: boolean;
  /** May read suppressed aggregates (hexagons, heatmap of cell centres). */
  aggregates: boolean;
  /** May report records (the toolbar's "Lägg till"). */
  canCreate: boolean;
  meetingMode: boolean;
  /** Today's EST meeting recorded as run in meeting mode, if any. */
  meeting: { id: string; kind: string; heldOn: string } | null;
}

export async function getMapViewer(municipalityCode: string): Promise<MapViewer> {
  const user = await getSignedInUser();
  if (!user) return { exact: false, aggregates: false, canCreate: false, meetingMode: false, meeting: null };
  const viewer = viewerFor(user, municipalityCode);
  const roles = viewerRoles(viewer);
  const today = defaultPeriod(new Date()).to;
  const meeting = viewer.meetingMode ? await findTodaysMeetingModeMeeting(await getDb(), municipalityCode, today) : null;
  return {
    exact: can(roles, 'read', 'incident_point'),
    aggregates: can(roles, 'read', 'incident_aggregate'),
    canCreate: can(roles, 'create', 'incident_point') || can(roles, 'create', 'unsafe_place') || can(roles, 'create', 'vandalism_report'),
    meetingMode: viewer.meetingMode,
    meeting: meeting ? { ...meeting, heldOn: today } : null,
  };
}
