// Quarter arithmetic for the council's follow-up cycle. Pure: instants are passed in.
import { quarterOf, toLocalParts } from './time';

/** 'YYYY-Qn' moved by n quarters (negative: earlier). */
export function shiftQuarter(quarter: string, n: number): string {
  const m = /^(\d{4})-Q([1-4])$/.exec(quarter);
  if (!m) throw new Error(`Not a quarter: ${quarter}`);
  const index = Number(m[1]) * 4 + Number(m[2]) - 1 + n;
  return `${Math.floor(index / 4)}-Q${(index % 4) + 1}`;
}

/** The quarter whose follow-up is being reported at `now`: the last closed one. */
export function reportingQuarter(now: Date): string {
  return shiftQuarter(quarterOf(now), -1);
}

/** The local calendar date 'YYYY-MM-DD' in Stockholm at an instant. */
export function localDate(instant: Date): string {
  const p = toLocalParts(instant);
  return `${p.year}-${String(p.month).padStart(2, '0')}-${String(p.day).padStart(2, '0')}`;
}
