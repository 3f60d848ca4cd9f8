import 'server-only';
// Pledges and focus areas: listing (audited) and creating (EST group), each change in the audit log
// in the same transaction as the rows.
import { sql } from 'kysely';
import { z, ZodError } from 'zod';
import { InvalidReferenceError } from '@/db/queries/entities/errors';
import { createFocusArea } from '@/db/queries/entities/focus-area';
import { idField, isDateNotBefore, optionalTextField, TEXT_MAX } from '@/lib/schemas/common';
import { assertReferencesInTenant } from '@/db/queries/entities/references';
import { lockFocusAreaForEdit, lockPledgeForEdit, writeFocusAreaEdit, writePledgeEdit } from '@/db/queries/pledges/edit-pledges';
import { notFound } from '@/lib/server/auth/errors';
import { createPledge } from '@/db/queries/entities/pledge';
import { type FocusAreaListRow, listFocusAreas, listPledges, type PledgeListRow } from '@/db/queries/pledges/list-pledges';
import { focusAreaInputSchema } from '@/lib/schemas/entities/focus-area';
import { pledgeInputSchema } from '@/lib/schemas/entities/pledge';
import { focusAreaPublicTextReviewInputSchema, pledgePublicTextReviewInputSchema } from '@/lib/schemas/council-loop';
import { appendAuditEvent } from '@/lib/server/audit/append-audit-event';
import { recordRead } from '@/lib/server/audit/record-read';
import { assertAllowed, type LoopAccess } from './loop-access';

export async function listPledgesFor(access: LoopAccess, filter: { year?: number; pledgeId?: string } = {}): Promise<PledgeListRow[]> {
  await assertAllowed(access, 'read', 'pledge');
  const rows = await listPledges(access.db, { municipalityCode: access.municipalityCode, ...filter });
  await recordRead(access.db, access.viewer, { resource: 'pledge', filter, ids: rows.map((r) => r.id) });
  return rows;
}

export async function listFocusAreasFor(access: LoopAccess): Promise<FocusAreaListRow[]> {
  await assertAllowed(access, 'read', 'focus_area');
  const rows = await listFocusAreas(access.db, { municipalityCode: access.municipalityCode, includeInternal: access.includeInternal && access.est });
  await recordRead(access.db, access.viewer, { resource: 'focus_area', filter: {}, ids: rows.map((r) => r.id) });
  return rows;
}

export async function createPledgeAs(access: LoopAccess, input: unknown): Promise<{ id: string }> {
  await assertAllowed(access, 'create', 'pledge');
  const v = pledgeInputSchema.parse(input);
  return access.db.transaction().execute(async (trx) => {
    const pledge = await createPledge(trx, access.municipalityCode, v);
    await appendAuditEvent(trx, {
      actor: access.viewer.actor,
      action: 'create',
      resource: 'pledge',
      municipalityCode: access.municipalityCode,
      details: { year: v.year, focus_area_ids: v.focus_area_ids, partner_org_ids: v.partner_org_ids },
      ids: [pledge.id],
    });
    return { id: pledge.id };
  });
}

/**
 * The outline a focus-area form asks for: copied from one of the municipality's areas (`area_id`), or
 * drawn/pasted GeoJSON (`geom`, an object or its text); undefined when neither is given.
 */
async function resolveFocusGeometry(access: LoopAccess, raw: Record<string, unknown>): Promise<unknown> {
  if (typeof raw.area_id === 'string' && raw.area_id !== '') {
    const areaId = idField('area_id').parse(raw.area_id);
    const area = await access.db
      .selectFrom('area')
      .select(sql<unknown>`ST_AsGeoJSON(geom, 7)::json`.as('geojson'))
      .where('municipality_code', '=', access.municipalityCode)
      .where('id', '=', areaId)
      .executeTakeFirst();
    if (!area) throw new InvalidReferenceError('area_id', 'area', areaId, access.municipalityCode);
    return area.geojson;
  }
  if (typeof raw.geom === 'string') {
    if (raw.geom.trim() === '') return undefined;
    try {
      return JSON.parse(raw.geom) as unknown;
    } catch {
      throw new ZodError([{ code: 'custom', path: ['geom'], message: 'geom must be GeoJSON (a Polygon or MultiPolygon)', input: raw.geom }]);
    }
  }
  return raw.geom ?? undefined;
}

const asRecord = (input: unknown) => (typeof input === 'object' && input !== null ? input : {}) as Record<string, unknown>;

/**
 * A focus area from a drawn (or pasted) polygon, or from one of the municipality's areas (`area_id`:
 * a district, a neighbourhood-watch area …) whose outline it copies.
 */
