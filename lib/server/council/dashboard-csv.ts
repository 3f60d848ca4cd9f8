import 'server-only';
// CSV downloads of each dashboard chart's table (the same figures as the table beside the chart), with
// formula cells neutralised by the audit export's csvCell (OWASP CSV injection).
import { csvCell } from '@/lib/server/audit/audit-csv';
import type { CouncilDashboardDto, FigureDto } from './build-council-dashboard';

export const DASHBOARD_CHARTS = ['trend-quarterly', 'trend-monthly', 'survey', 'pledges', 'cleanup', 'effects'] as const;
export type DashboardChart = (typeof DASHBOARD_CHARTS)[number];

/** "12", "minst 12" or "färre än 3": the figure as the table shows it. */
export function formatFigureText(f: FigureDto | null, k: number): string {
  if (!f) return '';
  if (f.value === null) return `färre än ${k}`;
  return f.atLeast ? `minst ${f.value}` : String(f.value);
}

const line = (cells: unknown[]) => `${cells.map(csvCell).join(',')}\r\n`;

/** The chart's table as CSV text (header row first), CRLF line ends. */
export function buildDashboardCsv(dto: CouncilDashboardDto, chart: DashboardChart): string {
  const areaName = new Map([['all', 'Hela kommunen'], ...dto.districts.map((d) => [d.id, d.name] as [string, string])]);
  const out: string[] = [];
  switch (chart) {
    case 'trend-quarterly':
    case 'trend-monthly': {
      const list = chart === 'trend-quarterly' ? dto.quarterly : dto.monthly;
      out.push(line(['område', 'grupp', 'period', 'antal', 'samma period föregående år', 'förändring procent', 'rullande medel', 'bedömning', 'normalt intervall lägst', 'normalt intervall högst']));
      for (const s of list) {
        for (const p of s.points) {
          out.push(
            line([
              areaName.get(s.area) ?? s.area,
              s.group,
              p.period,
              formatFigureText(p.figure, dto.k),
              formatFigureText(p.lastYear, dto.k),
              p.percentChange,
              p.rolling === null ? '' : p.rolling.toFixed(1),
              p.verdict ?? '',
              p.band ? p.band.lower.toFixed(1) : '',
              p.band ? p.band.upper.toFixed(1) : '',
            ]),
          );
        }
      }
      break;
    }
    case 'survey':
      out.push(line(['område', 'år', 'indikator', 'värde', 'enhet']));
      for (const r of dto.survey.rows) out.push(line([r.areaName, r.year, r.indicator, r.value, r.unit]));
      break;
    case 'pledges':
      out.push(line(['medborgarlöfte', 'aktivitet', 'ansvarig', 'start', 'slut', 'status', 'uppföljning kvartalet', 'försenad', 'ej rapporterad']));
      for (const p of dto.pledges) {
        for (const a of p.activities) out.push(line([p.title, a.title, a.owner, a.startsOn, a.endsOn, a.status, a.followUpStatus ?? '', a.overdue ? 'ja' : 'nej', a.unreported ? 'ja' : 'nej']));
      }
      break;
    case 'cleanup':
      out.push(line(['organisation', 'kvartal', 'anmälningar', 'median timmar till sanerat', 'andel inom mål']));
      for (const c of dto.cleanup) {
        out.push(line([c.organisation, c.quarter, c.reports === null ? `färre än ${dto.k}` : c.reports, c.medianHours ?? '', c.withinTargetShare === null ? '' : (c.withinTargetShare * 100).toFixed(0)]));
      }
      break;
    case 'effects':
      out.push(line(['fokusområde', 'före från', 'före till', 'efter från', 'efter till', 'A före', 'A efter', 'B före', 'B efter', 'C före', 'C efter', 'buffert meter', 'WDQ', 'WDD', 'z', 'bedömning']));
      for (const e of dto.effects) {
        const n = (x: number | null | undefined) => (x === null || x === undefined ? (e.counts ? `färre än ${dto.k}` : '') : x);
        out.push(
          line([
            e.name,
            e.windows?.before.first ?? '',
            e.windows?.before.last ?? '',
            e.windows?.after.first ?? '',
            e.windows?.after.last ?? '',
            n(e.counts?.a0),
            n(e.counts?.a1),
            n(e.counts?.b0),
            n(e.counts?.b1),
            n(e.counts?.c0),
            n(e.counts?.c1),
            e.bufferM,
            e.wdq === null ? '' : e.wdq.toFixed(2),
            e.wdd ?? '',
            e.z === null ? '' : e.z.toFixed(2),
            e.verdict,
          ]),
        );
      }
      break;
  }
  return out.join('');
}
