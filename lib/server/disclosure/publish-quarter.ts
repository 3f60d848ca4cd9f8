import 'server-only';
// Publishes one closed quarter for one audience (DESIGN.md §8): compute the cells in SQL, suppress,
// audit against everything the audience already has (all versions, groups, totals, areas), and freeze —
// or refuse, naming the figures that would leak.
import type { Kysely } from 'kysely';
import { createPublication, listPublicationCells, listPublications, lockPublications, type PublicationRow } from '@/db/queries/disclosure/publication';
import { withPublicationTables } from '@/db/queries/disclosure/types';
import type { Database } from '@/db/schema';
import { type AuditedPublication, buildAuditInput } from '@/lib/privacy/build-audit-input';
import type { PublicationFigure } from '@/lib/privacy/build-publication-figures';
import { auditDisclosure, type DisclosureAuditResult } from '@/lib/privacy/disclosure-audit';
import type { DisclosureAudience } from '@/lib/privacy/disclosure-threshold';
import { checkQuarterPublishable, parseQuarter } from '@/lib/privacy/publication-quarter';
import { computeQuarterFigures } from './compute-quarter-figures';
import { formatFigureLabel } from './figure-label';
import { type DisclosureConfig, type DisclosureOverrides, getDisclosureConfig } from './get-disclosure-config';
import { PublicationRefusedError } from './publication-refused-error';

export interface PublishQuarterOptions {
  municipalityCode: string;
  /**
   * Who the figures are for. TODO(#3): the caller's role must allow publishing for this audience
   * (admin or security coordinator); until sign-in exists only the CLI calls this.
   */
  audience: DisclosureAudience;
  /** 'YYYY-Qn' */
  quarter: string;
  /** The current time (publication needs a closed quarter, ≥ 1 month after close). */
  now: Date;
  createdBy: string;
  /** Required from version 2 on: what the correction changes. */
  changelog?: string;
  overrides?: DisclosureOverrides;
  /** Compute and audit, write nothing. */
  dryRun?: boolean;
}

export interface PublishQuarterResult {
  status: 'published' | 'dry-run';
  publicationId: string | null;
  quarter: string;
  version: number;
  config: DisclosureConfig;
  /** Cells of the geography × groups (totals not counted). */
  publishedCells: number;
  suppressedCells: number;
  audit: DisclosureAuditResult;
}

const stockholmDate = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Stockholm', year: 'numeric', month: '2-digit', day: '2-digit' });

const isCell = (f: Pick<PublicationFigure, 'group' | 'cellKey'>) => f.group !== 'all' && f.cellKey !== 'total';

/**
 * What each audience can combine: its own publications and the public's (a council member or a
 * partner reads the public map too). The public sees only its own.
 */
export const VISIBLE_AUDIENCES: Readonly<Record<DisclosureAudience, readonly DisclosureAudience[]>> = {
  public: ['public'],
  council: ['council', 'public'],
  partner: ['partner', 'public'],
};

/** Audiences that can see what `audience` is given (whose audits a new publication for it can break). */
function audiencesSeeing(audience: DisclosureAudience): DisclosureAudience[] {
  return (Object.keys(VISIBLE_AUDIENCES) as DisclosureAudience[]).filter((a) => VISIBLE_AUDIENCES[a].includes(audience));
}

interface LoadedPublication {
  pub: PublicationRow;
  figures: AuditedPublication['figures'][number][];
}

/** The stored publications of these audiences, in the order they were made (cells carry their parts). */
async function loadPublished(db: Kysely<Database>, municipalityCode: string, audiences: readonly DisclosureAudience[]): Promise<LoadedPublication[]> {
  const dbp = withPublicationTables(db);
  const pubs = (await Promise.all(audiences.map((audience) => listPublications(dbp, { municipalityCode, audience })))).flat();
  pubs.sort((a, b) => a.created_at.getTime() - b.created_at.getTime() || a.version - b.version);
  const cells = await listPublicationCells(dbp, pubs.map((p) => p.id));
  const byPub = new Map(pubs.map((p) => [p.id, { pub: p, figures: [] as LoadedPublication['figures'] }]));
  for (const c of cells) {
    const entry = byPub.get(c.publication_id)!;
    entry.figures.push({
      label: formatFigureLabel({ audience: entry.pub.audience, quarter: entry.pub.quarter, version: entry.pub.version, areaName: c.area_name, group: c.group_key }),
      count: c.count,
      suppressed: c.suppressed,
      parts: c.parts,
    });
  }
  return [...byPub.values()];
}

/**
 * Audits what `audience` would know with the candidate (for `candidateAudience`) added: facts from
 * everything it can read, ordered by publication time; bounds only its own suppressed figures.
 */
async function auditFor(
  audience: DisclosureAudience,
  earlier: readonly LoadedPublication[],
  candidate: AuditedPublication['figures'],
  candidateAudience: DisclosureAudience,
  k: number,
): Promise<DisclosureAuditResult> {
  const ordered = earlier.map((e, i) => ({ version: i + 1, figures: e.figures, boundSuppressed: e.pub.audience === audience }));
  return auditDisclosure(buildAuditInput([...ordered, { version: ordered.length + 1, figures: candidate, boundSuppressed: candidateAudience === audience }], k));
}

function refuseLeaks(audit: DisclosureAuditResult, what: string): never {
  throw new PublicationRefusedError(
    `the disclosure audit refused ${what}: ${audit.leaks.map((l) => l.message).join('; ')}`,
    [...new Set(audit.leaks.map((l) => l.id))],
  );
}

