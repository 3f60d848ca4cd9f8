// Filter changes on points already in the browser: when a new points request asks for a subset of a
// loaded pack (a shorter period inside it, fewer categories), the map keeps the pack and narrows it on
// the GPU (deck.gl's DataFilterExtension on the pack's day and category arrays) instead of refetching.
// Everything else (weekday, hour, source, organisation, area: computed in SQL) is a new request.
import type { PackedPoints } from './point-pack';

const DAY_MS = 86_400_000;

/** A points request, split into what the browser can narrow itself and what only the server can. */
export interface PointsRequest {
  /** Path and every parameter except from, to and categories, in a stable order. */
  serverKey: string;
  /** Local dates 'YYYY-MM-DD' (to inclusive); null: unbounded. */
  from: string | null;
  to: string | null;
  /** Category keys; null: every category the viewer may see. */
  categories: string[] | null;
}

const NARROWABLE = new Set(['from', 'to', 'categories']);

export function parsePointsRequest(url: string): PointsRequest {
  const u = new URL(url, 'http://localhost');
  const rest = [...u.searchParams.entries()].filter(([k]) => !NARROWABLE.has(k)).sort(([a], [b]) => a.localeCompare(b));
  const categories = u.searchParams.get('categories');
  return {
    serverKey: `${u.pathname}?${new URLSearchParams(rest).toString()}`,
    from: u.searchParams.get('from'),
    to: u.searchParams.get('to'),
    categories: categories ? categories.split(',').filter(Boolean) : null,
  };
}

/**
 * Whether the pack loaded for `loaded` holds every point `wanted` asks for, so that narrowing it in the
 * browser gives exactly the server's answer. A truncated pack never does: the points cut off are missing.
 */
export function packServes(loaded: PointsRequest, truncated: boolean, wanted: PointsRequest): boolean {
  if (truncated || loaded.serverKey !== wanted.serverKey) return false;
  if (loaded.from !== null && (wanted.from === null || wanted.from < loaded.from)) return false;
  if (loaded.to !== null && (wanted.to === null || wanted.to > loaded.to)) return false;
  if (loaded.categories !== null) {
    if (wanted.categories === null) return false;
    const have = new Set(loaded.categories);
    if (!wanted.categories.every((c) => have.has(c))) return false;
  }
  return true;
}

/** Days since 1970-01-01 of a 'YYYY-MM-DD' date: the pack's day numbering. */
export function dayNumber(date: string): number {
  return Math.round(Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10))) / DAY_MS);
}

/** What the GPU keeps of a pack: local days in [dayRange[0], dayRange[1]] and these category indexes. */
export interface PointFilter {
  dayRange: [number, number];
  /** Indexes into the pack's category table. */
  categories: number[];
}

/** Wide enough for any day a pack holds, narrow enough to stay exact in float32. */
const ALL_DAYS: [number, number] = [-1_000_000, 1_000_000];

export function pointFilterFor(points: Pick<PackedPoints, 'categories'>, wanted: PointsRequest): PointFilter {
  const wantedCategories = wanted.categories ? new Set(wanted.categories) : null;
  return {
    dayRange: [wanted.from ? dayNumber(wanted.from) : ALL_DAYS[0], wanted.to ? dayNumber(wanted.to) : ALL_DAYS[1]],
    categories: points.categories.flatMap((key, i) => (!wantedCategories || wantedCategories.has(key) ? [i] : [])),
  };
}

/** Whether the filter keeps everything in the pack (then the layers need no filter at all). */
export function keepsAll(points: Pick<PackedPoints, 'categories' | 'days' | 'count'>, filter: PointFilter): boolean {
  if (filter.categories.length !== points.categories.length) return false;
  for (let i = 0; i < points.count; i++) if (points.days[i] < filter.dayRange[0] || points.days[i] > filter.dayRange[1]) return false;
  return true;
}

/** Indexes of the points the filter keeps (the count shown, and the hexagon and heat views' input). */
export function filteredIndices(points: Pick<PackedPoints, 'count' | 'days' | 'categoryIndex'>, filter: PointFilter): Uint32Array {
  const keep = new Uint8Array(256);
  for (const c of filter.categories) keep[c] = 1;
  const [lo, hi] = filter.dayRange;
  const out = new Uint32Array(points.count);
  let n = 0;
  for (let i = 0; i < points.count; i++) {
    const d = points.days[i];
    if (d >= lo && d <= hi && keep[points.categoryIndex[i]]) out[n++] = i;
  }
  return out.slice(0, n);
}
