import { getTranslator, type MessageKey } from '@/lib/i18n/translate';
import { requireStaffUser } from '@/lib/server/auth/session';
import { getDb } from '@/lib/server/db';
import { listMyNotifications } from '@/lib/server/notifications/user-notifications';
import { loopAccessFor } from '@/lib/server/pledges/loop-access';
import { getRequestLocale } from '../../_lib/request-locale';
import { formatLoopDate, LoopNav, LoopOutcome, PAGE_STYLE } from '../loften/_components/loop-nav';
import { markReadAction } from './actions';

export const dynamic = 'force-dynamic';

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

const EMAIL: Record<string, MessageKey> = { pending: 'loop.notifications.emailPending', sent: 'loop.notifications.emailSent', not_configured: 'loop.notifications.emailNotConfigured', failed: 'loop.notifications.emailFailed' };

// The signed-in user's reminders: follow-up quarters, overdue activities, graffiti/damage assigned to
// their organisation and cleanup targets. Everyone signed in has this page (an empty one without an organisation).
export default async function NotificationsPage({ searchParams }: { searchParams: SearchParams }) {
  const user = await requireStaffUser('/notiser');
  const access = loopAccessFor(await getDb(), user);
  const locale = await getRequestLocale();
  const t = getTranslator(locale);
  const params = await searchParams;
  const rows = await listMyNotifications(access);
  const unread = rows.filter((r) => r.read_at === null).length;
  return (
    <section style={PAGE_STYLE}>
      <h1>{t('loop.notifications.heading')}</h1>
      <LoopNav current="notiser" t={t} />
      <LoopOutcome params={params} />
      <p data-testid="unread-count">{unread === 0 ? t('loop.notifications.noneUnread') : t('loop.notifications.unread', { count: unread })}</p>
      {unread > 0 ? (
        <form action={markReadAction}>
          <input type="hidden" name="all" value="1" />
          <button type="submit">{t('loop.notifications.markAllRead')}</button>
        </form>
      ) : null}
      <ul style={{ listStyle: 'none', padding: 0 }} data-testid="notifications">
        {rows.map((n) => (
          <li key={n.id} style={{ borderTop: '1px solid #ccc', padding: '0.5rem 0', fontWeight: n.read_at ? 'normal' : 'bold' }}>
            <div>{n.link ? <a href={n.link}>{n.title}</a> : n.title}</div>
            <div style={{ fontWeight: 'normal' }}>{n.body}</div>
            <small style={{ fontWeight: 'normal' }}>
              {formatLoopDate(locale, n.queued_at)}
              {n.due_at ? ` · ${t('loop.notifications.due', { at: formatLoopDate(locale, n.due_at) })}` : ''} · {EMAIL[n.email_status] ? t(EMAIL[n.email_status]) : n.email_status}
              {n.read_at ? ` · ${t('loop.notifications.readAt', { at: formatLoopDate(locale, n.read_at) })}` : ''}
            </small>
            {n.read_at === null ? (
              <form action={markReadAction} style={{ display: 'inline', marginLeft: '0.5rem' }}>
                <input type="hidden" name="id" value={n.id} />
                <button type="submit">{t('loop.notifications.markRead')}</button>
              </form>
            ) : null}
          </li>
        ))}
      </ul>
    </section>
  );
}
