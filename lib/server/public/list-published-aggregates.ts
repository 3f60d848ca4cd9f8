import 'server-only';
// The public map's aggregates: frozen snapshots only, the latest version of each published quarter,
// as plain DTOs (DESIGN.md §8). Nothing here reads `incident`: no live count, no geometry.
import type { Kysely } from 'kysely';
import { listPublicationCells, listPublications } from '@/db/queries/disclosure/publication';
import { withPublicationTables } from '@/db/queries/disclosure/types';
import type { Database } from '@/db/schema';
import { buildPublishedQuarter, listLatestVersions, type PublishedQuarterDto } from '@/lib/privacy/build-published-quarter';

export type { PublishedCellDto, PublishedQuarterDto } from '@/lib/privacy/build-published-quarter';

/** The public's published aggregates, latest version per quarter, oldest quarter first. */
export async function listPublishedAggregates(db: Kysely<Database>, o: { municipalityCode: string; quarter?: string }): Promise<PublishedQuarterDto[]> {
  const dbp = withPublicationTables(db);
  const pubs = listLatestVersions(await listPublications(dbp, { municipalityCode: o.municipalityCode, audience: 'public', quarter: o.quarter }));
  const cells = await listPublicationCells(dbp, pubs.map((p) => p.id));
  return pubs.map((p) => buildPublishedQuarter(p, cells.filter((c) => c.publication_id === p.id)));
}
