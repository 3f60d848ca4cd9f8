// The effect of a focus area (METHODS.md "Did it work? Effect and displacement"): equal-length windows
// before and after the start month (left out), WDQ and WDD with its z, and a verdict in plain words —
// or "too few incidents to say". Pure: counts and months come in.
import { getWeightedDisplacementDifference, getWeightedDisplacementQuotient } from '@/lib/analysis/weighted-displacement';

/** "Too few to say" below this many incidents in the target before and after together (METHODS.md). */
export const EFFECT_MIN_TARGET = 20;
/** An after-window shorter than this says nothing yet. */
export const EFFECT_MIN_MONTHS = 3;

export interface EffectWindows {
  /** Local months 'YYYY-MM', [first, last] inclusive. */
  before: { first: string; last: string };
  after: { first: string; last: string };
  months: number;
}

const toIndex = (month: string) => Number(month.slice(0, 4)) * 12 + Number(month.slice(5, 7)) - 1;
const fromIndex = (i: number) => `${Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, '0')}`;

/**
 * Windows of `windowMonths` months before the start month and after it, the start month left out;
 * shortened (both equally) to the whole months that have passed before `currentMonth`. Null when fewer
 * than EFFECT_MIN_MONTHS after-months have passed.
 */
export function getEffectWindows(startMonth: string, windowMonths: number, currentMonth: string): EffectWindows | null {
  const s = toIndex(startMonth);
  const passed = toIndex(currentMonth) - (s + 1);
  const months = Math.min(windowMonths, passed);
  if (months < EFFECT_MIN_MONTHS) return null;
  return {
    before: { first: fromIndex(s - months), last: fromIndex(s - 1) },
    after: { first: fromIndex(s + 1), last: fromIndex(s + months) },
    months,
  };
}

export interface EffectCounts {
  a0: number;
  a1: number;
  b0: number;
  b1: number;
  c0: number;
  c1: number;
}

export type EffectVerdict = 'too-few' | 'no-improvement' | 'fewer' | 'more' | 'unclear';
export type DisplacementReading = 'displacement' | 'diffusion-smaller' | 'diffusion-larger' | null;

export interface EffectResult {
  verdict: EffectVerdict;
  /** WDQ when the target improved relative to the control (denominator < 0), else null. */
  wdq: number | null;
  displacement: DisplacementReading;
  wdd: number | null;
  z: number | null;
}

/**
 * WDQ (Bowers & Johnson 2003) and WDD with z (Wheeler & Ratcliffe 2018), D = C, read in plain words.
 * Nothing is computed from counts the council may not see: when any target or buffer count is below k,
 * or A0 + A1 < 20, the verdict is 'too-few' and no number is given (z and WDQ would let a suppressed
 * count be solved back).
 */
export function evaluateFocusEffect(c: EffectCounts, k: number): EffectResult {
  const none = { wdq: null, displacement: null, wdd: null, z: null } as const;
  if (c.a0 + c.a1 < EFFECT_MIN_TARGET || [c.a0, c.a1, c.b0, c.b1, c.c0, c.c1].some((x) => x < k)) return { verdict: 'too-few', ...none };
  const q = getWeightedDisplacementQuotient(c);
  const d = getWeightedDisplacementDifference({ ...c, d0: c.c0, d1: c.c1 });
  const wdq = q.readable ? q.wdq : null;
  const displacement: DisplacementReading = wdq === null ? null : wdq < 0 ? 'displacement' : wdq <= 1 ? 'diffusion-smaller' : 'diffusion-larger';
  const z = Number.isFinite(d.z) ? d.z : null;
  const verdict: EffectVerdict = !q.readable ? 'no-improvement' : z === null ? 'unclear' : z <= -1.96 ? 'fewer' : z >= 1.96 ? 'more' : 'unclear';
  return { verdict, wdq, displacement, wdd: d.wdd, z };
}
