// The hexagon of a point by arithmetic, numbered as PostGIS ST_HexagonGrid numbers them (lib/geo/hex.ts
// getHexCellIndex): no spatial join, so a GROUP BY over it can run in parallel. Shared by the council's
// suppressed aggregates (situation-aggregates.ts) and the exact aggregates (exact-aggregates.ts).
import { type Expression, type RawBuilder, sql } from 'kysely';

const SQRT3 = Math.sqrt(3);

/**
 * `SELECT x, y, i, j` over `points`, a subquery with float8 columns x and y (EPSG:3006 metres), where
 * (i, j) is the hexagon of edge cellSizeM holding the point. Column i0 = floor(x / 1.5s); the nearest row
 * in i0 and in i0 + 1 (odd columns shifted half a row); the nearer centre wins, ties to i0. OFFSET 0
 * keeps the levels apart (each computes its columns once).
 */
export function hexCellsOf(points: Expression<unknown>, cellSizeM: number): RawBuilder<unknown> {
  if (!(cellSizeM > 0)) throw new RangeError('cell size must be positive');
  const cw = sql`${1.5 * cellSizeM}::float8`;
  const hh = sql`${cellSizeM * SQRT3}::float8`;
  return sql`
    SELECT x, y, CASE WHEN nx THEN i0 + 1 ELSE i0 END AS i, CASE WHEN nx THEN j1 ELSE j0 END AS j
    FROM (
      SELECT x, y, i0, j0, j1,
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
    ) p3`;
}
