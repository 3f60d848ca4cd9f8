import 'server-only';
// Focus-area and buffer figures for council and partners: sums of the published cells they overlap,
// from the audience's latest frozen version of the quarter (lib/privacy/build-focus-area-figures.ts).
import type { Kysely } from 'kysely';
import { listFocusAreaCells } from '@/db/queries/disclosure/focus-area-cells';
import { listPublications } from '@/db/queries/disclosure/publication';
import { withPublicationTables } from '@/db/queries/disclosure/types';
import type { Database } from '@/db/schema';
import { buildFocusAreaFigures, type FocusAreaFigureDto } from '@/lib/privacy/build-focus-area-figures';
import { listLatestVersions } from '@/lib/privacy/build-published-quarter';
import type { DisclosureAudience } from '@/lib/privacy/disclosure-threshold';
import { getQuarterBounds, parseQuarter } from '@/lib/privacy/publication-quarter';

export type { FocusAreaFigureDto } from '@/lib/privacy/build-focus-area-figures';

/**
 * Focus-area and buffer figures of a quarter, from the audience's latest published version.
 * TODO(#3): check the caller may read this audience's figures.
 */
export async function listFocusAreaFigures(
  db: Kysely<Database>,
  o: { municipalityCode: string; audience: DisclosureAudience; quarter: string },
): Promise<FocusAreaFigureDto[]> {
  const dbp = withPublicationTables(db);
  const [pub] = listLatestVersions(await listPublications(dbp, { municipalityCode: o.municipalityCode, audience: o.audience, quarter: o.quarter }));
  if (!pub) return [];
  const { start, end } = getQuarterBounds(parseQuarter(o.quarter));
  const rows = await listFocusAreaCells(dbp, { municipalityCode: o.municipalityCode, publicationId: pub.id, start, end });
  return buildFocusAreaFigures(
    pub,
    rows.map((r) => ({ targetId: r.target_id, targetName: r.target_name, targetKind: r.target_kind, group: r.group_key, count: r.suppressed ? null : r.count })),
  );
}
