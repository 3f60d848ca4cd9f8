import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { areaBounds } from '@/lib/map/area-features';
import { requireAnalysisPageViewer, getAnalysisPageData } from '@/lib/server/analysis/analysis-page-data';
import { DEFAULT_PRIORITY_WEIGHTS } from '@/lib/server/analysis/priorities';
import { getAnalysisRunDetail } from '@/lib/server/analysis/saved-runs';
import { HttpError } from '@/lib/server/auth/errors';
import { getDatabaseState, startDatabase } from '@/lib/server/db';
import { listMapAreas } from '@/lib/server/situation/list-area-outlines';
import { analysisTexts, fill } from '../../../../_components/analysis/analysis-texts';
import styles from '../../../../_components/analysis/analysis.module.css';
import { RunView } from '../../../../_components/analysis/run-view';
import { DatabaseStatus } from '../../../../_components/ui/database-status';
import { getRequestLocale } from '../../../../_lib/request-locale';

export const dynamic = 'force-dynamic';

export async function generateMetadata(): Promise<Metadata> {
  return { title: analysisTexts(await getRequestLocale()).pageTitle };
}

export default async function AnalysisRunPage({ params }: { params: Promise<{ id: string }> }) {
  const locale = await getRequestLocale();
  startDatabase();
  const state = getDatabaseState();
  if (state.phase !== 'ready') return <DatabaseStatus locale={locale} state={state} />;
  const { id } = await params;
  const t = analysisTexts(locale);
  const { db, viewer } = await requireAnalysisPageViewer(`/analys/korningar/${id}`);
  const detail = await getAnalysisRunDetail(db, viewer, id).catch((err: unknown) => {
    if (err instanceof HttpError && err.status === 404) notFound();
    throw err;
  });
  const [data, areas] = await Promise.all([getAnalysisPageData(db, viewer), listMapAreas(viewer.municipalityCode)]);
  const dateTime = new Intl.DateTimeFormat(locale === 'en' ? 'en-GB' : 'sv-SE', { dateStyle: 'short', timeStyle: 'short', timeZone: 'Europe/Stockholm' });
  const method = detail.method in t.methods ? t.methods[detail.method as keyof typeof t.methods] : detail.method;
  const p = detail.parameters as Record<string, unknown>;
  const shown = Object.entries(p).filter(([k, v]) => !['municipality', 'idsHash', 'method'].includes(k) && v !== null && v !== undefined);
  return (
    <div className="map-page">
      <RunView
        locale={locale}
        runId={detail.id}
        view={detail.view}
        incidents={detail.incidents}
        notes={detail.notes}
        meetings={detail.meetings.map((m) => ({ id: m.id, label: `${m.held_on} ${m.kind === 'analysis' ? t.kindAnalysis : t.kindFollowUp}` }))}
        otherRuns={data.runs.filter((r) => r.id !== detail.id && r.method !== 'priority').map((r) => ({ id: r.id, label: `${r.title} (${dateTime.format(new Date(r.created_at))})` }))}
        defaultWeights={DEFAULT_PRIORITY_WEIGHTS}
        areas={areas}
        bounds={areaBounds(areas)}
      >
        <p>
          <a href="/analys">← {t.back}</a>
        </p>
        <h1 data-testid="run-title">{fill(t.runTitle, { title: detail.title })}</h1>
        <p>
          {method}. {t.saved} {dateTime.format(new Date(detail.createdAt))} {detail.createdBy ? `${t.by} ${detail.createdBy}` : ''}
        </p>
        <p className={detail.now.changed ? styles.bannerChanged : styles.banner} data-testid="data-status" data-changed={detail.now.changed}>
          {detail.now.changed ? fill(t.changed, { now: detail.now.incidents, then: detail.incidents }) : fill(t.unchanged, { n: detail.incidents })}
        </p>
        <details>
          <summary>{t.parameters}</summary>
          <dl>
            {shown.map(([k, v]) => (
              <div key={k}>
                <dt>{k}</dt>
                <dd>{Array.isArray(v) ? v.join(', ') : String(v)}</dd>
              </div>
            ))}
            <div>
              <dt>{t.hashNote}</dt>
              <dd>
                <code>{detail.recordIdsHash}</code>
              </dd>
            </div>
          </dl>
        </details>
        {detail.meetings.length > 0 ? (
          <section aria-labelledby="meetings" data-testid="run-meetings">
            <h2 id="meetings">{t.meetings}</h2>
            <ul>
              {detail.meetings.map((m) => (
                <li key={m.id}>
                  {m.held_on} – {m.kind === 'analysis' ? t.kindAnalysis : t.kindFollowUp}
                  {m.meeting_mode ? ` (${t.meetingMode.split(' (')[0].toLowerCase()})` : ''}
                  {m.organisations.length ? `: ${m.organisations.join(', ')}` : ''}
                  {m.decisions ? (
                    <>
                      <br />
                      {t.decisions}: {m.decisions}
                    </>
                  ) : null}
                </li>
              ))}
            </ul>
          </section>
        ) : null}
      </RunView>
    </div>
  );
}
