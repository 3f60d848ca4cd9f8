// The map's filters, as they stand in the URL (STYLE.md rule 6): one schema parses them on the page,
// in GET /api/v1/incidents/points, in /api/v1/situation/* and in the filter bar.
import { z } from 'zod';
import { CATEGORY_KEYS } from '@/lib/domain/categories';
import { DEMO_MUNICIPALITY_CODE, type IncidentSource } from '@/lib/domain/constants';

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

export const INCIDENT_SOURCES = ['police', 'municipality', 'partner', 'citizen', 'import', 'police_feed', 'demo', 'synthetic'] as const;
/**
 * Sources the filter bar offers for the incident layer: those the app's own flows write (capture by
 * role, citizen reports, imports). Not 'police_feed': its events sit on municipality centroids and are
 * never drawn (a context list, lib/server/police-feed); not 'synthetic': scale data for benchmarks;
 * 'demo' only where the demo set was seeded (there every seeded incident has it).
 */
export const MAP_FILTER_SOURCES = ['police', 'municipality', 'partner', 'citizen', 'import'] as const satisfies readonly IncidentSource[];
/** Sources no incident of which is ever drawn on the map (the API accepts them and answers with none). */
export const UNMAPPED_SOURCES = ['police_feed'] as const satisfies readonly IncidentSource[];
export const MAP_LAYERS = ['incidents', 'unsafe', 'vandalism'] as const;
export type MapLayer = (typeof MAP_LAYERS)[number];
/** How incidents are drawn: single points, hexagon counts or a heatmap (for dense views). */
export const MAP_VIEWS = ['points', 'hex', 'heat'] as const;
export type MapView = (typeof MAP_VIEWS)[number];
export const UNSAFE_PLACE_STATUSES = ['open', 'planned', 'fixed', 'rejected'] as const;
export const VANDALISM_STATUSES = ['reported', 'assigned', 'cleaned'] as const;
/** One `status` parameter for both layers: each layer keeps the values that are its own. */
export const MAP_STATUSES = [...UNSAFE_PLACE_STATUSES, ...VANDALISM_STATUSES] as const;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const splitList = (s: string) => s.split(',').map((k) => k.trim()).filter(Boolean);

function enumListSchema<T extends string>(values: readonly T[]) {
  return z
    .string()
    .transform(splitList)
    .pipe(z.array(z.enum(values as unknown as [T, ...T[]])).min(1).max(values.length))
    .transform((xs) => [...new Set(xs)].sort((a, b) => values.indexOf(a) - values.indexOf(b)));
}

/**
 * Integers in [min, max] as "1,2,5" or ranges "22-23,0-3" (a range never wraps: write 22-23,0-3),
 * returned sorted and unique.
 */
function intSetSchema(min: number, max: number) {
  return z.string().transform((s, ctx) => {
    const out = new Set<number>();
    for (const part of splitList(s)) {
      const m = /^(\d{1,2})(?:-(\d{1,2}))?$/.exec(part);
      const a = m ? Number(m[1]) : NaN;
      const b = m?.[2] !== undefined ? Number(m[2]) : a;
      if (!m || a < min || b > max || a > b) {
        ctx.addIssue({ code: 'custom', message: `"${part}" is not a value or range within ${min}–${max}` });
        return z.NEVER;
      }
      for (let i = a; i <= b; i++) out.add(i);
    }
    if (out.size === 0) {
      ctx.addIssue({ code: 'custom', message: 'empty list' });
      return z.NEVER;
    }
    return [...out].sort((x, y) => x - y);
  });
}

export const filtersSchema = z
  .object({
    municipality: z.string().regex(/^\d{4}$/, 'municipality is a four-digit kommunkod').default(DEMO_MUNICIPALITY_CODE),
    from: localDateSchema.optional(),
    to: localDateSchema.optional(),
    bbox: bboxSchema.optional(),
    categories: categoryListSchema.optional(),
    /** ISO weekdays in Stockholm time, 1 = Monday … 7 = Sunday. */
    weekdays: intSetSchema(1, 7).optional(),
    /** Hours of the day in Stockholm time, 0–23; an incident known within a time window matches any hour of it (db/queries/situation-incidents.ts). */
    hours: intSetSchema(0, 23).optional(),
    sources: enumListSchema(INCIDENT_SOURCES).optional(),
    /** Origin organisation (uuid). */
    org: z.string().regex(UUID, 'org is an organisation id').optional(),
    /** Area (uuid): only records the area covers (ST_Covers, on the server). */
    area: z.string().regex(UUID, 'area is an area id').optional(),
    status: enumListSchema(MAP_STATUSES).optional(),
    layers: enumListSchema(MAP_LAYERS).optional(),
    view: z.enum(MAP_VIEWS).optional(),
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
  if (f.weekdays) p.set('weekdays', compactIntSet(f.weekdays));
  if (f.hours) p.set('hours', compactIntSet(f.hours));
  if (f.sources) p.set('sources', f.sources.join(','));
  if (f.org) p.set('org', f.org);
  if (f.area) p.set('area', f.area);
  if (f.status) p.set('status', f.status.join(','));
  if (f.layers) p.set('layers', f.layers.join(','));
  if (f.view) p.set('view', f.view);
  return p;
}

/** Sorted integers as "0-3,8,22-23" (runs of three or more as ranges). */
export function compactIntSet(values: readonly number[]): string {
  const xs = [...new Set(values)].sort((a, b) => a - b);
  const parts: string[] = [];
  for (let i = 0; i < xs.length; ) {
    let j = i;
    while (j + 1 < xs.length && xs[j + 1] === xs[j] + 1) j++;
    if (j - i >= 2) parts.push(`${xs[i]}-${xs[j]}`);
    else for (let k = i; k <= j; k++) parts.push(String(xs[k]));
    i = j + 1;
  }
  return parts.join(',');
}

/** The layers shown (all when the URL names none). */
export function shownLayers(f: Pick<MapFilters, 'layers'>): readonly MapLayer[] {
  return f.layers ?? MAP_LAYERS;
}

/** The sources the filter bar offers in a municipality (with the demo set: 'demo' too). */
export function mapSourceOptions(options: { demo: boolean }): IncidentSource[] {
  return options.demo ? [...MAP_FILTER_SOURCES, 'demo'] : [...MAP_FILTER_SOURCES];
}

/** Sources the filter names whose incidents are never on the map (the page says so instead of an unexplained empty map). */
export function unmappedSources(f: Pick<MapFilters, 'sources'>): IncidentSource[] {
  return (f.sources ?? []).filter((s) => (UNMAPPED_SOURCES as readonly string[]).includes(s));
}

/** Whether the filters use more than GET /api/v1/incidents/points understands (period, bbox, categories). */
export function needsSituationQuery(f: MapFilters): boolean {
  return !!(f.weekdays || f.hours || f.sources || f.org || f.area);
}
