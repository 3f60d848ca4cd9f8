import 'server-only';
// Saving what the capture form sends: validate (per-field errors), check the pin lies inside the
// municipality, warn of likely duplicates (unless the reporter chose "save anyway"), then create the
// record and its audit event in one transaction. Every refusal of a role is audited too.
import { ZodError } from 'zod';
import { checkInsideMunicipality } from '@/db/queries/capture/municipality-outline';
import { isRecordVisible } from '@/db/queries/capture/duplicates';
import { createRecordConfirmation } from '@/db/queries/capture/record-confirmations';
import { createIncident } from '@/db/queries/entities/incident';
import { InvalidReferenceError } from '@/db/queries/entities/errors';
import { createUnsafePlace } from '@/db/queries/entities/unsafe-place';
import { createVandalismReport } from '@/db/queries/entities/vandalism-report';
import {
  type CaptureKind,
  captureConfirmationSchema,
  cleanupDueAt,
  fieldErrorsOf,
  incidentCaptureSchema,
  unsafePlaceCaptureSchema,
  vandalismCaptureSchema,
} from '@/lib/schemas/capture';
import { appendAuditEvent } from '@/lib/server/audit/append-audit-event';
import { type CaptureAccess, CAPTURE_RESOURCE, canCapture, capturableCategories, denyCapture } from './capture-access';
import { accessFor, type DuplicateCandidate, findCaptureDuplicates } from './find-capture-duplicates';
import { getCleanupTargets } from './get-cleanup-targets';

export type CaptureOutcome =
  | { status: 'forbidden' }
  | { status: 'invalid'; fieldErrors: Record<string, string> }
  | { status: 'duplicates'; candidates: DuplicateCandidate[] }
  | { status: 'created'; kind: CaptureKind; id: string; cleanupDueAt: string | null }
  | { status: 'confirmed'; kind: CaptureKind; id: string; confirmationId: string };

const invalid = (fieldErrors: Record<string, string>): CaptureOutcome => ({ status: 'invalid', fieldErrors });

/** The entity schemas name a few fields differently from the form. */
const ENTITY_FIELD_TO_FORM: Record<string, string> = { kind: 'vandalism_kind', geom: 'lon' };

function entityErrors(err: unknown): Record<string, string> | null {
  if (err instanceof ZodError) {
    const out: Record<string, string> = {};
    for (const [field, message] of Object.entries(fieldErrorsOf(err))) out[ENTITY_FIELD_TO_FORM[field] ?? field] ??= message;
    return out;
  }
  if (err instanceof InvalidReferenceError) return { [err.field]: err.message };
  return null;
}

async function checkLocation(access: CaptureAccess, lon: number, lat: number): Promise<Record<string, string> | null> {
  const outline = await checkInsideMunicipality(access.db, { municipalityCode: access.viewer.municipalityCode, lon, lat });
  if (!outline.hasOutline) return { lon: `municipality ${access.viewer.municipalityCode} has no outline to check the location against` };
  if (!outline.inside) return { lon: `the location ${lon.toFixed(5)}, ${lat.toFixed(5)} lies outside municipality ${access.viewer.municipalityCode}` };
  return null;
}

/**
 * Validates and saves one record of `kind` from form values. Returns the likely duplicates instead of
 * saving when there are any and `saveAnyway` is false.
 */
