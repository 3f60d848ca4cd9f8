// The cells of a municipality's study area: every square or hexagon that touches its outline (area of kind
// 'municipality'), zero-count cells included (METHODS.md "Grids"). Numbered as ST_SquareGrid / ST_HexagonGrid
// number them (origin 0, the same arithmetic as lib/geo), so they meet the SQL cell counts cell for cell.
import { type Kysely, sql } from 'kysely';
import type { Database } from '../../schema';
import type { CellGrid } from './cell-counts';

export interface StudyAreaCell {
  /** Square: ix, iy; hexagon: i, j. */
  a: number;
  b: number;
}

/**
 * Cells touching the municipality outline; square cells row-major (iy, then ix), hexagons column by column
 * (i, then j) as ST_HexagonGrid returns them. Empty when the municipality has no outline.
 */
export async function listMunicipalityStudyCells(db: Kysely<Database>, q: { municipalityCode: string; grid: CellGrid; cellSize: number }): Promise<StudyAreaCell[]> {
  if (!(q.cellSize > 0)) throw new RangeError('cell size must be positive');
  const gridFn = q.grid === 'square' ? sql`ST_SquareGrid(${q.cellSize}::float8, o.g)` : sql`ST_HexagonGrid(${q.cellSize}::float8, o.g)`;
  const order = q.grid === 'square' ? sql`c.j, c.i` : sql`c.i, c.j`;
  const r = await sql<StudyAreaCell>`
    WITH o AS (SELECT ST_Union(geom_3006) AS g FROM area WHERE municipality_code = ${q.municipalityCode} AND kind = 'municipality')
    SELECT c.i AS a, c.j AS b
    FROM o CROSS JOIN LATERAL ${gridFn} c
    WHERE o.g IS NOT NULL AND ST_Intersects(c.geom, o.g)
    ORDER BY ${order}`.execute(db);
  return r.rows.map((row) => ({ a: Number(row.a), b: Number(row.b) }));
}
