import 'server-only';
// Everything the council dashboard and the quarterly report show, for one quarter, from council-
// precision aggregates only: suppressed base cells and sums of published ones (council-trend-figures),
// survey values, pledge and activity status, cleanup figures per organisation with small groups
// withheld, and focus-area effects as a verdict. No incident, no point, no free-text note leaves here.
import type { Kysely } from 'kysely';
import { listCleanupPerformance } from '@/db/queries/council/cleanup-performance';
import { countFocusEffect, listCouncilFocusAreas } from '@/db/queries/council/focus-effect-counts';
import { listDistrictQuarterCells, listDistricts, listMunicipalityMonthCells } from '@/db/queries/council/incident-cells';
import { listCouncilActivities, listCouncilPledges } from '@/db/queries/council/pledge-progress';
import { listSurveyResults } from '@/db/queries/council/survey-results';
import type { Database } from '@/db/schema';
import { ACTIVITY_STATUSES } from '@/lib/domain/constants';
import type { CategoryGroup } from '@/lib/domain/categories';
import { fromLocalParts, toLocalParts } from '@/lib/domain/time';
import { LOCATION_ROUNDING_M } from '@/lib/privacy/location-key';
import { listPublicationGroups } from '@/lib/privacy/publication-groups';
import { getNextQuarter, getQuarterBounds, parseQuarter, formatQuarter } from '@/lib/privacy/publication-quarter';
import { getDisclosureConfig } from '@/lib/server/disclosure/get-disclosure-config';
import { ALL, buildCouncilTrendFigures, monthsOfQuarter, type TrendFigure } from './council-trend-figures';
import { type CouncilSettings, getCouncilSettings } from './council-settings';
import { type EffectResult, evaluateFocusEffect, getEffectWindows } from './focus-effect';
import {
  classifyVariation,
  type CouncilFigure,
  getPercentChange,
  getRollingMeans,
  getSamePeriodLastYear,
  getSamePeriodYearsBefore,
  type NormalVariationBand,
  REFERENCE_YEARS,
  type VariationVerdict,
} from './trend-statistics';

/** Quarters the trend charts show, and months. */
export const SHOWN_QUARTERS = 8;
export const SHOWN_MONTHS = 24;

export interface FigureDto {
  /** null when suppressed ("färre än k") */
  value: number | null;
  /** true: a lower bound ("minst X"), parts suppressed */
  atLeast: boolean;
}

export interface TrendPointDto {
  period: string;
  figure: FigureDto;
  lastYear: FigureDto | null;
  /** Per cent change against the same period last year, only when both are exact and ≥ 20. */
  percentChange: number | null;
  /** Trailing mean: four quarters, or three months. */
  rolling: number | null;
  /** Quarters only: against the same quarter of the previous three years. */
  verdict: VariationVerdict | null;
  band: { lower: number; upper: number } | null;
}

export interface TrendSeriesDto {
  area: string;
  group: CategoryGroup | typeof ALL;
  points: TrendPointDto[];
}

export interface PledgeActivityDto {
  id: string;
  title: string;
  owner: string;
  partners: string[];
  startsOn: string;
  endsOn: string | null;
  goal: string | null;
  indicator: string | null;
  status: string;
  publicSummary: string | null;
  followUpStatus: string | null;
  followUpIndicatorValue: number | null;
  overdue: boolean;
  unreported: boolean;
}

export interface PledgeDto {
  id: string | null;
  title: string;
  body: string;
  focusAreas: string[];
  partners: string[];
  byStatus: Record<string, number>;
  overdue: number;
  unreported: number;
  activities: PledgeActivityDto[];
}

export interface CleanupDto {
  organisation: string;
  quarter: string;
  /** null when fewer than k reports: nothing else is shown for the group. */
  reports: number | null;
  medianHours: number | null;
  withinTargetShare: number | null;
  due: number | null;
}

export interface EffectDto extends EffectResult {
  focusAreaId: string;
  name: string;
  startMonth: string | null;
  windows: { before: { first: string; last: string }; after: { first: string; last: string }; months: number } | null;
  bufferM: number;
  /** Counts shown to the council: null below k. */
  counts: { a0: number | null; a1: number | null; b0: number | null; b1: number | null; c0: number | null; c1: number | null } | null;
}

