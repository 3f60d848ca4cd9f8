// The map's filters, as they stand in the URL (STYLE.md rule 6): one schema parses them on the page,
// in GET /api/v1/incidents/points and (later, issue 5) in the filter bar.
import { z } from 'zod';
import { CATEGORY_KEYS } from '@/lib/domain/categories';
import { DEMO_MUNICIPALITY_CODE } from '@/lib/domain/constants';

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** A calendar date in Europe/Stockholm, 'YYYY-MM-DD'; `to` is inclusive. */
export const localDateSchema = z
  .string()
  .regex(ISO_DATE, 'Expected a date as YYYY-MM-DD')
  .refine((s) => {
    const d = new Date(`${s}T00:00:00Z`);
    return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
  }, 'Not a calendar date');

/** "west,south,east,north" in WGS84 degrees, as browsers send a viewport. */
export const bboxSchema = z
  .string()
  .transform((s, ctx) => {
    const parts = s.split(',').map((p) => Number(p.trim()));
    if (parts.length !== 4 || parts.some((n) => !Number.isFinite(n))) {
      ctx.addIssue({ code: 'custom', message: 'bbox must be four numbers: west,south,east,north' });
      return z.NEVER;
    }
    return parts as [number, number, number, number];
  })
  .refine(([w, s, e, n]) => w >= -180 && e <= 180 && s >= -90 && n <= 90, 'bbox must be in WGS84 degrees')
  .refine(([w, s, e, n]) => w < e && s < n, 'bbox must have west < east and south < north');

const categoryListSchema = z
  .string()
  .transform((s) => s.split(',').map((k) => k.trim()).filter(Boolean))
  .pipe(z.array(z.enum(CATEGORY_KEYS as [string, ...string[]])).min(1).max(CATEGORY_KEYS.length));

export const filtersSchema = z
  .object({
    municipality: z.string().regex(/^\d{4}$/, 'municipality is a four-digit kommunkod').default(DEMO_MUNICIPALITY_CODE),
    from: localDateSchema.optional(),
    to: localDateSchema.optional(),
    bbox: bboxSchema.optional(),
    categories: categoryListSchema.optional(),
  })
  .refine((f) => !f.from || !f.to || f.from <= f.to, { message: 'from must not be after to', path: ['to'] });

export type MapFilters = z.infer<typeof filtersSchema>;
export type MapFiltersInput = z.input<typeof filtersSchema>;

/** The first value of each parameter (URLSearchParams or Next's searchParams), ready for filtersSchema. */
export function filtersInputFrom(params: URLSearchParams | Record<string, string | string[] | undefined>): Record<string, string> {
  const out: Record<string, string> = {};
  const entries = params instanceof URLSearchParams ? Array.from(params.entries()) : Object.entries(params);
  for (const [k, v] of entries) {
    const first = Array.isArray(v) ? v[0] : v;
    if (first !== undefined && !(k in out)) out[k] = first;
  }
  return out;
}

/** The filters as URL parameters, in a stable order (shareable links). */
export function filtersToSearchParams(f: MapFilters): URLSearchParams {
  const p = new URLSearchParams();
  p.set('municipality', f.municipality);
  if (f.from) p.set('from', f.from);
  if (f.to) p.set('to', f.to);
  if (f.bbox) p.set('bbox', f.bbox.join(','));
  if (f.categories) p.set('categories', f.categories.join(','));
  return p;
}
