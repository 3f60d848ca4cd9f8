// A lasso selection on the staff map: a WGS84 polygon and the map's filters (the URL's parameters).
// The server selects the records inside it in SQL; nothing here filters points.
import { z } from 'zod';
import { filtersSchema } from './map-filters';

/** Most vertices a lasso may have (the browser simplifies a freehand line well below this). */
export const MAX_POLYGON_VERTICES = 2000;
/** Records listed in a selection response; the counts are exact beyond it, the export is not cut. */
export const SELECTION_LIST_LIMIT = 2000;
/** Most records one export writes; a larger selection is refused (413-like 400) instead of cut. */
export const SELECTION_EXPORT_LIMIT = 100_000;

/** A request body of the largest polygon with its filters fits well within this. */
export const SELECTION_BODY_LIMIT_BYTES = 160 * 1024;

export const SELECTION_FORMATS = ['csv', 'geojson'] as const;
export type SelectionFormat = (typeof SELECTION_FORMATS)[number];

/** A polygon as WKT in WGS84, built only by polygonToWkt from validated numbers (safe to bind into SQL). */
export type SelectionPolygonWkt = string & { readonly __wkt: unique symbol };

const position = z.tuple([z.number().min(-180).max(180), z.number().min(-90).max(90)]);

/** One outer ring of [lon, lat]; closed here if the browser did not repeat the first vertex. */
export const selectionRingSchema = z
  .array(position)
  .min(3, 'polygon needs at least three vertices')
  .max(MAX_POLYGON_VERTICES, `polygon has more than ${MAX_POLYGON_VERTICES} vertices`)
  .transform((ring) => {
    const [fx, fy] = ring[0];
    const [lx, ly] = ring[ring.length - 1];
    return fx === lx && fy === ly ? ring : [...ring, ring[0]];
  })
  .refine((ring) => ring.length >= 4, 'polygon needs at least three distinct vertices');

export const selectionPolygonSchema = z.object({
  type: z.literal('Polygon'),
  coordinates: z.tuple([selectionRingSchema]),
});
export type SelectionPolygon = z.infer<typeof selectionPolygonSchema>;

/** The map filters as the URL holds them ("key" → "value"), parsed by the same filtersSchema as the page. */
const filterParamsSchema = z.record(z.string(), z.string()).pipe(filtersSchema);

export const selectionRequestSchema = z.object({
  polygon: selectionPolygonSchema,
  filters: filterParamsSchema,
});
export type SelectionRequest = z.infer<typeof selectionRequestSchema>;

export const selectionExportRequestSchema = selectionRequestSchema.extend({
  format: z.enum(SELECTION_FORMATS),
});
export type SelectionExportRequest = z.infer<typeof selectionExportRequestSchema>;

/** WKT of the polygon ("POLYGON((lon lat, …))"); numbers only, so it cannot carry SQL. */
export function polygonToWkt(polygon: SelectionPolygon): SelectionPolygonWkt {
  const ring = polygon.coordinates[0].map(([x, y]) => `${Number(x)} ${Number(y)}`).join(', ');
  return `POLYGON((${ring}))` as SelectionPolygonWkt;
}
