'use server';
// Marking one's own notifications read.
import { redirect } from 'next/navigation';
import { markMyNotificationsRead } from '@/lib/server/notifications/user-notifications';
import { describeLoopError, findLoopAccess } from '@/lib/server/pledges/loop-access';

export async function markReadAction(f: FormData): Promise<void> {
  const access = await findLoopAccess();
  if (!access) redirect('/logga-in?next=%2Fnotiser');
  const id = f.get('id');
  let outcome: string;
  try {
    const n = await markMyNotificationsRead(access, { ids: typeof id === 'string' && id !== '' ? [id] : f.get('all') === '1' ? null : [] }, new Date());
    outcome = `ok=${encodeURIComponent(`${n} notiser markerade som lästa.`)}`;
  } catch (err) {
    const message = describeLoopError(err);
    if (message === null) throw err;
    outcome = `fel=${encodeURIComponent(message)}`;
  }
  redirect(`/notiser?${outcome}`);
}
