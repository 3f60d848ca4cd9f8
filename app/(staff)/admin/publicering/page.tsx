import { requireAdmin } from '@/lib/server/auth/admin';
import { listPublicationReportsAsAdmin } from '@/lib/server/disclosure/admin-publication';
import { AdminNav, Outcome } from '../admin-nav';
import { publishQuarterAction } from './actions';

export const dynamic = 'force-dynamic';

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

const AUDIENCE_LABELS = { public: 'Allmänheten', council: 'Brå-rådet', partner: 'Partner' } as const;

// Published aggregates: what has been frozen per quarter and audience, and publishing the next quarter.
export default async function AdminPublicationPage({ searchParams }: { searchParams: SearchParams }) {
  const admin = await requireAdmin();
  const params = await searchParams;
  const reports = await listPublicationReportsAsAdmin(admin);
  return (
    <section style={{ padding: '1rem' }}>
      <h1>Publicering</h1>
      <AdminNav current="publication" />
      <Outcome params={params} />
      <p>
        Bara stängda kvartal publiceras, tidigast en månad efter kvartalets slut. Varje publicering granskas först: om en
        undertryckt siffra (färre än k) skulle kunna räknas fram ur det som redan är publicerat vägras publiceringen och
        cellerna namnges. En publicerad version ändras aldrig; en rättelse blir en ny version med en ändringsnotering.
      </p>
      <h2>Publicera ett kvartal</h2>
      <form action={publishQuarterAction} style={{ display: 'grid', gap: '0.5rem', maxWidth: '32rem' }}>
        <label>
          Kommun
          <select name="municipality_code" style={{ display: 'block' }}>
            {admin.municipalities.map((m) => (
              <option key={m}>{m}</option>
            ))}
          </select>
        </label>
        <label>
          Kvartal (t.ex. 2026-Q3)
          <input name="quarter" required pattern="\d{4}-Q[1-4]" style={{ display: 'block' }} />
        </label>
        <label>
          Mottagare
          <select name="audience" style={{ display: 'block' }}>
            {Object.entries(AUDIENCE_LABELS).map(([value, label]) => (
              <option key={value} value={value}>
                {label}
              </option>
            ))}
          </select>
        </label>
        <label>
          Ändringsnotering (krävs för version 2 och senare)
          <textarea name="changelog" rows={2} style={{ display: 'block', width: '100%' }} />
        </label>
        <label>
          <input type="checkbox" name="dry_run" /> Provkörning: beräkna och granska utan att spara
        </label>
        <button type="submit">Beräkna, granska och publicera</button>
      </form>
      {reports.map((r) => (
        <div key={`${r.municipalityCode}-${r.audience}`}>
          <h2>
            {AUDIENCE_LABELS[r.audience]}, {r.municipalityCode}
          </h2>
          {r.rows.length === 0 ? (
            <p>Inget publicerat ännu.</p>
          ) : (
            <table data-testid={`publications-${r.audience}-${r.municipalityCode}`}>
              <thead>
                <tr>
                  <th scope="col">Kvartal</th>
                  <th scope="col">Version</th>
                  <th scope="col">Geografi</th>
                  <th scope="col">k</th>
                  <th scope="col">Publicerade celler</th>
                  <th scope="col">Undertryckta</th>
                  <th scope="col">Granskning</th>
                  <th scope="col">Publicerad</th>
                </tr>
              </thead>
              <tbody>
                {r.rows.map((row) => (
                  <tr key={`${row.quarter}-${row.version}`}>
                    <td>{row.quarter}</td>
                    <td>{row.version}</td>
                    <td>{row.geography}</td>
                    <td>{row.k}</td>
                    <td>{row.publishedCells}</td>
                    <td>
                      {row.suppressedCells} ({Math.round(row.suppressedShare * 100)} %)
                    </td>
                    <td>{row.auditPassed ? 'godkänd' : 'underkänd'}</td>
                    <td>
                      {row.createdAt.slice(0, 10)} av {row.createdBy}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </div>
      ))}
    </section>
  );
}
