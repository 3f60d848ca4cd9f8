// The result beside the map: summary, warnings, legend and the ranked hotspots with their numbers. No hooks:
// rendered by the workbench (client) and the saved-run page (server) alike.
import type { Locale } from '@/lib/i18n/translate';
import type { AnalysisWarning, ResultView } from '@/lib/server/analysis/analysis-result';
import { BIN_COLOURS, EMERGING_COLOURS } from './analysis-colours';
import { analysisTexts, fill } from './analysis-texts';
import styles from './analysis.module.css';

const nf = (locale: Locale, digits: number) => new Intl.NumberFormat(locale === 'en' ? 'en-GB' : 'sv-SE', { maximumFractionDigits: digits, minimumFractionDigits: 0 });

export function warningText(locale: Locale, w: AnalysisWarning | { code: string }): string {
  const t = analysisTexts(locale);
  const template = t.warnings[w.code] ?? w.code;
  const params: Record<string, string | number> = {};
  for (const [k, v] of Object.entries(w)) params[k] = Array.isArray(v) ? v.join(', ') : typeof v === 'number' ? nf(locale, 1).format(v) : String(v);
  if ('meanNeighbours' in w) params.mean = nf(locale, 0).format(w.meanNeighbours);
  return fill(template, params);
}

export function ResultLegend({ locale, method }: { locale: Locale; method: ResultView['method'] }) {
  const t = analysisTexts(locale);
  const items: [string, string][] =
    method === 'gi_star'
      ? [
          [BIN_COLOURS['3'], t.hot99],
          [BIN_COLOURS['2'], t.hot95],
          [BIN_COLOURS['1'], t.hot90],
          [BIN_COLOURS['-1'], t.cold90],
          [BIN_COLOURS['-2'], t.cold95],
          [BIN_COLOURS['-3'], t.cold99],
        ]
      : method === 'emerging'
        ? [...Object.entries(EMERGING_COLOURS).filter(([k]) => k !== 'none').map(([k, c]) => [c, t.emergingCategories[k]] as [string, string]), ['#6baed6', `${t.emergingCategories.persistent} … ${t.coldSuffix}`]]
        : method === 'kde'
          ? [
              ['#ffffb2', t.densityLow],
              ['#e31a1c', t.densityHigh],
            ]
          : [['#6a51a3', t.clusterHull]];
  return (
    <div className={styles.legend} data-testid="analysis-legend">
      <strong>{t.legend}</strong>
      <ul>
        {items.map(([colour, label]) => (
          <li key={label}>
            <span className={styles.swatch} style={{ background: colour }} aria-hidden="true" />
            {label}
          </li>
        ))}
      </ul>
      {method === 'gi_star' ? <p className={styles.note}>{t.noDotsNote}</p> : null}
    </div>
  );
}

export function ResultPanel({ locale, view, incidents, notesByRef }: { locale: Locale; view: ResultView; incidents: number | null; notesByRef?: Map<string, string[]> }) {
  const t = analysisTexts(locale);
  const n0 = nf(locale, 0);
  const n1 = nf(locale, 1);
  const n2 = nf(locale, 2);
  const s = view.summary;
  const summary =
    view.method === 'gi_star'
      ? fill(t.summaryGi, { hot: s.hotCells, cold: s.coldCells, cells: s.cells })
      : view.method === 'dbscan'
        ? fill(t.summaryDbscan, { clusters: s.clusters, noise: s.noise ?? 0 })
        : view.method === 'kde'
          ? fill(t.summaryKde, { cells: s.cells })
          : fill(t.summaryEmerging, { hot: s.hotCells, cold: s.coldCells });
  return (
    <section className={styles.result} data-testid="analysis-result" aria-label={t.ranked}>
      <p data-testid="analysis-summary">
        {incidents !== null ? `${fill(t.incidentsUsed, { n: n0.format(incidents) })} ` : null}
        {summary}
      </p>
      {view.warnings.length > 0 ? (
        <ul className={styles.warnings} data-testid="analysis-warnings">
          {view.warnings.map((w, k) => (
            <li key={k} role="alert">
              {warningText(locale, w)}
            </li>
          ))}
        </ul>
      ) : null}
      <ResultLegend locale={locale} method={view.method} />
      <h3>{t.ranked}</h3>
      {view.hotspots.length === 0 ? (
        <p>{t.noHotspots}</p>
      ) : (
        <div className={styles.tableWrap}>
          <table className={styles.table} data-testid="hotspot-table">
            <thead>
              <tr>
                <th scope="col">{t.rank}</th>
                <th scope="col">{t.incidents}</th>
                {view.method === 'gi_star' ? (
                  <>
                    <th scope="col">{t.cells}</th>
                    <th scope="col">{t.zScore}</th>
                    <th scope="col">{t.pValue}</th>
                    <th scope="col">{t.confidence}</th>
                  </>
                ) : null}
                {view.method === 'emerging' ? (
                  <>
                    <th scope="col">{t.categoryCol}</th>
                    <th scope="col">{t.trendZ}</th>
                  </>
                ) : null}
                {view.method === 'kde' ? <th scope="col">{t.density}</th> : null}
                {view.method === 'dbscan' ? <th scope="col">{t.topCategories}</th> : null}
                <th scope="col">{t.area}</th>
              </tr>
            </thead>
            <tbody>
              {view.hotspots.map((h) => (
                <tr key={h.ref} data-ref={h.ref}>
                  <td>
                    #{h.rank}
                    {notesByRef?.get(h.ref)?.length ? <span className={styles.noteMark} title={notesByRef.get(h.ref)!.join('\n')}> ✎</span> : null}
                  </td>
                  <td>{view.method === 'kde' ? '–' : n0.format(h.incidents)}</td>
                  {view.method === 'gi_star' ? (
                    <>
                      <td>{h.cells}</td>
                      <td>{n2.format(h.z ?? 0)}</td>
                      <td>{h.p !== null ? (h.p < 0.0001 ? '< 0,0001' : n2.format(h.p)) : '–'}</td>
                      <td>{h.confidence} %</td>
                    </>
                  ) : null}
                  {view.method === 'emerging' ? (
                    <>
                      <td>{t.emergingCategories[h.category ?? 'none']}</td>
                      <td>{n2.format(h.z ?? 0)}</td>
                    </>
                  ) : null}
                  {view.method === 'kde' ? <td>{n1.format(h.density ?? 0)}</td> : null}
                  {view.method === 'dbscan' ? <td>{h.topCategories.map(([k, c]) => `${k} ${c}`).join(', ')}</td> : null}
                  <td>{n2.format(h.areaKm2)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
