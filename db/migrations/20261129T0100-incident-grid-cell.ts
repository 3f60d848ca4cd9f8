// A grid cell for every incident, indexed with the tenant and time, so that the staff map's bbox
// queries scan only the cells their box touches instead of the whole period's slice of the time index
// (issue 5: a 2 × 2 km box of a year kept 10k of 200k entries read). Cells are 0.01° of longitude ×
// 0.005° of latitude (about 0.6 × 0.55 km in southern Sweden), numbered
// (floor(lon·100) + 18000) · 36001 + (floor(lat·200) + 18000), each part clamped to its range so that
// any coordinate fits an int4 (lib/geo/incident-grid-cells.ts mirrors this for the query side).
// A SQL function, IMMUTABLE, so the planner inlines it into the index expression and into queries
// alike and matches them. The index carries the time index's columns: the points query stays index-only.
// Raw SQL, imports nothing from the app.
import { type Kysely, sql } from 'kysely';

// PostGIS's functions are named with their schema: PostgreSQL 17+ runs index builds with a search_path
// of pg_catalog only, and a SET search_path on the function would stop the inlining.
const upSql = (postgis: string) => `
CREATE FUNCTION incident_grid_cell(g ${postgis}.geometry) RETURNS integer
  LANGUAGE sql IMMUTABLE PARALLEL SAFE
  AS $$ SELECT (least(greatest(floor(${postgis}.ST_X(g) * 100), -18000), 18000)::integer + 18000) * 36001
             + (least(greatest(floor(${postgis}.ST_Y(g) * 200), -18000), 18000)::integer + 18000) $$;
CREATE INDEX incident_tenant_cell_time_idx ON incident (municipality_code, incident_grid_cell(geom), occurred_at)
  INCLUDE (geom, category_key, visibility, origin_org_id, id, seq, source);
`;

const DOWN = `
DROP INDEX IF EXISTS incident_tenant_cell_time_idx;
DROP FUNCTION IF EXISTS incident_grid_cell(geometry);
`;

export async function up(db: Kysely<unknown>): Promise<void> {
  const { rows } = await sql<{ schema: string }>`SELECT quote_ident(n.nspname) AS schema FROM pg_extension e JOIN pg_namespace n ON n.oid = e.extnamespace WHERE e.extname = 'postgis'`.execute(db);
  if (!rows[0]) throw new Error('PostGIS is not installed');
  await sql.raw(upSql(rows[0].schema)).execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql.raw(DOWN).execute(db);
}
