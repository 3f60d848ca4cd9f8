import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { getTranslator } from '@/lib/i18n/translate';
import { filtersSchema, filtersToSearchParams } from '@/lib/schemas/map-filters';
import { requireStaffUser } from '@/lib/server/auth/session';
import { getPoliceFeedPanelForUser } from '@/lib/server/police-feed/get-police-feed-panel';
import { defaultPeriod, getDefaultMunicipalityCode } from '@/lib/server/situation/get-staff-context';
import { PoliceFeedPanel } from '../../_components/police-feed/police-feed-panel';
import styles from '../../_components/police-feed/police-feed.module.css';
import { getRequestLocale } from '../../_lib/request-locale';

export const dynamic = 'force-dynamic';

export async function generateMetadata(): Promise<Metadata> {
  return { title: getTranslator(await getRequestLocale())('feed.pageTitle') };
}

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

// The police events feed for staff (issue 5): the whole list of the period with its timeline and type
// counts; the same period parameters as the map (from, to). Roles that may not read it get a 404.
export default async function PoliceFeedPage({ searchParams }: { searchParams: SearchParams }) {
  await requireStaffUser('/handelser');
  const sp = await searchParams;
  const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);
  const municipality = getDefaultMunicipalityCode();
  const parsed = filtersSchema.safeParse({ municipality, from: one(sp.from), to: one(sp.to) });
  const fallback = defaultPeriod(new Date());
  const from = (parsed.success && parsed.data.from) || fallback.from;
  const to = (parsed.success && parsed.data.to) || fallback.to;
  const dto = await getPoliceFeedPanelForUser(municipality, { from, to }, { auditDenied: true });
  if (!dto) notFound();
  const locale = await getRequestLocale();
  const t = getTranslator(locale);
  return (
    <section className={styles.page}>
      <h1>{t('feed.pageTitle')}</h1>
      <form method="get" action="/handelser" className={styles.form} aria-label={t('feed.periodLabel')}>
        <label>
          {t('feed.from')} <input type="date" name="from" defaultValue={from} required />
        </label>
        <label>
          {t('feed.to')} <input type="date" name="to" defaultValue={to} required />
        </label>
        <button type="submit">{t('feed.apply')}</button>
        <a href={`/karta?${filtersToSearchParams({ municipality, from, to }).toString()}`}>{t('feed.toMap')}</a>
      </form>
      <PoliceFeedPanel locale={locale} dto={dto} />
    </section>
  );
}
