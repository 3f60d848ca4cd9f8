import { ORGANISATION_KINDS } from '@/lib/domain/constants';
import { listAdminOrganisations, requireAdmin } from '@/lib/server/auth/admin';
import { createOrganisationAction } from '../actions';
import { AdminNav, Outcome } from '../admin-nav';

export const dynamic = 'force-dynamic';

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

// Organisations of the admin's municipalities and how many role holders each has.
export default async function AdminOrganisationsPage({ searchParams }: { searchParams: SearchParams }) {
  const admin = await requireAdmin();
  const params = await searchParams;
  const organisations = await listAdminOrganisations(admin);
  return (
    <section style={{ padding: '1rem' }}>
      <h1>Organisationer</h1>
      <AdminNav current="organisations" />
      <Outcome params={params} />
      <table data-testid="admin-organisations">
        <thead>
          <tr>
            <th scope="col">Kommun</th>
            <th scope="col">Namn</th>
            <th scope="col">Slag</th>
            <th scope="col">Medlemmar</th>
          </tr>
        </thead>
        <tbody>
          {organisations.map((o) => (
            <tr key={o.id}>
              <td>{o.municipality_code}</td>
              <td>{o.name}</td>
              <td>{o.kind}</td>
              <td>{o.members}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <h2>Ny organisation</h2>
      <form action={createOrganisationAction} style={{ display: 'flex', gap: '0.5rem', flexWrap: 'wrap' }}>
        <select name="municipality_code" aria-label="Kommun">
          {admin.municipalities.map((m) => (
            <option key={m}>{m}</option>
          ))}
        </select>
        <input name="name" aria-label="Namn" required placeholder="Namn" />
        <select name="kind" aria-label="Slag">
          {ORGANISATION_KINDS.map((k) => (
            <option key={k}>{k}</option>
          ))}
        </select>
        <button type="submit">Skapa</button>
      </form>
    </section>
  );
}
