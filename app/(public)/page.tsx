import type { Metadata } from 'next';
import type { FeatureCollection, MultiPolygon, Point, Polygon } from 'geojson';
import { CATEGORY_GROUPS, CATEGORY_GROUP_LABELS } from '@/lib/domain/categories';
import { getTranslator, type Locale, type Translate } from '@/lib/i18n/translate';
import { areaBounds } from '@/lib/map/area-features';
import type { PublicQuarter, PublicTrendPoint } from '@/lib/server/public/build-public-figures';
import { getPublicHome, type PublicActivity, type PublicHome } from '@/lib/server/public/get-public-home';
import { getDatabaseState, startDatabase } from '@/lib/server/public/public-database';
import { DatabaseStatus } from '../_components/ui/database-status';
import { getRequestLocale } from '../_lib/request-locale';
import { PublicMap } from './_components/public-map';
import { figureText, formatDay, labelOf } from './_components/public-texts';

export const dynamic = 'force-dynamic';

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

export async function generateMetadata(): Promise<Metadata> {
  const t = getTranslator(await getRequestLocale());
  return { title: t('public.navHome') };
}

/** Quarters shown in a focus area's trend. */
const TREND_QUARTERS = 8;

function groupLabel(locale: Locale, t: Translate, group: string): string {
  if (group === 'all') return t('public.figuresTotal');
  const l = CATEGORY_GROUP_LABELS[group as keyof typeof CATEGORY_GROUP_LABELS];
  return l ? l[locale] : group;
}

function Sparkline({ points }: { points: PublicTrendPoint[] }) {
  if (points.length < 2) return null;
  const max = Math.max(1, ...points.map((p) => p.count));
  const w = 160;
  const h = 36;
  const xy = points.map((p, i) => `${((i / (points.length - 1)) * (w - 4) + 2).toFixed(1)},${(h - 2 - (p.count / max) * (h - 4)).toFixed(1)}`);
  return (
    <svg width={w} height={h} viewBox={`0 0 ${w} ${h}`} aria-hidden="true" focusable="false">
      <polyline points={xy.join(' ')} fill="none" stroke="#1f3a5f" strokeWidth="2" />
    </svg>
  );
}

