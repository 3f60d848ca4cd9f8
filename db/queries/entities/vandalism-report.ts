import type { Kysely } from 'kysely';
import type { z } from 'zod';
import type { Database } from '@/db/schema';
import { type VandalismReport, vandalismReportInputSchema, vandalismReportSchema } from '@/lib/schemas/entities/vandalism-report';
import { NotFoundError } from './errors';
import { pointFromGeoJson, selectPointGeoJson } from './geometry';
import { assertReferencesInTenant } from './references';
import { assertIdShape, mapConstraintErrors, toIso, toIsoOrNull } from './reshape';

export async function createVandalismReport(
  db: Kysely<Database>,
  municipalityCode: string,
  input: z.input<typeof vandalismReportInputSchema>,
): Promise<VandalismReport> {
  const v = vandalismReportInputSchema.parse(input);
  await assertReferencesInTenant(db, municipalityCode, [
    { field: 'responsible_org_id', table: 'organisation', ids: [v.responsible_org_id] },
    { field: 'origin_org_id', table: 'organisation', ids: [v.origin_org_id] },
    { field: 'incident_id', table: 'incident', ids: [v.incident_id] },
  ]);
  const { id } = await mapConstraintErrors(
    db
      .insertInto('vandalism_report')
      .values({
        municipality_code: municipalityCode,
        kind: v.kind,
        offensive: v.offensive,
        geom: pointFromGeoJson(v.geom),
        status: v.status,
        reported_at: v.reported_at,
        assigned_at: v.assigned_at,
        responsible_org_id: v.responsible_org_id,
        remediated_at: v.remediated_at,
        cost_sek: v.cost_sek,
        origin_org_id: v.origin_org_id,
        visibility: v.visibility,
        description: v.description,
        public_summary: v.public_summary,
        incident_id: v.incident_id,
        external_id: v.external_id,
      })
      .returning('id')
      .executeTakeFirstOrThrow(),
  );
  return getVandalismReport(db, municipalityCode, id);
}

export async function getVandalismReport(db: Kysely<Database>, municipalityCode: string, id: string): Promise<VandalismReport> {
  assertIdShape('vandalism_report', id, municipalityCode);
  const row = await db
    .selectFrom('vandalism_report')
    .select([
      'id',
      'municipality_code',
      'kind',
      'offensive',
      'status',
      'reported_at',
      'assigned_at',
      'responsible_org_id',
      'remediated_at',
      'origin_org_id',
      'visibility',
      'description',
      'public_summary',
      'incident_id',
      'external_id',
      'created_at',
      'updated_at',
    ])
    // numeric arrives as text on some drivers: cast in SQL (STYLE.md rule 5).
    .select((eb) => eb.cast<number | null>('cost_sek', 'double precision').as('cost_sek'))
    .select(selectPointGeoJson().as('geom'))
    .where('municipality_code', '=', municipalityCode)
    .where('id', '=', id)
    .executeTakeFirst();
  if (!row) throw new NotFoundError('vandalism_report', id, municipalityCode);
  return vandalismReportSchema.parse({
    ...row,
    reported_at: toIso(row.reported_at),
    assigned_at: toIsoOrNull(row.assigned_at),
    remediated_at: toIsoOrNull(row.remediated_at),
    created_at: toIso(row.created_at),
    updated_at: toIso(row.updated_at),
  });
}
