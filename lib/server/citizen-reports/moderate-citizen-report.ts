import 'server-only';
// The staff side of citizen reports (DESIGN.md §8): the moderation queue (a read of non-public data,
// audited), and the decisions — approve (a public pin only for a place in public space, confirmed by the
// moderator, with a public text the moderator writes), merge as a duplicate of a nearby report, turn into
// an unsafe place or vandalism record (through the entity create functions), reject with a reason, and
// move the public status (received → planned → fixed). Each decision runs in one transaction with its
// audit event; a refused attempt is audited too.
import type { Kysely } from 'kysely';
import { z } from 'zod';
import {
  findReportForConversion,
  findReportStatusById,
  getReportPhoto,
  listNearbyReports,
  listQueueReports,
  type ModerationUpdate,
  updateReportModeration,
} from '@/db/queries/citizen-reports/citizen-reports';
import { createUnsafePlace } from '@/db/queries/entities/unsafe-place';
import { createVandalismReport } from '@/db/queries/entities/vandalism-report';
import type { Database } from '@/db/schema';
import { listPersonalDataKinds, type PersonalDataKind } from '@/lib/privacy/detect-personal-data';
import { appendAuditEvent } from '../audit/append-audit-event';
import { forbidden, HttpError, notFound } from '../auth/errors';
import { can } from '../permissions/permission-table';
import { type Viewer, viewerRoles } from '../permissions/viewer';
import { purgeExpiredContactDetails } from './purge-contact-details';

/** Reports this close (metres, SWEREF 99 TM) are offered as possible duplicates. */
export const NEARBY_METERS = 250;

export interface QueueReport {
  id: string;
  category: string;
  body: string;
  /** What the detector found in the reporter's text (the moderator keeps it out of the public text). */
  personalData: PersonalDataKind[];
  contact: { name: string | null; email: string | null; phone: string | null } | null;
  contactPurged: boolean;
  moderationState: string;
  publicStatus: string;
  publicSummary: string | null;
  publicPin: boolean;
  rejectionReason: string | null;
  mergedIntoId: string | null;
  unsafePlaceId: string | null;
  vandalismReportId: string | null;
  createdAt: string;
  statusChangedAt: string;
  moderatedBy: string | null;
  lon: number;
  lat: number;
  hasPhoto: boolean;
  nearby: { id: string; category: string; distanceM: number; createdAt: string; moderationState: string }[];
}

async function refuse(db: Kysely<Database>, viewer: Viewer, what: string, details: Record<string, unknown>): Promise<never> {
  await appendAuditEvent(db, { actor: viewer.actor, action: 'denied', resource: 'citizen_report', municipalityCode: viewer.municipalityCode, details: { what, ...details } });
  throw forbidden();
}

/** The queue: pending reports and recently handled ones, with nearby reports; purges expired contact details first. */
export async function listModerationQueue(db: Kysely<Database>, viewer: Viewer, now: Date): Promise<{ pending: QueueReport[]; handled: QueueReport[] }> {
  if (!can(viewerRoles(viewer), 'read', 'citizen_report')) return refuse(db, viewer, 'read queue', {});
  await purgeExpiredContactDetails(db, { municipalityCode: viewer.municipalityCode, now, actor: 'system:citizen-report-retention' });
  const { pending, handled } = await listQueueReports(db, { municipalityCode: viewer.municipalityCode, handledLimit: 30 });
  const nearby = await listNearbyReports(db, { municipalityCode: viewer.municipalityCode, ids: pending.map((r) => r.id), meters: NEARBY_METERS });
  const shape = (r: (typeof pending)[number]): QueueReport => ({
    id: r.id,
    category: r.category,
    body: r.body,
    personalData: listPersonalDataKinds(r.body),
    contact: r.contact_name || r.contact_email || r.contact_phone ? { name: r.contact_name, email: r.contact_email, phone: r.contact_phone } : null,
    contactPurged: r.contact_purged_at !== null,
    moderationState: r.moderation_state,
    publicStatus: r.public_status,
    publicSummary: r.public_summary,
    publicPin: r.public_pin,
    rejectionReason: r.rejection_reason,
    mergedIntoId: r.merged_into_id,
    unsafePlaceId: r.unsafe_place_id,
    vandalismReportId: r.vandalism_report_id,
    createdAt: r.created_at.toISOString(),
    statusChangedAt: r.status_changed_at.toISOString(),
    moderatedBy: r.moderated_by,
    lon: r.lon,
    lat: r.lat,
    hasPhoto: r.has_photo,
    nearby: nearby
      .filter((n) => n.id === r.id)
      .map((n) => ({ id: n.near_id, category: n.category, distanceM: Math.round(n.distance_m), createdAt: n.created_at.toISOString(), moderationState: n.moderation_state })),
  });
  const out = { pending: pending.map(shape), handled: handled.map(shape) };
  const ids = [...out.pending, ...out.handled].map((r) => r.id);
  await appendAuditEvent(db, { actor: viewer.actor, action: 'read', resource: 'citizen_report', municipalityCode: viewer.municipalityCode, details: { view: 'moderation_queue' }, ids });
  return out;
}

