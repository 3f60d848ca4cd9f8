import { notFound } from 'next/navigation';
import { reportingQuarter, shiftQuarter } from '@/lib/domain/council-quarters';
import { listUnreportedFor } from '@/lib/server/activities/list-unreported-for';
import { getPageLoopAccess } from '@/lib/server/pledges/loop-access';
import { ACTIVITY_STATUS_LABELS, LoopNav, PAGE_STYLE } from '../loften/_components/loop-nav';

export const dynamic = 'force-dynamic';

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

// The quarter's follow-up: who has not reported (the security coordinator's list; a partner sees its
// own activities still to report), with links to report.
export default async function FollowUpPage({ searchParams }: { searchParams: SearchParams }) {
  const access = await getPageLoopAccess('/uppfoljning', 'follow_up');
  if (!access) notFound();
  const params = await searchParams;
  const quarter = typeof params.kvartal === 'string' && /^\d{4}-Q[1-4]$/.test(params.kvartal) ? params.kvartal : reportingQuarter(new Date());
  const rows = await listUnreportedFor(access, { quarter });
  const owners = [...new Set(rows.map((r) => r.owner_name))];
  const own = access.scope.kind === 'organisations';
  return (
    <section style={PAGE_STYLE}>
      <h1>Uppföljning {quarter}</h1>
      <LoopNav current="uppfoljning" />
      <form method="get" style={{ display: 'flex', gap: '0.5rem', alignItems: 'end', margin: '0.5rem 0' }}>
        <label>
          Kvartal
          <input name="kvartal" defaultValue={quarter} pattern="\d{4}-Q[1-4]" style={{ display: 'block' }} />
        </label>
        <button type="submit">Visa</button>
        <a href={`/uppfoljning?kvartal=${shiftQuarter(quarter, -1)}`}>← {shiftQuarter(quarter, -1)}</a>
        <a href={`/uppfoljning?kvartal=${shiftQuarter(quarter, 1)}`}>{shiftQuarter(quarter, 1)} →</a>
      </form>
      <h2>{own ? 'Era aktiviteter som inte har rapporterats' : 'Har inte rapporterat'}</h2>
      {rows.length === 0 ? (
        <p data-testid="all-reported">Alla aktiviteter som löpte under {quarter} har rapporterat.</p>
      ) : (
        <>
          {!own ? (
            <p data-testid="unreported-summary">
              {rows.length} aktiviteter saknar uppföljning för {quarter}, från {owners.length} organisationer: {owners.join(', ')}.
            </p>
          ) : null}
          <table data-testid="unreported-table">
            <thead>
              <tr>
                <th scope="col">Ansvarig organisation</th>
                <th scope="col">Samverkansparter</th>
                <th scope="col">Aktivitet</th>
                <th scope="col">Medborgarlöfte</th>
                <th scope="col">Status</th>
                <th scope="col">Slutdatum</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr key={r.activity_id}>
                  <td>{r.owner_name}</td>
                  <td>{r.partner_names.join(', ') || '–'}</td>
                  <td>
                    <a href={`/aktiviteter/${r.activity_id}?kvartal=${quarter}`}>{r.title}</a>
                  </td>
                  <td>{r.pledge_title ?? '–'}</td>
                  <td>{ACTIVITY_STATUS_LABELS[r.status] ?? r.status}</td>
                  <td>{r.ends_on ?? '–'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </section>
  );
}
