import 'server-only';
// The report's map image: district outlines (SWEREF 99 TM, simplified in SQL) drawn as SVG paths and
// shaded by the council-precision count of the quarter (sums of published cells; suppressed areas get
// their own pattern). Fixed area outlines and published figures only — no incident, no point, no
// WebGL: it prints like text. Focus areas are drawn as outlines without figures.
import type { Kysely } from 'kysely';
import type { MultiPolygon, Polygon } from 'geojson';
import { listFocusOutlines3006, listOutlines3006 } from '@/db/queries/council/focus-effect-counts';
import type { Database } from '@/db/schema';
import type { FigureDto } from './build-council-dashboard';

export interface ReportMapArea {
  id: string;
  name: string;
  kind: 'district' | 'municipality' | 'focus_area';
  /** SVG path data in the map's viewBox. */
  d: string;
  labelX: number;
  labelY: number;
  figure: FigureDto | null;
  /** 0 (suppressed) … 4 (highest class); null for outlines that are not shaded. */
  shade: number | null;
}

export interface ReportMap {
  width: number;
  height: number;
  areas: ReportMapArea[];
  /** Upper limits of shade classes 1…4 (inclusive lower bound is the previous limit + 1). */
  classes: number[];
}

const WIDTH = 600;

/** Class limits for shading: quartiles of the published values (at least one per class). */
function classLimits(values: number[]): number[] {
  const v = [...values].sort((a, b) => a - b);
  if (v.length === 0) return [];
  const q = (p: number) => v[Math.min(v.length - 1, Math.floor(p * v.length))];
  return [...new Set([q(0.25), q(0.5), q(0.75), v[v.length - 1]])];
}

export async function buildReportMap(db: Kysely<Database>, municipalityCode: string, figures: ReadonlyMap<string, FigureDto>): Promise<ReportMap> {
  const outlines = [...(await listOutlines3006(db, municipalityCode)), ...(await listFocusOutlines3006(db, municipalityCode))];
  const geoms = outlines.map((o) => JSON.parse(o.geometry) as Polygon | MultiPolygon);
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  for (const g of geoms) {
    const rings = g.type === 'Polygon' ? g.coordinates : g.coordinates.flat();
    for (const ring of rings) for (const [x, y] of ring) {
      minX = Math.min(minX, x);
      minY = Math.min(minY, y);
      maxX = Math.max(maxX, x);
      maxY = Math.max(maxY, y);
    }
  }
  if (!Number.isFinite(minX)) return { width: WIDTH, height: 200, areas: [], classes: [] };
  const scale = WIDTH / Math.max(1, maxX - minX);
  const height = Math.ceil((maxY - minY) * scale);
  const px = (x: number) => ((x - minX) * scale).toFixed(1);
  const py = (y: number) => ((maxY - y) * scale).toFixed(1);
  const pathOf = (g: Polygon | MultiPolygon) =>
    (g.type === 'Polygon' ? [g.coordinates] : g.coordinates)
      .flatMap((poly) => poly.map((ring) => `M${ring.map(([x, y]) => `${px(x)},${py(y)}`).join('L')}Z`))
      .join('');
  const published = outlines.filter((o) => o.kind === 'district').map((o) => figures.get(o.id)).filter((f): f is FigureDto => !!f && f.value !== null);
  const classes = classLimits(published.map((f) => f.value!));
  const areas: ReportMapArea[] = outlines.map((o, i) => {
    const figure = o.kind === 'district' ? (figures.get(o.id) ?? null) : null;
    const shade = o.kind !== 'district' ? null : !figure || figure.value === null ? 0 : 1 + Math.max(0, classes.findIndex((c) => figure.value! <= c));
    return { id: o.id, name: o.name, kind: o.kind as ReportMapArea['kind'], d: pathOf(geoms[i]), labelX: Number(px(o.label_x)), labelY: Number(py(o.label_y)), figure, shade };
  });
  return { width: WIDTH, height, areas, classes };
}
