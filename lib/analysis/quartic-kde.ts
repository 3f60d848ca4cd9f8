export interface KdePoints {
  x: ArrayLike<number>;
  y: ArrayLike<number>;
}

/**
 * Quartic (biweight) kernel density at each evaluation point c: Σ_i 3/(πh²)·(1 − d_i²/h²)² over points with d_i < h.
 * No division by n and no edge correction: events per unit². Source: Silverman (1986) eq. 4.5 as used by
 * ArcGIS Kernel Density / QGIS Heatmap ("quartic"); METHODS.md.
 */
export function quarticKde(points: KdePoints, at: KdePoints, bandwidth: number): Float64Array {
  if (!(bandwidth > 0)) throw new RangeError('bandwidth must be positive');
  const h2 = bandwidth * bandwidth;
  const scale = 3 / (Math.PI * h2);
  const buckets = new Map<string, number[]>();
  for (let k = 0; k < points.x.length; k += 1) {
    const key = `${Math.floor(points.x[k] / bandwidth)},${Math.floor(points.y[k] / bandwidth)}`;
    const list = buckets.get(key);
    if (list) list.push(k);
    else buckets.set(key, [k]);
  }
  const out = new Float64Array(at.x.length);
  for (let c = 0; c < at.x.length; c += 1) {
    const cx = at.x[c];
    const cy = at.y[c];
    const bx = Math.floor(cx / bandwidth);
    const by = Math.floor(cy / bandwidth);
    let sum = 0;
    for (let dx = -1; dx <= 1; dx += 1) {
      for (let dy = -1; dy <= 1; dy += 1) {
        const list = buckets.get(`${bx + dx},${by + dy}`);
        if (!list) continue;
        for (const k of list) {
          const d2 = (points.x[k] - cx) ** 2 + (points.y[k] - cy) ** 2;
          if (d2 < h2) sum += (1 - d2 / h2) ** 2;
        }
      }
    }
    out[c] = scale * sum;
  }
  return out;
}
