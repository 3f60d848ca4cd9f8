import { formatNumber, getTranslator, type Locale, type MessageKey } from '@/lib/i18n/translate';
import { HOURS, type HourWeekdayMatrix, WEEKDAYS, shadeStep } from '@/lib/map/hour-weekday-matrix';
import styles from './charts.module.css';

/**
 * The hour × weekday matrix as one real table: every cell shows its number (text) and a shade of the
 * viridis ramp (colour), so it reads without colour and with a screen reader. Server component.
 */
export function HourWeekdayTable({ locale, matrix }: { locale: Locale; matrix: HourWeekdayMatrix }) {
  const t = getTranslator(locale);
  // Aoristic weights make counts fractional: one decimal in cells and totals, the whole count overall.
  const n = (x: number) => formatNumber(locale, Math.round(x * 10) / 10);
  const total = Math.round(matrix.total);
  return (
    <section className={styles.block} aria-labelledby="hour-weekday-title" data-testid="hour-weekday">
      <h2 id="hour-weekday-title" className={styles.heading}>
        {t('matrix.title')}
      </h2>
      <div className={styles.scroll} tabIndex={0} role="group" aria-labelledby="hour-weekday-title">
        <table className={styles.matrix} data-testid="hour-weekday-table" data-total={total}>
          <caption className={styles.caption}>{t('matrix.caption', { total: formatNumber(locale, total) })}</caption>
          <thead>
            <tr>
              <th scope="col">
                <span className={styles.visuallyHidden}>{t('matrix.weekday')}</span>
              </th>
              {HOURS.map((h) => (
                <th key={h} scope="col" className={styles.hourHead}>
                  {String(h).padStart(2, '0')}
                </th>
              ))}
              <th scope="col">{t('matrix.total')}</th>
            </tr>
          </thead>
          <tbody>
            {WEEKDAYS.map((wd, i) => (
              <tr key={wd}>
                <th scope="row">
                  <abbr title={t(`weekdayLong.${wd}` as MessageKey)}>{t(`weekday.${wd}` as MessageKey)}</abbr>
                </th>
                {HOURS.map((h) => {
                  const count = matrix.cells[i][h];
                  return (
                    <td key={h} className={styles[`shade${shadeStep(count, matrix.max)}`]} data-count={Math.round(count * 1000) / 1000}>
                      {count > 0 ? n(count) : ''}
                    </td>
                  );
                })}
                <td className={styles.total} data-testid="hour-weekday-row-total">
                  {n(matrix.rowTotals[i])}
                </td>
              </tr>
            ))}
          </tbody>
          <tfoot>
            <tr>
              <th scope="row">{t('matrix.total')}</th>
              {HOURS.map((h) => (
                <td key={h} className={styles.total}>
                  {n(matrix.columnTotals[h])}
                </td>
              ))}
              <td className={styles.total} data-testid="hour-weekday-total">
                {formatNumber(locale, total)}
              </td>
            </tr>
          </tfoot>
        </table>
      </div>
      <p className={styles.note}>{t('filters.hoursNote')}</p>
    </section>
  );
}
