// Cell values as spreadsheets write them, Swedish and English alike. Pure: each returns the value or
// an error message that the row validation attaches to the row and column. Stockholm local times come
// through lib/domain/time (no clock is read).
import { fromLocalParts } from '@/lib/domain/time';

export type Parsed<T> = { ok: true; value: T } | { ok: false; message: string };

const ok = <T>(value: T): Parsed<T> => ({ ok: true, value });
const fail = <T>(message: string): Parsed<T> => ({ ok: false, message });

/** Thousands separators a spreadsheet may write: space, no-break space, narrow no-break space, apostrophe. */
const GROUPING = /[\s\u00a0\u202f']/g;

/**
 * A decimal number with `,` or `.` as the decimal separator ("57,1832", "-1 234,5", "14.05").
 * With both, the last one is the decimal separator and the other groups thousands.
 */
export function parseDecimal(text: string): Parsed<number> {
  let s = text.trim().replace(GROUPING, '').replace(/^\u2212/, '-');
  if (s === '') return fail('is empty');
  const lastComma = s.lastIndexOf(',');
  const lastDot = s.lastIndexOf('.');
  if (lastComma >= 0 && lastDot >= 0) {
    const decimal = lastComma > lastDot ? ',' : '.';
    const group = decimal === ',' ? '.' : ',';
    s = s.split(group).join('');
  }
  s = s.replace(',', '.');
  if (!/^[-+]?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?$/i.test(s)) return fail(`"${text.trim()}" is not a number`);
  const n = Number(s);
  return Number.isFinite(n) ? ok(n) : fail(`"${text.trim()}" is not a finite number`);
}

const TRUE = new Set(['ja', 'j', 'yes', 'y', 'true', 'sant', '1', 'x']);
const FALSE = new Set(['nej', 'n', 'no', 'false', 'falskt', '0', '']);

/** ja/nej, yes/no, true/false, 1/0, x (a ticked cell); empty is false. */
export function parseBoolean(text: string): Parsed<boolean> {
  const s = text.trim().toLowerCase();
  if (TRUE.has(s)) return ok(true);
  if (FALSE.has(s)) return ok(false);
  return fail(`"${text.trim()}" is not yes/no (ja/nej, true/false, 1/0)`);
}

const ISO_WITH_OFFSET = /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/i;
const LOCAL = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{1,2})[:.](\d{2})(?:[:.](\d{2}))?)?$/;

function validDate(y: number, m: number, d: number): boolean {
  const t = new Date(Date.UTC(y, m - 1, d));
  return t.getUTCFullYear() === y && t.getUTCMonth() === m - 1 && t.getUTCDate() === d;
}

// Stockholm's UTC offset changes only on whole hours, so one lookup per local hour serves every
// minute of it (Intl formatting is the slow part of reading 100k rows).
const offsetByHour = new Map<string, number>();

function stockholmInstant(y: number, mo: number, d: number, h: number, mi: number, se: number): Date {
  const key = `${y}-${mo}-${d}-${h}`;
  let offset = offsetByHour.get(key);
  if (offset === undefined) {
    offset = fromLocalParts(y, mo, d, h).getTime() - Date.UTC(y, mo - 1, d, h);
    if (offsetByHour.size > 100_000) offsetByHour.clear();
    offsetByHour.set(key, offset);
  }
  return new Date(Date.UTC(y, mo - 1, d, h, mi, se) + offset);
}

/**
 * A point in time as ISO-8601 text. With an offset or Z it is that instant; without one it is
 * Stockholm wall-clock time ("2025-03-01 14:30", as a spreadsheet writes it); a date alone is local
 * midnight. Returned as an ISO string in UTC.
 */
export function parseTimestamp(text: string): Parsed<string> {
  const s = text.trim();
  if (s === '') return fail('is empty');
  if (ISO_WITH_OFFSET.test(s)) {
    const withOffset = s.replace(' ', 'T').replace(/([+-]\d{2})(\d{2})$/, '$1:$2');
    const t = Date.parse(withOffset);
    if (Number.isNaN(t) || !validDate(+s.slice(0, 4), +s.slice(5, 7), +s.slice(8, 10))) return fail(`"${s}" is not a valid date and time`);
    return ok(new Date(t).toISOString());
  }
  const m = LOCAL.exec(s);
  if (!m) return fail(`"${s}" is not a date and time (write 2025-03-01 14:30, or ISO 8601 with an offset)`);
  const [y, mo, d, h = '0', mi = '0', se = '0'] = m.slice(1).map((x) => x ?? undefined) as string[];
  if (!validDate(+y, +mo, +d) || +h > 23 || +mi > 59 || +se > 59) return fail(`"${s}" is not a valid date and time`);
  return ok(stockholmInstant(+y, +mo, +d, +h, +mi, +se).toISOString());
}

/** A whole number (a year, a count). */
export function parseInteger(text: string): Parsed<number> {
  const n = parseDecimal(text);
  if (!n.ok) return n;
  return Number.isInteger(n.value) ? n : fail(`"${text.trim()}" is not a whole number`);
}

/**
 * Undoes the formula neutralisation of our own CSV export (a leading apostrophe before = + - @ tab or
 * carriage return), so an exported file imports back to the same text.
 */
export function unneutralise(text: string): string {
  return /^'[=+\-@\t\r]/.test(text) ? text.slice(1) : text;
}
