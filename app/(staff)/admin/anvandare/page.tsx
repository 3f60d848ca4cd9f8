import { ROLES } from '@/lib/schemas/auth';
import { listAdminOrganisations, listAdminUsers, requireAdmin } from '@/lib/server/auth/admin';
import { createUserAction, grantRoleAction, resetPasswordAction, revokeRoleAction, setDisabledAction } from '../actions';
import { AdminNav, Outcome } from '../admin-nav';

export const dynamic = 'force-dynamic';

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

function MembershipFields({ municipalities, organisations }: { municipalities: string[]; organisations: { id: string; name: string; municipality_code: string }[] }) {
  return (
    <>
      <select name="municipality_code" aria-label="Kommun" defaultValue={municipalities[0]}>
        {municipalities.map((m) => (
          <option key={m}>{m}</option>
        ))}
      </select>
      <select name="role" aria-label="Roll">
        {ROLES.map((r) => (
          <option key={r}>{r}</option>
        ))}
      </select>
      <select name="organisation_id" aria-label="Organisation" defaultValue="">
        <option value="">(ingen organisation: admin, council)</option>
        {organisations.map((o) => (
          <option key={o.id} value={o.id}>
            {o.municipality_code} {o.name}
          </option>
        ))}
      </select>
    </>
  );
}

// Users with roles in the admin's municipalities: create, grant and revoke roles, reset passwords, disable.
export default async function AdminUsersPage({ searchParams }: { searchParams: SearchParams }) {
  const admin = await requireAdmin();
  const params = await searchParams;
  const [users, organisations] = await Promise.all([listAdminUsers(admin), listAdminOrganisations(admin)]);
  return (
    <section style={{ padding: '1rem' }}>
      <h1>Användare och roller</h1>
      <AdminNav current="users" />
      <Outcome params={params} />
      <table data-testid="admin-users">
        <thead>
          <tr>
            <th scope="col">E-post</th>
            <th scope="col">Namn</th>
            <th scope="col">Roller</th>
            <th scope="col">Status</th>
            <th scope="col">Åtgärder</th>
          </tr>
        </thead>
        <tbody>
          {users.map((u) => (
            <tr key={u.id}>
              <td>{u.email}</td>
              <td>{u.name}</td>
              <td>
                <ul>
                  {u.memberships.map((m) => (
                    <li key={`${m.municipality_code}-${m.role}`}>
                      {m.municipality_code} {m.role}
                      {m.organisation_name ? ` (${m.organisation_name})` : ''}{' '}
                      {admin.municipalities.includes(m.municipality_code) ? (
                        <form action={revokeRoleAction} style={{ display: 'inline' }}>
                          <input type="hidden" name="email" value={u.email} />
                          <input type="hidden" name="municipality_code" value={m.municipality_code} />
                          <input type="hidden" name="role" value={m.role} />
                          <button type="submit">Ta bort</button>
                        </form>
                      ) : null}
                    </li>
                  ))}
                </ul>
              </td>
              <td>
                {u.disabled ? 'avstängd' : 'aktiv'}
                {u.two_factor_enabled ? ', tvåsteg' : ''}
                {u.is_demo ? ', demo' : ''}
              </td>
              <td>
                <form action={grantRoleAction}>
                  <input type="hidden" name="email" value={u.email} />
                  <MembershipFields municipalities={admin.municipalities} organisations={organisations} />
                  <button type="submit">Lägg till roll</button>
                </form>
                <form action={resetPasswordAction}>
                  <input type="hidden" name="email" value={u.email} />
                  <input name="password" type="password" autoComplete="new-password" minLength={12} required aria-label={`Nytt lösenord för ${u.email}`} placeholder="nytt lösenord (minst 12 tecken)" />
                  <button type="submit">Återställ lösenord</button>
                </form>
                {u.email !== admin.user.email ? (
                  <form action={setDisabledAction}>
                    <input type="hidden" name="email" value={u.email} />
                    <input type="hidden" name="disabled" value={u.disabled ? 'false' : 'true'} />
                    <button type="submit">{u.disabled ? 'Aktivera' : 'Stäng av'}</button>
                  </form>
                ) : null}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <h2>Ny användare</h2>
      <form action={createUserAction} style={{ display: 'grid', gap: '0.5rem', maxWidth: '40rem' }}>
        <label>
          E-post <input name="email" type="email" required />
        </label>
        <label>
          Namn <input name="name" required />
        </label>
        <label>
          Lösenord (tomt: loggar bara in via organisationens identitetstjänst){' '}
          <input name="password" type="password" autoComplete="new-password" minLength={12} />
        </label>
        <div>
          <MembershipFields municipalities={admin.municipalities} organisations={organisations} />
        </div>
        <button type="submit">Skapa användare</button>
      </form>
    </section>
  );
}