export async function saveCapture(
  access: CaptureAccess,
  kind: CaptureKind,
  raw: Record<string, unknown>,
  options: { now: Date; saveAnyway: boolean },
): Promise<CaptureOutcome> {
  const resource = CAPTURE_RESOURCE[kind];
  if (!canCapture(access, kind)) {
    await denyCapture(access, resource, 'role');
    return { status: 'forbidden' };
  }
  if (!access.organisationId) return invalid({ form: 'your account belongs to no organisation in this municipality: ask an administrator' });
  const { viewer } = access;
  const schema = kind === 'incident' ? incidentCaptureSchema : kind === 'unsafe_place' ? unsafePlaceCaptureSchema : vandalismCaptureSchema;
  const parsed = schema.safeParse(raw);
  if (!parsed.success) return invalid(fieldErrorsOf(parsed.error));
  const v = parsed.data;
  if ('category_key' in v && !capturableCategories(access).some((c) => c.key === v.category_key)) {
    return invalid({ category_key: 'category_key is not a category your role may report' });
  }
  const outside = await checkLocation(access, v.lon, v.lat);
  if (outside) return invalid(outside);

  if (!options.saveAnyway) {
    const candidates = await findCaptureDuplicates(
      access.db,
      viewer,
      {
        kind,
        lon: v.lon,
        lat: v.lat,
        categoryKey: 'category_key' in v ? v.category_key : undefined,
        vandalismKind: 'vandalism_kind' in v ? v.vandalism_kind : undefined,
      },
      options.now,
    );
    if (candidates.length > 0) return { status: 'duplicates', candidates };
  }

  const geom = { type: 'Point' as const, coordinates: [v.lon, v.lat] as [number, number] };
  const nowIso = options.now.toISOString();
  try {
    return await access.db.transaction().execute(async (trx) => {
      let id: string;
      let due: string | null = null;
      const details: Record<string, unknown> = { kind, visibility: v.visibility, duplicate_warning_skipped: options.saveAnyway || undefined };
      if (kind === 'incident') {
        const x = v as typeof incidentCaptureSchema._output;
        const row = await createIncident(trx, viewer.municipalityCode, {
          category_key: x.category_key,
          occurred_at: x.occurred_at,
          occurred_to: x.occurred_to,
          geom,
          source: access.incidentSource ?? 'partner',
          origin_org_id: access.organisationId,
          visibility: x.visibility,
          description: x.description,
        });
        id = row.id;
        details.category_key = x.category_key;
      } else if (kind === 'unsafe_place') {
        const x = v as typeof unsafePlaceCaptureSchema._output;
        const row = await createUnsafePlace(trx, viewer.municipalityCode, {
          title: x.title,
          geom,
          reasons: x.reasons,
          proposed_measure: x.proposed_measure,
          status: x.status,
          source: 'staff',
          origin_org_id: access.organisationId,
          visibility: x.visibility,
          description: x.description,
          reported_at: nowIso,
        });
        id = row.id;
      } else {
        const x = v as typeof vandalismCaptureSchema._output;
        const row = await createVandalismReport(trx, viewer.municipalityCode, {
          kind: x.vandalism_kind,
          offensive: x.offensive,
          geom,
          status: x.status,
          reported_at: x.reported_at,
          assigned_at: x.status === 'reported' ? null : x.reported_at,
          responsible_org_id: x.responsible_org_id,
          remediated_at: x.status === 'cleaned' ? x.remediated_at : null,
          cost_sek: x.cost_sek,
          origin_org_id: access.organisationId,
          visibility: x.visibility,
          description: x.description,
        });
        id = row.id;
        due = cleanupDueAt(x.reported_at, await getCleanupTargets(trx, viewer.municipalityCode), x.vandalism_kind, x.offensive);
        details.vandalism_kind = x.vandalism_kind;
        details.status = x.status;
      }
      await appendAuditEvent(trx, { actor: viewer.actor, action: 'create', resource, municipalityCode: viewer.municipalityCode, details: { ...details, id }, ids: [id] });
      return { status: 'created', kind, id, cleanupDueAt: due } satisfies CaptureOutcome;
    });
  } catch (err) {
    const errors = entityErrors(err);
    if (errors) return invalid(errors);
    throw err;
  }
}

/**
 * "Link to the existing one instead": a confirmation of a record the viewer may see exactly. A record
 * the viewer may not see answers as a record that does not exist.
 */
export async function confirmExistingRecord(access: CaptureAccess, raw: Record<string, unknown>, options: { now: Date }): Promise<CaptureOutcome> {
  const parsed = captureConfirmationSchema.safeParse(raw);
  if (!parsed.success) return invalid(fieldErrorsOf(parsed.error));
  const v = parsed.data;
  const resource = CAPTURE_RESOURCE[v.kind];
  if (!canCapture(access, v.kind)) {
    await denyCapture(access, resource, 'role');
    return { status: 'forbidden' };
  }
  const { viewer } = access;
  const visible = await isRecordVisible(access.db, { municipalityCode: viewer.municipalityCode, kind: v.kind, id: v.record_id, access: accessFor(viewer, v.kind) });
  if (!visible) {
    await denyCapture(access, resource, 'not_visible');
    return invalid({ record_id: 'record_id: the record was not found' });
  }
  const outside = await checkLocation(access, v.lon, v.lat);
  if (outside) return invalid(outside);
  const id = await access.db.transaction().execute(async (trx) => {
    const confirmationId = await createRecordConfirmation(trx, {
      municipalityCode: viewer.municipalityCode,
      kind: v.kind,
      recordId: v.record_id,
      organisationId: access.organisationId,
      confirmedBy: viewer.actor,
      note: v.note,
      lon: v.lon,
      lat: v.lat,
      observedAt: options.now,
    });
    await appendAuditEvent(trx, {
      actor: viewer.actor,
      action: 'create',
      resource: 'record_confirmation',
      municipalityCode: viewer.municipalityCode,
      details: { kind: v.kind, record_id: v.record_id, id: confirmationId },
      ids: [confirmationId],
    });
    return confirmationId;
  });
  return { status: 'confirmed', kind: v.kind, id: v.record_id, confirmationId: id };
}
