// Calendar arithmetic in Europe/Stockholm for code that runs outside SQL (CLI defaults, labels).
// Pure: the current time is always passed in.
import { TIME_ZONE } from './constants';

const partsFormatter = new Intl.DateTimeFormat('en-GB', {
  timeZone: TIME_ZONE,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hourCycle: 'h23',
});

export interface LocalParts {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

/** The wall-clock time in Stockholm at an instant. */
export function toLocalParts(instant: Date): LocalParts {
  const p = Object.fromEntries(partsFormatter.formatToParts(instant).map((x) => [x.type, x.value]));
  return { year: +p.year, month: +p.month, day: +p.day, hour: +p.hour, minute: +p.minute, second: +p.second };
}

/** The instant of a Stockholm wall-clock time (a time in the spring-forward gap resolves to the later offset). */
export function fromLocalParts(year: number, month: number, day: number, hour = 0, minute = 0, second = 0): Date {
  const asUtc = Date.UTC(year, month - 1, day, hour, minute, second);
  let guess = asUtc;
  // Two rounds settle the offset (+01:00 or +02:00) on both sides of a DST change.
  for (let i = 0; i < 2; i++) {
    const lp = toLocalParts(new Date(guess));
    const shownAsUtc = Date.UTC(lp.year, lp.month - 1, lp.day, lp.hour, lp.minute, lp.second);
    guess += asUtc - shownAsUtc;
  }
  return new Date(guess);
}

/** Start (local midnight) of the calendar quarter containing `now`, in Stockholm. */
export function startOfQuarter(now: Date): Date {
  const { year, month } = toLocalParts(now);
  return fromLocalParts(year, Math.floor((month - 1) / 3) * 3 + 1, 1);
}

/** 'YYYY-Qn' of an instant in Stockholm. */
export function quarterOf(instant: Date): string {
  const { year, month } = toLocalParts(instant);
  return `${year}-Q${Math.floor((month - 1) / 3) + 1}`;
}