/**
 * Computes, audits and (unless dryRun) freezes a quarter's publication. Throws PublicationRefusedError
 * for an open quarter, one closed less than a month ago, a correction without a changelog, a change of
 * geography, or a failed audit (naming every figure that would leak).
 */
export async function publishQuarter(db: Kysely<Database>, o: PublishQuarterOptions): Promise<PublishQuarterResult> {
  // One publication per municipality at a time: read, audit and write see the same history.
  return db.transaction().execute(async (trx) => {
    await lockPublications(withPublicationTables(trx), o.municipalityCode);
    return publishLocked(trx, o);
  });
}

async function publishLocked(db: Kysely<Database>, o: PublishQuarterOptions): Promise<PublishQuarterResult> {
  const q = parseQuarter(o.quarter);
  const when = checkQuarterPublishable(q, o.now);
  if (!when.publishable) {
    throw new PublicationRefusedError(
      when.reason === 'open'
        ? `${o.quarter} has not closed yet: only closed quarters are published, from ${stockholmDate.format(when.earliest)} (a month after it closes)`
        : `${o.quarter} closed less than a month ago: it may be published from ${stockholmDate.format(when.earliest)}`,
    );
  }
  const config = await getDisclosureConfig(db, { municipalityCode: o.municipalityCode, audience: o.audience, overrides: o.overrides });
  const seeing = audiencesSeeing(o.audience);
  const related = await loadPublished(db, o.municipalityCode, [...new Set([...VISIBLE_AUDIENCES[o.audience], ...seeing])]);

  // One geography for every audience that can combine these figures: cells of two geographies could be
  // differenced, and the audit's variables of one geography know nothing of the other's.
  const other = related.find((e) => e.pub.geography !== config.geography || e.pub.grid_cell_size_m !== config.gridCellSizeM);
  if (other) {
    throw new PublicationRefusedError(
      `${other.pub.audience} figures are already published on ${other.pub.geography}${other.pub.grid_cell_size_m ? ` ${other.pub.grid_cell_size_m} m` : ''} (${other.pub.quarter} v${other.pub.version}); ` +
        `this publication uses ${config.geography}${config.gridCellSizeM ? ` ${config.gridCellSizeM} m` : ''}: audiences that can combine figures get one geography`,
    );
  }
  const sameQuarter = related.filter((e) => e.pub.audience === o.audience && e.pub.quarter === o.quarter);
  const version = Math.max(0, ...sameQuarter.map((e) => e.pub.version)) + 1;
  const changelog = o.changelog?.trim() || (version === 1 ? 'Första publicering.' : '');
  if (!changelog) {
    throw new PublicationRefusedError(`${o.quarter} is already published (v${version - 1}) for ${o.audience}: a correction needs a changelog entry saying what changed`);
  }

  const figures = await computeQuarterFigures(db, { municipalityCode: o.municipalityCode, quarter: o.quarter, config });
  if (!figures.some(isCell)) {
    throw new PublicationRefusedError(
      config.geography === 'district'
        ? `municipality ${o.municipalityCode} has no areas of kind 'district' to publish by`
        : `municipality ${o.municipalityCode} has no outline (area kind 'municipality' or 'district') to lay the grid over`,
    );
  }
  const candidate = figures.map((f) => ({ ...f, label: formatFigureLabel({ audience: o.audience, quarter: o.quarter, version, areaName: f.areaName, group: f.group }) }));
  const visibleTo = (a: DisclosureAudience) => related.filter((e) => VISIBLE_AUDIENCES[a].includes(e.pub.audience as DisclosureAudience));
  const audit = await auditFor(o.audience, visibleTo(o.audience), candidate, o.audience, config.k);
  if (!audit.passed) refuseLeaks(audit, `${o.quarter} v${version} for ${o.audience}`);
  // A public figure also reaches the council and partners: their audits must still pass with it.
  for (const a of seeing.filter((x) => x !== o.audience && related.some((e) => e.pub.audience === x))) {
    const { k } = await getDisclosureConfig(db, { municipalityCode: o.municipalityCode, audience: a });
    const theirs = await auditFor(a, visibleTo(a), candidate, o.audience, k);
    if (!theirs.passed) refuseLeaks(theirs, `${o.quarter} v${version} for ${o.audience}, combined with what the ${a} audience has`);
  }
  const cells = figures.filter(isCell);
  const publishedCells = cells.filter((c) => !c.suppressed).length;
  const result = { quarter: o.quarter, version, config, publishedCells, suppressedCells: cells.length - publishedCells, audit };
  if (o.dryRun) return { status: 'dry-run', publicationId: null, ...result };

  const publicationId = await createPublication(
    withPublicationTables(db),
    {
      municipalityCode: o.municipalityCode,
      audience: o.audience,
      quarter: o.quarter,
      geography: config.geography,
      gridCellSizeM: config.gridCellSizeM,
      version,
      k: config.k,
      locationRoundingM: config.locationRoundingM,
      createdBy: o.createdBy,
      changelog,
      audit: { passed: audit.passed, k: audit.k, leaks: audit.leaks, stats: audit.stats, ranges: audit.ranges.filter((r) => r.max !== null) },
    },
    figures.map((f) => ({
      cellKey: f.cellKey,
      areaId: f.areaId,
      areaName: f.areaName,
      gridIx: f.gridIx,
      gridIy: f.gridIy,
      groupKey: f.group,
      count: f.count,
      suppressed: f.suppressed,
      atLeast: f.atLeast,
      parts: f.parts,
    })),
  );
  return { status: 'published', publicationId, ...result };
}
