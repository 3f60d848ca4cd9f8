import { convex, featureCollection, point } from '@turf/turf';
import type { Polygon } from 'geojson';
import { getStockholmHourWeekday, type LocalTimeOf } from '@/lib/analysis/aoristic-weights';

export interface ClusterSummary {
  cluster: number;
  count: number;
  /** Convex hull in the input's planar coordinates; null when the members span fewer than three non-collinear points. */
  hull: Polygon | null;
  /** Members per category, keys sorted. */
  categories: Record<string, number>;
  /** 7 × 24 counts (weekday·24 + hour, Monday first, local time) when times are given. */
  hourByWeekday: number[] | null;
}

export interface SummarizeClustersInput {
  x: ArrayLike<number>;
  y: ArrayLike<number>;
  /** DBSCAN labels, −1 noise. */
  labels: ArrayLike<number>;
  categories?: ArrayLike<string>;
  /** Epoch ms per point. */
  times?: ArrayLike<number>;
  localTimeOf?: LocalTimeOf;
}

/**
 * Per-cluster summaries: count, convex hull (turf.convex), category mix and hour × weekday profile.
 * Source: METHODS.md "DBSCAN" (show each cluster as a hull with its count, category mix and time profile).
 */
export function summarizeClusters(input: SummarizeClustersInput): ClusterSummary[] {
  const members = new Map<number, number[]>();
  for (let i = 0; i < input.labels.length; i += 1) {
    const l = input.labels[i];
    if (l < 0) continue;
    const list = members.get(l);
    if (list) list.push(i);
    else members.set(l, [i]);
  }
  const localTimeOf = input.localTimeOf ?? getStockholmHourWeekday;
  return [...members.keys()]
    .sort((a, b) => a - b)
    .map((cluster) => {
      const idx = members.get(cluster) ?? [];
      const hullFeature = convex(featureCollection(idx.map((i) => point([input.x[i], input.y[i]]))));
      const categories: Record<string, number> = {};
      if (input.categories) {
        const cats = input.categories;
        const tally = new Map<string, number>();
        for (const i of idx) tally.set(cats[i], (tally.get(cats[i]) ?? 0) + 1);
        for (const key of [...tally.keys()].sort()) categories[key] = tally.get(key) ?? 0;
      }
      let hourByWeekday: number[] | null = null;
      if (input.times) {
        hourByWeekday = new Array<number>(168).fill(0);
        for (const i of idx) {
          const t = localTimeOf(input.times[i]);
          hourByWeekday[t.weekday * 24 + t.hour] += 1;
        }
      }
      return { cluster, count: idx.length, hull: hullFeature ? hullFeature.geometry : null, categories, hourByWeekday };
    });
}
