import type { Metadata } from 'next';
import { getTranslator } from '@/lib/i18n/translate';
import { getLastClosedQuarter } from '@/lib/server/council/build-council-dashboard';
import { councilQuerySchema, requireCouncilPageViewer } from '@/lib/server/council/council-access';
import { getQuarterlyReport } from '@/lib/server/council/get-quarterly-report';
import { getDatabaseState, startDatabase } from '@/lib/server/db';
import { DecisionSection } from '../../_components/council/decision-section';
import { CleanupSection, EffectSection, PledgeSection, SurveySection, TrendSection } from '../../_components/council/council-sections';
import styles from '../../_components/council/council.module.css';
import { PrintButton } from '../../_components/council/print-button';
import { ReportMapImage } from '../../_components/council/report-map-image';
import { DatabaseStatus } from '../../_components/ui/database-status';
import { getRequestLocale } from '../../_lib/request-locale';

export const dynamic = 'force-dynamic';

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

/** Chart width on A4 (210 mm − 28 mm margins ≈ 680 CSS px at 96 dpi). */
const PRINT_WIDTH = 680;

export async function generateMetadata(): Promise<Metadata> {
  return { title: getTranslator(await getRequestLocale())('council.reportTitle') };
}

// The quarterly report to the council: a printable A4 page (print CSS) with trends, survey, pledge
// texts, the activity table, cleanup, effects and a map image, all from council-precision aggregates;
// `lagesbild report` prints this page to PDF with Chromium.
export default async function QuarterlyReportPage({ searchParams }: { searchParams: SearchParams }) {
  const params = await searchParams;
  const locale = await getRequestLocale();
  const t = getTranslator(locale);
  startDatabase();
  const state = getDatabaseState();
  if (state.phase !== 'ready') return <DatabaseStatus locale={locale} state={state} />;

  const now = new Date();
  const viewer = await requireCouncilPageViewer('/rapport', 'read');
  const raw = Array.isArray(params.quarter) ? params.quarter[0] : params.quarter;
  const parsed = councilQuerySchema(now).safeParse({ quarter: raw });
  const quarter = parsed.success ? parsed.data.quarter : getLastClosedQuarter(now);
  const { dto, map, municipalityName, decisions } = await getQuarterlyReport(viewer, { quarter, now });
  const selection = { area: 'all', group: 'all' as const };
  const dateText = new Intl.DateTimeFormat(locale === 'sv' ? 'sv-SE' : 'en-GB', { timeZone: 'Europe/Stockholm', dateStyle: 'long' }).format(now);
  return (
    <div className={styles.page} data-testid="quarterly-report" data-quarter={quarter}>
      <article className={styles.inner} style={{ maxWidth: '48rem' }}>
        <p className={`${styles.controls} ${styles.noPrint}`}>
          <PrintButton label={t('council.print')} />
          <a href={`/rad?quarter=${quarter}`}>{t('council.backToDashboard')}</a>
        </p>
        {parsed.success ? null : (
          <p role="alert" className={styles.noPrint} data-testid="quarter-error">
            {t('council.invalidQuarter', { message: parsed.error.issues.map((i) => i.message).join('; ') })}
          </p>
        )}
        <header>
          <p className={styles.note}>{t('council.reportTitle')}</p>
          <h1>{t('council.reportHeading', { quarter, municipality: municipalityName })}</h1>
          <p className={styles.note}>{t('council.intro', { k: dto.k })}</p>
        </header>
        <ReportMapImage map={map} locale={locale} quarter={quarter} k={dto.k} />
        <TrendSection dto={dto} locale={locale} selection={selection} chartWidth={PRINT_WIDTH} />
        <PledgeSection dto={dto} locale={locale} selection={selection} chartWidth={PRINT_WIDTH} withTexts />
        <DecisionSection decisions={decisions} quarter={quarter} locale={locale} />
        <EffectSection dto={dto} locale={locale} selection={selection} chartWidth={PRINT_WIDTH} />
        <CleanupSection dto={dto} locale={locale} selection={selection} chartWidth={PRINT_WIDTH} />
        <SurveySection dto={dto} locale={locale} selection={selection} chartWidth={PRINT_WIDTH} />
        <footer className={styles.footer} data-testid="classification">
          <p>{t('council.classification', { k: dto.k })}</p>
          <p>{t('council.generated', { date: dateText })}</p>
        </footer>
      </article>
    </div>
  );
}
