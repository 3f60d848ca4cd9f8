import 'server-only';
import type { Kysely } from 'kysely';
import type { Database } from '@/db/schema';
import type { DatabasePhase } from './db';

/**
 * First start on an empty database: load the Värnamo demo so `npm start` shows something real.
 * LAGESBILD_DEMO=off disables it (production), and it never runs over existing data.
 */
export async function maybeSeedDemoOnFirstStart(db: Kysely<Database>, setPhase: (p: DatabasePhase) => void): Promise<void> {
  if (process.env.LAGESBILD_DEMO === 'off') return;
  const existing = await db.selectFrom('municipality').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  if (Number(existing.n) > 0) return;
  setPhase('seeding');
  // TODO(#2): call the demo seed once db/seed/demo.ts lands.
}
