// `lagesbild seed --demo | --synthetic N`
import type { DatabaseHandle } from '@/db/client';
import { startOfQuarter } from '@/lib/domain/time';
import type { SeedArgs } from '@/lib/schemas/cli';
import type { Io } from './main';

type WithDatabase = <T>(fn: (h: DatabaseHandle & { postgisVersion: string }) => Promise<T>) => Promise<T>;

export async function runSeedCommand(args: SeedArgs, io: Io, withDatabase: WithDatabase): Promise<number> {
  const started = Date.now();
  const seconds = () => ((Date.now() - started) / 1000).toFixed(1);
  if (args.demo) {
    const { DemoSeedRefusedError, seedDemo } = await import('@/db/seed/demo');
    // The demo ends where the current quarter begins, so the last quarters are closed and publishable.
    const until = args.until ? new Date(`${args.until}T00:00:00+01:00`) : startOfQuarter(new Date());
    // Demo users have published passwords: never beside a real identity provider.
    const { assertDemoModeAllowed, createDemoUsers } = await import('@/lib/server/auth/demo-users');
    assertDemoModeAllowed();
    return withDatabase(async (h) => {
      try {
        const summary = await seedDemo(h.db, { seed: args.seed, until, force: args.force, onProgress: (m) => io.stdout(`${m}\n`) });
        const { createConfiguredAuth } = await import('@/lib/server/auth/get-auth');
        const { cliActor } = await import('./audit');
        const users = await createDemoUsers(h.db, await createConfiguredAuth(h.db), { actor: cliActor(undefined) });
        io.stdout(`Demo data loaded in ${seconds()} s (${h.backend}): ${JSON.stringify(summary)}; ${users} demo users (README "Demo users")\n`);
        return 0;
      } catch (err) {
        if (err instanceof DemoSeedRefusedError) {
          io.stderr(`lagesbild: ${err.message}\n`);
          return 1;
        }
        throw err;
      }
    });
  }
  const { loadSyntheticIncidents } = await import('@/db/seed/synthetic');
  const n = args.synthetic!;
  return withDatabase(async (h) => {
    const isTty = process.stdout.isTTY;
    const result = await loadSyntheticIncidents(h, {
      n,
      seed: args.seed,
      municipalityCode: args.municipality,
      onProgress: (done: number) => {
        const line = `Loaded ${done.toLocaleString('sv-SE')} / ${n.toLocaleString('sv-SE')} incidents (${seconds()} s)`;
        io.stdout(isTty ? `\r${line}` : `${line}\n`);
      },
    });
    if (isTty) io.stdout('\n');
    io.stdout(`Loaded ${n} synthetic incidents in ${seconds()} s (${h.backend}) ${JSON.stringify(result ?? {})}\n`);
    return 0;
  });
}
