import { formatNumber, getTranslator, type Locale } from '@/lib/i18n/translate';
import type { MonthCount } from '@/lib/map/hour-weekday-matrix';
import { type PlaceFeatureCollection, countBySymbol } from '@/lib/map/place-features';
import { sparklinePath } from '@/lib/map/sparkline';
import styles from './charts.module.css';

export interface SummaryStripProps {
  locale: Locale;
  incidents: number | null;
  months: MonthCount[] | null;
  unsafePlaces: PlaceFeatureCollection | null;
  vandalism: PlaceFeatureCollection | null;
}

const SPARK_W = 160;
const SPARK_H = 32;

/** Totals per layer for the current filter and a monthly sparkline with its table. Server component. */
export function SummaryStrip({ locale, incidents, months, unsafePlaces, vandalism }: SummaryStripProps) {
  const t = getTranslator(locale);
  const n = (x: number) => formatNumber(locale, x);
  const u = unsafePlaces ? countBySymbol(unsafePlaces) : null;
  const v = vandalism ? countBySymbol(vandalism) : null;
  const max = months ? Math.max(0, ...months.map((m) => m.count)) : 0;
  return (
    <section className={styles.block} aria-labelledby="summary-title" data-testid="summary-strip">
      <h2 id="summary-title" className={styles.heading}>
        {t('summary.title')}
      </h2>
      <dl className={styles.totals}>
        <div>
          <dt>{t('summary.incidents')}</dt>
          <dd data-testid="summary-incidents">{incidents === null ? '–' : n(incidents)}</dd>
        </div>
        <div>
          <dt>{t('summary.unsafe')}</dt>
          <dd data-testid="summary-unsafe">
            {unsafePlaces ? n(unsafePlaces.features.length) : t('summary.hidden')}
            {u ? (
              <small>
                {t('summary.unsafeDetail', { open: n(u['unsafe-open'] ?? 0), planned: n(u['unsafe-planned'] ?? 0), fixed: n(u['unsafe-fixed'] ?? 0) })}
              </small>
            ) : null}
          </dd>
        </div>
        <div>
          <dt>{t('summary.vandalism')}</dt>
          <dd data-testid="summary-vandalism">
            {vandalism ? n(vandalism.features.length) : t('summary.hidden')}
            {v ? (
              <small>
                {t('summary.vandalismDetail', {
                  open: n((v.graffiti ?? 0) + (v.damage ?? 0)),
                  cleaned: n((v['graffiti-cleaned'] ?? 0) + (v['damage-cleaned'] ?? 0)),
                })}
              </small>
            ) : null}
          </dd>
        </div>
      </dl>
      {months && months.length > 0 ? (
        <figure className={styles.spark}>
          <figcaption className={styles.note}>{t('summary.trend')}</figcaption>
          <svg
            width={SPARK_W}
            height={SPARK_H}
            viewBox={`0 0 ${SPARK_W} ${SPARK_H}`}
            role="img"
            aria-label={t('summary.trendLabel', {
              first: months[0].month,
              firstCount: n(months[0].count),
              last: months[months.length - 1].month,
              lastCount: n(months[months.length - 1].count),
              max: n(max),
            })}
            data-testid="sparkline"
          >
            <path d={sparklinePath(months.map((m) => m.count), SPARK_W, SPARK_H)} fill="none" stroke="currentColor" strokeWidth={1.5} />
          </svg>
          <details>
            <summary>{t('summary.trendTable')}</summary>
            <table className={styles.small}>
              <thead>
                <tr>
                  <th scope="col">{t('summary.month')}</th>
                  <th scope="col">{t('summary.count')}</th>
                </tr>
              </thead>
              <tbody>
                {months.map((m) => (
                  <tr key={m.month}>
                    <th scope="row">{m.month}</th>
                    <td>{n(m.count)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </details>
        </figure>
      ) : null}
    </section>
  );
}
