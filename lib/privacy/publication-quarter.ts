// Only closed calendar quarters are published, and only once a month has passed since they closed
// (DESIGN.md §8): late reports settle, and a live count that moves between page loads would leak.
// Quarters are Stockholm calendar quarters; the current time is passed in (STYLE.md rule 1).
import { fromLocalParts } from '@/lib/domain/time';

export interface Quarter {
  year: number;
  /** 1…4 */
  quarter: number;
}

/** Months that must pass after a quarter closes before it may be published (DESIGN.md §8). */
export const PUBLICATION_DELAY_MONTHS = 1;

const QUARTER_RE = /^(\d{4})-Q([1-4])$/;

/** Parses 'YYYY-Qn'; throws on anything else. */
export function parseQuarter(text: string): Quarter {
  const m = QUARTER_RE.exec(text);
  if (!m) throw new RangeError(`"${text}" is not a quarter like 2026-Q3`);
  return { year: Number(m[1]), quarter: Number(m[2]) };
}

/** 'YYYY-Qn' */
export function formatQuarter(q: Quarter): string {
  return `${q.year}-Q${q.quarter}`;
}

/** The quarter after q. */
export function getNextQuarter(q: Quarter): Quarter {
  return q.quarter === 4 ? { year: q.year + 1, quarter: 1 } : { year: q.year, quarter: q.quarter + 1 };
}

/** [start, end) of a quarter as instants: local midnight on the first day of its first and next quarter's month. */
export function getQuarterBounds(q: Quarter): { start: Date; end: Date } {
  const next = getNextQuarter(q);
  return {
    start: fromLocalParts(q.year, (q.quarter - 1) * 3 + 1, 1),
    end: fromLocalParts(next.year, (next.quarter - 1) * 3 + 1, 1),
  };
}

/** The first instant a quarter may be published: local midnight one calendar month after it closed. */
export function getEarliestPublicationTime(q: Quarter): Date {
  const next = getNextQuarter(q);
  const month = (next.quarter - 1) * 3 + 1 + PUBLICATION_DELAY_MONTHS;
  return fromLocalParts(next.year + Math.floor((month - 1) / 12), ((month - 1) % 12) + 1, 1);
}

export type QuarterPublishability =
  | { publishable: true }
  | { publishable: false; reason: 'open' | 'too-recent'; earliest: Date };

/**
 * Whether a quarter may be published at `now`: it must have closed (not open or in the future) and
 * at least PUBLICATION_DELAY_MONTHS must have passed since (DESIGN.md §8).
 */
export function checkQuarterPublishable(q: Quarter, now: Date): QuarterPublishability {
  const earliest = getEarliestPublicationTime(q);
  if (now.getTime() < getQuarterBounds(q).end.getTime()) return { publishable: false, reason: 'open', earliest };
  if (now.getTime() < earliest.getTime()) return { publishable: false, reason: 'too-recent', earliest };
  return { publishable: true };
}

/** Every quarter from `first` up to the last one publishable at `now`, oldest first. */
export function listPublishableQuarters(first: Quarter, now: Date): Quarter[] {
  const out: Quarter[] = [];
  for (let q = first; checkQuarterPublishable(q, now).publishable; q = getNextQuarter(q)) out.push(q);
  return out;
}
