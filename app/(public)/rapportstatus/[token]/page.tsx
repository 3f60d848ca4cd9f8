import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { getTranslator } from '@/lib/i18n/translate';
import { getCitizenReportStatus } from '@/lib/server/public/get-citizen-report-status';
import { getDatabaseState, startDatabase } from '@/lib/server/public/public-database';
import { DatabaseStatus } from '../../../_components/ui/database-status';
import { getRequestLocale } from '../../../_lib/request-locale';
import { formatDay, labelOf } from '../../_components/public-texts';

export const dynamic = 'force-dynamic';

// The token is a secret in the path: no referrer leaves this page, and search engines keep out.
export async function generateMetadata(): Promise<Metadata> {
  return { title: getTranslator(await getRequestLocale())('public.statusHeading'), referrer: 'no-referrer', robots: { index: false, follow: false } };
}

type Params = Promise<{ token: string }>;
type SearchParams = Promise<Record<string, string | string[] | undefined>>;

const STEPS = ['received', 'planned', 'fixed'] as const;

export default async function ReportStatusPage({ params, searchParams }: { params: Params; searchParams: SearchParams }) {
  const locale = await getRequestLocale();
  const t = getTranslator(locale);
  startDatabase();
  const state = getDatabaseState();
  if (state.phase !== 'ready') {
    return (
      <main id="main" className="public-main" tabIndex={-1}>
        <DatabaseStatus locale={locale} state={state} />
      </main>
    );
  }
  const { token } = await params;
  const status = await getCitizenReportStatus(token);
  if (!status) notFound();
  const isNew = (await searchParams).ny === '1';
  const current = status.publicStatus === 'closed' ? null : STEPS.indexOf(status.publicStatus);
  return (
    <main id="main" className="public-main" tabIndex={-1}>
      <h1>{t('public.statusHeading')}</h1>
      {isNew ? (
        <section role="status" data-testid="report-sent">
          <p>
            <strong>{t('public.reportSent')}</strong>
          </p>
          <p>{t('public.reportKeepLink')}</p>
          <p className="public-link-box" data-testid="status-link">
            <a href={`/rapportstatus/${token}`}>{`/rapportstatus/${token}`}</a>
          </p>
        </section>
      ) : null}
      <dl>
        <dt>{t('public.statusCategory')}</dt>
        <dd>{labelOf(t, 'public.reportCategory', status.category)}</dd>
        <dt>{t('public.statusReceived')}</dt>
        <dd>{formatDay(locale, status.receivedOn)}</dd>
        <dt>{t('public.statusNow')}</dt>
        <dd data-testid="report-status" data-status={status.publicStatus}>
          {labelOf(t, 'public.reportStatus', status.publicStatus)}
        </dd>
        <dt>{t('public.statusChanged')}</dt>
        <dd>{formatDay(locale, status.statusChangedOn)}</dd>
      </dl>
      <h2>{t('public.statusSteps')}</h2>
      <ol className="public-status-steps">
        {STEPS.map((s, i) => (
          <li key={s} aria-current={i === current ? 'step' : undefined}>
            {labelOf(t, 'public.reportStatus', s)}
          </li>
        ))}
      </ol>
      {status.state === 'merged' ? <p>{t('public.statusMerged')}</p> : null}
      {status.state === 'rejected' ? <p>{t('public.statusRejected')}</p> : null}
      {status.publicSummary ? (
        <>
          <h2>{t('public.statusSummary')}</h2>
          <p data-testid="report-public-summary">{status.publicSummary}</p>
        </>
      ) : null}
      <p className="public-notice">{t('public.emergency')}</p>
    </main>
  );
}
