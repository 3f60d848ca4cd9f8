// The time slider's months and the hour-of-day range control, as pure functions of strings and numbers.

/** 'YYYY-MM' months from `first` to `last` inclusive. */
export function monthsBetween(first: string, last: string): string[] {
  const out: string[] = [];
  let y = Number(first.slice(0, 4));
  let m = Number(first.slice(5, 7));
  const endKey = last.slice(0, 7);
  while (out.length < 600) {
    const key = `${y}-${String(m).padStart(2, '0')}`;
    if (key > endKey) break;
    out.push(key);
    m += 1;
    if (m > 12) {
      m = 1;
      y += 1;
    }
  }
  return out;
}

/** First and last calendar day of a 'YYYY-MM' month. */
export function monthPeriod(month: string): { from: string; to: string } {
  const y = Number(month.slice(0, 4));
  const m = Number(month.slice(5, 7));
  const last = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return { from: `${month}-01`, to: `${month}-${String(last).padStart(2, '0')}` };
}

/** Hours from `start` to `end` inclusive, wrapping past midnight (22 → 3 is 22, 23, 0, 1, 2, 3). */
export function hourRange(start: number, end: number): number[] {
  const out: number[] = [];
  for (let h = start; ; h = (h + 1) % 24) {
    out.push(h);
    if (h === end || out.length === 24) break;
  }
  return out.sort((a, b) => a - b);
}

/** The start and end of a set of hours that is one (possibly wrapping) run; null for all day or several runs. */
export function hourRangeOf(hours: readonly number[] | undefined): { start: number; end: number } | null {
  if (!hours || hours.length === 0 || hours.length >= 24) return null;
  const set = new Set(hours);
  const starts = hours.filter((h) => !set.has((h + 23) % 24));
  if (starts.length !== 1) return null;
  let end = starts[0];
  while (set.has((end + 1) % 24)) end = (end + 1) % 24;
  return { start: starts[0], end };
}
