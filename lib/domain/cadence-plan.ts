// The planned EST meetings of a year from the cadence: analysis meetings spread over the working
// months (July is the holiday month in Sweden: nothing planned), and the council's follow-up in the
// month after each chosen quarter (August for the second quarter). Pure.

export interface PlannedMeeting {
  /** 1–12 */
  month: number;
  kind: 'analysis' | 'follow_up';
  /** For follow-ups: the quarter followed up ('YYYY-Qn'). */
  quarter: string | null;
}

const WORKING_MONTHS = [1, 2, 3, 4, 5, 6, 8, 9, 10, 11, 12];

export function planYear(year: number, cadence: { analysis_meetings_per_year: number; follow_up_quarters: readonly number[] }): PlannedMeeting[] {
  const out: PlannedMeeting[] = [];
  const n = cadence.analysis_meetings_per_year;
  // n slots evenly over the 11 working months (several a month once n > 11), centred in their share.
  for (let i = 0; i < n; i++) out.push({ month: WORKING_MONTHS[Math.floor(((i + 0.5) * WORKING_MONTHS.length) / n)], kind: 'analysis', quarter: null });
  for (const q of cadence.follow_up_quarters) {
    // The follow-up of quarter q is held the month after it; Q4's in January of the next year, so this
    // year's January holds last year's Q4.
    const month = q === 2 ? 8 : q === 4 ? 1 : q * 3 + 1;
    out.push({ month, kind: 'follow_up', quarter: q === 4 ? `${year - 1}-Q4` : `${year}-Q${q}` });
  }
  return out.sort((a, b) => a.month - b.month || (a.kind === b.kind ? 0 : a.kind === 'analysis' ? -1 : 1));
}
