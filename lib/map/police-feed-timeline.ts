// The police feed's timeline over the map's period: events per day, or per ISO week (Monday) when the
// period is longer than MAX_DAILY_DAYS, every bucket present (zeros included) so the bars keep their
// spacing. Pure: local dates 'YYYY-MM-DD' in, buckets out; the dates were bucketed in SQL (Stockholm).

export const MAX_DAILY_DAYS = 92;

export interface TimelineBucket {
  /** First local date of the bucket. */
  start: string;
  count: number;
}

export interface Timeline {
  unit: 'day' | 'week';
  buckets: TimelineBucket[];
}

const DAY_MS = 86_400_000;
const toMs = (d: string) => Date.UTC(+d.slice(0, 4), +d.slice(5, 7) - 1, +d.slice(8, 10));
const toDate = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/** Monday of the ISO week of a date. */
export function weekStart(date: string): string {
  const ms = toMs(date);
  const isoDow = ((new Date(ms).getUTCDay() + 6) % 7) + 1;
  return toDate(ms - (isoDow - 1) * DAY_MS);
}

/** Buckets from `from` to `to` (inclusive local dates) with the day counts summed into them. */
export function buildTimeline(from: string, to: string, days: readonly { day: string; count: number }[]): Timeline {
  const span = Math.round((toMs(to) - toMs(from)) / DAY_MS) + 1;
  const unit = span > MAX_DAILY_DAYS ? 'week' : 'day';
  const keyOf = (d: string) => (unit === 'week' ? weekStart(d) : d);
  const counts = new Map<string, number>();
  for (let ms = toMs(keyOf(from)); ms <= toMs(to); ms += (unit === 'week' ? 7 : 1) * DAY_MS) counts.set(toDate(ms), 0);
  for (const d of days) {
    const k = keyOf(d.day);
    if (counts.has(k)) counts.set(k, counts.get(k)! + d.count);
  }
  return { unit, buckets: [...counts].map(([start, count]) => ({ start, count })) };
}
