import type { QuarterlyReport } from '@/lib/server/council/get-quarterly-report';
import { getTranslator, type Locale } from '@/lib/i18n/translate';
import styles from './council.module.css';
import { TableScroll } from '../ui/table-scroll';

/** The quarterly report's list of the council's decisions dated in the quarter: date, meeting, activity (and pledge), outcome, text. */
export function DecisionSection({ decisions, quarter, locale }: { decisions: QuarterlyReport['decisions']; quarter: string; locale: Locale }) {
  const t = getTranslator(locale);
  const date = (d: string) => (locale === 'sv' ? d : new Intl.DateTimeFormat('en-GB', { timeZone: 'UTC', dateStyle: 'medium' }).format(new Date(`${d}T00:00:00Z`)));
  return (
    <section className={styles.section} aria-labelledby="decisions-title" data-testid="section-decisions">
      <h2 id="decisions-title">{t('loop.report.decisionsTitle', { quarter })}</h2>
      {decisions.length === 0 ? (
        <p>{t('loop.report.noDecisions', { quarter })}</p>
      ) : (
        <TableScroll label={t('loop.report.decisionsTitle', { quarter })}>
          <table className={styles.table}>
            <thead>
              <tr>
                <th scope="col">{t('loop.date')}</th>
                <th scope="col">{t('loop.meeting')}</th>
                <th scope="col">{t('loop.activity')}</th>
                <th scope="col">{t('loop.decision.outcome')}</th>
                <th scope="col">{t('loop.decision.text')}</th>
              </tr>
            </thead>
            <tbody>
              {decisions.map((d) => (
                <tr key={d.id} data-testid="decision-row">
                  <td>{date(d.decided_on)}</td>
                  <td>{d.meeting_name}</td>
                  <th scope="row">
                    {d.activity_title}
                    {d.pledge_title ? <div className={styles.note}>{d.pledge_title}</div> : null}
                  </th>
                  <td>{t(d.outcome === 'decided' ? 'loop.activityStatus.decided' : 'loop.activityStatus.rejected')}</td>
                  <td>{d.decision_text}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      )}
    </section>
  );
}
