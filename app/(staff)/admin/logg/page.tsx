import { searchAdminAuditLog, requireAdmin } from '@/lib/server/auth/admin';
import { verifyAuditAction } from '../actions';
import { AdminNav, Outcome } from '../admin-nav';

export const dynamic = 'force-dynamic';

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

const FILTERS = ['actor', 'action', 'resource', 'municipality_code', 'from', 'to'] as const;

// The audit log, newest first: search by actor, action, resource, municipality and time; CSV export.
export default async function AdminLogPage({ searchParams }: { searchParams: SearchParams }) {
  const admin = await requireAdmin();
  const params = await searchParams;
  const query: Record<string, string> = {};
  for (const key of [...FILTERS, 'before_id']) {
    const v = params[key];
    if (typeof v === 'string' && v.trim()) query[key] = v.trim();
  }
  const result = await searchAdminAuditLog(admin, query).catch(() => null);
  const exportQuery = new URLSearchParams(Object.entries(query).filter(([k]) => k !== 'before_id'));
  const nextQuery = result?.nextBeforeId ? new URLSearchParams({ ...query, before_id: String(result.nextBeforeId) }) : null;
  return (
    <section style={{ padding: '1rem' }}>
      <h1>Logg</h1>
      <AdminNav current="log" />
      <Outcome params={params} />
      <p>
        Loggen kan bara läggas till (databasen vägrar ändringar och borttag) och varje rad är kedjad med en hash till
        den föregående. Lagringstid: {result?.retentionDays ?? '–'} dagar (LAGESBILD_AUDIT_RETENTION_DAYS).
      </p>
      <form action={verifyAuditAction}>
        <button type="submit">Kontrollera kedjan</button>
      </form>
      <form method="get" style={{ display: 'flex', gap: '0.5rem', flexWrap: 'wrap', margin: '1rem 0' }}>
        {FILTERS.map((f) => (
          <label key={f}>
            {f} <input name={f} defaultValue={query[f] ?? ''} placeholder={f === 'from' || f === 'to' ? '2026-11-01T00:00:00Z' : ''} />
          </label>
        ))}
        <button type="submit">Sök</button>
      </form>
      <p>
        <a href={`/api/v1/admin/audit/export?${exportQuery.toString()}`} data-testid="audit-csv">
          Exportera som CSV
        </a>
      </p>
      {result === null ? (
        <p role="alert">Sökningen är ogiltig (tider som ISO-8601 med tidszon).</p>
      ) : (
        <table data-testid="audit-log">
          <thead>
            <tr>
              {['id', 'tid', 'kommun', 'vem', 'vad', 'resurs', 'antal', 'detaljer'].map((h) => (
                <th key={h} scope="col">
                  {h}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {result.rows.map((r) => (
              <tr key={r.id}>
                <td>{r.id}</td>
                <td>{r.occurred_at.toISOString()}</td>
                <td>{r.municipality_code ?? ''}</td>
                <td>{r.actor}</td>
                <td>{r.action}</td>
                <td>{r.resource}</td>
                <td>{r.result_count ?? ''}</td>
                <td>
                  <code>{JSON.stringify(r.details)}</code>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {nextQuery ? <a href={`/admin/logg?${nextQuery.toString()}`}>Äldre</a> : null}
    </section>
  );
}
