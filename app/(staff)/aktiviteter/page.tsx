import { notFound } from 'next/navigation';
import { listActivitiesFor } from '@/lib/server/activities/list-activities-for';
import { allows, getPageLoopAccess, listLoopOrganisations } from '@/lib/server/pledges/loop-access';
import { listFocusAreasFor, listPledgesFor } from '@/lib/server/pledges/manage-pledges';
import { ACTIVITY_STATUS_LABELS, FORM_STYLE, LoopNav, LoopOutcome, PAGE_STYLE } from '../loften/_components/loop-nav';
import { proposeActivityAction } from './actions';

export const dynamic = 'force-dynamic';

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

// Activities (insatser): the EST group sees all and proposes new ones; a partner sees those its
// organisation owns or partners in; the council reads without internal notes.
export default async function ActivitiesPage({ searchParams }: { searchParams: SearchParams }) {
  const access = await getPageLoopAccess('/aktiviteter', 'activity');
  if (!access) notFound();
  const params = await searchParams;
  const rows = await listActivitiesFor(access);
  const mayPropose = allows(access, 'create', 'activity');
  const [pledges, focusAreas, organisations] = mayPropose ? await Promise.all([listPledgesFor(access), listFocusAreasFor(access), listLoopOrganisations(access)]) : [[], [], []];
  return (
    <section style={PAGE_STYLE}>
      <h1>Aktiviteter</h1>
      <LoopNav current="aktiviteter" />
      <LoopOutcome params={params} />
      {access.scope.kind === 'organisations' ? <p>Du ser aktiviteter där din organisation är ansvarig eller samverkanspart.</p> : null}
      <table data-testid="activities-table">
        <thead>
          <tr>
            <th scope="col">Aktivitet</th>
            <th scope="col">Löfte</th>
            <th scope="col">Ansvarig</th>
            <th scope="col">Samverkan</th>
            <th scope="col">Period</th>
            <th scope="col">Status</th>
            <th scope="col">Rådets beslut</th>
            <th scope="col">Rapporterade kvartal</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((a) => (
            <tr key={a.id}>
              <td>
                <a href={`/aktiviteter/${a.id}`}>{a.title}</a>
              </td>
              <td>{a.pledge_title ? `${a.pledge_title} (${a.pledge_year})` : '–'}</td>
              <td>{a.owner_name}</td>
              <td>{a.partner_names.join(', ') || '–'}</td>
              <td>
                {a.starts_on} – {a.ends_on ?? 'tills vidare'}
              </td>
              <td>{ACTIVITY_STATUS_LABELS[a.status] ?? a.status}</td>
              <td>{a.decision_on ? `${a.decision_outcome === 'rejected' ? 'Avslag' : 'Beslut'} ${a.decision_on}` : '–'}</td>
              <td>{a.reported_quarters.join(', ') || '–'}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {mayPropose ? (
        <>
          <h2>Föreslå en aktivitet</h2>
          <p>EST-gruppen föreslår; aktiviteten blir beslutad eller avslagen först när rådets beslut registreras.</p>
          <form action={proposeActivityAction} style={FORM_STYLE} data-testid="propose-activity-form">
            <label>
              Titel
              <input name="title" required maxLength={200} style={{ display: 'block', width: '100%' }} />
            </label>
            <label>
              Medborgarlöfte
              <select name="pledge_id" style={{ display: 'block' }}>
                <option value="">– inget –</option>
                {pledges.map((p) => (
                  <option key={p.id} value={p.id}>
                    {p.year}: {p.title}
                  </option>
                ))}
              </select>
            </label>
            <label>
              Fokusområde
              <select name="focus_area_id" style={{ display: 'block' }}>
                <option value="">– inget –</option>
                {focusAreas.map((f) => (
                  <option key={f.id} value={f.id}>
                    {f.name}
                  </option>
                ))}
              </select>
            </label>
            <label>
              Ansvarig organisation
              <select name="owner_org_id" required style={{ display: 'block' }}>
                {organisations.map((o) => (
                  <option key={o.id} value={o.id}>
                    {o.name}
                  </option>
                ))}
              </select>
            </label>
            <fieldset>
              <legend>Samverkansparter</legend>
              {organisations.map((o) => (
                <label key={o.id} style={{ display: 'block' }}>
                  <input type="checkbox" name="partner_org_ids" value={o.id} /> {o.name}
                </label>
              ))}
            </fieldset>
            <label>
              Startdatum
              <input type="date" name="starts_on" required style={{ display: 'block' }} />
            </label>
            <label>
              Slutdatum
              <input type="date" name="ends_on" style={{ display: 'block' }} />
            </label>
            <label>
              Mätbart mål
              <textarea name="goal" rows={2} style={{ display: 'block', width: '100%' }} />
            </label>
            <label>
              Indikator (det som mäts vid varje uppföljning)
              <input name="indicator" maxLength={200} style={{ display: 'block', width: '100%' }} />
            </label>
            <label>
              Interna anteckningar (visas aldrig för rådet eller allmänheten)
              <textarea name="internal_notes" rows={2} style={{ display: 'block', width: '100%' }} />
            </label>
            <label>
              Publik sammanfattning (visas publikt först efter granskning)
              <textarea name="public_summary" rows={2} style={{ display: 'block', width: '100%' }} />
            </label>
            <button type="submit">Registrera förslaget</button>
          </form>
        </>
      ) : null}
    </section>
  );
}
