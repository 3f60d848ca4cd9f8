import 'server-only';
// Editing one record: the viewer must see it exactly and hold an update grant (a partner: its own
// organisation's records only). The patch is merged with the stored record and checked by the kind's
// full input schema (cross-field rules included); the change and its audit entry (before/after) commit
// together or not at all.
import type { Kysely } from 'kysely';
import { ZodError, type z } from 'zod';
import { InvalidReferenceError } from '@/db/queries/entities/errors';
import { assertReferencesInTenant } from '@/db/queries/entities/references';
import { lockRecordRow } from '@/db/queries/records/find-record-detail';
import { updateIncidentRow, updateUnsafePlaceRow, updateVandalismRow } from '@/db/queries/records/update-record-row';
import type { Database } from '@/db/schema';
import { uuidSchema } from '@/lib/schemas/common';
import { incidentInputSchema } from '@/lib/schemas/entities/incident';
import { unsafePlaceInputSchema } from '@/lib/schemas/entities/unsafe-place';
import { vandalismReportInputSchema } from '@/lib/schemas/entities/vandalism-report';
import { RECORD_PATCH_SCHEMAS, type RecordDetail, type RecordKind, type RecordPatch } from '@/lib/schemas/record-detail';
import { appendAuditEvent } from '@/lib/server/audit/append-audit-event';
import { idsHash, sha256Hex } from '@/lib/server/audit/hash-chain';
import { recordDenied } from '@/lib/server/audit/record-read';
import { forbidden, notFound, unauthorized } from '@/lib/server/auth/errors';
import { getSignedInUser } from '@/lib/server/auth/session';
import { getDb } from '../db';
import { findRecordDetail } from './find-record-detail';
import { RECORD_RESOURCES, type RecordViewer, recordPredicates, recordViewerFor } from './record-viewer';

/** Free text: the audit log keeps a digest of it, not the text (admins read the log, not the records). */
const TEXT_FIELDS = new Set(['title', 'description', 'proposed_measure', 'public_summary', 'external_id']);

type Input = Record<string, unknown>;

const point = (lon: number, lat: number) => ({ type: 'Point' as const, coordinates: [lon, lat] as [number, number] });

/** The stored record in the shape of its kind's input schema. */
function storedInput(d: RecordDetail): Input {
  const common = { geom: point(d.lon, d.lat), origin_org_id: d.organisation?.id ?? null, visibility: d.visibility };
  if (d.kind === 'incident') {
    return { ...common, category_key: d.categoryKey, occurred_at: d.occurredAt, occurred_to: d.occurredTo, source: d.source, external_id: d.externalId, description: d.description };
  }
  if (d.kind === 'unsafe-place') {
    return {
      ...common,
      title: d.title,
      reasons: d.reasons,
      proposed_measure: d.proposedMeasure,
      status: d.status,
      source: d.source,
      walk_id: d.walk?.id ?? null,
      description: d.description,
      public_summary: d.publicSummary,
      reported_at: d.reportedAt,
      fixed_at: d.fixedAt,
    };
  }
  return {
    ...common,
    kind: d.vandalismKind,
    offensive: d.offensive,
    status: d.status,
    reported_at: d.reportedAt,
    assigned_at: d.assignedAt,
    responsible_org_id: d.responsibleOrganisation?.id ?? null,
    remediated_at: d.remediatedAt,
    cost_sek: d.costSek,
    description: d.description,
    public_summary: d.publicSummary,
    // Not edited here; left out so a link the viewer cannot see is never re-checked or rewritten.
    incident_id: null,
    external_id: d.externalId,
  };
}

/**
 * The stored input with the patch applied. Moving to a done status without its time fills the time
 * with `now` (a form's status menu should not need a second field for the common case).
 */
function mergedInput(kind: RecordKind, before: Input, patch: RecordPatch, now: Date): Input {
  const merged: Input = { ...before };
  for (const [k, v] of Object.entries(patch)) if (k !== 'lon' && k !== 'lat') merged[k] = v;
  if ('lon' in patch || 'lat' in patch) {
    const [lon, lat] = (before.geom as { coordinates: [number, number] }).coordinates;
    merged.geom = { type: 'Point', coordinates: ['lon' in patch ? patch.lon : lon, 'lat' in patch ? patch.lat : lat] };
  }
  const stamp = now.toISOString();
  if (kind === 'unsafe-place' && merged.status === 'fixed' && merged.fixed_at == null && !('fixed_at' in patch)) merged.fixed_at = stamp;
  if (kind === 'vandalism') {
    if (merged.status === 'cleaned' && merged.remediated_at == null && !('remediated_at' in patch)) merged.remediated_at = stamp;
    if (merged.status !== 'reported' && merged.assigned_at == null && !('assigned_at' in patch)) merged.assigned_at = stamp;
  }
  return merged;
}

