import type { Metadata } from 'next';
import { redirect } from 'next/navigation';
import { getTranslator, isLocale } from '@/lib/i18n/translate';
import { areaBounds } from '@/lib/map/area-features';
import { filtersInputFrom, filtersSchema } from '@/lib/schemas/map-filters';
import { getDatabaseState, startDatabase } from '@/lib/server/db';
import { listMapAreas } from '@/lib/server/situation/list-area-outlines';
import {
  defaultPeriod,
  getBasemapStyleUrl,
  getDefaultMunicipalityCode,
  getStaffMunicipality,
} from '@/lib/server/situation/get-staff-context';
import { MapLegend } from '../../_components/map/map-legend';
import { SituationMap } from '../../_components/map/situation-map';
import { DatabaseStatus } from '../../_components/ui/database-status';
import { getRequestLocale, languageSwitchHref } from '../../_lib/request-locale';

export const dynamic = 'force-dynamic';

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

export async function generateMetadata(): Promise<Metadata> {
  return { title: getTranslator(await getRequestLocale())('map.pageTitle') };
}

export default async function MapPage({ searchParams }: { searchParams: SearchParams }) {
  const raw = filtersInputFrom(await searchParams);
  if (raw.lang !== undefined) {
    const { lang, ...rest } = raw;
    redirect(languageSwitchHref(isLocale(lang) ? lang : 'sv', '/karta', new URLSearchParams(rest)));
  }
  const locale = await getRequestLocale();
  const t = getTranslator(locale);

  // Answer at once: while the database starts, say so and let the poller refresh the page.
  startDatabase();
  const state = getDatabaseState();
  if (state.phase !== 'ready') return <DatabaseStatus locale={locale} state={state} />;

  const parsed = filtersSchema.safeParse({ municipality: getDefaultMunicipalityCode(), ...raw });
  const filters = parsed.success ? parsed.data : filtersSchema.parse({ municipality: getDefaultMunicipalityCode() });
  const period = filters.from && filters.to ? { from: filters.from, to: filters.to } : defaultPeriod(new Date());
  const from = filters.from ?? period.from;
  const to = filters.to ?? period.to;

  const [municipality, areas] = await Promise.all([getStaffMunicipality(filters.municipality), listMapAreas(filters.municipality)]);
  if (!municipality) {
    return (
      <section className="db-status" data-testid="no-municipality">
        <p>{t('map.noMunicipality', { code: filters.municipality })}</p>
      </section>
    );
  }
  const basemapStyleUrl = getBasemapStyleUrl();
  return (
    <div className="map-page">
      <SituationMap
        locale={locale}
        municipalityCode={municipality.code}
        municipalityName={municipality.name}
        areas={areas}
        bounds={areaBounds(areas)}
        period={{ from, to }}
        categories={filters.categories ?? null}
        basemapStyleUrl={basemapStyleUrl}
      />
      <MapLegend locale={locale} />
      {basemapStyleUrl ? null : (
        <aside className="map-panel map-panel--basemap-note" data-testid="basemap-note">
          {t('map.noBasemap')}
        </aside>
      )}
    </div>
  );
}
