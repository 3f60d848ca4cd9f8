// Local Europe/Stockholm wall-clock time ↔ UTC, by the EU summer-time rule (Directive 2000/84/EC):
// CEST (UTC+2) from 01:00 UTC on the last Sunday of March to 01:00 UTC on the last Sunday of October,
// CET (UTC+1) otherwise. Sweden has followed it since 1996; demo data never goes further back.
// Computed by rule rather than through Intl so that generation is pure, fast and the same everywhere.

export interface LocalDateTime {
  year: number;
  /** 1–12 */
  month: number;
  /** 1–31 */
  day: number;
  /** 0–23 */
  hour: number;
  /** 0–59 */
  minute: number;
}

const HOUR_MS = 3_600_000;

/** Day of month of the last Sunday of a month (month 1–12). */
function lastSunday(year: number, month: number): number {
  const lastDay = new Date(Date.UTC(year, month, 0)).getUTCDate();
  const weekday = new Date(Date.UTC(year, month - 1, lastDay)).getUTCDay();
  return lastDay - weekday;
}

/** The UTC instants (ms) at which summer time starts and ends in a year. */
export function summerTimeBounds(year: number): { start: number; end: number } {
  return {
    start: Date.UTC(year, 2, lastSunday(year, 3), 1),
    end: Date.UTC(year, 9, lastSunday(year, 10), 1),
  };
}

/** Offset of Stockholm's wall clock from UTC at an instant, in hours (1 or 2). */
export function stockholmOffsetHours(utcMs: number): 1 | 2 {
  const { start, end } = summerTimeBounds(new Date(utcMs).getUTCFullYear());
  return utcMs >= start && utcMs < end ? 2 : 1;
}

/** Wall-clock time in Stockholm at a UTC instant. */
export function utcToStockholm(utcMs: number): LocalDateTime & { weekday: number } {
  const d = new Date(utcMs + stockholmOffsetHours(utcMs) * HOUR_MS);
  return {
    year: d.getUTCFullYear(),
    month: d.getUTCMonth() + 1,
    day: d.getUTCDate(),
    hour: d.getUTCHours(),
    minute: d.getUTCMinutes(),
    weekday: d.getUTCDay(),
  };
}

/**
 * UTC instant (ms) of a Stockholm wall-clock time. Minutes may overflow (e.g. hour 26 = 02:00 the next
 * day). Times that do not exist (02:00–02:59 on the spring-forward Sunday) are read with the winter
 * offset, landing one hour later on the clock (02:30 → 03:30 CEST), as a clock moved forward reads them;
 * times that occur twice (02:00–02:59 on the fall-back Sunday) resolve to the first, summer-time, one.
 */
export function stockholmToUtc(local: LocalDateTime): number {
  const naive = Date.UTC(local.year, local.month - 1, local.day, local.hour, local.minute);
  const asSummer = naive - 2 * HOUR_MS;
  if (stockholmOffsetHours(asSummer) === 2) return asSummer;
  return naive - HOUR_MS;
}

/** Weekday of a calendar date: 0 = Sunday … 6 = Saturday (as Date#getUTCDay). */
export function weekdayOf(year: number, month: number, day: number): number {
  return new Date(Date.UTC(year, month - 1, day)).getUTCDay();
}
