import type { Feature, Polygon } from 'geojson';
import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { projectSweref99tmToWgs84 } from '@/lib/geo/crs';
import { areaBounds } from '@/lib/map/area-features';
import { getAnalysisPageData, requireAnalysisPageViewer } from '@/lib/server/analysis/analysis-page-data';
import { compareAnalysisRuns, type RunComparison } from '@/lib/server/analysis/saved-runs';
import { HttpError } from '@/lib/server/auth/errors';
import { getDatabaseState, startDatabase } from '@/lib/server/db';
import { listMapAreas } from '@/lib/server/situation/list-area-outlines';
import { STATUS_COLOURS } from '../../../_components/analysis/analysis-colours';
import { AnalysisMap } from '../../../_components/analysis/analysis-map';
import { analysisTexts } from '../../../_components/analysis/analysis-texts';
import styles from '../../../_components/analysis/analysis.module.css';
import { DatabaseStatus } from '../../../_components/ui/database-status';
import { getRequestLocale } from '../../../_lib/request-locale';

export const dynamic = 'force-dynamic';

export async function generateMetadata(): Promise<Metadata> {
  return { title: analysisTexts(await getRequestLocale()).compareTitle };
}

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

export default async function CompareRunsPage({ searchParams }: { searchParams: SearchParams }) {
  const locale = await getRequestLocale();
  startDatabase();
  const state = getDatabaseState();
  if (state.phase !== 'ready') return <DatabaseStatus locale={locale} state={state} />;
  const t = analysisTexts(locale);
  const sp = await searchParams;
  const a = typeof sp.a === 'string' ? sp.a : '';
  const b = typeof sp.b === 'string' ? sp.b : '';
  const { db, viewer } = await requireAnalysisPageViewer('/analys/jamfor');
  const [data, areas] = await Promise.all([getAnalysisPageData(db, viewer), listMapAreas(viewer.municipalityCode)]);
  let comparison: RunComparison | null = null;
  if (a && b) {
    comparison = await compareAnalysisRuns(db, viewer, a, b).catch((err: unknown) => {
      if (err instanceof HttpError && err.status === 404) notFound();
      throw err;
    });
  }
  const label = { new: t.statusNew, persistent: t.statusPersistent, gone: t.statusGone };
  const features: Feature<Polygon, { ref: string; status: string }>[] =
    comparison?.items.flatMap((i) =>
      i.hotspot.rings3006.map((ring) => ({
        type: 'Feature' as const,
        geometry: { type: 'Polygon' as const, coordinates: [ring.map(([x, y]) => projectSweref99tmToWgs84(x, y))] },
        properties: { ref: i.hotspot.ref, status: i.status },
      })),
    ) ?? [];
  const runs = data.runs.filter((r) => r.method !== 'priority');
  return (
    <div className="map-page">
      <div className={styles.layout}>
        <aside className={styles.side}>
          <p>
            <a href="/analys">← {t.back}</a>
          </p>
          <h1>{t.compareTitle}</h1>
          <form className={styles.form} method="get">
            <label>
              {t.earlier}{' '}
              <select name="a" defaultValue={a}>
                {runs.map((r) => (
                  <option key={r.id} value={r.id}>
                    {r.title}
                  </option>
                ))}
              </select>
            </label>
            <label>
              {t.later}{' '}
              <select name="b" defaultValue={b}>
                {runs.map((r) => (
                  <option key={r.id} value={r.id}>
                    {r.title}
                  </option>
                ))}
              </select>
            </label>
            <button type="submit">{t.compareButton}</button>
          </form>
          {comparison ? (
            <section data-testid="comparison">
              <p>
                {comparison.a.title} → {comparison.b.title}. {comparison.byCell ? t.byCell : t.byGeometry}
              </p>
              <ul className={styles.legend}>
                {(['new', 'persistent', 'gone'] as const).map((s) => (
                  <li key={s}>
                    <span className={styles.swatch} style={{ background: STATUS_COLOURS[s] }} aria-hidden="true" />
                    {label[s]}: {comparison!.counts[s]}
                  </li>
                ))}
              </ul>
              <div className={styles.tableWrap}>
                <table className={styles.table} data-testid="comparison-table">
                  <thead>
                    <tr>
                      <th scope="col">{t.hotspot}</th>
                      <th scope="col">{t.categoryCol}</th>
                      <th scope="col">{t.incidents}</th>
                      <th scope="col">{t.area}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {comparison.items.map((i) => (
                      <tr key={`${i.status}-${i.hotspot.ref}`} data-status={i.status}>
                        <td>
                          {i.status === 'gone' ? t.earlier : t.later} #{i.hotspot.rank}
                        </td>
                        <td>{label[i.status]}</td>
                        <td>{i.hotspot.incidents}</td>
                        <td>{i.hotspot.areaKm2.toFixed(2)}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            </section>
          ) : null}
        </aside>
        <div className={styles.mapArea}>
          <AnalysisMap areas={areas} bounds={areaBounds(areas)} method="compare" clusters={{ type: 'FeatureCollection', features }} ariaLabel={t.compareTitle} />
        </div>
      </div>
    </div>
  );
}
