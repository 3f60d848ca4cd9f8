// Confirmations of an existing record (migration 20261126T1200): "I saw this too" instead of a duplicate.
// Raw SQL: the table is not in db/schema.ts's typed Database.
import { type Kysely, sql } from 'kysely';
import type { Database } from '../../schema';

export interface RecordConfirmationInput {
  municipalityCode: string;
  kind: 'incident' | 'unsafe_place' | 'vandalism';
  recordId: string;
  organisationId: string | null;
  confirmedBy: string;
  note: string | null;
  lon: number;
  lat: number;
  observedAt: Date;
}

export async function createRecordConfirmation(db: Kysely<Database>, c: RecordConfirmationInput): Promise<string> {
  const column = c.kind === 'incident' ? 'incident_id' : c.kind === 'unsafe_place' ? 'unsafe_place_id' : 'vandalism_report_id';
  const { rows } = await sql<{ id: string }>`
    INSERT INTO record_confirmation (municipality_code, ${sql.ref(column)}, organisation_id, confirmed_by, note, geom, observed_at)
    VALUES (${c.municipalityCode}, ${c.recordId}::uuid, ${c.organisationId}::uuid, ${c.confirmedBy}, ${c.note},
      ST_SetSRID(ST_MakePoint(${c.lon}::float8, ${c.lat}::float8), 4326), ${c.observedAt})
    RETURNING id`.execute(db);
  return rows[0].id;
}

/** How many confirmations a record has. */
export async function countRecordConfirmations(db: Kysely<Database>, q: { municipalityCode: string; kind: RecordConfirmationInput['kind']; recordId: string }): Promise<number> {
  const column = q.kind === 'incident' ? 'incident_id' : q.kind === 'unsafe_place' ? 'unsafe_place_id' : 'vandalism_report_id';
  const { rows } = await sql<{ n: number }>`
    SELECT count(*)::int AS n FROM record_confirmation WHERE municipality_code = ${q.municipalityCode} AND ${sql.ref(column)} = ${q.recordId}::uuid`.execute(db);
  return Number(rows[0]?.n ?? 0);
}