export interface CouncilDashboardDto {
  municipalityCode: string;
  quarter: string;
  k: number;
  quarters: string[];
  months: string[];
  districts: { id: string; name: string }[];
  groups: CategoryGroup[];
  quarterly: TrendSeriesDto[];
  monthly: TrendSeriesDto[];
  survey: { years: number[]; indicators: string[]; rows: { areaId: string; areaName: string; year: number; indicator: string; value: number; unit: string }[] };
  pledges: PledgeDto[];
  cleanup: CleanupDto[];
  cleanupTargets: Pick<CouncilSettings, 'offensiveGraffitiHours' | 'graffitiHours' | 'damageHours'>;
  effects: EffectDto[];
}

const monthIndex = (m: string) => Number(m.slice(0, 4)) * 12 + Number(m.slice(5, 7)) - 1;
const monthOf = (i: number) => `${Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, '0')}`;
const monthStart = (m: string) => fromLocalParts(Number(m.slice(0, 4)), Number(m.slice(5, 7)), 1);

function quartersBack(last: string, n: number): string[] {
  const out: string[] = [];
  let q = parseQuarter(last);
  for (let i = 0; i < n; i++) {
    out.unshift(formatQuarter(q));
    q = q.quarter === 1 ? { year: q.year - 1, quarter: 4 } : { year: q.year, quarter: q.quarter - 1 };
  }
  return out;
}

/** The last closed quarter at `now` (Stockholm). */
export function getLastClosedQuarter(now: Date): string {
  const { year, month } = toLocalParts(now);
  const q = Math.floor((month - 1) / 3) + 1;
  return q === 1 ? `${year - 1}-Q4` : `${year}-Q${q - 1}`;
}

/** Whether a quarter has closed at `now`. */
export function isClosedQuarter(quarter: string, now: Date): boolean {
  return getQuarterBounds(parseQuarter(quarter)).end.getTime() <= now.getTime();
}

function toDto(f: CouncilFigure | undefined): FigureDto | null {
  return f ? { value: f.value, atLeast: f.atLeast } : null;
}

function series(figs: Map<string, TrendFigure>, area: string, group: string, periods: readonly string[], shown: readonly string[], quarterly: boolean): TrendSeriesDto {
  const at = (p: string) => figs.get(`${area}|${group}|${p}`);
  const all = periods.map((p) => at(p) ?? { value: null, atLeast: false });
  const rolling = getRollingMeans(all, quarterly ? 4 : 3);
  const points = shown.map((p): TrendPointDto => {
    const f = at(p)!;
    const ly = at(getSamePeriodLastYear(p));
    let verdict: VariationVerdict | null = null;
    let band: NormalVariationBand | null = null;
    if (quarterly) {
      const refs = Array.from({ length: REFERENCE_YEARS }, (_, i) => at(getSamePeriodYearsBefore(p, i + 1)));
      ({ verdict, band } = classifyVariation(f, refs));
    }
    return {
      period: p,
      figure: { value: f.value, atLeast: f.atLeast },
      lastYear: toDto(ly),
      percentChange: getPercentChange(ly, f),
      rolling: rolling[periods.indexOf(p)],
      verdict,
      band: band ? { lower: band.lower, upper: band.upper } : null,
    };
  });
  return { area, group: group as TrendSeriesDto['group'], points };
}

