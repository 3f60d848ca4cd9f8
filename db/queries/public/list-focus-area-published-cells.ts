// Which cells of the public's publications each focus area overlaps, over every given publication (a
// trend per focus area is a sum of these published cells, DESIGN.md §8). Unlike the disclosure core's
// per-quarter query it ignores the focus area's own period: a trend shows the quarters before the
// focus area was chosen too. Cells that only touch the edge are left out.
import { type Kysely, sql } from 'kysely';
import type { Database } from '../../schema';

export interface FocusAreaPublishedCellRow {
  focus_area_id: string;
  publication_id: string;
  cell_key: string;
  group_key: string;
  count: number | null;
  suppressed: boolean;
}

export async function listFocusAreaPublishedCells(
  db: Kysely<Database>,
  o: { municipalityCode: string; focusAreaIds: readonly string[]; publicationIds: readonly string[] },
): Promise<FocusAreaPublishedCellRow[]> {
  if (!o.focusAreaIds.length || !o.publicationIds.length) return [];
  const { rows } = await sql<FocusAreaPublishedCellRow>`
    WITH cell AS (
      SELECT pc.publication_id::text AS publication_id, pc.cell_key, pc.group_key, pc.count, pc.suppressed,
        CASE WHEN p.geography = 'district' THEN (SELECT a.geom_3006 FROM area a WHERE a.id = pc.area_id)
             ELSE ST_MakeEnvelope(pc.grid_ix * p.grid_cell_size_m, pc.grid_iy * p.grid_cell_size_m,
                                  (pc.grid_ix + 1) * p.grid_cell_size_m, (pc.grid_iy + 1) * p.grid_cell_size_m, 3006) END AS g
      FROM publication_cell pc JOIN publication p ON p.id = pc.publication_id
      WHERE p.municipality_code = ${o.municipalityCode} AND p.audience = 'public' AND p.status = 'published'
        AND pc.publication_id::text IN (${sql.join(o.publicationIds.map((id) => sql`${id}`))})
        AND pc.cell_key <> 'total' AND pc.group_key <> 'all'
    )
    SELECT f.id::text AS focus_area_id, c.publication_id, c.cell_key, c.group_key, c.count, c.suppressed
    FROM focus_area f JOIN cell c ON ST_Intersects(f.geom_3006, c.g) AND NOT ST_Touches(f.geom_3006, c.g)
    WHERE f.municipality_code = ${o.municipalityCode} AND f.id::text IN (${sql.join(o.focusAreaIds.map((id) => sql`${id}`))})
    ORDER BY f.id, c.publication_id, c.group_key, c.cell_key`.execute(db);
  return rows;
}
