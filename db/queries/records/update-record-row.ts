// Writes an edited incident, unsafe place or vandalism report (values already validated by the kind's
// input schema). Origin, source, tenant and import keys are not touched.
import type { Kysely } from 'kysely';
import type { Database } from '@/db/schema';
import { pointFromGeoJson } from '@/db/queries/entities/geometry';
import type { IncidentInput } from '@/lib/schemas/entities/incident';
import type { UnsafePlaceInput } from '@/lib/schemas/entities/unsafe-place';
import type { VandalismReportInput } from '@/lib/schemas/entities/vandalism-report';

export async function updateIncidentRow(db: Kysely<Database>, id: string, v: IncidentInput, now: Date): Promise<void> {
  await db
    .updateTable('incident')
    .set({
      category_key: v.category_key,
      occurred_at: v.occurred_at,
      occurred_to: v.occurred_to,
      geom: pointFromGeoJson(v.geom),
      visibility: v.visibility,
      description: v.description,
      updated_at: now,
    })
    .where('id', '=', id)
    .executeTakeFirstOrThrow();
}

export async function updateUnsafePlaceRow(db: Kysely<Database>, id: string, v: UnsafePlaceInput, options: { statusChanged: boolean; now: Date }): Promise<void> {
  await db
    .updateTable('unsafe_place')
    .set({
      title: v.title,
      reasons: v.reasons,
      proposed_measure: v.proposed_measure,
      status: v.status,
      geom: pointFromGeoJson(v.geom),
      visibility: v.visibility,
      description: v.description,
      public_summary: v.public_summary,
      fixed_at: v.fixed_at,
      ...(options.statusChanged ? { status_changed_at: options.now } : {}),
      updated_at: options.now,
    })
    .where('id', '=', id)
    .executeTakeFirstOrThrow();
}

export async function updateVandalismRow(db: Kysely<Database>, id: string, v: VandalismReportInput, now: Date): Promise<void> {
  await db
    .updateTable('vandalism_report')
    .set({
      kind: v.kind,
      offensive: v.offensive,
      status: v.status,
      assigned_at: v.assigned_at,
      responsible_org_id: v.responsible_org_id,
      remediated_at: v.remediated_at,
      cost_sek: v.cost_sek,
      geom: pointFromGeoJson(v.geom),
      visibility: v.visibility,
      description: v.description,
      public_summary: v.public_summary,
      updated_at: now,
    })
    .where('id', '=', id)
    .executeTakeFirstOrThrow();
}
