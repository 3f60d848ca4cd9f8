// Capture's answer to a likely duplicate (issue 5): instead of a second record of the same graffiti,
// unsafe place or incident, the reporter confirms the existing one. A confirmation belongs to exactly
// one record and goes with it; the record's own counts stay single. Raw SQL, imports nothing from the app.
import { type Kysely, sql } from 'kysely';

const UP = `
CREATE TABLE record_confirmation (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  municipality_code text NOT NULL REFERENCES municipality(code) ON DELETE CASCADE,
  incident_id uuid REFERENCES incident(id) ON DELETE CASCADE,
  unsafe_place_id uuid REFERENCES unsafe_place(id) ON DELETE CASCADE,
  vandalism_report_id uuid REFERENCES vandalism_report(id) ON DELETE CASCADE,
  -- the confirming reporter's organisation and account (e-mail or 'cli:<name>')
  organisation_id uuid REFERENCES organisation(id) ON DELETE SET NULL,
  confirmed_by text NOT NULL CHECK (length(trim(confirmed_by)) > 0),
  note text CHECK (note IS NULL OR length(note) <= 4000),
  -- where the reporter placed the pin (within the duplicate radius of the record)
  geom geometry(Point, 4326) NOT NULL CHECK (ST_IsValid(geom) AND NOT ST_IsEmpty(geom)),
  geom_3006 geometry(Point, 3006) GENERATED ALWAYS AS (ST_Transform(geom, 3006)) STORED,
  observed_at timestamptz NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT record_confirmation_one_record CHECK (num_nonnulls(incident_id, unsafe_place_id, vandalism_report_id) = 1)
);
CREATE INDEX record_confirmation_incident_idx ON record_confirmation (incident_id) WHERE incident_id IS NOT NULL;
CREATE INDEX record_confirmation_unsafe_place_idx ON record_confirmation (unsafe_place_id) WHERE unsafe_place_id IS NOT NULL;
CREATE INDEX record_confirmation_vandalism_idx ON record_confirmation (vandalism_report_id) WHERE vandalism_report_id IS NOT NULL;
`;

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql.raw(UP).execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP TABLE IF EXISTS record_confirmation`.execute(db);
}