export async function createFocusAreaAs(access: LoopAccess, input: unknown): Promise<{ id: string }> {
  await assertAllowed(access, 'create', 'focus_area');
  const raw = asRecord(input);
  const geom = await resolveFocusGeometry(access, raw);
  const v = focusAreaInputSchema.parse({ ...raw, geom, area_id: undefined });
  return access.db.transaction().execute(async (trx) => {
    const area = await createFocusArea(trx, access.municipalityCode, v);
    await appendAuditEvent(trx, {
      actor: access.viewer.actor,
      action: 'create',
      resource: 'focus_area',
      municipalityCode: access.municipalityCode,
      details: { name: v.name, source_run_id: v.source_run_id, period_from: v.period_from, from_area: raw.area_id ?? null },
      ids: [area.id],
    });
    return { id: area.id };
  });
}

/** JSON with object keys sorted (jsonb reorders keys, so a plain stringify would see changes that are not). */
function stableJson(v: unknown): string {
  return JSON.stringify(v, (_k, x: unknown) => (x && typeof x === 'object' && !Array.isArray(x) ? Object.fromEntries(Object.entries(x).sort(([a], [b]) => a.localeCompare(b))) : x));
}

/** Field by field: which changed; short structured values with before/after, free texts by name only. */
function changes<T extends object>(before: T, after: T, withValues: readonly (keyof T)[]): { fields: string[]; before: Record<string, unknown>; after: Record<string, unknown> } {
  const fields: string[] = [];
  const b: Record<string, unknown> = {};
  const a: Record<string, unknown> = {};
  for (const key of Object.keys(after) as (keyof T)[]) {
    if (stableJson(before[key]) === stableJson(after[key])) continue;
    fields.push(String(key));
    if (withValues.includes(key)) {
      b[String(key)] = before[key];
      a[String(key)] = after[key];
    }
  }
  return { fields, before: b, after: a };
}

const pledgeEditSchema = pledgeInputSchema.extend({ pledge_id: idField('pledge_id') });

/**
 * Changes a pledge's year, title, text, public summary, focus areas and partners (EST group) in one
 * transaction with its audit event, which names the changed fields with before/after values (the
 * texts by field name only: the row keeps them).
 */
export async function updatePledgeAs(access: LoopAccess, input: unknown): Promise<{ changed: string[] }> {
  await assertAllowed(access, 'update', 'pledge');
  const v = pledgeEditSchema.parse(input);
  return access.db.transaction().execute(async (trx) => {
    const before = await lockPledgeForEdit(trx, access.municipalityCode, v.pledge_id);
    if (!before) throw notFound('The pledge');
    await assertReferencesInTenant(trx, access.municipalityCode, [
      { field: 'focus_area_ids', table: 'focus_area', ids: v.focus_area_ids },
      { field: 'partner_org_ids', table: 'organisation', ids: v.partner_org_ids },
    ]);
    const after = { year: v.year, title: v.title, body: v.body, public_summary: v.public_summary, focus_area_ids: [...v.focus_area_ids].sort(), partner_org_ids: [...v.partner_org_ids].sort() };
    const diff = changes(before, after, ['year', 'title', 'focus_area_ids', 'partner_org_ids']);
    await writePledgeEdit(trx, access.municipalityCode, v.pledge_id, after);
    // The public keeps the approved copy; the changed text waits for review (migration 20261128T0400).
    const review = before.public_summary_approved && (diff.fields.includes('title') || diff.fields.includes('public_summary')) ? { public_text: 'waiting_for_review' } : {};
    await appendAuditEvent(trx, { actor: access.viewer.actor, action: 'update', resource: 'pledge', municipalityCode: access.municipalityCode, details: { ...diff, ...review }, ids: [v.pledge_id] });
    return { changed: diff.fields };
  });
}

/**
 * One moderation decision on a row's public texts (pledge: title and summary; focus area: name and
 * summary): approve makes them the copy the public page reads (the trigger of 20261128T0400/0500 takes
 * it), withdraw takes the row off the public page. Audited with the decision; 404 for another tenant's row.
 */
async function reviewPublicText(access: LoopAccess, table: 'pledge' | 'focus_area', id: string, approve: boolean, what: string): Promise<void> {
  await access.db.transaction().execute(async (trx) => {
    const withdrawn = table === 'pledge' ? { published_title: null, published_summary: null } : { published_name: null, published_summary: null };
    const updated = await trx
      .updateTable(table)
      .set({
        public_summary_approved: approve,
        public_summary_reviewed_by: access.viewer.actor,
        public_summary_reviewed_at: sql`now()`,
        ...(approve ? {} : withdrawn),
      })
      .where('municipality_code', '=', access.municipalityCode)
      .where('id', '=', id)
      .returning('id')
      .executeTakeFirst();
    if (!updated) throw notFound(what);
    await appendAuditEvent(trx, { actor: access.viewer.actor, action: 'update', resource: table, municipalityCode: access.municipalityCode, details: { field: 'public_summary_approved', to: approve }, ids: [id] });
  });
}

