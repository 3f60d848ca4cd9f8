import { requireStaffUser } from '@/lib/server/auth/session';
import { getDb } from '@/lib/server/db';
import { listMyNotifications } from '@/lib/server/notifications/user-notifications';
import { loopAccessFor } from '@/lib/server/pledges/loop-access';
import { LoopNav, LoopOutcome, PAGE_STYLE } from '../loften/_components/loop-nav';
import { markReadAction } from './actions';

export const dynamic = 'force-dynamic';

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

const EMAIL: Record<string, string> = { pending: 'e-post väntar', sent: 'skickad som e-post', not_configured: 'ingen e-post (SMTP saknas)', failed: 'e-post misslyckades' };

// The signed-in user's reminders: follow-up quarters, overdue activities, graffiti/damage assigned to
// their organisation and cleanup targets. Everyone signed in has this page (an empty one without an organisation).
export default async function NotificationsPage({ searchParams }: { searchParams: SearchParams }) {
  const user = await requireStaffUser('/notiser');
  const access = loopAccessFor(await getDb(), user);
  const params = await searchParams;
  const rows = await listMyNotifications(access);
  const unread = rows.filter((r) => r.read_at === null).length;
  return (
    <section style={PAGE_STYLE}>
      <h1>Notiser</h1>
      <LoopNav current="notiser" />
      <LoopOutcome params={params} />
      <p data-testid="unread-count">{unread === 0 ? 'Inga olästa notiser.' : `${unread} olästa notiser.`}</p>
      {unread > 0 ? (
        <form action={markReadAction}>
          <input type="hidden" name="all" value="1" />
          <button type="submit">Markera alla som lästa</button>
        </form>
      ) : null}
      <ul style={{ listStyle: 'none', padding: 0 }} data-testid="notifications">
        {rows.map((n) => (
          <li key={n.id} style={{ borderTop: '1px solid #ccc', padding: '0.5rem 0', fontWeight: n.read_at ? 'normal' : 'bold' }}>
            <div>{n.link ? <a href={n.link}>{n.title}</a> : n.title}</div>
            <div style={{ fontWeight: 'normal' }}>{n.body}</div>
            <small style={{ fontWeight: 'normal' }}>
              {n.queued_at}
              {n.due_at ? ` · senast ${n.due_at}` : ''} · {EMAIL[n.email_status] ?? n.email_status}
              {n.read_at ? ` · läst ${n.read_at}` : ''}
            </small>
            {n.read_at === null ? (
              <form action={markReadAction} style={{ display: 'inline', marginLeft: '0.5rem' }}>
                <input type="hidden" name="id" value={n.id} />
                <button type="submit">Markera som läst</button>
              </form>
            ) : null}
          </li>
        ))}
      </ul>
    </section>
  );
}
