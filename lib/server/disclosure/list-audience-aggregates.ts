import 'server-only';
// Council and partner aggregates: the same frozen snapshots as the public's, from the same core, for
// their own audience and k. A council member or partner also reads the public map (its figures are
// part of their audit in publishQuarter).
import type { Kysely } from 'kysely';
import { listPublicationCells, listPublications } from '@/db/queries/disclosure/publication';
import { withPublicationTables } from '@/db/queries/disclosure/types';
import type { Database } from '@/db/schema';
import { buildPublishedQuarter, listLatestVersions, type PublishedQuarterDto } from '@/lib/privacy/build-published-quarter';
import type { DisclosureAudience } from '@/lib/privacy/disclosure-threshold';

/**
 * The latest published version of each quarter for an audience. TODO(#3): check that the signed-in
 * user holds a role for this municipality that may read this audience's figures (council member for
 * 'council', partner organisation for 'partner'); until then callers pass the audience themselves.
 */
export async function listAudienceAggregates(
  db: Kysely<Database>,
  o: { municipalityCode: string; audience: DisclosureAudience; quarter?: string },
): Promise<PublishedQuarterDto[]> {
  const dbp = withPublicationTables(db);
  const pubs = listLatestVersions(await listPublications(dbp, o));
  const cells = await listPublicationCells(dbp, pubs.map((p) => p.id));
  return pubs.map((p) => buildPublishedQuarter(p, cells.filter((c) => c.publication_id === p.id)));
}
