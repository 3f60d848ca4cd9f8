import 'server-only';
// The public map layer of one published quarter: a GeoJSON FeatureCollection (WGS84, RFC 7946) with
// one feature per district or grid square, carrying that cell's frozen figures per category group.
// Outlines of areas only; no incident geometry, no live count (DESIGN.md §8, STYLE.md rule 4).
import type { Feature, FeatureCollection, Geometry } from 'geojson';
import type { Kysely } from 'kysely';
import { listPublicationCellOutlines } from '@/db/queries/disclosure/publication-cell-outlines';
import { listPublicationCells, listPublications } from '@/db/queries/disclosure/publication';
import { withPublicationTables } from '@/db/queries/disclosure/types';
import type { Database } from '@/db/schema';
import { CATEGORY_GROUP_LABELS, type CategoryGroup } from '@/lib/domain/categories';
import { ALL_GROUPS, TOTAL_CELL } from '@/lib/privacy/build-publication-figures';
import { buildPublishedQuarter, formatPublishedFigure, listLatestVersions, type PublishedCellDto } from '@/lib/privacy/build-published-quarter';

export interface PublishedCellFeatureProperties {
  areaName: string;
  areaCode: string | null;
  /** Per category group (and 'all'): the published figure and what to show. */
  figures: Record<string, Pick<PublishedCellDto, 'count' | 'atLeast' | 'display' | 'groupLabel'>>;
}

export interface PublishedQuarterFeatures {
  quarter: string;
  version: number;
  publishedOn: string;
  k: number;
  geography: 'district' | 'grid';
  gridCellSizeM: number | null;
  features: FeatureCollection<Geometry, PublishedCellFeatureProperties>;
}

/** The latest published version of a quarter as map features, or null when the quarter is not published. */
export async function getPublishedQuarterFeatures(db: Kysely<Database>, o: { municipalityCode: string; quarter: string }): Promise<PublishedQuarterFeatures | null> {
  const dbp = withPublicationTables(db);
  const [pub] = listLatestVersions(await listPublications(dbp, { municipalityCode: o.municipalityCode, audience: 'public', quarter: o.quarter }));
  if (!pub) return null;
  const rows = await listPublicationCells(dbp, [pub.id]);
  const dto = buildPublishedQuarter(pub, rows);
  const figuresByCell = new Map<string, PublishedCellFeatureProperties['figures']>();
  for (const r of rows) {
    if (r.cell_key === TOTAL_CELL) continue;
    const figures = figuresByCell.get(r.cell_key) ?? {};
    figures[r.group_key] = {
      count: r.count,
      atLeast: r.at_least,
      display: formatPublishedFigure(r.count, r.at_least, pub.k),
      groupLabel: r.group_key === ALL_GROUPS ? 'Alla grupper' : (CATEGORY_GROUP_LABELS[r.group_key as CategoryGroup]?.sv ?? r.group_key),
    };
    figuresByCell.set(r.cell_key, figures);
  }
  const nameOf = new Map(rows.map((r) => [r.cell_key, r.area_name]));
  const features: Feature<Geometry, PublishedCellFeatureProperties>[] = (await listPublicationCellOutlines(dbp, pub.id))
    .filter((r) => r.geometry !== null)
    .map((r) => ({
      type: 'Feature',
      id: r.cell_key,
      geometry: JSON.parse(r.geometry!) as Geometry,
      properties: { areaName: nameOf.get(r.cell_key)!, areaCode: r.area_code, figures: figuresByCell.get(r.cell_key) ?? {} },
    }));
  return {
    quarter: dto.quarter,
    version: dto.version,
    publishedOn: dto.publishedOn,
    k: dto.k,
    geography: dto.geography,
    gridCellSizeM: dto.gridCellSizeM,
    features: { type: 'FeatureCollection', features },
  };
}
