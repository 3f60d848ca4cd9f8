import type { Metadata } from 'next';
import { redirect } from 'next/navigation';
import { getTranslator, isLocale } from '@/lib/i18n/translate';
import { areaBounds } from '@/lib/map/area-features';
import { Suspense } from 'react';
import { monthsBetween } from '@/lib/map/month-window';
import { type MapFilters, filtersInputFrom, filtersSchema, filtersToSearchParams, mapSourceOptions, needsSituationQuery, shownLayers } from '@/lib/schemas/map-filters';
import { getSituationPanel } from '@/lib/server/situation/get-situation-panel';
import { getDatabaseState, startDatabase } from '@/lib/server/db';
import { listMapAreas } from '@/lib/server/situation/list-area-outlines';
import { getMapViewer } from '@/lib/server/situation/get-map-viewer';
import { getPoliceFeedPanelForUser } from '@/lib/server/police-feed/get-police-feed-panel';
import {
  defaultPeriod,
  getBasemapPmtilesUrl,
  getBasemapStyleUrl,
  getDefaultMunicipalityCode,
  getStaffMunicipality,
} from '@/lib/server/situation/get-staff-context';
import { HourWeekdayTable } from '../../_components/charts/hour-weekday-table';
import { SummaryStrip } from '../../_components/charts/summary-strip';
import { FilterBar } from '../../_components/map/filter-bar';
import layout from '../../_components/map/situation-layout.module.css';
import { PoliceFeedPanel } from '../../_components/police-feed/police-feed-panel';
import { SituationMap } from '../../_components/map/situation-map';
import { DatabaseStatus } from '../../_components/ui/database-status';
import { getRequestLocale, languageSwitchHref } from '../../_lib/request-locale';

export const dynamic = 'force-dynamic';

/** Months the time slider spans: three years up to the end of the shown period. */
const SLIDER_MONTHS = 36;

/** The points API for the filter: only what changes the points, so a view or layer switch refetches nothing. */
function pointsUrlFor(f: MapFilters): string {
  const pointsFilter: MapFilters = { ...f, layers: undefined, view: undefined, status: undefined, bbox: undefined };
  const path = needsSituationQuery(f) ? '/api/v1/situation/points' : '/api/v1/incidents/points';
  return `${path}?${filtersToSearchParams(pointsFilter).toString()}`;
}

/**
 * Exact hexagon counts of the same filter for viewers with exact access, drawn below street zoom (the
 * map adds the cell size of its zoom level): every filter that changes the points changes these.
 */
function exactAggregatesUrlFor(f: MapFilters): string {
  const p = filtersToSearchParams({ ...f, layers: undefined, view: undefined, status: undefined, bbox: undefined });
  return `/api/v1/aggregates/exact?${p.toString()}`;
}

/** Suppressed hexagons for viewers without exact access: only what changes the counts. */
function aggregatesUrlFor(f: MapFilters): string {
  const p = filtersToSearchParams({ municipality: f.municipality, from: f.from, to: f.to, categories: f.categories, area: f.area });
  return `/api/v1/aggregates/hex?${p.toString()}`;
}

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

  const shown = { ...filters, from, to };
  const [municipality, areas, panel, viewer, feed] = await Promise.all([
    getStaffMunicipality(filters.municipality),
    listMapAreas(filters.municipality),
    getSituationPanel(shown),
    getMapViewer(filters.municipality),
    // The police feed as context: the map's period only (its positions are centroids, never drawn).
    getPoliceFeedPanelForUser(filters.municipality, { from, to }, { auditDenied: false }),
  ]);
  if (!municipality) {
    return (
      <section className="db-status" data-testid="no-municipality">
        <p>{t('map.noMunicipality', { code: filters.municipality })}</p>
      </section>
    );
  }
  const basemapStyleUrl = getBasemapStyleUrl();
  const basemapPmtilesUrl = basemapStyleUrl ? null : getBasemapPmtilesUrl();
  const layers = shownLayers(filters);
  const view = filters.view ?? 'points';
  const sliderLast = to.slice(0, 7);
  const sliderFirst = monthsBetween('1970-01', sliderLast).slice(-SLIDER_MONTHS)[0];
  const areaOptions = areas.features
    .filter((f) => f.properties.kind !== 'municipality')
    .map((f) => ({ id: f.properties.id, name: f.properties.name }))
    .sort((a, b) => a.name.localeCompare(b.name, 'sv'));
  const feedHref = `/handelser?${new URLSearchParams({ from, to }).toString()}`;
  const filterParams = Object.fromEntries(filtersToSearchParams({ ...shown, bbox: undefined, view: undefined }).entries());
  return (
    <div className={`map-page ${layout.layout}`}>
      <aside className={layout.side} aria-label={t('filters.title')}>
        <SummaryStrip
          locale={locale}
          incidents={layers.includes('incidents') && panel.matrix ? Math.round(panel.matrix.total) : null}
          months={layers.includes('incidents') ? (panel.trend?.months ?? null) : null}
          unsafePlaces={panel.unsafePlaces}
          vandalism={panel.vandalism}
        />
        <Suspense>
          <FilterBar
            locale={locale}
            defaultPeriod={period}
            monthDomain={{ first: sliderFirst, last: sliderLast }}
            organisations={panel.organisations}
            areas={areaOptions}
            sources={mapSourceOptions({ demo: municipality.demo })}
            policeFeedHref={feed ? feedHref : null}
          />
        </Suspense>
        {panel.matrix ? <HourWeekdayTable locale={locale} matrix={panel.matrix} /> : <p data-testid="aggregates-only">{t('summary.notAllowed')}</p>}
        {feed ? <PoliceFeedPanel locale={locale} dto={feed} listLimit={10} allHref={feedHref} /> : null}
      </aside>
      <div className={layout.mapArea}>
        <SituationMap
          locale={locale}
          municipalityCode={municipality.code}
          municipalityName={municipality.name}
          areas={areas}
          bounds={areaBounds(areas)}
          period={{ from, to }}
          pointsUrl={viewer.exact ? pointsUrlFor(shown) : null}
          exactAggregatesUrl={viewer.exact ? exactAggregatesUrlFor(shown) : null}
          aggregatesUrl={!viewer.exact && viewer.aggregates ? aggregatesUrlFor(shown) : null}
          filterParams={filterParams}
          areaOptions={areaOptions}
          canSelect={viewer.exact}
          canCreate={viewer.canCreate}
          meeting={{ on: viewer.meetingMode, kind: viewer.meeting?.kind ?? null, heldOn: viewer.meeting?.heldOn ?? null }}
          layers={layers}
          view={view}
          unsafePlaces={panel.unsafePlaces}
          vandalism={panel.vandalism}
          basemapStyleUrl={basemapStyleUrl}
          basemapPmtilesUrl={basemapPmtilesUrl}
        />
        {basemapStyleUrl || basemapPmtilesUrl ? null : (
          <aside className="map-panel map-panel--basemap-note" data-testid="basemap-note">
            {t('map.noBasemap')}
          </aside>
        )}
      </div>
    </div>
  );
}
