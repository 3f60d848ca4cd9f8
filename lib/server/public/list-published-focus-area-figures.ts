import 'server-only';
// The public pledge map's focus-area figures: sums of the public's published cells that each focus
// area (or buffer) overlaps, from the latest frozen version of the quarter (DESIGN.md §8). Reads no
// incident and no live count.
import type { Kysely } from 'kysely';
import { listFocusAreaCells } from '@/db/queries/disclosure/focus-area-cells';
import { listPublications } from '@/db/queries/disclosure/publication';
import { withPublicationTables } from '@/db/queries/disclosure/types';
import type { Database } from '@/db/schema';
import { buildFocusAreaFigures, type FocusAreaFigureDto } from '@/lib/privacy/build-focus-area-figures';
import { listLatestVersions } from '@/lib/privacy/build-published-quarter';
import { getQuarterBounds, parseQuarter } from '@/lib/privacy/publication-quarter';

/** Focus-area and buffer figures of a published quarter for the public; [] when the quarter is not published. */
export async function listPublishedFocusAreaFigures(db: Kysely<Database>, o: { municipalityCode: string; quarter: string }): Promise<FocusAreaFigureDto[]> {
  const dbp = withPublicationTables(db);
  const [pub] = listLatestVersions(await listPublications(dbp, { municipalityCode: o.municipalityCode, audience: 'public', quarter: o.quarter }));
  if (!pub) return [];
  const { start, end } = getQuarterBounds(parseQuarter(o.quarter));
  const rows = await listFocusAreaCells(dbp, { municipalityCode: o.municipalityCode, publicationId: pub.id, start, end });
  return buildFocusAreaFigures(
    pub,
    rows.map((r) => ({ targetId: r.target_id, targetName: r.target_name, targetKind: r.target_kind, group: r.group_key, count: r.suppressed ? null : r.count })),
  );
}
