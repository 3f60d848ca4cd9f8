import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { getCaptureAccess } from '@/lib/server/capture/capture-access';
import { getDatabaseState, startDatabase } from '@/lib/server/db';
import { canReadWalks, getWalkProtocol } from '@/lib/server/walks/walks';
import { captureTexts, fill } from '../../../../_components/capture/capture-texts';
import styles from '../../../../_components/capture/capture.module.css';
import print from '../../../../_components/capture/protocol-print.module.css';
import { PrintButton } from '../../../../_components/capture/print-button';
import { DatabaseStatus } from '../../../../_components/ui/database-status';
import { getRequestLocale } from '../../../../_lib/request-locale';

export const dynamic = 'force-dynamic';

export async function generateMetadata(): Promise<Metadata> {
  return { title: captureTexts(await getRequestLocale()).walkProtocol };
}

function formatDate(locale: string, date: string): string {
  return new Intl.DateTimeFormat(locale === 'en' ? 'en-GB' : 'sv-SE', { dateStyle: 'long', timeZone: 'UTC' }).format(new Date(`${date}T00:00:00Z`));
}

/** The walk protocol (återkoppling): every point the viewer may see, its status and what happens to it. Printable on A4. */
export default async function WalkProtocolPage({ params }: { params: Promise<{ id: string }> }) {
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
  const { walk, points } = protocol;
  return (
    <article className={`${styles.page} ${styles.protocol} ${print.marker}`} data-testid="walk-protocol">
      <p className={`${styles.topLinks} ${styles.noPrint}`}>
        <a href={`/vandringar/${walk.id}`}>{texts.backToWalk}</a>
        <a href="/vandringar">{texts.backToWalks}</a>
        <PrintButton label={texts.protocolPrint} className={styles.buttonSecondary} />
      </p>
      <h1>{fill(texts.protocolTitle, { title: walk.title })}</h1>
      <p className={styles.protocolMeta}>
        {fill(texts.protocolMeta, {
          date: formatDate(locale, walk.walked_on),
          area: walk.area_name ?? '–',
          orgs: walk.organisations.map((o) => o.name).join(', ') || '–',
        })}
      </p>
      {walk.notes ? <p>{walk.notes}</p> : null}
      {points.length === 0 ? (
        <p>{texts.protocolEmpty}</p>
      ) : (
        <div className={styles.tableWrap}>
          <table data-testid="protocol-table">
            <thead>
              <tr>
                <th scope="col">{texts.protocolNo}</th>
                <th scope="col">{texts.protocolPlace}</th>
                <th scope="col">{texts.protocolReasons}</th>
                <th scope="col">{texts.protocolObservation}</th>
                <th scope="col">{texts.protocolMeasure}</th>
                <th scope="col">{texts.protocolResponsible}</th>
                <th scope="col">{texts.protocolStatus}</th>
              </tr>
            </thead>
            <tbody>
              {points.map((p) => (
                <tr key={p.observation_id} data-testid="protocol-row">
                  <td>{p.sequence}</td>
                  <td>
                    {/* The record page is where the point's status and measure are updated afterwards. */}
                    <a href={`/karta/post/unsafe-place/${p.unsafe_place_id}`}>{p.title}</a>
                    <br />
                    <small>
                      {texts.protocolCoords}: {p.lat.toFixed(5)}, {p.lon.toFixed(5)}
                    </small>
                  </td>
                  <td>{p.reasons.map((r) => texts.reason[r as keyof typeof texts.reason] ?? r).join(', ')}</td>
                  <td>{p.note ?? ''}</td>
                  <td>{p.proposed_measure ?? p.protocol_action ?? ''}</td>
                  <td>{p.responsible_org_name ?? ''}</td>
                  <td data-testid="protocol-status">{texts.unsafeStatus[p.status as keyof typeof texts.unsafeStatus] ?? p.status}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <p className={styles.muted}>{texts.protocolHiddenNote}</p>
    </article>
  );
}