/** The stored (metadata-free) photo of a report, for staff; audited. */
export async function getModerationPhoto(db: Kysely<Database>, viewer: Viewer, reportId: string): Promise<{ bytes: Uint8Array; contentType: string }> {
  if (!can(viewerRoles(viewer), 'read', 'citizen_report')) return refuse(db, viewer, 'read photo', { reportId });
  if (!z.guid().safeParse(reportId).success) throw notFound('The photo');
  const photo = await getReportPhoto(db, viewer.municipalityCode, reportId);
  if (!photo) throw notFound('The photo');
  await appendAuditEvent(db, { actor: viewer.actor, action: 'read', resource: 'citizen_report_photo', municipalityCode: viewer.municipalityCode, ids: [reportId] });
  return { bytes: photo.bytes, contentType: photo.content_type };
}

const text = (field: string, max: number) =>
  z
    .string({ error: `${field} must be text` })
    .trim()
    .max(max, `${field} must be at most ${max} characters`);
const idSchema = z.guid({ error: 'report_id must be a report id' });

export const moderationInputSchema = z.discriminatedUnion('decision', [
  z
    .object({
      decision: z.literal('approve'),
      report_id: idSchema,
      public_summary: text('public_summary', 500).optional().default(''),
      public_pin: z.boolean().default(false),
      public_status: z.enum(['received', 'planned', 'fixed']).default('received'),
    })
    .refine((v) => !v.public_pin || v.public_summary.length > 0, { path: ['public_summary'], message: 'public_summary is required for a public pin' }),
  z.object({ decision: z.literal('merge'), report_id: idSchema, merged_into_id: z.guid({ error: 'merged_into_id must be a report id' }) }),
  z
    .object({
      decision: z.literal('convert'),
      report_id: idSchema,
      kind: z.enum(['unsafe_place', 'graffiti', 'damage'], { error: 'kind must be unsafe_place, graffiti or damage' }),
      title: text('title', 200).optional().default(''),
      public_summary: text('public_summary', 500).optional().default(''),
      public_pin: z.boolean().default(false),
    })
    .refine((v) => v.kind !== 'unsafe_place' || v.title.length > 0, { path: ['title'], message: 'title is required for an unsafe place' })
    .refine((v) => !v.public_pin || v.public_summary.length > 0, { path: ['public_summary'], message: 'public_summary is required for a public pin' }),
  z.object({ decision: z.literal('reject'), report_id: idSchema, rejection_reason: text('rejection_reason', 2000).min(1, 'rejection_reason is required') }),
  z.object({ decision: z.literal('status'), report_id: idSchema, public_status: z.enum(['received', 'planned', 'fixed'], { error: 'public_status must be received, planned or fixed' }) }),
]);
export type ModerationInput = z.input<typeof moderationInputSchema>;

export class ModerationRefusedError extends HttpError {
  constructor(message: string) {
    super(400, 'moderation_refused', message);
    this.name = 'ModerationRefusedError';
  }
}

