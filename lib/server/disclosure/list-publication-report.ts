import 'server-only';
// The publication report: per quarter and version, how many cells were published and suppressed and
// how the audit went (for `lagesbild publish` and the admin page).
import type { Kysely } from 'kysely';
import { countPublicationCells, listPublications } from '@/db/queries/disclosure/publication';
import { withPublicationTables } from '@/db/queries/disclosure/types';
import type { Database } from '@/db/schema';
import type { DisclosureAudience } from '@/lib/privacy/disclosure-threshold';

export interface PublicationReportRow {
  quarter: string;
  version: number;
  geography: string;
  k: number;
  publishedCells: number;
  suppressedCells: number;
  /** suppressed / all cells, 0…1 */
  suppressedShare: number;
  auditPassed: boolean;
  auditMilliseconds: number | null;
  createdAt: string;
  createdBy: string;
  changelog: string;
}

/**
 * Every publication of an audience, oldest first. TODO(#3): admin / security coordinator only.
 */
export async function listPublicationReport(
  db: Kysely<Database>,
  o: { municipalityCode: string; audience: DisclosureAudience },
): Promise<PublicationReportRow[]> {
  const dbp = withPublicationTables(db);
  const pubs = await listPublications(dbp, o);
  const counts = new Map((await countPublicationCells(dbp, pubs.map((p) => p.id))).map((c) => [c.publication_id, c]));
  const audits = new Map(
    (await dbp.selectFrom('publication').where('id', 'in', pubs.length ? pubs.map((p) => p.id) : ['00000000-0000-0000-0000-000000000000']).select(['id', 'audit']).execute()).map((r) => [r.id, r.audit as { passed?: boolean; stats?: { milliseconds?: number } }]),
  );
  return pubs.map((p) => {
    const c = counts.get(p.id) ?? { published: 0, suppressed: 0 };
    const audit = audits.get(p.id);
    return {
      quarter: p.quarter,
      version: p.version,
      geography: p.geography === 'grid' ? `grid ${p.grid_cell_size_m} m` : p.geography,
      k: p.k,
      publishedCells: c.published,
      suppressedCells: c.suppressed,
      suppressedShare: c.published + c.suppressed ? c.suppressed / (c.published + c.suppressed) : 0,
      auditPassed: audit?.passed === true,
      auditMilliseconds: audit?.stats?.milliseconds ?? null,
      createdAt: p.created_at.toISOString(),
      createdBy: p.created_by,
      changelog: p.changelog,
    };
  });
}
