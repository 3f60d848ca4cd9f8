import 'server-only';
import type { Kysely } from 'kysely';
import type { Database } from '@/db/schema';
import { startOfQuarter } from '@/lib/domain/time';
import type { DatabasePhase } from './db';

/**
 * First start on an empty database: load the Värnamo demo so `npm start` shows something real.
 * LAGESBILD_DEMO=off disables it (production), and it never runs over existing data.
 */
export async function maybeSeedDemoOnFirstStart(db: Kysely<Database>, setPhase: (p: DatabasePhase) => void): Promise<void> {
  if (process.env.LAGESBILD_DEMO === 'off') return;
  const existing = await db.selectFrom('municipality').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  if (Number(existing.n) > 0) return;
  // Demo users have published passwords: never beside a real identity provider.
  const { assertDemoModeAllowed, createDemoUsers } = await import('./auth/demo-users');
  assertDemoModeAllowed();
  setPhase('seeding');
  const { seedDemo } = await import('@/db/seed/demo');
  const started = Date.now();
  // Up to the start of this quarter, so the latest quarters are closed (publishable) in the demo.
  const summary = await seedDemo(db, { seed: 1, until: startOfQuarter(new Date()) });
  const { createConfiguredAuth } = await import('./auth/get-auth');
  await createDemoUsers(db, await createConfiguredAuth(db), { actor: 'system' });
  // The public page shows only published snapshots: publish the demo's closed quarters (issue 8).
  const { publishDemoQuarters } = await import('./public/publish-demo-quarters');
  const published = await publishDemoQuarters(db, { municipalityCode: summary.municipalityCode, now: new Date() });
  if (published.refused.length) console.warn(`Lägesbild: demo quarters not published: ${published.refused.map((r) => `${r.quarter} (${r.reason})`).join('; ')}`);
  console.log(`Lägesbild: demo data for Värnamo loaded in ${((Date.now() - started) / 1000).toFixed(1)} s (${JSON.stringify(summary.counts)}); ${published.published.length} quarters published for the public`);
}
