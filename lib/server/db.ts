import 'server-only';
// The app's one database handle (a globalThis singleton: PGlite is one instance per process and takes
// 10-25 s to start). Pages never wait on it blindly: they ask getDatabaseState() and show "starting".
import type { Kysely } from 'kysely';
import { type Backend, type DatabaseHandle, openDatabase } from '@/db/client';
import type { Database } from '@/db/schema';
import { syncCategories } from '@/db/seed/categories';

export type DatabasePhase = 'idle' | 'starting' | 'migrating' | 'seeding' | 'ready' | 'failed';

export interface DatabaseState {
  phase: DatabasePhase;
  backend: Backend;
  startedAt: string | null;
  readyAt: string | null;
  postgisVersion: string | null;
  error: string | null;
}

interface Holder {
  state: DatabaseState;
  promise: Promise<DatabaseHandle & { postgisVersion: string }> | null;
  /** Runs once after migrations on a fresh start (the demo seed on first start). */
  onFirstOpen: ((db: Kysely<Database>, setPhase: (p: DatabasePhase) => void) => Promise<void>) | null;
}

const KEY = Symbol.for('lagesbild.db');
const g = globalThis as unknown as Record<symbol, Holder | undefined>;

function holder(): Holder {
  g[KEY] ??= {
    state: {
      phase: 'idle',
      backend: process.env.DATABASE_URL ? 'postgres' : 'pglite',
      startedAt: null,
      readyAt: null,
      postgisVersion: null,
      error: null,
    },
    promise: null,
    onFirstOpen: null,
  };
  return g[KEY]!;
}

/** Registers work to run once the database is open and migrated, before it counts as ready. */
export function setStartupHook(hook: Holder['onFirstOpen']): void {
  holder().onFirstOpen = hook;
}

/** Starts opening the database if nobody has; never throws (the state says what went wrong). */
export function startDatabase(): void {
  void openOnce().catch(() => undefined);
}

function openOnce(): Promise<DatabaseHandle & { postgisVersion: string }> {
  const h = holder();
  if (h.promise) return h.promise;
  h.state = { ...h.state, phase: 'starting', startedAt: new Date().toISOString(), error: null };
  h.promise = (async () => {
    try {
      const handle = await openDatabase({ migrate: true });
      h.state = { ...h.state, phase: 'migrating', postgisVersion: handle.postgisVersion };
      await syncCategories(handle.db);
      if (h.onFirstOpen) await h.onFirstOpen(handle.db, (phase) => (h.state = { ...h.state, phase }));
      h.state = { ...h.state, phase: 'ready', readyAt: new Date().toISOString() };
      return handle;
    } catch (err) {
      h.state = { ...h.state, phase: 'failed', error: (err as Error).message };
      console.error(`Database failed to start: ${(err as Error).message}`);
      throw err;
    }
  })();
  return h.promise;
}

export function getDatabaseState(): DatabaseState {
  return holder().state;
}

/** The Kysely handle, waiting for start-up if needed. Throws when the database failed to start. */
export async function getDb(): Promise<Kysely<Database>> {
  return (await openOnce()).db;
}

export async function getDatabaseHandle(): Promise<DatabaseHandle & { postgisVersion: string }> {
  return openOnce();
}
