import 'server-only';
import { DEMO_MUNICIPALITY_CODE } from '@/lib/domain/constants';
import { getDatabaseState, getDb } from '@/lib/server/db';

/** Whether the demo data (and with it the demo users) is in use: the sign-in page says so. */
export async function isDemoModeActive(): Promise<boolean> {
  if (getDatabaseState().phase !== 'ready') return false;
  const { isDemoDataInUse } = await import('@/db/seed/demo');
  return isDemoDataInUse(await getDb(), DEMO_MUNICIPALITY_CODE).catch(() => false);
}
