import { notFound } from 'next/navigation';
import { listActivitiesFor } from '@/lib/server/activities/list-activities-for';
import { allows, getPageLoopAccess, listLoopOrganisations } from '@/lib/server/pledges/loop-access';
import { listFocusAreasFor, listPledgesFor } from '@/lib/server/pledges/manage-pledges';
import { ACTIVITY_STATUS_LABELS, FORM_STYLE, LoopNav, LoopOutcome, PAGE_STYLE } from './_components/loop-nav';
import { createPledgeAction } from './actions';

export const dynamic = 'force-dynamic';

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

// Medborgarlöften per year: text, focus areas, partner organisations and their activities by status.
export default async function PledgesPage({ searchParams }: { searchParams: SearchParams }) {
  const access = await getPageLoopAccess('/loften', 'pledge');
  if (!access) notFound();
  const params = await searchParams;
  const pledges = await listPledgesFor(access);
  const activities = allows(access, 'read', 'activity') ? await listActivitiesFor(access) : [];
  const mayCreate = allows(access, 'create', 'pledge');
  const [focusAreas, organisations] = mayCreate ? await Promise.all([listFocusAreasFor(access), listLoopOrganisations(access)]) : [[], []];
  const years = [...new Set(pledges.map((p) => p.year))];
  const thisYear = new Date().getFullYear();
  return (
    <section style={PAGE_STYLE}>
      <h1>Medborgarlöften</h1>
      <LoopNav current="loften" />
      <LoopOutcome params={params} />
      {years.length === 0 ? <p>Inga medborgarlöften ännu.</p> : null}
      {years.map((year) => (
        <div key={year}>
          <h2>{year}</h2>
          {pledges
            .filter((p) => p.year === year)
            .map((p) => (
              <article key={p.id} data-testid="pledge" style={{ borderTop: '1px solid #ccc', padding: '0.5rem 0' }}>
                <h3>{p.title}</h3>
                <p>{p.body}</p>
                <p>
                  <strong>Fokusområden:</strong> {p.focus_areas.map((f) => f.name).join(', ') || '–'}. <strong>Samverkansparter:</strong> {p.partner_names.join(', ') || '–'}.
                </p>
                <p>
                  <strong>Aktiviteter:</strong>{' '}
                  {Object.entries(p.activities_by_status)
                    .map(([s, n]) => `${ACTIVITY_STATUS_LABELS[s] ?? s} ${n}`)
                    .join(', ') || 'inga'}
                </p>
                <ul>
                  {activities
                    .filter((a) => a.pledge_id === p.id)
                    .map((a) => (
                      <li key={a.id}>
                        <a href={`/aktiviteter/${a.id}`}>{a.title}</a> – {a.owner_name}, {ACTIVITY_STATUS_LABELS[a.status] ?? a.status}
                      </li>
                    ))}
                </ul>
              </article>
            ))}
        </div>
      ))}
      {mayCreate ? (
        <>
          <h2>Nytt medborgarlöfte</h2>
          <form action={createPledgeAction} style={FORM_STYLE} data-testid="pledge-form">
            <label>
              År
              <input type="number" name="year" required min={2000} max={2200} defaultValue={thisYear + 1} style={{ display: 'block' }} />
            </label>
            <label>
              Rubrik
              <input name="title" required maxLength={200} style={{ display: 'block', width: '100%' }} />
            </label>
            <label>
              Löftestext
              <textarea name="body" required rows={4} style={{ display: 'block', width: '100%' }} />
            </label>
            <label>
              Kort publik sammanfattning
              <textarea name="public_summary" rows={2} style={{ display: 'block', width: '100%' }} />
            </label>
            <fieldset>
              <legend>Fokusområden</legend>
              {focusAreas.map((f) => (
                <label key={f.id} style={{ display: 'block' }}>
                  <input type="checkbox" name="focus_area_ids" value={f.id} /> {f.name}
                </label>
              ))}
            </fieldset>
            <fieldset>
              <legend>Samverkansparter</legend>
              {organisations.map((o) => (
                <label key={o.id} style={{ display: 'block' }}>
                  <input type="checkbox" name="partner_org_ids" value={o.id} /> {o.name}
                </label>
              ))}
            </fieldset>
            <button type="submit">Spara medborgarlöftet</button>
          </form>
        </>
      ) : null}
    </section>
  );
}
