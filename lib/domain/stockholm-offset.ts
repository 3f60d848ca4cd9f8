// Stockholm's UTC offset at an instant, fast enough for every point of a 200k-point pack: looked up per
// UTC day in a table filled from Intl (lib/domain/time.ts toLocalParts) as days are first asked for.
// Only from 1970 to 2100: before 1970 tzdata's Europe/Stockholm is a link to Europe/Berlin in some
// builds and not in others, so Intl and PostgreSQL's AT TIME ZONE may disagree; callers convert such
// times in SQL instead. Since 1970 every Stockholm offset change falls on a whole UTC hour.
import { toLocalParts } from './time';

const SECONDS_PER_HOUR = 3600;
const SECONDS_PER_DAY = 86_400;
/** 1970-01-01 and 2100-01-01 00:00 UTC, in seconds since 1970. */
export const STOCKHOLM_OFFSET_FROM_S = 0;
export const STOCKHOLM_OFFSET_TO_S = Date.UTC(2100, 0, 1) / 1000;

function offsetAt(utcSeconds: number): number {
  const p = toLocalParts(new Date(utcSeconds * 1000));
  return Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second) / 1000 - utcSeconds;
}

/** Per UTC day: one offset, or one per UTC hour on the days the clocks change. */
const days = new Map<number, number | Int32Array>();

function dayOffsets(day: number): number | Int32Array {
  const start = day * SECONDS_PER_DAY;
  const first = offsetAt(start);
  if (offsetAt(start + SECONDS_PER_DAY - 1) === first) return first;
  const hours = new Int32Array(24);
  for (let h = 0; h < 24; h++) hours[h] = offsetAt(start + h * SECONDS_PER_HOUR);
  return hours;
}

/**
 * Seconds to add to an instant (whole seconds since 1970-01-01 UTC) to get Stockholm's wall-clock time,
 * as `AT TIME ZONE 'Europe/Stockholm'` gives it: 3600 or 7200. Throws outside 1970–2099.
 */
export function getStockholmOffsetSeconds(utcSeconds: number): number {
  if (!(utcSeconds >= STOCKHOLM_OFFSET_FROM_S && utcSeconds < STOCKHOLM_OFFSET_TO_S)) throw new RangeError(`No cached Stockholm offset for ${utcSeconds} s (1970–2099 only)`);
  const day = Math.floor(utcSeconds / SECONDS_PER_DAY);
  let entry = days.get(day);
  if (entry === undefined) {
    entry = dayOffsets(day);
    days.set(day, entry);
  }
  return typeof entry === 'number' ? entry : entry[Math.floor((utcSeconds - day * SECONDS_PER_DAY) / SECONDS_PER_HOUR)];
}
