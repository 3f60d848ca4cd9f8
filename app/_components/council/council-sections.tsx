// The council dashboard's sections (trends, survey, pledges, cleanup, effects), shared by the
// dashboard (/rad) and the printable quarterly report (/rapport). Server components: the figures come
// as a DTO of council-precision aggregates; each chart has its table and a CSV link.
import type { ReactNode } from 'react';
import { CATEGORY_GROUP_LABELS, type CategoryGroup } from '@/lib/domain/categories';
import { ACTIVITY_STATUSES } from '@/lib/domain/constants';
import { formatNumber, getTranslator, type Locale, type MessageKey } from '@/lib/i18n/translate';
import type { CouncilDashboardDto, FigureDto, TrendSeriesDto } from '@/lib/server/council/build-council-dashboard';
import type { DashboardChart } from '@/lib/server/council/dashboard-csv';
import type { PatternName } from './chart-patterns';
import { CouncilBarChart } from './council-bar-chart';
import { CouncilLineChart } from './council-line-chart';
import styles from './council.module.css';

export interface CouncilSelection {
  area: string;
  group: CategoryGroup | 'all';
}

export interface SectionProps {
  dto: CouncilDashboardDto;
  locale: Locale;
  selection: CouncilSelection;
  /** Fixed chart width for print; undefined fills the container. */
  chartWidth?: number;
}

function useFormat(locale: Locale, k: number) {
  const t = getTranslator(locale);
  const n = (x: number, digits = 0) => new Intl.NumberFormat(locale === 'sv' ? 'sv-SE' : 'en-GB', { maximumFractionDigits: digits, minimumFractionDigits: digits }).format(x);
  const fig = (f: FigureDto | null | undefined) => (!f ? '–' : f.value === null ? t('council.fewerThan', { k }) : f.atLeast ? t('council.atLeast', { n: formatNumber(locale, f.value) }) : formatNumber(locale, f.value));
  const groupLabel = (g: string) => (g === 'all' ? t('council.allGroups') : (CATEGORY_GROUP_LABELS[g as CategoryGroup]?.[locale] ?? g));
  return { t, n, fig, groupLabel };
}

export function areaLabel(dto: CouncilDashboardDto, area: string, locale: Locale): string {
  return area === 'all' ? getTranslator(locale)('council.allAreas') : (dto.districts.find((d) => d.id === area)?.name ?? area);
}

function ChartFigure({ id, title, chart, table, csvHref, locale, notes }: { id: DashboardChart | string; title: string; chart: ReactNode; table: ReactNode; csvHref: string | null; locale: Locale; notes?: ReactNode }) {
  const t = getTranslator(locale);
  return (
    <figure className={styles.figure} data-testid={`chart-${id}`} aria-labelledby={`${id}-title`}>
      <figcaption id={`${id}-title`}>{title}</figcaption>
      {chart}
      {notes}
      {/* Focusable so a keyboard can scroll a wide table (axe: scrollable-region-focusable). */}
      <div className={styles.tableWrap} data-testid={`table-${id}`} tabIndex={0} role="region" aria-label={title}>
        {table}
      </div>
      {csvHref ? (
        <a className={`${styles.csv} ${styles.noPrint}`} href={csvHref} download data-testid={`csv-${id}`}>
          {t('council.csv')}
        </a>
      ) : null}
    </figure>
  );
}

const csvHref = (dto: CouncilDashboardDto, chart: DashboardChart) => `/api/v1/council/csv?chart=${chart}&quarter=${dto.quarter}`;

function verdictText(t: ReturnType<typeof getTranslator>, v: string | null) {
  return v ? t(`council.verdict.${v}` as MessageKey) : '–';
}

function trendRows(s: TrendSeriesDto | undefined) {
  return (s?.points ?? []).map((p) => ({
    period: p.period,
    count: p.figure.value,
    lastYear: p.lastYear?.value ?? null,
    rolling: p.rolling === null ? null : Math.round(p.rolling * 10) / 10,
    lower: p.band ? Math.round(p.band.lower * 10) / 10 : null,
    upper: p.band ? Math.round(p.band.upper * 10) / 10 : null,
  }));
}