/** zod issues with the location's paths named as the form and PATCH name them (lon, lat). */
function withFieldPaths(error: ZodError): ZodError {
  return new ZodError(
    error.issues.map((issue) => {
      if (issue.path[0] !== 'geom') return issue;
      const axis = issue.path[2];
      return { ...issue, path: [axis === 1 ? 'lat' : 'lon'] };
    }),
  );
}

const fieldError = (field: string, message: string) => new ZodError([{ code: 'custom', path: [field], message, input: undefined }]);

function parseInput<S extends z.ZodType>(schema: S, input: Input): z.infer<S> {
  const parsed = schema.safeParse(input);
  if (!parsed.success) throw withFieldPaths(parsed.error);
  return parsed.data;
}

/** Changed fields for the audit entry: values, except free text and the location (a digest / 'moved'). */
function auditDiff(before: Input, after: Input): { before: Input; after: Input } {
  const b: Input = {};
  const a: Input = {};
  for (const key of Object.keys(after)) {
    if (JSON.stringify(before[key] ?? null) === JSON.stringify(after[key] ?? null)) continue;
    if (key === 'geom') {
      b.location = 'previous';
      a.location = 'moved';
    } else if (TEXT_FIELDS.has(key)) {
      const digest = (v: unknown) => (typeof v === 'string' ? { length: v.length, sha256: sha256Hex(v).slice(0, 16) } : null);
      b[key] = digest(before[key]);
      a[key] = digest(after[key]);
    } else {
      b[key] = before[key] ?? null;
      a[key] = after[key] ?? null;
    }
  }
  return { before: b, after: a };
}

/**
 * Edits the record for this viewer. 404 (audited) when they may not see it, 403 (audited) when they
 * see it but may not edit it, ZodError naming the field when the result is invalid or would leave the
 * record out of the editor's own sight.
 */
export async function updateRecordAs(db: Kysely<Database>, rv: RecordViewer, kind: RecordKind, id: string, patchInput: unknown, now = new Date()): Promise<RecordDetail> {
  const resource = RECORD_RESOURCES[kind];
  const patch = RECORD_PATCH_SCHEMAS[kind].parse(patchInput) as RecordPatch;
  const denied = async (reason: string) => recordDenied(db, { actor: rv.actor, resource, reason, details: { kind, action: 'update', id_hash: idsHash([id]) } });
  const outcome = await db.transaction().execute(async (trx): Promise<{ denied: 'not_visible' | 'not_editable' } | { after: RecordDetail }> => {
    const p = recordPredicates(rv, kind);
    const locked = uuidSchema.safeParse(id).success && (await lockRecordRow(trx, kind, id, p.access));
    const before = locked ? await findRecordDetail(trx, rv, kind, id) : null;
    if (!before) return { denied: 'not_visible' };
    if (!before.canEdit) return { denied: 'not_editable' };
    const beforeInput = storedInput(before);
    const merged = mergedInput(kind, beforeInput, patch, now);
    if (kind === 'incident') {
      await updateIncidentRow(trx, id, parseInput(incidentInputSchema, merged), now);
    } else if (kind === 'unsafe-place') {
      const v = parseInput(unsafePlaceInputSchema, merged);
      await updateUnsafePlaceRow(trx, id, v, { statusChanged: v.status !== beforeInput.status, now });
    } else {
      const v = parseInput(vandalismReportInputSchema, merged);
      try {
        await assertReferencesInTenant(trx, before.municipalityCode, [{ field: 'responsible_org_id', table: 'organisation', ids: [v.responsible_org_id] }]);
      } catch (err) {
        if (err instanceof InvalidReferenceError) throw fieldError(err.field, `${err.field} must be an organisation of this municipality`);
        throw err;
      }
      await updateVandalismRow(trx, id, v, now);
    }
    const after = await findRecordDetail(trx, rv, kind, id);
    // A change that would hide the record from its own editor (a visibility or category they do not
    // see) is refused: they could neither check nor undo it.
    if (!after) {
      const field = 'category_key' in patch && kind === 'incident' ? 'category_key' : 'visibility';
      throw fieldError(field, `${field}: after this change you could no longer see the record; choose another value`);
    }
    const diff = auditDiff(beforeInput, storedInput(after));
    await appendAuditEvent(trx, {
      actor: rv.actor,
      action: 'update',
      resource,
      municipalityCode: after.municipalityCode,
      details: { kind, id, before: diff.before, after: diff.after },
      at: now,
    });
    return { after };
  });
  if ('denied' in outcome) {
    await denied(outcome.denied);
    throw outcome.denied === 'not_visible' ? notFound() : forbidden();
  }
  return outcome.after;
}

/** For route handlers and server actions: the signed-in user's edit (401 when signed out). */
export async function updateRecord(kind: RecordKind, id: string, patch: unknown): Promise<RecordDetail> {
  const user = await getSignedInUser();
  if (!user) throw unauthorized();
  return updateRecordAs(await getDb(), recordViewerFor(user), kind, id, patch);
}
