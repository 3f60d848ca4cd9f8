// Which published geography cells of a publication overlap each focus area and focus buffer: the
// focus-area figures are sums of these published cells (DESIGN.md §8), never a count over the polygon.
import { type Kysely, sql } from 'kysely';
import type { DisclosureDatabase } from './types';

export interface FocusAreaCellRow {
  target_id: string;
  target_name: string;
  target_kind: 'focus_area' | 'focus_buffer';
  cell_key: string;
  group_key: string;
  count: number | null;
  suppressed: boolean;
}

/**
 * Cells (not totals) of one publication whose district polygon or grid square shares area with a
 * focus area in force during [start, end) or with a focus buffer (area kind 'focus_buffer').
 * Cells that only touch a focus area's edge are left out.
 */
export async function listFocusAreaCells(
  db: Kysely<DisclosureDatabase>,
  o: { municipalityCode: string; publicationId: string; start: Date; end: Date },
): Promise<FocusAreaCellRow[]> {
  const { rows } = await sql<FocusAreaCellRow>`
    WITH target AS (
      SELECT f.id::text AS id, f.name, 'focus_area' AS kind, f.geom_3006 FROM focus_area f
      WHERE f.municipality_code = ${o.municipalityCode}
        AND f.period_from < (${o.end}::timestamptz AT TIME ZONE 'Europe/Stockholm')::date
        AND (f.period_to IS NULL OR f.period_to >= (${o.start}::timestamptz AT TIME ZONE 'Europe/Stockholm')::date)
      UNION ALL
      SELECT a.id::text, a.name, 'focus_buffer', a.geom_3006 FROM area a
      WHERE a.municipality_code = ${o.municipalityCode} AND a.kind = 'focus_buffer'
    ),
    cell AS (
      SELECT pc.cell_key, pc.group_key, pc.count, pc.suppressed,
        CASE WHEN p.geography = 'district' THEN (SELECT a.geom_3006 FROM area a WHERE a.id = pc.area_id)
             ELSE ST_MakeEnvelope(pc.grid_ix * p.grid_cell_size_m, pc.grid_iy * p.grid_cell_size_m,
                                  (pc.grid_ix + 1) * p.grid_cell_size_m, (pc.grid_iy + 1) * p.grid_cell_size_m, 3006) END AS g
      FROM publication_cell pc JOIN publication p ON p.id = pc.publication_id
      WHERE pc.publication_id = ${o.publicationId} AND pc.cell_key <> 'total' AND pc.group_key <> 'all'
    )
    SELECT t.id AS target_id, t.name AS target_name, t.kind AS target_kind, c.cell_key, c.group_key, c.count, c.suppressed
    FROM target t JOIN cell c ON ST_Intersects(t.geom_3006, c.g) AND NOT ST_Touches(t.geom_3006, c.g)
    ORDER BY t.name, t.id, c.group_key, c.cell_key`.execute(db);
  return rows;
}
