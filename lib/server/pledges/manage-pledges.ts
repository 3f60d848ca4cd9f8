import 'server-only';
// Pledges and focus areas: listing (audited) and creating (EST group), each change in the audit log
// in the same transaction as the rows.
import { sql } from 'kysely';
import { ZodError } from 'zod';
import { InvalidReferenceError } from '@/db/queries/entities/errors';
import { createFocusArea } from '@/db/queries/entities/focus-area';
import { idField } from '@/lib/schemas/common';
import { createPledge } from '@/db/queries/entities/pledge';
import { type FocusAreaListRow, listFocusAreas, listPledges, type PledgeListRow } from '@/db/queries/pledges/list-pledges';
import { focusAreaInputSchema } from '@/lib/schemas/entities/focus-area';
import { pledgeInputSchema } from '@/lib/schemas/entities/pledge';
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
 * A focus area from a drawn (or pasted) polygon, or from one of the municipality's areas (`area_id`:
 * a district, a neighbourhood-watch area …) whose outline it copies.
 */
export async function createFocusAreaAs(access: LoopAccess, input: unknown): Promise<{ id: string }> {
  await assertAllowed(access, 'create', 'focus_area');
  const raw = (typeof input === 'object' && input !== null ? input : {}) as Record<string, unknown>;
  let geom = raw.geom;
  if (typeof raw.area_id === 'string' && raw.area_id !== '') {
    const areaId = idField('area_id').parse(raw.area_id);
    const area = await access.db
      .selectFrom('area')
      .select(sql<unknown>`ST_AsGeoJSON(geom, 7)::json`.as('geojson'))
      .where('municipality_code', '=', access.municipalityCode)
      .where('id', '=', areaId)
      .executeTakeFirst();
    if (!area) throw new InvalidReferenceError('area_id', 'area', areaId, access.municipalityCode);
    geom = area.geojson;
  } else if (typeof geom === 'string') {
    try {
      geom = JSON.parse(geom) as unknown;
    } catch {
      throw new ZodError([{ code: 'custom', path: ['geom'], message: 'geom must be GeoJSON (a Polygon or MultiPolygon)', input: geom }]);
    }
  }
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

/** The municipality's districts and other fixed areas a focus area can be made from. */
export async function listFocusAreaSources(access: LoopAccess): Promise<{ id: string; name: string; kind: string }[]> {
  return access.db.selectFrom('area').select(['id', 'name', 'kind']).where('municipality_code', '=', access.municipalityCode).where('kind', 'in', ['district', 'neighbourhood_watch', 'drawn', 'deso', 'regso']).orderBy('kind').orderBy('name').execute();
}
