// The colour ramp of the hexagon and heatmap layers and the count classes it stands for. Pure (no
// deck.gl): the layers colour by it and the legend prints the same classes, so the two cannot drift.
import type { Rgb } from './palette';

/**
 * Sequential, colour-blind-safe ramp for counts and density: viridis without its yellow end, which
 * vanishes on the light map (seen in the e2e screenshots). Lightness falls monotonically from the first
 * step to the last, so the order also reads in greyscale.
 */
export const DENSITY_RAMP: [number, number, number][] = [
  [160, 218, 57],
  [122, 209, 81],
  [34, 168, 132],
  [42, 120, 142],
  [65, 68, 135],
  [68, 1, 84],
];

/** Hexagon radius (centre to corner = edge) in metres of the browser-side hexagon view at street zoom. */
export const HEX_RADIUS_M = 500;

/** Ramp step of a count: equal steps between the smallest shown count and the largest (deck.gl's "quantize"). */
export function rampIndex(count: number, min: number, max: number, steps = DENSITY_RAMP.length): number {
  if (max <= min) return steps - 1;
  return Math.min(steps - 1, Math.max(0, Math.floor(((count - min) / (max - min)) * steps)));
}

/** Smallest and largest count (a loop: spreading thousands of cells into Math.min can overflow the stack); null when empty. */
export function countExtent(counts: Iterable<number>): [number, number] | null {
  let min = Infinity;
  let max = -Infinity;
  for (const c of counts) {
    if (c < min) min = c;
    if (c > max) max = c;
  }
  return min <= max ? [min, max] : null;
}

export interface RampClass {
  /** Ramp step (0 = lightest). */
  index: number;
  color: Rgb;
  /** Counts from … to (inclusive, whole numbers) drawn in this colour. */
  from: number;
  to: number;
}

/**
 * The whole-number counts each ramp colour stands for over the extent [min, max], as rampIndex assigns
 * them; steps no count falls in are left out (a narrow range has fewer classes than colours). Each
 * boundary is found by bisection over rampIndex itself, so floating-point rounding in the layer and in
 * the legend agree.
 */
export function rampClasses(min: number, max: number, steps = DENSITY_RAMP.length): RampClass[] {
  const lo = Math.ceil(min);
  const hi = Math.floor(max);
  if (!(lo <= hi)) return [];
  // first[s]: the smallest count in [lo, hi] whose step is at least s (hi + 1 when none is).
  const first: number[] = [];
  for (let s = 0; s <= steps; s++) {
    let a = lo;
    let b = hi + 1;
    while (a < b) {
      const m = Math.floor((a + b) / 2);
      if (rampIndex(m, min, max, steps) >= s) b = m;
      else a = m + 1;
    }
    first.push(a);
  }
  const out: RampClass[] = [];
  for (let s = 0; s < steps; s++) {
    const from = first[s];
    const to = first[s + 1] - 1;
    if (from <= to) out.push({ index: s, color: DENSITY_RAMP[Math.min(s, DENSITY_RAMP.length - 1)], from, to });
  }
  return out;
}
