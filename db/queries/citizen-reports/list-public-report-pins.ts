// Citizen reports the public may see: approved (or converted) by a moderator who confirmed a place in
// public space and wrote the public text. Only that text, the category, the public status with its
// date, and the location rounded to 4 decimals (about 10 m) leave: never the reporter's own text,
// contact details or photo.
import { sql } from 'kysely';
import type { Kysely } from 'kysely';
import type { Database } from '../../schema';

export interface PublicReportPinRow {
  pin: number;
  category: string;
  public_summary: string;
  public_status: string;
  status_changed_on: string;
  lon: number;
  lat: number;
}

/** Decimals of a public pin (4 ≈ 11 m north–south): the moderated place, not where the reporter stood. */
export const PUBLIC_PIN_DECIMALS = 4;

export async function listPublicReportPins(db: Kysely<Database>, municipalityCode: string): Promise<PublicReportPinRow[]> {
  const { rows } = await sql<PublicReportPinRow>`
    SELECT (row_number() OVER (ORDER BY r.status_changed_at DESC, r.id))::int AS pin,
      r.category, r.public_summary, r.public_status,
      to_char((r.status_changed_at AT TIME ZONE 'Europe/Stockholm')::date, 'YYYY-MM-DD') AS status_changed_on,
      round(ST_X(r.geom)::numeric, ${PUBLIC_PIN_DECIMALS})::float8 AS lon,
      round(ST_Y(r.geom)::numeric, ${PUBLIC_PIN_DECIMALS})::float8 AS lat
    FROM citizen_report r
    WHERE r.municipality_code = ${municipalityCode} AND r.public_pin AND r.public_summary IS NOT NULL
      AND r.moderation_state IN ('approved', 'converted')
    ORDER BY r.status_changed_at DESC, r.id
    LIMIT 500`.execute(db);
  return rows;
}
