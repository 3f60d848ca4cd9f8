import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { getCaptureAccess } from '@/lib/server/capture/capture-access';
import { getCapturePage } from '@/lib/server/capture/get-capture-page';
import { getDatabaseState, startDatabase } from '@/lib/server/db';
import { CaptureForm } from '../../_components/capture/capture-form';
import { captureTexts } from '../../_components/capture/capture-texts';
import styles from '../../_components/capture/capture.module.css';
import { DatabaseStatus } from '../../_components/ui/database-status';
import { getRequestLocale } from '../../_lib/request-locale';
import { confirmCaptureAction, saveCaptureAction } from './actions';

export const dynamic = 'force-dynamic';

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

export async function generateMetadata(): Promise<Metadata> {
  return { title: captureTexts(await getRequestLocale()).pageTitle };
}

/** ?lat=…&lng=…&zoom=… from the map's "Lägg till" link, when they make sense. */
function initialViewFrom(params: Record<string, string | string[] | undefined>): { lon: number; lat: number; zoom: number } | null {
  const one = (k: string) => (typeof params[k] === 'string' ? Number(params[k]) : NaN);
  const lat = one('lat');
  const lon = one('lng');
  const zoom = one('zoom');
  if (!Number.isFinite(lat) || !Number.isFinite(lon) || Math.abs(lat) > 90 || Math.abs(lon) > 180) return null;
  return { lat, lon, zoom: Number.isFinite(zoom) ? Math.min(Math.max(zoom, 3), 20) : 15 };
}

export default async function CapturePage({ searchParams }: { searchParams: SearchParams }) {
  const locale = await getRequestLocale();
  startDatabase();
  const state = getDatabaseState();
  if (state.phase !== 'ready') return <DatabaseStatus locale={locale} state={state} />;
  const access = await getCaptureAccess();
  // The staff layout has already sent signed-out visitors to sign-in; a role that may create nothing
  // gets "not found", like other pages outside a role's menu.
  if (!access) notFound();
  const data = await getCapturePage(access, locale, new Date());
  if (!data) notFound();
  const texts = captureTexts(locale);
  return (
    <div className={styles.page}>
      <h1>{texts.heading}</h1>
      <p className={styles.muted}>{texts.intro}</p>
      <p className={styles.topLinks}>
        <a href="/vandringar" data-testid="walks-link">
          {texts.walkLink}
        </a>
        <a href="/karta">{locale === 'en' ? 'Map' : 'Karta'}</a>
      </p>
      {data.basemapStyleUrl ? null : <p className={styles.muted}>{texts.noBasemap}</p>}
      <CaptureForm
        locale={locale}
        kinds={data.kinds}
        categories={data.categories}
        organisations={data.organisations}
        cleanupTargets={data.cleanupTargets}
        nowLocal={data.nowLocal}
        areas={data.areas}
        bounds={data.bounds}
        basemapStyleUrl={data.basemapStyleUrl}
        initialView={initialViewFrom(await searchParams)}
        saveAction={saveCaptureAction}
        confirmAction={confirmCaptureAction}
      />
    </div>
  );
}
