// Exact incident counts per hexagon for viewers with exact access: the staff map's picture below street
// zoom. The incidents are those of the full situation filter (filteredIncidents: the viewer's exact
// access, categories, period, weekday and hour in Stockholm time, source, organisation, area), binned
// IN SQL on geom_3006 by arithmetic with the numbering of PostGIS ST_HexagonGrid (lib/geo/hex.ts; the
// same arithmetic as db/queries/situation-aggregates.ts): no spatial join, one GROUP BY.
import { type Kysely, sql } from 'kysely';
import type { Database } from '../schema';
import { filteredIncidents, type SituationIncidentQuery } from './situation-incidents';

export interface ExactHexCountRow {
  i: number;
  j: number;
  count: number;
}

const SQRT3 = Math.sqrt(3);

/** Counts per hexagon (i, j) of edge cellSizeM; cells without incidents are absent. */
export async function countVisibleIncidentsByHexagon(db: Kysely<Database>, q: SituationIncidentQuery, cellSizeM: number): Promise<ExactHexCountRow[]> {
  if (!(cellSizeM > 0)) throw new RangeError('cell size must be positive');
  if (!q.categoryKeys.length) return [];
  const cw = sql`${1.5 * cellSizeM}::float8`;
  const hh = sql`${cellSizeM * SQRT3}::float8`;
  const points = filteredIncidents(db, q).select([sql<number>`ST_X(incident.geom_3006)::float8`.as('x'), sql<number>`ST_Y(incident.geom_3006)::float8`.as('y')])
    .offset(0);
  // Column i0 = floor(x / 1.5s); the nearest row in i0 and in i0 + 1 (odd columns shifted half a row);
  // the nearer centre wins, ties to i0 (lib/geo/hex.ts getHexCellIndex). OFFSET 0 keeps the levels apart.
  const { rows } = await sql<ExactHexCountRow>`
    SELECT CASE WHEN nx THEN i0 + 1 ELSE i0 END AS i, CASE WHEN nx THEN j1 ELSE j0 END AS j, count(*)::int AS count
    FROM (
      SELECT i0, j0, j1,
        (x - ${cw} * (i0 + 1)) * (x - ${cw} * (i0 + 1)) + (y - ${hh} * (j1 + 0.5::float8 * (1 - p0))) * (y - ${hh} * (j1 + 0.5::float8 * (1 - p0)))
          < (x - ${cw} * i0) * (x - ${cw} * i0) + (y - ${hh} * (j0 + 0.5::float8 * p0)) * (y - ${hh} * (j0 + 0.5::float8 * p0)) AS nx
      FROM (
        SELECT x, y, i0, p0,
          floor(y / ${hh} - 0.5::float8 * p0 + 0.5::float8)::int AS j0,
          floor(y / ${hh} - 0.5::float8 * (1 - p0) + 0.5::float8)::int AS j1
        FROM (
          SELECT x, y, floor(x / ${cw})::int AS i0, floor(x / ${cw})::int & 1 AS p0 FROM ${points} p
          OFFSET 0
        ) p1 OFFSET 0
      ) p2 OFFSET 0
    ) p3
    GROUP BY 1, 2
    ORDER BY 1, 2`.execute(db);
  return rows.map((row) => ({ i: Number(row.i), j: Number(row.j), count: Number(row.count) }));
}
