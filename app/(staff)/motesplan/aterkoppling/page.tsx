import { notFound } from 'next/navigation';
import { HttpError } from '@/lib/server/auth/errors';
import { requireStaffUser } from '@/lib/server/auth/session';
import { getFeedbackExport } from '@/lib/server/cadence/feedback-export';
import { allows, findLoopAccess } from '@/lib/server/pledges/loop-access';

export const dynamic = 'force-dynamic';

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

const STATUS: Record<string, string> = { proposed: 'föreslagen', decided: 'beslutad', ongoing: 'pågår', done: 'genomförd', cancelled: 'avbruten', open: 'öppen', planned: 'planerad' };

// Återkoppling after an EST meeting, printable (A4): what the actors may see at partner precision.
export default async function FeedbackPage({ searchParams }: { searchParams: SearchParams }) {
  const params = await searchParams;
  const id = typeof params.mote === 'string' ? params.mote : '';
  await requireStaffUser(`/motesplan/aterkoppling?mote=${encodeURIComponent(id)}`);
  const access = await findLoopAccess();
  if (!access || !allows(access, 'read', 'est_meeting') || !allows(access, 'export', 'incident_aggregate')) notFound();
  const f = await getFeedbackExport(access, id, 'page').catch((err: unknown) => {
    if (err instanceof HttpError && err.status === 404) notFound();
    throw err;
  });
  return (
    <article style={{ padding: '1rem', maxWidth: '48rem', margin: '0 auto' }} data-testid="feedback-export">
      <style>{'@page { size: A4; margin: 18mm; } @media print { .staff-header, .demo-banner, .no-print { display: none !important; } }'}</style>
      <h1>Återkoppling efter EST-mötet {f.meeting.held_on}</h1>
      <p>
        {f.meeting.kind === 'analysis' ? 'Analysmöte' : 'Uppföljningsmöte'}
        {f.meeting.organisation_names.length > 0 ? `, deltagare: ${f.meeting.organisation_names.join(', ')}` : ''}. Lägesbilden på partnernivå: bara sammanräknade tal där små tal döljs, och
        sådant som alla samverkansparter får se.
      </p>
      <p className="no-print">
        <a href={`/motesplan/aterkoppling/csv?mote=${f.meeting.id}`}>Ladda ner som CSV</a> · Skriv ut eller spara som PDF från webbläsaren.
      </p>
      <h2>Händelser {f.quarter}</h2>
      {f.aggregates ? (
        <table>
          <caption>Publicerat för samverkansparter, version {f.aggregates.version}; färre än {f.aggregates.k} visas inte.</caption>
          <thead>
            <tr>
              <th scope="col">Område</th>
              <th scope="col">Grupp</th>
              <th scope="col">Antal</th>
            </tr>
          </thead>
          <tbody>
            {[...f.aggregates.municipalityTotals, ...f.aggregates.areaTotals].map((c, i) => (
              <tr key={`${c.areaName}-${c.group}-${i}`}>
                <td>{c.areaName}</td>
                <td>{c.groupLabel}</td>
                <td>{c.display}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : (
        <p data-testid="no-aggregates">Inga siffror för {f.quarter} är publicerade för samverkansparter än (publiceras av administratören).</p>
      )}
      <h2>Otrygga platser som alla parter ser</h2>
      {f.places.length === 0 ? (
        <p>Inga öppna platser.</p>
      ) : (
        <table>
          <thead>
            <tr>
              <th scope="col">Plats</th>
              <th scope="col">Område</th>
              <th scope="col">Föreslagen åtgärd</th>
              <th scope="col">Status</th>
            </tr>
          </thead>
          <tbody>
            {f.places.map((p) => (
              <tr key={p.id}>
                <td>{p.title}</td>
                <td>{p.district ?? '–'}</td>
                <td>{p.proposed_measure ?? '–'}</td>
                <td>{STATUS[p.status] ?? p.status}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <h2>Klotter och skadegörelse sedan {f.quarter}</h2>
      <table>
        <thead>
          <tr>
            <th scope="col">Ansvarig</th>
            <th scope="col">Rapporterade</th>
            <th scope="col">Åtgärdade</th>
            <th scope="col">Öppna</th>
          </tr>
        </thead>
        <tbody>
          {f.cleanup.map((c) => (
            <tr key={c.organisation}>
              <td>{c.organisation}</td>
              <td>{c.reported}</td>
              <td>{c.cleaned}</td>
              <td>{c.open}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <h2>Medborgarlöftenas aktiviteter</h2>
      <table>
        <thead>
          <tr>
            <th scope="col">Aktivitet</th>
            <th scope="col">Ansvarig</th>
            <th scope="col">Status</th>
            <th scope="col">Senaste uppföljning</th>
          </tr>
        </thead>
        <tbody>
          {f.activities.map((a, i) => (
            <tr key={`${a.title}-${i}`}>
              <td>
                {a.title}
                {a.public_summary ? <div style={{ fontSize: '0.9em' }}>{a.public_summary}</div> : null}
              </td>
              <td>{a.owner_name}</td>
              <td>{STATUS[a.status] ?? a.status}</td>
              <td>{a.last_quarter ? `${a.last_quarter}: ${a.last_value ?? '–'}${a.indicator ? ` (${a.indicator})` : ''}` : '–'}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <footer style={{ marginTop: '2rem', fontSize: '0.85em' }}>Partnernivå – får delas med samverkansparterna. Innehåller inga enskilda händelser och ingen fritext.</footer>
    </article>
  );
}
