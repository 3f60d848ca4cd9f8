// Exact incident counts per hexagon for viewers with exact access: the staff map's picture below street
// zoom. The incidents are those of the full situation filter (filteredIncidents: the viewer's exact
// access, categories, period, weekday and hour in Stockholm time, source, organisation, area), binned
// IN SQL on geom_3006 by arithmetic with the numbering of PostGIS ST_HexagonGrid (hex-cell-sql.ts, as the
// council's aggregates): no spatial join, one GROUP BY.
import { type Kysely, sql } from 'kysely';
import type { Database } from '../schema';
import { hexCellsOf } from './hex-cell-sql';
import { filteredIncidents, type SituationIncidentQuery } from './situation-incidents';

export interface ExactHexCountRow {
  i: number;
  j: number;
  count: number;
}

/** Counts per hexagon (i, j) of edge cellSizeM; cells without incidents are absent. */
export async function countVisibleIncidentsByHexagon(db: Kysely<Database>, q: SituationIncidentQuery, cellSizeM: number): Promise<ExactHexCountRow[]> {
  if (!(cellSizeM > 0)) throw new RangeError('cell size must be positive');
  if (!q.categoryKeys.length) return [];
  const points = filteredIncidents(db, q).select([sql<number>`ST_X(incident.geom_3006)::float8`.as('x'), sql<number>`ST_Y(incident.geom_3006)::float8`.as('y')]).offset(0);
  const { rows } = await sql<ExactHexCountRow>`
    SELECT i, j, count(*)::int AS count FROM (${hexCellsOf(points, cellSizeM)}) c GROUP BY 1, 2 ORDER BY 1, 2`.execute(db);
  return rows.map((row) => ({ i: Number(row.i), j: Number(row.j), count: Number(row.count) }));
}
