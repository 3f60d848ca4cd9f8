'use server';
// Marking one's own notifications read.
import { markMyNotificationsRead } from '@/lib/server/notifications/user-notifications';
import { runLoopAction } from '../loften/_components/run-loop-action';

export async function markReadAction(f: FormData): Promise<void> {
  const id = f.get('id');
  await runLoopAction('/notiser', async (access, t) => {
    const n = await markMyNotificationsRead(access, { ids: typeof id === 'string' && id !== '' ? [id] : f.get('all') === '1' ? null : [] }, new Date());
    return t('loop.notifications.marked', { count: n });
  });
}
