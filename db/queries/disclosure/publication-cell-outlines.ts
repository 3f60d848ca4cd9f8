// Outlines of a publication's geography cells in WGS84 for the map: the district polygon or the grid
// square (from its SWEREF 99 TM index). Area outlines only, never an incident.
import { type Kysely, sql } from 'kysely';
import type { DisclosureDatabase } from './types';

export interface PublicationCellOutlineRow {
  cell_key: string;
  area_code: string | null;
  /** RFC 7946 geometry as JSON text (6 decimals ≈ 0.1 m), null when the district row no longer exists. */
  geometry: string | null;
}

export async function listPublicationCellOutlines(db: Kysely<DisclosureDatabase>, publicationId: string): Promise<PublicationCellOutlineRow[]> {
  const { rows } = await sql<PublicationCellOutlineRow>`
    SELECT DISTINCT ON (pc.cell_key) pc.cell_key, a.code AS area_code,
      CASE WHEN p.geography = 'district' THEN ST_AsGeoJSON(a.geom, 6)
           ELSE ST_AsGeoJSON(ST_Transform(ST_MakeEnvelope(pc.grid_ix * p.grid_cell_size_m, pc.grid_iy * p.grid_cell_size_m,
                  (pc.grid_ix + 1) * p.grid_cell_size_m, (pc.grid_iy + 1) * p.grid_cell_size_m, 3006), 4326), 6) END AS geometry
    FROM publication_cell pc
    JOIN publication p ON p.id = pc.publication_id
    LEFT JOIN area a ON a.id = pc.area_id
    WHERE pc.publication_id = ${publicationId} AND pc.cell_key <> 'total'
    ORDER BY pc.cell_key`.execute(db);
  return rows;
}
