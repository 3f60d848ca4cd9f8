import 'server-only';
// Focus-area and buffer figures for council, partners (and the public page, through lib/server/public
// when it needs them): sums of the published cells they overlap, "minst X" when parts are suppressed
// (DESIGN.md §8). No count is ever taken over the focus polygon itself, so a focus area drawn around a
// single house reveals nothing the published cells did not.
import type { Kysely } from 'kysely';
import { listFocusAreaCells } from '@/db/queries/disclosure/focus-area-cells';
import { listPublications } from '@/db/queries/disclosure/publication';
import { withPublicationTables } from '@/db/queries/disclosure/types';
import type { Database } from '@/db/schema';
import { CATEGORY_GROUP_LABELS, type CategoryGroup } from '@/lib/domain/categories';
import { listLatestVersions } from '@/lib/privacy/build-published-quarter';
import type { DisclosureAudience } from '@/lib/privacy/disclosure-threshold';
import { getQuarterBounds, parseQuarter } from '@/lib/privacy/publication-quarter';
import { sumPublishedCells } from '@/lib/privacy/sum-published-cells';

export interface FocusAreaFigureDto {
  id: string;
  name: string;
  kind: 'focus_area' | 'focus_buffer';
  quarter: string;
  version: number;
  group: CategoryGroup | 'all';
  groupLabel: string;
  /** Sum of the published cells it overlaps. */
  count: number;
  /** Some overlapping cells are suppressed: the figure is a lower bound. */
  atLeast: boolean;
  /** "12", "minst 12", or, when every overlapping cell is suppressed, "färre än 5 i varje del". */
  display: string;
  publishedCells: number;
  suppressedCells: number;
}

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
  const groups = new Map<string, typeof rows>();
  for (const r of rows) {
    for (const key of [`${r.target_id}\u0001${r.group_key}`, `${r.target_id}\u0001all`]) groups.set(key, [...(groups.get(key) ?? []), r]);
  }
  return [...groups.entries()].map(([key, parts]) => {
    const group = key.split('\u0001')[1] as CategoryGroup | 'all';
    const sum = sumPublishedCells(parts.map((p) => ({ value: p.suppressed ? null : p.count })));
    return {
      id: parts[0].target_id,
      name: parts[0].target_name,
      kind: parts[0].target_kind,
      quarter: pub.quarter,
      version: pub.version,
      group,
      groupLabel: group === 'all' ? 'Alla grupper' : CATEGORY_GROUP_LABELS[group].sv,
      count: sum.value,
      atLeast: sum.atLeast,
      display: sum.publishedParts === 0 ? `färre än ${pub.k} i varje del` : sum.atLeast ? `minst ${sum.value}` : String(sum.value),
      publishedCells: sum.publishedParts,
      suppressedCells: sum.suppressedParts,
    };
  });
}