function Trend({ t, points, name, k }: { t: Translate; points: PublicTrendPoint[]; name: string; k: number }) {
  const shown = points.slice(-TREND_QUARTERS);
  if (!shown.length) return <p className="public-muted">{t('public.trendNone')}</p>;
  return (
    <>
      <h4>{t('public.trendHeading')}</h4>
      <Sparkline points={shown} />
      <div className="public-table-wrap" role="region" aria-label={`${t('public.trendHeading')}: ${name}`} tabIndex={0}>
        <table className="public-table">
          <thead>
            <tr>
              <th scope="col">{t('public.quarter')}</th>
              <th scope="col">{t('public.count')}</th>
            </tr>
          </thead>
          <tbody>
            {shown.map((p) => (
              <tr key={p.quarter}>
                <th scope="row">{p.quarter}</th>
                <td className="num">{p.publishedCells === 0 ? t('public.fewerThan', { k }) : figureText(t, p, k)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <p className="public-help">{t('public.trendNote')}</p>
    </>
  );
}

function ActivityItem({ t, locale, a }: { t: Translate; locale: Locale; a: PublicActivity }) {
  return (
    <li data-testid="public-activity">
      <strong>{a.title}</strong> <span className="public-badge">{labelOf(t, 'public.activityStatus', a.status)}</span>
      <br />
      {a.publicSummary}
      <br />
      <span className="public-muted">
        {a.endsOn ? t('public.activityDates', { from: formatDay(locale, a.startsOn), to: formatDay(locale, a.endsOn) }) : t('public.activityFrom', { from: formatDay(locale, a.startsOn) })}
        {' · '}
        {t('public.activityOwner', { owner: a.owner })}
        {a.partners.length ? ` · ${t('public.partners', { names: a.partners.join(', ') })}` : ''}
      </span>
      {a.followUp ? (
        <>
          <br />
          <span className="public-muted">{t('public.followUp', { quarter: a.followUp.quarter, status: labelOf(t, 'public.followUpStatus', a.followUp.status) })}</span>
        </>
      ) : null}
    </li>
  );
}

function FiguresTable({ t, locale, q }: { t: Translate; locale: Locale; q: PublicQuarter }) {
  const groups = CATEGORY_GROUPS.filter((g) => q.cells.some((c) => c.group === g));
  const areas = [...new Set(q.cells.map((c) => c.areaName))].sort((a, b) => a.localeCompare(b, 'sv'));
  const cell = (area: string, group: string) => q.cells.find((c) => c.areaName === area && c.group === group);
  const areaTotal = (area: string) => q.areaTotals.find((c) => c.areaName === area);
  const muni = (group: string) => q.municipalityTotals.find((c) => c.group === group);
  return (
    <div className="public-table-wrap" role="region" aria-label={`${t('public.figuresHeading')} ${q.quarter}`} tabIndex={0}>
      <table className="public-table" data-testid="published-figures" data-quarter={q.quarter} data-version={q.version}>
        <caption>{t('public.figuresVersion', { quarter: q.quarter, version: q.version, date: formatDay(locale, q.publishedOn) })}</caption>
        <thead>
          <tr>
            <th scope="col">{t('public.figuresArea')}</th>
            {groups.map((g) => (
              <th scope="col" key={g}>
                {groupLabel(locale, t, g)}
              </th>
            ))}
            <th scope="col">{t('public.figuresTotal')}</th>
          </tr>
        </thead>
        <tbody>
          {areas.map((area) => (
            <tr key={area}>
              <th scope="row">{area}</th>
              {groups.map((g) => {
                const c = cell(area, g);
                return (
                  <td className="num" key={g}>
                    {c ? figureText(t, c, q.k) : '–'}
                  </td>
                );
              })}
              <td className="num">{areaTotal(area) ? figureText(t, areaTotal(area)!, q.k) : '–'}</td>
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr>
            <th scope="row">{t('public.figuresMunicipality')}</th>
            {groups.map((g) => (
              <td className="num" key={g}>
                {muni(g) ? figureText(t, muni(g)!, q.k) : '–'}
              </td>
            ))}
            <td className="num">{muni('all') ? figureText(t, muni('all')!, q.k) : '–'}</td>
          </tr>
        </tfoot>
      </table>
    </div>
  );
}

function focusCollection(home: PublicHome): FeatureCollection<Polygon | MultiPolygon, { id: string; name: string }> {
  return { type: 'FeatureCollection', features: home.focusAreas.map((f) => ({ type: 'Feature', geometry: f.geometry, properties: { id: f.id, name: f.name } })) };
}

function pinCollection(home: PublicHome): FeatureCollection<Point, { pin: number; status: string }> {
  return {
    type: 'FeatureCollection',
    features: home.reportPins.map((p) => ({ type: 'Feature', geometry: { type: 'Point', coordinates: [p.lon, p.lat] }, properties: { pin: p.pin, status: p.status } })),
  };
}

export default async function PublicHomePage({ searchParams }: { searchParams: SearchParams }) {
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
  const home = await getPublicHome();
  const params = await searchParams;
  const picked = typeof params.kvartal === 'string' ? home.quarters.find((q) => q.quarter === params.kvartal) : undefined;
  const shownQuarter = picked ?? home.quarters.at(-1) ?? null;
  const k = home.quarters.at(-1)?.k ?? 5;
  const municipality = home.municipality?.name ?? '';
  const activityById = new Map(home.activities.map((a) => [a.id, a]));
  const loose = home.activities.filter((a) => !home.focusAreas.some((f) => f.activityIds.includes(a.id)) && !home.pledges.some((p) => p.activityIds.includes(a.id)));
  const recent = [
    ...home.activities.filter((a) => a.status === 'done').map((a) => ({ date: a.endsOn ?? a.startsOn, text: t('public.recentActivity', { title: a.title }), key: `a-${a.id}` })),
    ...home.reportPins.filter((p) => p.status === 'fixed').map((p) => ({ date: p.statusChangedOn, text: t('public.recentReport', { text: p.publicSummary }), key: `p-${p.pin}` })),
  ]
    .sort((a, b) => b.date.localeCompare(a.date))
    .slice(0, 8);
  const surveyIndicators = [...new Set(home.surveys.map((s) => s.indicator))];
  const surveyYears = [...new Set(home.surveys.flatMap((s) => s.values.map((v) => v.year)))].sort().slice(-3);

  return (
    <main id="main" className="public-main" tabIndex={-1}>
      {home.municipality?.demo ? (
        <p className="public-demo" role="note">
          {t('public.demoBanner')}
        </p>
      ) : null}
      <h1>{t('public.title', { municipality })}</h1>
      <p>{t('public.intro')}</p>
      <p className="public-notice">{t('public.emergency')}</p>
      <p>
        <a className="public-button" href="/rapportera" style={{ display: 'inline-block', textDecoration: 'none' }}>
          {t('public.reportCta')}
        </a>
      </p>

      <div className="public-columns">
        <section className="public-sticky" aria-labelledby="karta">
          <h2 id="karta">{t('public.mapHeading')}</h2>
          <PublicMap
            label={t('public.mapLabel', { municipality })}
            problemText={t('public.mapProblem')}
            areas={home.areas}
            bounds={areaBounds(home.areas)}
            focusAreas={focusCollection(home)}
            pins={pinCollection(home)}
          />
          <ul className="public-legend">
            <li>
              <span className="public-legend__swatch public-legend__swatch--focus" aria-hidden="true" />
              {t('public.mapLegendFocus')}
            </li>
            <li>
              <span className="public-legend__swatch public-legend__swatch--pin" aria-hidden="true" />
              {t('public.mapLegendPin')}
            </li>
          </ul>
          <p className="public-help">{t('public.mapKeyboard')}</p>
        </section>

        <section aria-labelledby="fokus">
          <h2 id="fokus">{t('public.focusHeading')}</h2>
          <p>
            <strong>{t('public.year', { year: home.year })}</strong>
            {home.year !== home.currentYear ? <span className="public-muted"> {t('public.yearFallback', { current: home.currentYear, year: home.year })}</span> : null}
          </p>
          {home.focusAreas.length === 0 ? <p>{t('public.noFocus')}</p> : null}
          {home.focusAreas.map((f) => (
            <article key={f.id} id={`fokus-${f.id}`} className="public-card" data-testid="public-focus-area">
              <h3>{f.name}</h3>
              <p className="public-muted">
                {f.periodTo ? t('public.period', { from: formatDay(locale, f.periodFrom), to: formatDay(locale, f.periodTo) }) : t('public.periodOpen', { from: formatDay(locale, f.periodFrom) })}
              </p>
              {f.publicSummary ? <p>{f.publicSummary}</p> : null}
              {f.pledgeIds.length ? (
                <>
                  <h4>{t('public.pledges')}</h4>
                  <ul className="public-list">
                    {home.pledges
                      .filter((p) => f.pledgeIds.includes(p.id))
                      .map((p) => (
                        <li key={p.id} data-testid="public-pledge">
                          <strong>{p.title}</strong>
                          {p.publicSummary ? <> – {p.publicSummary}</> : null}
                          {p.partners.length ? <span className="public-muted"> ({t('public.partners', { names: p.partners.join(', ') })})</span> : null}
                        </li>
                      ))}
                  </ul>
                </>
              ) : null}
              <h4>{t('public.activities')}</h4>
              {f.activityIds.length ? (
                <ul className="public-list">
                  {f.activityIds.map((id) => (
                    <ActivityItem key={id} t={t} locale={locale} a={activityById.get(id)!} />
                  ))}
                </ul>
              ) : (
                <p className="public-muted">{t('public.noActivities')}</p>
              )}
              <Trend t={t} points={f.trend} name={f.name} k={k} />
            </article>
          ))}
          {home.pledges.filter((p) => p.focusAreaIds.length === 0).length || loose.length ? (
            <article className="public-card">
              <h3>{t('public.pledges')}</h3>
              <ul className="public-list">
                {home.pledges
                  .filter((p) => p.focusAreaIds.length === 0)
                  .map((p) => (
                    <li key={p.id} data-testid="public-pledge">
                      <strong>{p.title}</strong>
                      {p.publicSummary ? <> – {p.publicSummary}</> : null}
                      {p.activityIds.length ? (
                        <ul className="public-list">
                          {p.activityIds.map((id) => (
                            <ActivityItem key={id} t={t} locale={locale} a={activityById.get(id)!} />
                          ))}
                        </ul>
                      ) : null}
                    </li>
                  ))}
                {loose.map((a) => (
                  <ActivityItem key={a.id} t={t} locale={locale} a={a} />
                ))}
              </ul>
            </article>
          ) : null}
        </section>
      </div>

      <section aria-labelledby="senast">
        <h2 id="senast">{t('public.recentHeading')}</h2>
        {recent.length ? (
          <ul className="public-list" data-testid="public-recent">
            {recent.map((r) => (
              <li key={r.key}>
                <span className="public-muted">{formatDay(locale, r.date)}:</span> {r.text}
              </li>
            ))}
          </ul>
        ) : (
          <p>{t('public.recentNone')}</p>
        )}
      </section>

      <section aria-labelledby="platser">
        <h2 id="platser">{t('public.pinsHeading')}</h2>
        {home.reportPins.length ? (
          <ul className="public-list" data-testid="public-pins">
            {home.reportPins.map((p) => (
              <li key={p.pin} id={`plats-${p.pin}`}>
                <strong>{labelOf(t, 'public.reportCategory', p.category)}</strong>: {p.publicSummary}{' '}
                <span className="public-badge">{t('public.statusSince', { status: labelOf(t, 'public.reportStatus', p.status), date: formatDay(locale, p.statusChangedOn) })}</span>
              </li>
            ))}
          </ul>
        ) : (
          <p>{t('public.pinsNone')}</p>
        )}
      </section>

      <section aria-labelledby="siffror">
        <h2 id="siffror">{t('public.figuresHeading')}</h2>
        <p>{t('public.figuresIntro')}</p>
        {shownQuarter ? (
          <>
            <form method="get" action="/#siffror" className="public-form" style={{ gridTemplateColumns: '1fr auto', alignItems: 'end', maxWidth: '24rem' }}>
              <label>
                {t('public.quarterPick')}
                <select name="kvartal" defaultValue={shownQuarter.quarter}>
                  {[...home.quarters].reverse().map((q) => (
                    <option key={q.quarter} value={q.quarter}>
                      {q.quarter}
                    </option>
                  ))}
                </select>
              </label>
              <button type="submit">{t('public.quarterShow')}</button>
            </form>
            <FiguresTable t={t} locale={locale} q={shownQuarter} />
            <p className="public-help">{t('public.figuresSuppressedNote', { k: shownQuarter.k })}</p>
          </>
        ) : (
          <p>{t('public.figuresNone')}</p>
        )}
      </section>

      <section aria-labelledby="trygghet">
        <h2 id="trygghet">{t('public.surveyHeading')}</h2>
        {surveyIndicators.length ? <p>{t('public.surveyIntro')}</p> : <p>{t('public.surveyNone')}</p>}
        {surveyIndicators.map((indicator) => {
          const series = home.surveys.filter((s) => s.indicator === indicator);
          return (
            <div key={indicator} className="public-table-wrap" role="region" aria-label={labelOf(t, 'public.survey', indicator)} tabIndex={0}>
              <table className="public-table" data-testid="public-survey">
                <caption>{labelOf(t, 'public.survey', indicator)}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('public.figuresArea')}</th>
                    {surveyYears.map((y) => (
                      <th scope="col" key={y}>
                        {y}
                      </th>
                    ))}
                  </tr>
                </thead>
                <tbody>
                  {series.map((s) => (
                    <tr key={s.areaName}>
                      <th scope="row">{s.areaName}</th>
                      {surveyYears.map((y) => {
                        const v = s.values.find((x) => x.year === y);
                        return (
                          <td className="num" key={y}>
                            {v ? `${new Intl.NumberFormat(locale === 'sv' ? 'sv-SE' : 'en-GB', { maximumFractionDigits: 1 }).format(v.value)}${s.unit === 'percent' ? ' %' : ''}` : '–'}
                          </td>
                        );
                      })}
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          );
        })}
      </section>

      <section aria-labelledby="om">
        <h2 id="om">{t('public.aboutHeading')}</h2>
        <p>{t('public.about')}</p>
      </section>
    </main>
  );
}
