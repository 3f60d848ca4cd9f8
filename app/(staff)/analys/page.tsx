import type { Metadata } from 'next';
import { getAnalysisPageData, requireAnalysisPageViewer } from '@/lib/server/analysis/analysis-page-data';
import { getDatabaseState, startDatabase } from '@/lib/server/db';
import { areaBounds } from '@/lib/map/area-features';
import { defaultPeriod } from '@/lib/server/situation/get-staff-context';
import { listMapAreas } from '@/lib/server/situation/list-area-outlines';
import { AnalysisWorkbench } from '../../_components/analysis/analysis-workbench';
import { analysisTexts } from '../../_components/analysis/analysis-texts';
import styles from '../../_components/analysis/analysis.module.css';
import { DatabaseStatus } from '../../_components/ui/database-status';
import { getRequestLocale } from '../../_lib/request-locale';

export const dynamic = 'force-dynamic';

export async function generateMetadata(): Promise<Metadata> {
  return { title: analysisTexts(await getRequestLocale()).pageTitle };
}

export default async function AnalysisPage() {
  const locale = await getRequestLocale();
  startDatabase();
  const state = getDatabaseState();
  if (state.phase !== 'ready') return <DatabaseStatus locale={locale} state={state} />;
  const t = analysisTexts(locale);
  const { db, viewer } = await requireAnalysisPageViewer('/analys');
  const [data, areas] = await Promise.all([getAnalysisPageData(db, viewer), listMapAreas(viewer.municipalityCode)]);
  const dateTime = new Intl.DateTimeFormat(locale === 'en' ? 'en-GB' : 'sv-SE', { dateStyle: 'short', timeStyle: 'short', timeZone: 'Europe/Stockholm' });
  return (
    <div className="map-page">
      <AnalysisWorkbench
        locale={locale}
        municipalityCode={viewer.municipalityCode}
        defaultPeriod={defaultPeriod(new Date())}
        categories={data.categories.map((c) => ({ key: c.key, label: locale === 'en' ? c.label_en : c.label_sv }))}
        meetings={data.meetings.map((m) => ({ id: m.id, label: `${m.held_on} ${m.kind === 'analysis' ? t.kindAnalysis : t.kindFollowUp}${m.organisations.length ? ` (${m.organisations.join(', ')})` : ''}` }))}
        organisations={data.organisations.map((o) => ({ id: o.id, name: o.name }))}
        meetingMode={viewer.meetingMode}
        areas={areas}
        bounds={areaBounds(areas)}
      >
      <section aria-labelledby="saved-runs" data-testid="saved-runs">
        <h2 id="saved-runs">{t.savedRuns}</h2>
        {data.runs.length === 0 ? (
          <p>{t.noRuns}</p>
        ) : (
          <table className={styles.table}>
            <thead>
              <tr>
                <th scope="col">{t.title}</th>
                <th scope="col">{t.method_}</th>
                <th scope="col">{t.incidents}</th>
                <th scope="col">{t.meetings}</th>
                <th scope="col">{t.saved}</th>
              </tr>
            </thead>
            <tbody>
              {data.runs.map((r) => (
                <tr key={r.id}>
                  <td>{r.method === 'priority' ? r.title : <a href={`/analys/korningar/${r.id}`}>{r.title}</a>}</td>
                  <td>{r.method in t.methods ? t.methods[r.method as keyof typeof t.methods] : r.method}</td>
                  <td>{r.incidents}</td>
                  <td>{r.meetings.join(', ')}</td>
                  <td>
                    {dateTime.format(new Date(r.created_at))} {r.created_by ? `${t.by} ${r.created_by}` : ''}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
      </AnalysisWorkbench>
    </div>
  );
}
