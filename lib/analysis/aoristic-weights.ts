// Aoristic weights: an incident known only to lie in [from, to] spreads one unit of weight over the hour and
// weekday bins it overlaps, in proportion to the overlap. Time is an input (epoch ms), never read from a clock.

export interface LocalHourWeekday {
  /** 0…23 local hour. */
  hour: number;
  /** 0 = Monday … 6 = Sunday. */
  weekday: number;
}

export type LocalTimeOf = (epochMs: number) => LocalHourWeekday;

const WEEKDAYS: Record<string, number> = { Mon: 0, Tue: 1, Wed: 2, Thu: 3, Fri: 4, Sat: 5, Sun: 6 };
const stockholmFormat = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/Stockholm', hour: '2-digit', hourCycle: 'h23', weekday: 'short' });

/** Local hour and weekday in Europe/Stockholm of an instant, via Intl (pure: the instant is the input). */
export function getStockholmHourWeekday(epochMs: number): LocalHourWeekday {
  let hour = 0;
  let weekday = 0;
  for (const part of stockholmFormat.formatToParts(new Date(epochMs))) {
    if (part.type === 'hour') hour = Number(part.value) % 24;
    if (part.type === 'weekday') weekday = WEEKDAYS[part.value] ?? 0;
  }
  return { hour, weekday };
}

export interface AoristicWeights {
  /** 24 hour bins. */
  hour: Float64Array;
  /** 7 weekday bins, Monday first. */
  weekday: Float64Array;
  /** 7 × 24 weekday-by-hour bins, index weekday·24 + hour. */
  hourByWeekday: Float64Array;
}

const HOUR_MS = 3_600_000;

/**
 * Aoristic weights of one incident over local hour, weekday and weekday × hour bins; each set sums to 1.
 * The interval is cut at whole UTC hours, which are whole local hours in any zone with whole-hour offsets
 * (Stockholm: +01/+02), so a DST change only renames bins: the 23- and 25-hour days still sum to 1.
 * A zero-length interval puts all weight in the bin of its instant.
 * Source: Ratcliffe & McCullagh (1998), "Aoristic crime analysis", IJGIS 12(7); METHODS.md.
 */
export function getAoristicWeights(fromMs: number, toMs: number, localTimeOf: LocalTimeOf = getStockholmHourWeekday): AoristicWeights {
  if (!Number.isFinite(fromMs) || !Number.isFinite(toMs)) throw new RangeError('times must be finite');
  if (toMs < fromMs) throw new RangeError('the window ends before it starts');
  const hour = new Float64Array(24);
  const weekday = new Float64Array(7);
  const hourByWeekday = new Float64Array(168);
  const add = (at: number, w: number) => {
    const t = localTimeOf(at);
    hour[t.hour] += w;
    weekday[t.weekday] += w;
    hourByWeekday[t.weekday * 24 + t.hour] += w;
  };
  const total = toMs - fromMs;
  if (total === 0) {
    add(fromMs, 1);
    return { hour, weekday, hourByWeekday };
  }
  // Windows longer than a week spread whole weeks evenly; only the remainder is walked hour by hour.
  const WEEK_MS = 168 * HOUR_MS;
  const weeks = Math.floor(total / WEEK_MS);
  let start = fromMs;
  if (weeks > 0) {
    const share = (weeks * WEEK_MS) / total;
    for (let h = 0; h < 168; h += 1) add(fromMs + h * HOUR_MS, share / 168);
    start = fromMs + weeks * WEEK_MS;
  }
  let t = start;
  while (t < toMs) {
    const next = Math.min(toMs, Math.floor(t / HOUR_MS) * HOUR_MS + HOUR_MS);
    add(t, (next - t) / total);
    t = next;
  }
  return { hour, weekday, hourByWeekday };
}