/** The dashboard for one closed quarter of a municipality (the caller checks access and audits). */
export async function buildCouncilDashboard(db: Kysely<Database>, o: { municipalityCode: string; quarter: string; now: Date }): Promise<CouncilDashboardDto> {
  const { municipalityCode, quarter, now } = o;
  const [config, settings, districts] = await Promise.all([
    getDisclosureConfig(db, { municipalityCode, audience: 'council' }),
    getCouncilSettings(db, municipalityCode),
    listDistricts(db, municipalityCode),
  ]);
  const k = config.k;
  const pubGroups = listPublicationGroups();
  const groups = pubGroups.map((g) => g.key);
  const pairs = pubGroups.flatMap((g) => g.categoryKeys.map((key) => [key, g.key] as const));

  // Shown quarters and months, plus the three years before them for last year and the normal band.
  const shownQuarters = quartersBack(quarter, SHOWN_QUARTERS);
  const dataQuarters = quartersBack(quarter, SHOWN_QUARTERS + 4 * REFERENCE_YEARS);
  const lastMonth = monthsOfQuarter(quarter)[2];
  const shownMonths = Array.from({ length: SHOWN_MONTHS }, (_, i) => monthOf(monthIndex(lastMonth) - SHOWN_MONTHS + 1 + i));
  const dataMonths = Array.from({ length: SHOWN_MONTHS + 12 }, (_, i) => monthOf(monthIndex(lastMonth) - SHOWN_MONTHS - 11 + i));
  const start = getQuarterBounds(parseQuarter(dataQuarters[0])).start;
  const monthsStart = monthStart(dataMonths[0]);
  const end = getQuarterBounds(getNextQuarter(parseQuarter(quarter))).start;
  const cellOptions = {
    municipalityCode,
    categoryKeys: pairs.map(([key]) => key),
    groupKeys: pairs.map(([, g]) => g),
    locationRoundingM: LOCATION_ROUNDING_M,
    end,
  };
  const [districtRows, monthRows] = await Promise.all([
    listDistrictQuarterCells(db, { ...cellOptions, start }),
    listMunicipalityMonthCells(db, { ...cellOptions, start: monthsStart < start ? monthsStart : start }),
  ]);
  const figures = buildCouncilTrendFigures({
    k,
    districtIds: districts.map((d) => d.id),
    groups,
    quarters: dataQuarters,
    months: dataMonths,
    districtCells: districtRows.map((r) => ({ districtId: r.district_id, quarter: r.quarter, group: r.group_key as CategoryGroup, count: r.count, distinctLocations: r.distinct_locations })),
    monthCells: monthRows.filter((r) => dataMonths.includes(r.month)).map((r) => ({ month: r.month, group: r.group_key as CategoryGroup, count: r.count, distinctLocations: r.distinct_locations })),
  });
  const byKey = new Map(figures.map((f) => [`${f.area}|${f.group}|${f.period}`, f]));
  const areaIds = ['all', ...districts.map((d) => d.id)];
  const groupKeys = [ALL, ...groups];
  const quarterly = areaIds.flatMap((a) => groupKeys.map((g) => series(byKey, a, g, dataQuarters, shownQuarters, true)));
  const monthly = groupKeys.map((g) => series(byKey, 'all', g, dataMonths, shownMonths, false));

  // Survey values: the last five years up to the quarter's year.
  const year = Number(quarter.slice(0, 4));
  const surveyRows = await listSurveyResults(db, { municipalityCode, fromYear: year - 5, toYear: year });

  // Pledges of the quarter's year and their activities with this quarter's follow-up.
  const [pledgeRows, activityRows] = await Promise.all([
    listCouncilPledges(db, { municipalityCode, year }),
    listCouncilActivities(db, { municipalityCode, year, quarter }),
  ]);
  const quarterEnd = getQuarterBounds(parseQuarter(quarter)).end;
  const localDay = (d: Date) => {
    const p = toLocalParts(d);
    return `${p.year}-${String(p.month).padStart(2, '0')}-${String(p.day).padStart(2, '0')}`;
  };
  const lastDay = localDay(new Date(quarterEnd.getTime() - 1));
  const firstDay = localDay(getQuarterBounds(parseQuarter(quarter)).start);
  const open = (s: string) => ['decided', 'ongoing'].includes(s);
  const activityDto = (a: (typeof activityRows)[number]): PledgeActivityDto => ({
    id: a.id,
    title: a.title,
    owner: a.owner,
    partners: a.partners,
    startsOn: a.starts_on,
    endsOn: a.ends_on,
    goal: a.goal,
    indicator: a.indicator,
    status: a.status,
    publicSummary: a.public_summary,
    followUpStatus: a.follow_up_status,
    followUpIndicatorValue: a.follow_up_indicator_value,
    // Overdue: still open after its end date (as of the quarter's last day).
    overdue: open(a.status) && a.ends_on !== null && a.ends_on < lastDay,
    // Unreported: should report for the quarter and has not — started by its end and still running, or
    // done but ended inside it or later (the rule of the coordinator's list, db/queries/pledges/follow-ups.ts).
    unreported:
      a.starts_on <= lastDay && a.follow_up_status === null && (open(a.status) || (a.status === 'done' && (a.ends_on === null || a.ends_on >= firstDay))),
  });
  const pledgeOf = (acts: PledgeActivityDto[], head: Omit<PledgeDto, 'byStatus' | 'overdue' | 'unreported' | 'activities'>): PledgeDto => ({
    ...head,
    byStatus: Object.fromEntries(ACTIVITY_STATUSES.map((s) => [s, acts.filter((a) => a.status === s).length])),
    overdue: acts.filter((a) => a.overdue).length,
    unreported: acts.filter((a) => a.unreported).length,
    activities: acts,
  });
  const pledges = pledgeRows.map((p) =>
    pledgeOf(activityRows.filter((a) => a.pledge_id === p.id).map(activityDto), { id: p.id, title: p.title, body: p.body, focusAreas: p.focus_areas, partners: p.partners }),
  );
  const loose = activityRows.filter((a) => !a.pledge_id || !pledgeRows.some((p) => p.id === a.pledge_id)).map(activityDto);
  if (loose.length) pledges.push(pledgeOf(loose, { id: null, title: '', body: '', focusAreas: [], partners: [] }));

  // Cleanup: the four quarters up to this one; organisations with fewer than k reports withheld.
  const cleanupQuarters = quartersBack(quarter, 4);
  const cleanupRows = await listCleanupPerformance(db, {
    municipalityCode,
    start: getQuarterBounds(parseQuarter(cleanupQuarters[0])).start,
    end,
    now,
    targets: settings,
  });
  const cleanup: CleanupDto[] = cleanupRows.map((r) => {
    const shown = r.reports >= k;
    return {
      organisation: r.organisation ?? '',
      quarter: r.quarter,
      reports: shown ? r.reports : null,
      medianHours: shown && r.cleaned >= k && r.median_hours !== null ? Math.round(r.median_hours * 10) / 10 : null,
      withinTargetShare: shown && r.due >= k ? r.within_target / r.due : null,
      due: shown ? r.due : null,
    };
  });

  // Effects of each focus area: windows around its first activity (else its start), as of the end of
  // the quarter (or now, while it is open): a quarter's report stays the same when printed later, and
  // months after the quarter (data still coming in) never count as empty "after" months.
  const currentMonth = (() => {
    const p = toLocalParts(now);
    const nowMonth = `${p.year}-${String(p.month).padStart(2, '0')}`;
    const afterQuarter = monthOf(monthIndex(lastMonth) + 1);
    return nowMonth < afterQuarter ? nowMonth : afterQuarter;
  })();
  const focusAreas = await listCouncilFocusAreas(db, municipalityCode);
  const effects: EffectDto[] = [];
  for (const f of focusAreas) {
    const startMonth = (f.first_activity_on ?? f.period_from).slice(0, 7);
    const windows = getEffectWindows(startMonth, settings.windowMonths, currentMonth);
    if (!windows) {
      effects.push({ focusAreaId: f.id, name: f.name, startMonth, windows: null, bufferM: settings.bufferM, counts: null, verdict: 'too-few', wdq: null, displacement: null, wdd: null, z: null });
      continue;
    }
    const c = await countFocusEffect(db, {
      municipalityCode,
      focusAreaId: f.id,
      bufferM: settings.bufferM,
      beforeStart: monthStart(windows.before.first),
      beforeEnd: monthStart(monthOf(monthIndex(windows.before.last) + 1)),
      afterStart: monthStart(windows.after.first),
      afterEnd: monthStart(monthOf(monthIndex(windows.after.last) + 1)),
      categoryKeys: pairs.map(([key]) => key),
    });
    const shown = (x: number) => (x >= k ? x : null);
    effects.push({
      focusAreaId: f.id,
      name: f.name,
      startMonth,
      windows,
      bufferM: settings.bufferM,
      counts: { a0: shown(c.a0), a1: shown(c.a1), b0: shown(c.b0), b1: shown(c.b1), c0: shown(c.c0), c1: shown(c.c1) },
      ...evaluateFocusEffect(c, k),
    });
  }

  return {
    municipalityCode,
    quarter,
    k,
    quarters: shownQuarters,
    months: shownMonths,
    districts: districts.map((d) => ({ id: d.id, name: d.name })),
    groups,
    quarterly,
    monthly,
    survey: {
      years: [...new Set(surveyRows.map((r) => r.year))].sort(),
      // The headline indicator (feeling unsafe outdoors at night) first, as the police's survey reports it.
      indicators: [...new Set(surveyRows.map((r) => r.indicator))].sort((a, b) => Number(b === 'otrygg_kvall') - Number(a === 'otrygg_kvall') || a.localeCompare(b)),
      rows: surveyRows.map((r) => ({ areaId: r.area_id, areaName: r.area_name, year: r.year, indicator: r.indicator, value: r.value, unit: r.unit })),
    },
    pledges,
    cleanup,
    cleanupTargets: { offensiveGraffitiHours: settings.offensiveGraffitiHours, graffitiHours: settings.graffitiHours, damageHours: settings.damageHours },
    effects,
  };
}
