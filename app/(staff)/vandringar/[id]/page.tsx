import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { getCaptureAccess } from '@/lib/server/capture/capture-access';
import { getDatabaseState, startDatabase } from '@/lib/server/db';
import { listMapAreas } from '@/lib/server/situation/list-area-outlines';
import { getBasemapStyleUrl } from '@/lib/server/situation/get-staff-context';
import { canReadWalks, canWalk, getWalkProtocol, listWalkOrganisations } from '@/lib/server/walks/walks';
import { areaBounds } from '@/lib/map/area-features';
import { captureTexts } from '../../../_components/capture/capture-texts';
import styles from '../../../_components/capture/capture.module.css';
import { WalkMode } from '../../../_components/capture/walk-mode';
import { DatabaseStatus } from '../../../_components/ui/database-status';
import { getRequestLocale } from '../../../_lib/request-locale';
import { addWalkObservationAction } from '../actions';

export const dynamic = 'force-dynamic';

export async function generateMetadata(): Promise<Metadata> {
  return { title: captureTexts(await getRequestLocale()).walksTitle };
}

export default async function WalkPage({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const locale = await getRequestLocale();
  startDatabase();
  const state = getDatabaseState();
  if (state.phase !== 'ready') return <DatabaseStatus locale={locale} state={state} />;
  const access = await getCaptureAccess();
  if (!access || !canReadWalks(access.viewer)) notFound();
  const { id } = await params;
  const protocol = await getWalkProtocol(access.db, access.viewer, id);
  if (!protocol) notFound();
  const texts = captureTexts(locale);
  const created = (await searchParams).ny === '1';
  const [organisations, areas] = await Promise.all([listWalkOrganisations(access.db, access.viewer.municipalityCode), listMapAreas(access.viewer.municipalityCode)]);
  const { walk, points } = protocol;
  // The map opens on the walk's area when it has one: that is where the group is standing.
  const walkArea = areas.features.filter((f) => f.properties.id === walk.area_id);
  const bounds = areaBounds(walkArea.length ? { type: 'FeatureCollection', features: walkArea } : areas);
  return (
    <div className={styles.page}>
      <p className={styles.topLinks}>
        <a href="/vandringar">{texts.backToWalks}</a>
        <a href={`/vandringar/${walk.id}/protokoll`} data-testid="walk-protocol-link">
          {texts.walkProtocol}
        </a>
      </p>
      <h1 data-testid="walk-heading">{walk.title}</h1>
      <p className={styles.muted}>
        {walk.walked_on}
        {walk.area_name ? ` · ${walk.area_name}` : ''}
        {walk.organisations.length ? ` · ${walk.organisations.map((o) => o.name).join(', ')}` : ''}
      </p>
      {created ? (
        <p className={styles.success} role="status" data-testid="walk-created">
          {texts.walkCreated}
        </p>
      ) : null}
      {canWalk(access.viewer) ? (
        <>
          <p className={styles.muted}>{texts.walkModeHelp}</p>
          <WalkMode
            locale={locale}
            walkId={walk.id}
            points={points}
            organisations={organisations}
            areas={areas}
            bounds={bounds}
            basemapStyleUrl={getBasemapStyleUrl()}
            addAction={addWalkObservationAction}
          />
        </>
      ) : null}
    </div>
  );
}