/** Approves a pledge's title and public summary for the public, or withdraws it (the pledge leaves the public page). */
export async function reviewPledgePublicText(access: LoopAccess, input: unknown): Promise<void> {
  await assertAllowed(access, 'update', 'pledge');
  const v = pledgePublicTextReviewInputSchema.parse(input);
  await reviewPublicText(access, 'pledge', v.pledge_id, v.decision === 'approve', 'The pledge');
}

/**
 * Changes a focus area's name, outline (redrawn, pasted or copied from an area; kept when the form
 * gives none), period, rationale, evidence note and public summary (EST group), in one transaction with
 * its audit event (before/after of name, period, area and outline checksum; texts by field name). The
 * evidence from the prioritisation is kept; only its `note` is replaced.
 */
export async function updateFocusAreaAs(access: LoopAccess, input: unknown): Promise<{ changed: string[] }> {
  await assertAllowed(access, 'update', 'focus_area');
  const raw = asRecord(input);
  const id = idField('focus_area_id').parse(raw.focus_area_id);
  const geom = await resolveFocusGeometry(access, raw);
  const edit = focusAreaEditSchema.parse({ ...raw, geom: geom ?? null });
  return access.db.transaction().execute(async (trx) => {
    const before = await lockFocusAreaForEdit(trx, access.municipalityCode, id);
    if (!before) throw notFound('The focus area');
    const { note: _previousNote, ...kept } = before.evidence;
    const evidence: Record<string, unknown> = edit.evidence_note === null ? kept : { ...kept, note: edit.evidence_note };
    const written = await writeFocusAreaEdit(trx, access.municipalityCode, id, {
      name: edit.name,
      rationale: edit.rationale,
      evidence,
      period_from: edit.period_from,
      period_to: edit.period_to,
      public_summary: edit.public_summary,
      geom: edit.geom,
    });
    const after = { name: edit.name, rationale: edit.rationale, evidence, period_from: edit.period_from, period_to: edit.period_to, public_summary: edit.public_summary, geom_md5: written.geom_md5, area_km2: written.area_km2 };
    const diff = changes(before, after, ['name', 'period_from', 'period_to', 'geom_md5', 'area_km2']);
    // The public keeps the approved copy; a changed name or summary waits for review (migration 20261128T0500).
    const review = before.public_summary_approved && (diff.fields.includes('name') || diff.fields.includes('public_summary')) ? { public_text: 'waiting_for_review' } : {};
    await appendAuditEvent(trx, {
      actor: access.viewer.actor,
      action: 'update',
      resource: 'focus_area',
      municipalityCode: access.municipalityCode,
      details: { ...diff, ...review, from_area: typeof raw.area_id === 'string' && raw.area_id !== '' ? raw.area_id : null },
      ids: [id],
    });
    return { changed: diff.fields };
  });
}

/** Approves a focus area's name and public summary for the public, or withdraws it (the focus area leaves the public page). */
export async function reviewFocusAreaPublicText(access: LoopAccess, input: unknown): Promise<void> {
  await assertAllowed(access, 'update', 'focus_area');
  const v = focusAreaPublicTextReviewInputSchema.parse(input);
  await reviewPublicText(access, 'focus_area', v.focus_area_id, v.decision === 'approve', 'The focus area');
}

const focusEditFields = focusAreaInputSchema.shape;
const focusAreaEditSchema = z
  .object({
    name: focusEditFields.name,
    geom: focusEditFields.geom.nullable(),
    rationale: focusEditFields.rationale,
    evidence_note: optionalTextField('evidence_note', TEXT_MAX),
    period_from: focusEditFields.period_from,
    period_to: focusEditFields.period_to,
    public_summary: focusEditFields.public_summary,
  })
  .superRefine((v, ctx) => {
    if (v.period_to !== null && !isDateNotBefore(v.period_to, v.period_from)) ctx.addIssue({ code: 'custom', path: ['period_to'], message: 'period_to must not be before period_from' });
  });

/** The municipality's districts and other fixed areas a focus area can be made from. */
export async function listFocusAreaSources(access: LoopAccess): Promise<{ id: string; name: string; kind: string }[]> {
  return access.db.selectFrom('area').select(['id', 'name', 'kind']).where('municipality_code', '=', access.municipalityCode).where('kind', 'in', ['district', 'neighbourhood_watch', 'drawn', 'deso', 'regso']).orderBy('kind').orderBy('name').execute();
}
