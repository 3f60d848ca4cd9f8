import 'server-only';
import type { Role } from '@/lib/schemas/auth';
import type { HeldRole } from './permission-table';

/**
 * Who is looking, in one municipality: the roles they hold there (each with its organisation) and
 * whether meeting mode is on. Signed-out visitors are a viewer with no roles.
 */
export interface Viewer {
  userId: string | null;
  /** What the audit log records as the actor: the user's e-mail, 'cli:<name>' or 'public'. */
  actor: string;
  municipalityCode: string;
  held: readonly HeldRole[];
  meetingMode: boolean;
}

export function viewerRoles(viewer: Pick<Viewer, 'held'>): Role[] {
  return [...new Set(viewer.held.map((h) => h.role))];
}

export function publicViewer(municipalityCode: string): Viewer {
  return { userId: null, actor: 'public', municipalityCode, held: [], meetingMode: false };
}
