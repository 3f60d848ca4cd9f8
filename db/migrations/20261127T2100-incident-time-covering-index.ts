// The staff map's points query (db/queries/incident-points.ts, situation-incidents.ts) reads a period
// of one municipality and, per row, its position, category, visibility, origin organisation and id.
// The tenant/time index now carries those columns, so the query is an index-only scan whatever the
// rows' physical order (bench/map.ts: the one-year viewport query read nearly every heap page of a
// million-row table when rows were not stored in time order). Same key columns, so it serves every
// query the old index did. Raw SQL, imports nothing from the app.
import { type Kysely, sql } from 'kysely';

const UP = `
DROP INDEX IF EXISTS incident_tenant_time_idx;
CREATE INDEX incident_tenant_time_idx ON incident (municipality_code, occurred_at) INCLUDE (geom, category_key, visibility, origin_org_id, id);
`;

const DOWN = `
DROP INDEX IF EXISTS incident_tenant_time_idx;
CREATE INDEX incident_tenant_time_idx ON incident (municipality_code, occurred_at);
`;

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql.raw(UP).execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql.raw(DOWN).execute(db);
}
