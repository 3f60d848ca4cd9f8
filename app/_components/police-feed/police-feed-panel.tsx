// The police events feed as context (issue 5): total, timeline (per day or week), counts per feed type
// and the list with links to polisen.se, for the map's period. Server component; the feed's positions
// (municipality centroids) are never part of it. `listLimit` shortens the list in the map's side panel.
import { CATEGORIES } from '@/lib/domain/categories';
import { formatNumber, formattingLocale, getTranslator, type Locale } from '@/lib/i18n/translate';
import type { PoliceFeedPanelDto } from '@/lib/server/police-feed/get-police-feed-panel';
import { PoliceFeedTimelineChart } from './police-feed-timeline-chart';
import styles from './police-feed.module.css';

const CATEGORY_BY_KEY = new Map(CATEGORIES.map((c) => [c.key, c]));

function categoryLabel(locale: Locale, key: string): string {
  const c = CATEGORY_BY_KEY.get(key);
  return c ? (locale === 'sv' ? c.labelSv : c.labelEn) : key;
}

export function PoliceFeedPanel({ locale, dto, listLimit, allHref }: { locale: Locale; dto: PoliceFeedPanelDto; listLimit?: number; allHref?: string }) {
  const t = getTranslator(locale);
  const n = (x: number) => formatNumber(locale, x);
  const time = new Intl.DateTimeFormat(formattingLocale(locale), { dateStyle: 'short', timeStyle: 'short', timeZone: 'Europe/Stockholm' });
  const shown = listLimit === undefined ? dto.events : dto.events.slice(0, listLimit);
  const timelineTitle = dto.timeline.unit === 'week' ? t('feed.timelineWeek') : t('feed.timelineDay');
  return (
    <section className={styles.block} aria-labelledby="feed-title" data-testid="feed-panel">
      <h2 id="feed-title" className={styles.heading}>
        {t('feed.title')}
      </h2>
      <p className={styles.note}>{t('feed.note')}</p>
      <p data-testid="feed-total" data-count={dto.total}>
        {t('feed.total', { n: n(dto.total), from: dto.from, to: dto.to })}
      </p>
      {dto.total === 0 ? (
        <p className={styles.note} data-testid="feed-empty">
          {t('feed.empty')} {t('feed.emptyImport')}
        </p>
      ) : (
        <>
          <h3 className={styles.heading}>{timelineTitle}</h3>
          <PoliceFeedTimelineChart buckets={dto.timeline.buckets} ariaLabel={timelineTitle} countLabel={t('feed.count')} />
          <details>
            <summary className={styles.summary}>{t('feed.timelineTable')}</summary>
            <div className={styles.scroll}>
              <table className={styles.table} data-testid="feed-timeline-table">
                <thead>
                  <tr>
                    <th scope="col">{t('feed.start')}</th>
                    <th scope="col" className={styles.num}>
                      {t('feed.count')}
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {dto.timeline.buckets
                    .filter((b) => b.count > 0)
                    .map((b) => (
                      <tr key={b.start}>
                        <td>{b.start}</td>
                        <td className={styles.num}>{n(b.count)}</td>
                      </tr>
                    ))}
                </tbody>
              </table>
            </div>
          </details>
          <h3 className={styles.heading}>{t('feed.types')}</h3>
          <table className={styles.table} data-testid="feed-types">
            <thead>
              <tr>
                <th scope="col">{t('feed.type')}</th>
                <th scope="col">{t('feed.category')}</th>
                <th scope="col" className={styles.num}>
                  {t('feed.count')}
                </th>
              </tr>
            </thead>
            <tbody>
              {dto.byType.map((row) => (
                <tr key={row.type} data-testid="feed-type-row" data-type={row.type} data-count={row.count}>
                  <th scope="row">{row.type}</th>
                  <td>{categoryLabel(locale, row.categoryKey)}</td>
                  <td className={styles.num}>{n(row.count)}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <h3 className={styles.heading}>{t('feed.list')}</h3>
          <div className={styles.scroll}>
            <table className={styles.table} data-testid="feed-list">
              <thead>
                <tr>
                  <th scope="col">{t('feed.time')}</th>
                  <th scope="col">{t('feed.type')}</th>
                  <th scope="col">{t('feed.place')}</th>
                  <th scope="col">{t('feed.link')}</th>
                </tr>
              </thead>
              <tbody>
                {shown.map((e) => (
                  <tr key={e.id} data-testid="feed-event" data-feed-id={e.feedId}>
                    <td>{time.format(new Date(e.occurredAt))}</td>
                    <td>
                      {e.type}
                      {e.summary ? <span className={styles.summary}>{e.summary}</span> : null}
                    </td>
                    <td>{e.place}</td>
                    <td>
                      <a href={e.link} target="_blank" rel="noopener noreferrer" title={e.ownLink ? (e.name ?? undefined) : t('feed.linkListTitle')} data-testid="feed-link">
                        {e.ownLink ? t('feed.linkOwn') : t('feed.linkList')}
                      </a>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {dto.truncated ? <p className={styles.note}>{t('feed.truncated', { n: n(dto.events.length) })}</p> : null}
          {allHref ? (
            <p>
              <a href={allHref} data-testid="feed-show-all">
                {t('feed.showAll', { n: n(dto.total) })}
              </a>
            </p>
          ) : null}
        </>
      )}
    </section>
  );
}