function TrendTable({ s, locale, k, quarterly }: { s: TrendSeriesDto | undefined; locale: Locale; k: number; quarterly: boolean }) {
  const { t, fig } = useFormat(locale, k);
  return (
    <table className={styles.table}>
      <thead>
        <tr>
          <th scope="col">{t('council.trend.period')}</th>
          <th scope="col" className={styles.num}>{t('council.trend.count')}</th>
          <th scope="col" className={styles.num}>{t('council.trend.lastYear')}</th>
          <th scope="col" className={styles.num}>{t('council.trend.change')}</th>
          <th scope="col" className={styles.num}>{quarterly ? t('council.trend.rolling4') : t('council.trend.rolling3')}</th>
          {quarterly ? <th scope="col">{t('council.trend.verdict')}</th> : null}
        </tr>
      </thead>
      <tbody>
        {(s?.points ?? []).map((p) => (
          <tr key={p.period}>
            <th scope="row">{p.period}</th>
            <td className={styles.num}>{fig(p.figure)}</td>
            <td className={styles.num}>{fig(p.lastYear)}</td>
            <td className={styles.num}>{p.percentChange === null ? '–' : `${p.percentChange > 0 ? '+' : ''}${p.percentChange} %`}</td>
            <td className={styles.num}>{p.rolling === null ? '–' : p.rolling.toFixed(1)}</td>
            {quarterly ? <td className={p.verdict === 'high' ? styles.verdictHigh : p.verdict === 'low' ? styles.verdictLow : undefined}>{verdictText(t, p.verdict)}{p.band ? ` (${p.band.lower.toFixed(0)}–${p.band.upper.toFixed(0)})` : ''}</td> : null}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** Quarterly and monthly trends for the selected area and group, and every area for the quarter. */
export function TrendSection({ dto, locale, selection, chartWidth }: SectionProps) {
  const { t, fig, groupLabel } = useFormat(locale, dto.k);
  const q = dto.quarterly.find((s) => s.area === selection.area && s.group === selection.group);
  const m = dto.monthly.find((s) => s.group === selection.group);
  const area = areaLabel(dto, selection.area, locale);
  const lines = (rolling: MessageKey) => [
    { key: 'count', label: t('council.trend.count'), dash: '', shape: 'circle' as const, width: 2.5 },
    { key: 'lastYear', label: t('council.trend.lastYear'), dash: '6 3', shape: 'square' as const },
    { key: 'rolling', label: t(rolling), dash: '2 3', shape: 'none' as const },
  ];
  const overview = ['all', ...dto.districts.map((d) => d.id)].map((a) => ({ area: a, point: dto.quarterly.find((s) => s.area === a && s.group === selection.group)?.points.at(-1) }));
  return (
    <section className={styles.section} aria-labelledby="trends-title" data-testid="section-trends">
      <h2 id="trends-title">{t('council.trend.title', { area, group: groupLabel(selection.group) })}</h2>
      <div className={styles.grid}>
        <ChartFigure
          id="trend-quarterly"
          locale={locale}
          title={t('council.trend.title', { area, group: groupLabel(selection.group) })}
          csvHref={csvHref(dto, 'trend-quarterly')}
          chart={<CouncilLineChart data={trendRows(q)} xKey="period" series={lines('council.trend.rolling4')} band={{ lower: 'lower', upper: 'upper', label: t('council.trend.band') }} ariaLabel={t('council.trend.title', { area, group: groupLabel(selection.group) })} width={chartWidth} />}
          notes={<p className={styles.note}>{t('council.verdictNote')} {t('council.trend.changeNote')}</p>}
          table={<TrendTable s={q} locale={locale} k={dto.k} quarterly />}
        />
        <ChartFigure
          id="trend-monthly"
          locale={locale}
          title={t('council.trend.monthTitle', { group: groupLabel(selection.group) })}
          csvHref={csvHref(dto, 'trend-monthly')}
          chart={<CouncilLineChart data={trendRows(m)} xKey="period" series={lines('council.trend.rolling3')} ariaLabel={t('council.trend.monthTitle', { group: groupLabel(selection.group) })} width={chartWidth} />}
          table={<TrendTable s={m} locale={locale} k={dto.k} quarterly={false} />}
        />
      </div>
      <div className={styles.tableWrap} data-testid="table-trend-groups" tabIndex={0} role="region" aria-label={t('council.trend.groupsTitle', { quarter: dto.quarter, area })}>
        <table className={styles.table}>
          <caption>{t('council.trend.groupsTitle', { quarter: dto.quarter, area })}</caption>
          <thead>
            <tr>
              <th scope="col">{t('council.group')}</th>
              <th scope="col" className={styles.num}>{t('council.trend.count')}</th>
              <th scope="col" className={styles.num}>{t('council.trend.lastYear')}</th>
              <th scope="col" className={styles.num}>{t('council.trend.change')}</th>
              <th scope="col">{t('council.trend.verdict')}</th>
            </tr>
          </thead>
          <tbody>
            {(['all', ...dto.groups] as const).map((g) => {
              const point = dto.quarterly.find((x) => x.area === selection.area && x.group === g)?.points.at(-1);
              return (
                <tr key={g}>
                  <th scope="row">{groupLabel(g)}</th>
                  <td className={styles.num}>{fig(point?.figure)}</td>
                  <td className={styles.num}>{fig(point?.lastYear)}</td>
                  <td className={styles.num}>{point?.percentChange === null || point?.percentChange === undefined ? '–' : `${point.percentChange > 0 ? '+' : ''}${point.percentChange} %`}</td>
                  <td className={point?.verdict === 'high' ? styles.verdictHigh : point?.verdict === 'low' ? styles.verdictLow : undefined}>{verdictText(t, point?.verdict ?? null)}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      <div className={styles.tableWrap} data-testid="table-trend-overview" tabIndex={0} role="region" aria-label={t('council.trend.overviewTitle', { quarter: dto.quarter, group: groupLabel(selection.group) })}>
        <table className={styles.table}>
          <caption>{t('council.trend.overviewTitle', { quarter: dto.quarter, group: groupLabel(selection.group) })}</caption>
          <thead>
            <tr>
              <th scope="col">{t('council.area')}</th>
              <th scope="col" className={styles.num}>{t('council.trend.count')}</th>
              <th scope="col" className={styles.num}>{t('council.trend.lastYear')}</th>
              <th scope="col" className={styles.num}>{t('council.trend.change')}</th>
              <th scope="col">{t('council.trend.verdict')}</th>
            </tr>
          </thead>
          <tbody>
            {overview.map(({ area: a, point }) => (
              <tr key={a}>
                <th scope="row">{areaLabel(dto, a, locale)}</th>
                <td className={styles.num}>{fig(point?.figure)}</td>
                <td className={styles.num}>{fig(point?.lastYear)}</td>
                <td className={styles.num}>{point?.percentChange === null || point?.percentChange === undefined ? '–' : `${point.percentChange > 0 ? '+' : ''}${point.percentChange} %`}</td>
                <td className={point?.verdict === 'high' ? styles.verdictHigh : point?.verdict === 'low' ? styles.verdictLow : undefined}>{verdictText(t, point?.verdict ?? null)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}

const INDICATOR_STYLES: { dash: string; shape: 'circle' | 'square' | 'triangle' }[] = [
  { dash: '', shape: 'circle' },
  { dash: '6 3', shape: 'square' },
  { dash: '2 3', shape: 'triangle' },
];

/** Survey results per area and year beside the crime trends. */
export function SurveySection({ dto, locale, selection, chartWidth }: SectionProps) {
  const { t, n } = useFormat(locale, dto.k);
  const ind = (key: string) => {
    const k = `council.survey.indicator.${key}` as MessageKey;
    const label = t(k);
    return label === k ? key : label;
  };
  const { years, indicators, rows } = dto.survey;
  if (rows.length === 0) {
    return (
      <section className={styles.section} aria-labelledby="survey-title" data-testid="section-survey">
        <h2 id="survey-title">{t('council.survey.title', { area: areaLabel(dto, selection.area, locale) })}</h2>
        <p>{t('council.survey.none')}</p>
      </section>
    );
  }
  const district = selection.area !== 'all' && rows.some((r) => r.areaId === selection.area);
  const latest = years.at(-1)!;
  const chart = district ? (
    <CouncilLineChart
      data={years.map((y) => ({ year: String(y), ...Object.fromEntries(indicators.map((i) => [i, rows.find((r) => r.areaId === selection.area && r.year === y && r.indicator === i)?.value ?? null])) }))}
      xKey="year"
      series={indicators.map((i, idx) => ({ key: i, label: ind(i), ...INDICATOR_STYLES[idx % INDICATOR_STYLES.length] }))}
      ariaLabel={t('council.survey.title', { area: areaLabel(dto, selection.area, locale) })}
      width={chartWidth}
    />
  ) : (
    <CouncilBarChart
      data={dto.districts.map((d) => ({ area: d.name, value: rows.find((r) => r.areaId === d.id && r.year === latest && r.indicator === indicators[0])?.value ?? null }))}
      categoryKey="area"
      layout="vertical"
      series={[{ key: 'value', label: `${ind(indicators[0])} ${latest} (%)`, pattern: 'hatch' }]}
      ariaLabel={`${ind(indicators[0])} ${latest}`}
      idPrefix="survey"
      height={40 + dto.districts.length * 26}
      width={chartWidth}
      unit=" %"
    />
  );
  const areas = district ? dto.districts.filter((d) => d.id === selection.area) : dto.districts;
  return (
    <section className={styles.section} aria-labelledby="survey-title" data-testid="section-survey">
      <h2 id="survey-title">{t('council.survey.title', { area: areaLabel(dto, selection.area, locale) })}</h2>
      <ChartFigure
        id="survey"
        locale={locale}
        title={district ? t('council.survey.title', { area: areaLabel(dto, selection.area, locale) }) : `${ind(indicators[0])} ${latest}`}
        csvHref={csvHref(dto, 'survey')}
        chart={chart}
        table={
          <table className={styles.table}>
            <thead>
              <tr>
                <th scope="col">{t('council.area')}</th>
                <th scope="col">{t('council.survey.indicator')}</th>
                {years.map((y) => (
                  <th key={y} scope="col" className={styles.num}>{y}</th>
                ))}
              </tr>
            </thead>
            <tbody>
              {areas.flatMap((a) =>
                indicators.map((i) => (
                  <tr key={`${a.id}-${i}`}>
                    <th scope="row">{a.name}</th>
                    <td>{ind(i)}</td>
                    {years.map((y) => {
                      const v = rows.find((r) => r.areaId === a.id && r.year === y && r.indicator === i)?.value;
                      return <td key={y} className={styles.num}>{v === undefined ? '–' : `${n(v, 1)} %`}</td>;
                    })}
                  </tr>
                )),
              )}
            </tbody>
          </table>
        }
      />
    </section>
  );
}

const STATUS_PATTERNS: Record<string, PatternName> = { proposed: 'light', decided: 'dots', rejected: 'grid', ongoing: 'hatch', done: 'solid', cancelled: 'cross' };

/** Pledge progress: activities per status for each pledge, overdue and unreported flagged. */
export function PledgeSection({ dto, locale, chartWidth, withTexts = false }: SectionProps & { withTexts?: boolean }) {
  const { t } = useFormat(locale, dto.k);
  const year = Number(dto.quarter.slice(0, 4));
  const title = (p: CouncilDashboardDto['pledges'][number]) => (p.id === null ? t('council.pledges.loose') : p.title);
  const statusLabel = (s: string) => t(`council.status.${s}` as MessageKey);
  return (
    <section className={styles.section} aria-labelledby="pledges-title" data-testid="section-pledges">
      <h2 id="pledges-title">{t('council.pledges.title')}</h2>
      {dto.pledges.length === 0 ? <p>{t('council.pledges.none', { year: String(year) })}</p> : null}
      {withTexts
        ? dto.pledges
            .filter((p) => p.id !== null)
            .map((p) => (
              <div key={p.id} className={styles.pledge} data-testid="pledge-text">
                <h3>{p.title}</h3>
                <p className={styles.pledgeBody}>{p.body}</p>
                {p.focusAreas.length ? <p className={styles.note}>{t('council.pledges.focusAreas', { names: p.focusAreas.join(', ') })}</p> : null}
                {p.partners.length ? <p className={styles.note}>{t('council.pledges.partners', { names: p.partners.join(', ') })}</p> : null}
              </div>
            ))
        : null}
      {dto.pledges.length ? (
        <ChartFigure
          id="pledges"
          locale={locale}
          title={t('council.pledges.title')}
          csvHref={csvHref(dto, 'pledges')}
          chart={
            <CouncilBarChart
              data={dto.pledges.map((p) => ({ pledge: `${title(p)} (${t('council.pledges.summary', { overdue: p.overdue, unreported: p.unreported })})`, ...p.byStatus }))}
              categoryKey="pledge"
              layout="vertical"
              stacked
              series={ACTIVITY_STATUSES.filter((s) => dto.pledges.some((p) => p.byStatus[s] > 0)).map((s) => ({ key: s, label: statusLabel(s), pattern: STATUS_PATTERNS[s] }))}
              ariaLabel={t('council.pledges.title')}
              idPrefix="pledges"
              height={70 + dto.pledges.length * 44}
              width={chartWidth}
            />
          }
          table={
            <table className={styles.table}>
              <thead>
                <tr>
                  <th scope="col">{t('council.pledges.pledge')}</th>
                  <th scope="col">{t('council.pledges.activity')}</th>
                  <th scope="col">{t('council.pledges.owner')}</th>
                  <th scope="col">{t('council.pledges.period')}</th>
                  <th scope="col">{t('council.pledges.status')}</th>
                  <th scope="col">{t('council.pledges.followUp', { quarter: dto.quarter })}</th>
                  <th scope="col">{t('council.pledges.flags')}</th>
                </tr>
              </thead>
              <tbody>
                {dto.pledges.flatMap((p) =>
                  p.activities.map((a) => (
                    <tr key={a.id} className={a.overdue || a.unreported ? styles.flagged : undefined} data-testid="activity-row">
                      <td>{title(p)}</td>
                      <th scope="row">{a.title}</th>
                      <td>{a.owner}</td>
                      <td>{a.startsOn}–{a.endsOn ?? ''}</td>
                      <td>{statusLabel(a.status)}</td>
                      <td>{a.followUpStatus ? t(`council.followUp.${a.followUpStatus}` as MessageKey) : t('council.followUp.missing')}{a.followUpIndicatorValue !== null ? ` (${a.indicator ?? ''} ${a.followUpIndicatorValue})` : ''}</td>
                      <td>
                        {a.overdue ? <span className={styles.flag}>{t('council.pledges.overdue')}</span> : null} {a.unreported ? <span className={styles.flag}>{t('council.pledges.unreported')}</span> : null}
                      </td>
                    </tr>
                  )),
                )}
              </tbody>
            </table>
          }
        />
      ) : null}
    </section>
  );
}

/** Cleanup: median hours to cleaned and share within target per organisation and quarter. */
export function CleanupSection({ dto, locale, chartWidth }: SectionProps) {
  const { t, n } = useFormat(locale, dto.k);
  const org = (o: string) => o || t('council.cleanup.unassigned');
  const current = dto.cleanup.filter((c) => c.quarter === dto.quarter);
  const quarters = [...new Set(dto.cleanup.map((c) => c.quarter))].sort();
  return (
    <section className={styles.section} aria-labelledby="cleanup-title" data-testid="section-cleanup">
      <h2 id="cleanup-title">{t('council.cleanup.title')}</h2>
      <p className={styles.note}>{t('council.cleanup.targets', { offensive: dto.cleanupTargets.offensiveGraffitiHours, graffiti: dto.cleanupTargets.graffitiHours, damage: dto.cleanupTargets.damageHours })}</p>
      {dto.cleanup.length === 0 ? (
        <p>{t('council.cleanup.none')}</p>
      ) : (
        <ChartFigure
          id="cleanup"
          locale={locale}
          title={`${t('council.cleanup.title')} ${dto.quarter}`}
          csvHref={csvHref(dto, 'cleanup')}
          chart={
            <div className={styles.grid}>
              <CouncilBarChart
                data={current.map((c) => ({ org: org(c.organisation), median: c.medianHours }))}
                categoryKey="org"
                layout="vertical"
                series={[{ key: 'median', label: t('council.cleanup.median'), pattern: 'hatch' }]}
                ariaLabel={`${t('council.cleanup.median')} ${dto.quarter}`}
                idPrefix="cleanup-median"
                height={60 + current.length * 34}
                width={chartWidth ? Math.floor(chartWidth / 2) : undefined}
              />
              <CouncilBarChart
                data={current.map((c) => ({ org: org(c.organisation), share: c.withinTargetShare === null ? null : Math.round(c.withinTargetShare * 100) }))}
                categoryKey="org"
                layout="vertical"
                series={[{ key: 'share', label: `${t('council.cleanup.share')} (%)`, pattern: 'dots' }]}
                ariaLabel={`${t('council.cleanup.share')} ${dto.quarter}`}
                idPrefix="cleanup-share"
                height={60 + current.length * 34}
                width={chartWidth ? Math.floor(chartWidth / 2) : undefined}
                unit=" %"
              />
            </div>
          }
          table={
            <table className={styles.table}>
              <thead>
                <tr>
                  <th scope="col">{t('council.cleanup.organisation')}</th>
                  <th scope="col">{t('council.quarter')}</th>
                  <th scope="col" className={styles.num}>{t('council.cleanup.reports')}</th>
                  <th scope="col" className={styles.num}>{t('council.cleanup.median')}</th>
                  <th scope="col" className={styles.num}>{t('council.cleanup.share')}</th>
                </tr>
              </thead>
              <tbody>
                {[...new Set(dto.cleanup.map((c) => c.organisation))].flatMap((o) =>
                  quarters.map((q) => {
                    const c = dto.cleanup.find((x) => x.organisation === o && x.quarter === q);
                    return (
                      <tr key={`${o}-${q}`}>
                        <th scope="row">{org(o)}</th>
                        <td>{q}</td>
                        <td className={styles.num}>{!c ? '0' : c.reports === null ? t('council.fewerThan', { k: dto.k }) : n(c.reports)}</td>
                        <td className={styles.num}>{c?.medianHours === null || !c ? '–' : n(c.medianHours, 1)}</td>
                        <td className={styles.num}>{c?.withinTargetShare === null || !c ? '–' : `${n(c.withinTargetShare * 100)} %`}</td>
                      </tr>
                    );
                  }),
                )}
              </tbody>
            </table>
          }
        />
      )}
    </section>
  );
}

/** Effect of each focus area: before/after in A, B and C with WDQ, WDD, z and a verdict in words. */
export function EffectSection({ dto, locale, chartWidth }: SectionProps) {
  const { t, n } = useFormat(locale, dto.k);
  const c = (x: number | null | undefined, shown: boolean) => (!shown ? '–' : x === null || x === undefined ? t('council.fewerThan', { k: dto.k }) : n(x));
  return (
    <section className={styles.section} aria-labelledby="effects-title" data-testid="section-effects">
      <h2 id="effects-title">{t('council.effect.title')}</h2>
      {dto.effects.length === 0 ? <p>{t('council.effect.none')}</p> : null}
      {dto.effects.length ? (
        <ChartFigure
          id="effects"
          locale={locale}
          title={t('council.effect.title')}
          csvHref={csvHref(dto, 'effects')}
          notes={<p className={styles.note}>{t('council.effect.method')}</p>}
          chart={
            <CouncilBarChart
              data={dto.effects
                .filter((e) => e.counts)
                .flatMap((e) => [
                  { name: `${e.name}: ${t('council.effect.target')}`, before: e.counts!.a0, after: e.counts!.a1 },
                  { name: `${e.name}: ${t('council.effect.buffer', { m: e.bufferM })}`, before: e.counts!.b0, after: e.counts!.b1 },
                ])}
              categoryKey="name"
              layout="vertical"
              series={[
                { key: 'before', label: t('council.effect.before'), pattern: 'light' },
                { key: 'after', label: t('council.effect.after'), pattern: 'solid' },
              ]}
              ariaLabel={t('council.effect.title')}
              idPrefix="effects"
              height={60 + dto.effects.filter((e) => e.counts).length * 90}
              width={chartWidth}
            />
          }
          table={
            <table className={styles.table}>
              <thead>
                <tr>
                  <th scope="col">{t('council.effect.focusArea')}</th>
                  <th scope="col" className={styles.num}>{t('council.effect.target')} {t('council.effect.before')} / {t('council.effect.after')}</th>
                  <th scope="col" className={styles.num}>{t('council.effect.buffer', { m: dto.effects[0].bufferM })} {t('council.effect.before')} / {t('council.effect.after')}</th>
                  <th scope="col" className={styles.num}>{t('council.effect.control')} {t('council.effect.before')} / {t('council.effect.after')}</th>
                  <th scope="col" className={styles.num}>WDQ</th>
                  <th scope="col" className={styles.num}>WDD (z)</th>
                  <th scope="col">{t('council.trend.verdict')}</th>
                </tr>
              </thead>
              <tbody>
                {dto.effects.map((e) => (
                  <tr key={e.focusAreaId} data-testid="effect-row">
                    <th scope="row">
                      {e.name}
                      <div className={styles.note}>
                        {e.windows
                          ? t('council.effect.windows', { b1: e.windows.before.first, b2: e.windows.before.last, a1: e.windows.after.first, a2: e.windows.after.last, months: e.windows.months, start: e.startMonth ?? '' })
                          : t('council.effect.tooEarly', { start: e.startMonth ?? '' })}
                      </div>
                    </th>
                    <td className={styles.num}>{c(e.counts?.a0, !!e.counts)} / {c(e.counts?.a1, !!e.counts)}</td>
                    <td className={styles.num}>{c(e.counts?.b0, !!e.counts)} / {c(e.counts?.b1, !!e.counts)}</td>
                    <td className={styles.num}>{c(e.counts?.c0, !!e.counts)} / {c(e.counts?.c1, !!e.counts)}</td>
                    <td className={styles.num}>{e.wdq === null ? '–' : n(e.wdq, 2)}</td>
                    <td className={styles.num}>{e.wdd === null ? '–' : `${n(e.wdd)} (${e.z === null ? '–' : n(e.z, 2)})`}</td>
                    <td>
                      {t(`council.effect.verdict.${e.verdict}` as MessageKey)}
                      {e.displacement ? ` ${t(`council.effect.displacement.${e.displacement}` as MessageKey)}` : ''}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          }
        />
      ) : null}
    </section>
  );
}
