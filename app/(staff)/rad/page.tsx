import type { Metadata } from 'next';
import { redirect } from 'next/navigation';
import { CATEGORY_GROUP_LABELS, CATEGORY_GROUPS, type CategoryGroup } from '@/lib/domain/categories';
import { getTranslator, isLocale } from '@/lib/i18n/translate';
import { getLastClosedQuarter } from '@/lib/server/council/build-council-dashboard';
import { councilQuerySchema, requireCouncilPageViewer } from '@/lib/server/council/council-access';
import { getCouncilDashboard } from '@/lib/server/council/get-council-dashboard';
import { getDatabaseState, startDatabase } from '@/lib/server/db';
import { CleanupSection, type CouncilSelection, EffectSection, PledgeSection, SurveySection, TrendSection } from '../../_components/council/council-sections';
import styles from '../../_components/council/council.module.css';
import { DatabaseStatus } from '../../_components/ui/database-status';
import { getRequestLocale, languageSwitchHref } from '../../_lib/request-locale';

export const dynamic = 'force-dynamic';

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

export async function generateMetadata(): Promise<Metadata> {
  return { title: getTranslator(await getRequestLocale())('council.pageTitle') };
}

/** The last `n` closed quarters, newest first. */
function recentQuarters(now: Date, n: number): string[] {
  const out = [getLastClosedQuarter(now)];
  while (out.length < n) {
    const [y, q] = out.at(-1)!.split('-Q').map(Number);
    out.push(q === 1 ? `${y - 1}-Q4` : `${y}-Q${q - 1}`);
  }
  return out;
}

const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);

// The council dashboard: trends, survey, pledge progress, cleanup and effects for a closed quarter,
// from council-precision aggregates only. Council, police and municipality; others get 404.
export default async function CouncilDashboardPage({ searchParams }: { searchParams: SearchParams }) {
  const params = await searchParams;
  const lang = one(params.lang);
  if (lang !== undefined) {
    const rest = new URLSearchParams(Object.entries(params).flatMap(([k, v]) => (k === 'lang' || v === undefined ? [] : [[k, one(v)!]])));
    redirect(languageSwitchHref(isLocale(lang) ? lang : 'sv', '/rad', rest));
  }
  const locale = await getRequestLocale();
  const t = getTranslator(locale);
  startDatabase();
  const state = getDatabaseState();
  if (state.phase !== 'ready') return <DatabaseStatus locale={locale} state={state} />;

  const now = new Date();
  const viewer = await requireCouncilPageViewer('/rad');
  const parsed = councilQuerySchema(now).safeParse({ quarter: one(params.quarter) });
  const quarter = parsed.success ? parsed.data.quarter : getLastClosedQuarter(now);
  const dto = await getCouncilDashboard(viewer, { quarter, now, view: 'dashboard' });
  const areaParam = one(params.area) ?? 'all';
  const groupParam = one(params.group) ?? 'all';
  const selection: CouncilSelection = {
    area: areaParam === 'all' || dto.districts.some((d) => d.id === areaParam) ? areaParam : 'all',
    group: groupParam === 'all' || (CATEGORY_GROUPS as readonly string[]).includes(groupParam) ? (groupParam as CategoryGroup | 'all') : 'all',
  };
  const other = locale === 'sv' ? 'en' : 'sv';
  const here = new URLSearchParams({ quarter, area: selection.area, group: selection.group });
  return (
    <div className={styles.page} data-testid="council-dashboard">
      <div className={styles.inner}>
        <h1>{t('council.heading', { quarter })}</h1>
        {parsed.success ? null : (
          <p role="alert" data-testid="quarter-error">
            {t('council.invalidQuarter', { message: parsed.error.issues.map((i) => i.message).join('; ') })}
          </p>
        )}
        <p className={styles.note}>{t('council.intro', { k: dto.k })}</p>
        <form className={styles.controls} method="get" action="/rad">
          <label>
            {t('council.quarter')}
            <select name="quarter" defaultValue={quarter}>
              {recentQuarters(now, 12).map((q) => (
                <option key={q} value={q}>
                  {q}
                </option>
              ))}
            </select>
          </label>
          <label>
            {t('council.area')}
            <select name="area" defaultValue={selection.area}>
              <option value="all">{t('council.allAreas')}</option>
              {dto.districts.map((d) => (
                <option key={d.id} value={d.id}>
                  {d.name}
                </option>
              ))}
            </select>
          </label>
          <label>
            {t('council.group')}
            <select name="group" defaultValue={selection.group}>
              <option value="all">{t('council.allGroups')}</option>
              {dto.groups.map((g) => (
                <option key={g} value={g}>
                  {CATEGORY_GROUP_LABELS[g][locale]}
                </option>
              ))}
            </select>
          </label>
          <button type="submit">{t('council.show')}</button>
          <a href={`/rapport?quarter=${quarter}`} data-testid="open-report">
            {t('council.openReport')}
          </a>
          <a href={`/rad?${here.toString()}&lang=${other}`} hrefLang={other} lang={other}>
            {t('lang.switch')}
          </a>
        </form>
        <TrendSection dto={dto} locale={locale} selection={selection} />
        <SurveySection dto={dto} locale={locale} selection={selection} />
        <PledgeSection dto={dto} locale={locale} selection={selection} />
        <CleanupSection dto={dto} locale={locale} selection={selection} />
        <EffectSection dto={dto} locale={locale} selection={selection} />
      </div>
    </div>
  );
}
