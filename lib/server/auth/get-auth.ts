import 'server-only';
// The app's better-auth instance over the app's database handle (created once per process).
import crypto from 'node:crypto';
import type { Kysely } from 'kysely';
import { getOrCreateInstanceSecret } from '@/db/queries/auth/users';
import type { Database } from '@/db/schema';
import { parseOidcProviders } from '@/lib/schemas/auth';
import { getDb } from '@/lib/server/db';
import { createAuth, type LagesbildAuth } from './create-auth';
import { assertDemoModeAllowed, removeDemoUsers } from './demo-users';

const KEY = Symbol.for('lagesbild.auth');
const g = globalThis as unknown as Record<symbol, Promise<LagesbildAuth> | undefined>;

/** LAGESBILD_BASE_URL (BETTER_AUTH_URL), else http://localhost:$PORT. */
export function authBaseUrl(env: Record<string, string | undefined> = process.env): string {
  return (env.LAGESBILD_BASE_URL || env.BETTER_AUTH_URL || `http://localhost:${env.PORT || 3000}`).replace(/\/$/, '');
}

/** The secret that signs session cookies: LAGESBILD_AUTH_SECRET, else one generated once and kept in the database. */
export async function resolveAuthSecret(db: Kysely<Database>): Promise<string> {
  const fromEnv = process.env.LAGESBILD_AUTH_SECRET || process.env.BETTER_AUTH_SECRET;
  if (fromEnv && fromEnv.length < 32) throw new Error('LAGESBILD_AUTH_SECRET must be at least 32 characters');
  // Without a configured secret, one is generated once and kept in the database (embedded default).
  return fromEnv || (await getOrCreateInstanceSecret(db, crypto.randomBytes(32).toString('base64url')));
}

/** An auth instance over a given handle with the app's configuration (the CLI and start-up use this). */
export async function createConfiguredAuth(db: Kysely<Database>): Promise<LagesbildAuth> {
  const secret = await resolveAuthSecret(db);
  const trustedOrigins = (process.env.LAGESBILD_TRUSTED_ORIGINS ?? '').split(',').map((s) => s.trim()).filter(Boolean);
  return createAuth(db, { secret, baseURL: authBaseUrl(), trustedOrigins, oidcProviders: parseOidcProviders(process.env) });
}

async function build(): Promise<LagesbildAuth> {
  const db = await getDb();
  const oidcProviders = parseOidcProviders(process.env);
  const { isDemoDataInUse } = await import('@/db/seed/demo');
  const { DEMO_MUNICIPALITY_CODE } = await import('@/lib/domain/constants');
  const demoData = await isDemoDataInUse(db, DEMO_MUNICIPALITY_CODE);
  if (oidcProviders.length > 0 || !demoData) {
    // Demo users exist only while the demo data is in use, and never beside a real identity provider.
    await removeDemoUsers(db, { actor: 'system' });
    if (demoData && process.env.LAGESBILD_DEMO !== 'off') assertDemoModeAllowed();
  }
  return createConfiguredAuth(db);
}

export function getAuth(): Promise<LagesbildAuth> {
  g[KEY] ??= build().catch((err) => {
    g[KEY] = undefined;
    throw err;
  });
  return g[KEY]!;
}
