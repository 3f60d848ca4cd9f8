// A compact number for every incident: the staff map's point packs carry each point's id, and 50k
// random v4 UUIDs (16 bytes of noise each) would not fit the 1 MB a viewport may take (issue 5). seq is
// assigned by the database, never by a client, and is unique; packs send the points in seq order as
// small differences (lib/map/point-pack.ts). The map's covering index carries seq and source (exact
// access excludes the police feed's rows by source) so the points query stays an index-only scan.
// Raw SQL, imports nothing from the app.
import { type Kysely, sql } from 'kysely';

const UP = `
ALTER TABLE incident ADD COLUMN seq bigint GENERATED ALWAYS AS IDENTITY;
CREATE UNIQUE INDEX incident_seq_idx ON incident (seq);
DROP INDEX IF EXISTS incident_tenant_time_idx;
CREATE INDEX incident_tenant_time_idx ON incident (municipality_code, occurred_at) INCLUDE (geom, category_key, visibility, origin_org_id, id, seq, source);
`;

const DOWN = `
DROP INDEX IF EXISTS incident_tenant_time_idx;
ALTER TABLE incident DROP COLUMN seq;
CREATE INDEX incident_tenant_time_idx ON incident (municipality_code, occurred_at) INCLUDE (geom, category_key, visibility, origin_org_id, id);
`;

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql.raw(UP).execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql.raw(DOWN).execute(db);
}