/** Applies one moderation decision; returns what changed, for the page's message. */
export async function moderateCitizenReport(db: Kysely<Database>, viewer: Viewer, input: unknown, now: Date): Promise<{ decision: string; reportId: string; createdRecordId?: string }> {
  if (!can(viewerRoles(viewer), 'update', 'citizen_report')) return refuse(db, viewer, 'moderate', {});
  const v = moderationInputSchema.parse(input);
  const code = viewer.municipalityCode;
  return db.transaction().execute(async (trx) => {
    const report = await findReportForConversion(trx, code, v.report_id);
    if (!report) throw notFound('The report');
    const apply = async (expected: readonly string[], change: ModerationUpdate) => {
      const ok = await updateReportModeration(trx, { municipalityCode: code, id: v.report_id, expectedStates: expected, by: viewer.actor, now, change });
      if (!ok) throw new ModerationRefusedError(`the report is ${report.moderation_state}: this decision needs it to be ${expected.join(' or ')}`);
    };
    let createdRecordId: string | undefined;
    const audit: Record<string, unknown> = { decision: v.decision };
    switch (v.decision) {
      case 'approve':
        await apply(['pending'], {
          moderation_state: 'approved',
          public_summary: v.public_summary || null,
          public_pin: v.public_pin,
          public_status: v.public_status,
          closed_at: v.public_status === 'fixed' ? now : null,
        });
        Object.assign(audit, { publicPin: v.public_pin, publicStatus: v.public_status });
        break;
      case 'merge': {
        if (v.merged_into_id === v.report_id) throw new ModerationRefusedError('a report cannot be a duplicate of itself');
        const target = await findReportStatusById(trx, code, v.merged_into_id);
        if (!target) throw new ModerationRefusedError('merged_into_id is not a report of this municipality');
        if (target.moderation_state === 'merged' || target.moderation_state === 'rejected') throw new ModerationRefusedError(`the report to merge into is ${target.moderation_state}`);
        await apply(['pending'], { moderation_state: 'merged', merged_into_id: v.merged_into_id, public_status: 'closed', closed_at: now });
        audit.mergedIntoId = v.merged_into_id;
        break;
      }
      case 'convert': {
        const orgId = viewer.held.find((h) => h.organisationId)?.organisationId ?? null;
        const geom = { type: 'Point' as const, coordinates: [report.lon, report.lat] as [number, number] };
        if (v.kind === 'unsafe_place') {
          const place = await createUnsafePlace(trx, code, {
            title: v.title,
            geom,
            source: 'citizen',
            origin_org_id: orgId,
            visibility: 'joint',
            description: report.body,
            public_summary: v.public_summary || null,
            reported_at: report.created_at.toISOString(),
          });
          createdRecordId = place.id;
          await apply(['pending'], { moderation_state: 'converted', unsafe_place_id: place.id, public_summary: v.public_summary || null, public_pin: v.public_pin });
        } else {
          const vandalism = await createVandalismReport(trx, code, {
            kind: v.kind,
            geom,
            reported_at: report.created_at.toISOString(),
            origin_org_id: orgId,
            visibility: 'joint',
            description: report.body,
            public_summary: v.public_summary || null,
          });
          createdRecordId = vandalism.id;
          await apply(['pending'], { moderation_state: 'converted', vandalism_report_id: vandalism.id, public_summary: v.public_summary || null, public_pin: v.public_pin });
        }
        Object.assign(audit, { kind: v.kind, createdRecordId, publicPin: v.public_pin });
        break;
      }
      case 'reject':
        await apply(['pending'], { moderation_state: 'rejected', rejection_reason: v.rejection_reason, public_status: 'closed', public_pin: false, closed_at: now });
        break;
      case 'status':
        await apply(['approved', 'converted'], { public_status: v.public_status, closed_at: v.public_status === 'fixed' ? now : null });
        audit.publicStatus = v.public_status;
        break;
    }
    await appendAuditEvent(trx, { actor: viewer.actor, action: 'update', resource: 'citizen_report', municipalityCode: code, details: audit, ids: [v.report_id], at: now });
    return { decision: v.decision, reportId: v.report_id, createdRecordId };
  });
}
