import 'server-only';
// What an analyst asks for on /analys: period, categories, method and its parameters. Parsed with zod at the
// API boundary; saved verbatim (with defaults filled in) as a run's parameters, so the run can be repeated.
import { z } from 'zod';
import { fromLocalParts } from '@/lib/domain/time';
import { dateSchema, municipalityCodeSchema } from '@/lib/schemas/common';
import type { AnalysisJobSpec } from './jobs';

export const ANALYSIS_REQUEST_METHODS = ['gi_star', 'dbscan', 'kde', 'emerging'] as const;

const metres = (field: string, min: number, max: number) =>
  z.coerce.number({ error: `${field} must be a number of metres` }).min(min, `${field} must be at least ${min} m`).max(max, `${field} must be at most ${max} m`);

export const analysisRequestSchema = z
  .object({
    municipality: municipalityCodeSchema,
    method: z.enum(ANALYSIS_REQUEST_METHODS, { error: `method must be one of ${ANALYSIS_REQUEST_METHODS.join(', ')}` }),
    from: dateSchema,
    to: dateSchema,
    /** Category keys; absent = every category the viewer may see. */
    categories: z.array(z.string().regex(/^[a-z][a-z0-9_]*$/, 'categories must hold category keys')).max(200).nullish().transform((c) => c ?? undefined),
    grid: z.enum(['square', 'hex'], { error: 'grid must be square or hex' }).default('hex'),
    /** Square side or hexagon edge. */
    cellSize: metres('cellSize', 25, 5000).default(250),
    band: metres('band', 25, 20000).default(500),
    fdr: z.boolean({ error: 'fdr must be true or false' }).default(true),
    studyArea: z.enum(['points', 'municipality'], { error: 'studyArea must be points or municipality' }).default('municipality'),
    step: z.enum(['quarter', 'month'], { error: 'step must be quarter or month' }).default('quarter'),
    eps: metres('eps', 5, 5000).default(100),
    minPoints: z.coerce.number({ error: 'minPoints must be a whole number' }).int('minPoints must be a whole number').min(2, 'minPoints must be at least 2').max(1000, 'minPoints must be at most 1000').default(20),
    bandwidth: metres('bandwidth', 25, 10000).default(400),
  })
  .superRefine((v, ctx) => {
    if (v.to < v.from) ctx.addIssue({ code: 'custom', path: ['to'], message: 'to must not be before from' });
    if ((v.method === 'gi_star' || v.method === 'emerging') && v.band < v.cellSize) {
      ctx.addIssue({ code: 'custom', path: ['band'], message: 'band must be at least the cell size (else each cell is its only neighbour)' });
    }
    if (v.method === 'kde' && v.bandwidth < v.cellSize) ctx.addIssue({ code: 'custom', path: ['bandwidth'], message: 'bandwidth must be at least the cell size' });
  });
export type AnalysisRequest = z.infer<typeof analysisRequestSchema>;

/** The parameters that matter for the method (what is saved and shown), without the others' defaults. */
export function methodParameters(r: AnalysisRequest): Record<string, unknown> {
  const base = { municipality: r.municipality, method: r.method, from: r.from, to: r.to, categories: r.categories ?? null };
  if (r.method === 'gi_star') return { ...base, grid: r.grid, cellSize: r.cellSize, band: r.band, fdr: r.fdr, studyArea: r.studyArea };
  if (r.method === 'emerging') return { ...base, grid: r.grid, cellSize: r.cellSize, band: r.band, fdr: r.fdr, studyArea: r.studyArea, step: r.step };
  if (r.method === 'dbscan') return { ...base, eps: r.eps, minPoints: r.minPoints };
  return { ...base, cellSize: r.cellSize, bandwidth: r.bandwidth };
}

/** The job for a request, with the viewer's exact-access predicate. */
export function toJobSpec(r: AnalysisRequest, access: NonNullable<AnalysisJobSpec['access']>): AnalysisJobSpec {
  const filter = { municipalityCode: r.municipality, from: r.from, to: r.to, categories: r.categories, access };
  if (r.method === 'gi_star') return { kind: 'hot-spots', ...filter, grid: r.grid, cellSize: r.cellSize, band: r.band, fdr: r.fdr, studyArea: r.studyArea };
  if (r.method === 'emerging') return { kind: 'emerging', ...filter, grid: r.grid, cellSize: r.cellSize, band: r.band, fdr: r.fdr, studyArea: r.studyArea, step: r.step };
  if (r.method === 'dbscan') return { kind: 'dbscan', ...filter, eps: r.eps, minPoints: r.minPoints };
  return { kind: 'kde', ...filter, cellSize: r.cellSize, bandwidth: r.bandwidth };
}

/** The period as instants: local midnight of `from` to local midnight after `to` (exclusive). */
export function periodInstants(r: Pick<AnalysisRequest, 'from' | 'to'>): { from: string; to: string } {
  const [fy, fm, fd] = r.from.split('-').map(Number);
  const [ty, tm, td] = r.to.split('-').map(Number);
  const next = new Date(Date.UTC(ty, tm - 1, td + 1));
  return { from: fromLocalParts(fy, fm, fd).toISOString(), to: fromLocalParts(next.getUTCFullYear(), next.getUTCMonth() + 1, next.getUTCDate()).toISOString() };
}
