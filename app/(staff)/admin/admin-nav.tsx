/** The admin section's own navigation (plain links). */
export function AdminNav({ current }: { current: 'start' | 'users' | 'organisations' | 'log' | 'publication' }) {
  const links = [
    ['start', '/admin', 'Översikt'],
    ['users', '/admin/anvandare', 'Användare och roller'],
    ['organisations', '/admin/organisationer', 'Organisationer'],
    ['log', '/admin/logg', 'Logg'],
    ['publication', '/admin/publicering', 'Publicering'],
  ] as const;
  return (
    <nav aria-label="Administration" style={{ display: 'flex', gap: '1rem', margin: '1rem 0' }}>
      {links.map(([key, href, label]) => (
        <a key={key} href={href} aria-current={key === current ? 'page' : undefined} data-testid={`admin-nav-${key}`}>
          {label}
        </a>
      ))}
    </nav>
  );
}

/** The outcome of the last action, from the URL (?ok=… or ?fel=…). */
export function Outcome({ params }: { params: Record<string, string | string[] | undefined> }) {
  const ok = typeof params.ok === 'string' ? params.ok : null;
  const fel = typeof params.fel === 'string' ? params.fel : null;
  if (fel) return <p role="alert" data-testid="admin-error">{fel}</p>;
  if (ok) return <p role="status" data-testid="admin-ok">Klart: {ok}</p>;
  return null;
}
