// The points of several viewport tiles as one pack for the layers (lib/map/viewport-tiles.ts): typed
// arrays concatenated in tile order. Every tile of one points request carries the same category table
// (the request's categories, not the tile's data); a tile with another table is re-indexed into the
// first one's, so a merge never mislabels a point. Every other per-point array (ids, minutes of the day)
// is concatenated the same way, by its length per point; ids then ascend within each tile, not overall.
import type { PackedPoints } from './point-pack';

type TypedArray = Float32Array | Float64Array | Int32Array | Uint32Array | Uint16Array | Int16Array | Uint8Array | Int8Array;
type TypedArrayCtor = { new (length: number): TypedArray };

function isTypedArray(v: unknown): v is TypedArray {
  return ArrayBuffer.isView(v) && !(v instanceof DataView);
}

/** One pack holding every point of `packs`, in order; truncated when any of them was. */
export function mergePointPacks(packs: readonly PackedPoints[]): PackedPoints {
  if (packs.length === 1) return packs[0];
  const base = packs[0] ?? null;
  const categories = base ? [...base.categories] : [];
  const count = packs.reduce((n, p) => n + p.count, 0);
  const out: Record<string, unknown> = { count, truncated: packs.some((p) => p.truncated), categories };
  if (!base) return { ...out, positions: new Float32Array(0), days: new Int32Array(0), categoryIndex: new Uint8Array(0), ids: null, minutes: null } as PackedPoints;
  for (const [key, value] of Object.entries(base)) {
    // An optional per-point array (ids, minutes: null in an older pack) survives only if every tile has it.
    if (value === null || packs.some((p) => (p as unknown as Record<string, unknown>)[key] === null)) {
      if (value === null || isTypedArray(value)) out[key] = null;
      continue;
    }
    if (!isTypedArray(value)) continue;
    const sample = packs.find((p) => p.count > 0);
    const perPoint = sample ? ((sample as unknown as Record<string, TypedArray>)[key]?.length ?? 0) / sample.count : 0;
    const merged = new (value.constructor as TypedArrayCtor)(count * perPoint);
    let offset = 0;
    for (const p of packs) {
      const part = (p as unknown as Record<string, unknown>)[key];
      if (!isTypedArray(part)) throw new Error(`Point pack without "${key}"`);
      if (key === 'categoryIndex' && p.categories.join('\u0000') !== categories.join('\u0000')) {
        const map = p.categories.map((c) => {
          let i = categories.indexOf(c);
          if (i < 0) i = categories.push(c) - 1;
          return i;
        });
        for (let k = 0; k < p.count; k++) merged[offset + k] = map[part[k]];
      } else {
        merged.set(part, offset);
      }
      offset += p.count * perPoint;
    }
    out[key] = merged;
  }
  return out as unknown as PackedPoints;
}
