import 'server-only';
// Default parameters for the analysis form, computed from the points the viewer may see for the chosen period
// and categories (METHODS.md "Default parameters", as ArcGIS Optimized Hot Spot Analysis): the page explains
// each in plain Swedish ("cell 250 m because …"). Reading exact points is audited.
import type { Kysely } from 'kysely';
import { z } from 'zod';
import { listIncidentPointsChunk } from '@/db/queries/analysis/cell-counts';
import type { Database } from '@/db/schema';
import { getDefaultParameters, MIN_INCIDENTS } from '@/lib/analysis/default-parameters';
import { dateSchema } from '@/lib/schemas/common';
import { recordRead } from '@/lib/server/audit/record-read';
import { whereExactAccess } from '@/lib/server/permissions/exact-access';
import type { Viewer } from '@/lib/server/permissions/viewer';
import { assertAnalysisPermission } from './analysis-access';

export const suggestQuerySchema = z
  .object({
    from: dateSchema,
    to: dateSchema,
    categories: z
      .string()
      .optional()
      .transform((s) => (s ? s.split(',').filter(Boolean) : undefined))
      .pipe(z.array(z.string().regex(/^[a-z][a-z0-9_]*$/, 'categories must hold category keys')).max(200).optional()),
  })
  .refine((v) => v.to >= v.from, { path: ['to'], message: 'to must not be before from' });

export interface SuggestedParameters {
  incidents: number;
  distinctLocations: number;
  /** Square side / hexagon edge for Gi*, rounded to 10 m (null when it cannot be derived). */
  cellSize: number | null;
  band: number | null;
  bandSource: 'moran-peak' | 'kth-neighbour' | null;
  meanNnd: number | null;
  medianNnd: number | null;
  k: number | null;
  /** Emerging hot spots: quarterly steps on cells of 500 m – 1 km (METHODS.md). */
  emergingCellSize: number;
  emergingBand: number;
  /** KDE: the Gi* band as bandwidth, the cell as output resolution. */
  kdeBandwidth: number | null;
  warnings: ('few-incidents' | 'zero-variance' | 'too-few-locations')[];
  minimum: number;
}

const round10 = (v: number) => Math.max(10, Math.round(v / 10) * 10);

export async function suggestAnalysisParameters(db: Kysely<Database>, viewer: Viewer, query: unknown): Promise<SuggestedParameters> {
  await assertAnalysisPermission(db, viewer, 'read');
  const q = suggestQuerySchema.parse(query);
  const filter = { municipalityCode: viewer.municipalityCode, from: q.from, to: q.to, categories: q.categories, access: whereExactAccess(viewer) };
  const xs: number[] = [];
  const ys: number[] = [];
  const ids: string[] = [];
  let afterId: string | undefined;
  for (;;) {
    const c = await listIncidentPointsChunk(db, { ...filter, afterId, limit: 20_000 });
    for (let k = 0; k < c.ids.length; k += 1) {
      xs.push(c.x[k]);
      ys.push(c.y[k]);
      ids.push(c.ids[k]);
    }
    if (!c.nextAfterId) break;
    afterId = c.nextAfterId;
  }
  await recordRead(db, viewer, { resource: 'incident_point', filter: { purpose: 'analysis_defaults', ...q }, ids });
  const d = xs.length > 0 ? getDefaultParameters(xs, ys) : null;
  const cellSize = d?.cellSize ? round10(d.cellSize) : null;
  const band = d?.band && cellSize ? Math.max(cellSize, round10(d.band)) : null;
  const emergingCellSize = Math.min(1000, Math.max(500, cellSize ? round10(2 * cellSize) : 500));
  return {
    incidents: xs.length,
    distinctLocations: d?.explanation.distinctLocations ?? 0,
    cellSize,
    band,
    bandSource: d?.bandSource ?? null,
    meanNnd: d && Number.isFinite(d.explanation.meanNnd) ? d.explanation.meanNnd : null,
    medianNnd: d && Number.isFinite(d.explanation.medianNnd) ? d.explanation.medianNnd : null,
    k: d?.explanation.k ?? null,
    emergingCellSize,
    emergingBand: Math.max(2 * emergingCellSize, band ?? 0),
    kdeBandwidth: band,
    warnings: xs.length === 0 ? ['few-incidents'] : (d?.warnings.map((w) => w.code) ?? []),
    minimum: MIN_INCIDENTS,
  };
}
