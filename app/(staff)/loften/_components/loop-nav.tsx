/** The council loop's own navigation (plain links): pledges, focus areas, activities, follow-up, meetings, notifications. */
export function LoopNav({ current }: { current: 'loften' | 'fokusomraden' | 'aktiviteter' | 'uppfoljning' | 'motesplan' | 'notiser' }) {
  const links = [
    ['loften', '/loften', 'Medborgarlöften'],
    ['fokusomraden', '/fokusomraden', 'Fokusområden'],
    ['aktiviteter', '/aktiviteter', 'Aktiviteter'],
    ['uppfoljning', '/uppfoljning', 'Uppföljning'],
    ['motesplan', '/motesplan', 'Mötesplan'],
    ['notiser', '/notiser', 'Notiser'],
  ] as const;
  return (
    <nav aria-label="Medborgarlöften och uppföljning" style={{ display: 'flex', flexWrap: 'wrap', gap: '1rem', margin: '0.5rem 0 1rem' }}>
      {links.map(([key, href, label]) => (
        <a key={key} href={href} aria-current={key === current ? 'page' : undefined} data-testid={`loop-nav-${key}`}>
          {label}
        </a>
      ))}
    </nav>
  );
}

/** The outcome of the last action, from the URL (?ok=… or ?fel=…). */
export function LoopOutcome({ params }: { params: Record<string, string | string[] | undefined> }) {
  const ok = typeof params.ok === 'string' ? params.ok : null;
  const fel = typeof params.fel === 'string' ? params.fel : null;
  if (fel) return <p role="alert" data-testid="loop-error" style={{ color: '#8a1c1c' }}>{fel}</p>;
  if (ok) return <p role="status" data-testid="loop-ok">{ok}</p>;
  return null;
}

export const ACTIVITY_STATUS_LABELS: Record<string, string> = {
  proposed: 'Föreslagen',
  decided: 'Beslutad',
  rejected: 'Avslagen',
  ongoing: 'Pågår',
  done: 'Genomförd',
  cancelled: 'Avbruten',
};

export const FOLLOW_UP_STATUS_LABELS: Record<string, string> = {
  on_track: 'Enligt plan',
  delayed: 'Försenad',
  done: 'Klar',
  not_started: 'Inte påbörjad',
  cancelled: 'Avbruten',
};

export const PAGE_STYLE = { padding: '1rem', maxWidth: '72rem' } as const;
export const FORM_STYLE = { display: 'grid', gap: '0.5rem', maxWidth: '36rem', margin: '0.5rem 0 1.5rem' } as const;
