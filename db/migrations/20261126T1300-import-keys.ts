// Imports are idempotent (issue 5): a row is known again by its external id where the file has one,
// else by a stable hash of its values stored with the record. unsafe_place gets an external id like
// the other layers; areas get their population (rates per 1,000 inhabitants) and survey results the
// number of respondents. Raw SQL, imports nothing from the app.
import { type Kysely, sql } from 'kysely';

const UP = `
ALTER TABLE incident ADD COLUMN import_hash text;
CREATE UNIQUE INDEX incident_import_hash_unique ON incident (municipality_code, import_hash) WHERE import_hash IS NOT NULL;

ALTER TABLE unsafe_place ADD COLUMN external_id text, ADD COLUMN import_hash text;
CREATE UNIQUE INDEX unsafe_place_external_id_unique ON unsafe_place (municipality_code, external_id) WHERE external_id IS NOT NULL;
CREATE UNIQUE INDEX unsafe_place_import_hash_unique ON unsafe_place (municipality_code, import_hash) WHERE import_hash IS NOT NULL;

ALTER TABLE vandalism_report ADD COLUMN import_hash text;
CREATE UNIQUE INDEX vandalism_report_external_id_unique ON vandalism_report (municipality_code, external_id) WHERE external_id IS NOT NULL;
CREATE UNIQUE INDEX vandalism_report_import_hash_unique ON vandalism_report (municipality_code, import_hash) WHERE import_hash IS NOT NULL;

ALTER TABLE area ADD COLUMN population integer CHECK (population IS NULL OR population >= 0);
ALTER TABLE survey_indicator ADD COLUMN respondents integer CHECK (respondents IS NULL OR respondents >= 0);
`;

const DOWN = `
ALTER TABLE survey_indicator DROP COLUMN IF EXISTS respondents;
ALTER TABLE area DROP COLUMN IF EXISTS population;
DROP INDEX IF EXISTS vandalism_report_import_hash_unique;
DROP INDEX IF EXISTS vandalism_report_external_id_unique;
ALTER TABLE vandalism_report DROP COLUMN IF EXISTS import_hash;
DROP INDEX IF EXISTS unsafe_place_import_hash_unique;
DROP INDEX IF EXISTS unsafe_place_external_id_unique;
ALTER TABLE unsafe_place DROP COLUMN IF EXISTS import_hash, DROP COLUMN IF EXISTS external_id;
DROP INDEX IF EXISTS incident_import_hash_unique;
ALTER TABLE incident DROP COLUMN IF EXISTS import_hash;
`;

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql.raw(UP).execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql.raw(DOWN).execute(db);
}
