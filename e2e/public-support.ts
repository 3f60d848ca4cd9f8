// Shared by the public specs: publish a few closed demo quarters for the public through the product's
// CLI (the e2e database is prepared without publications), and open the e2e database for checks.
// 2025-Q3 is left to e2e/admin-publication.spec.ts, which publishes it as version 1 from the admin page.
import { execFileSync } from 'node:child_process';
import pg from 'pg';

export const E2E_DATABASE_URL = process.env.E2E_DATABASE_URL ?? 'postgres://postgres:postgres@127.0.0.1:5432/lagesbild_e2e';
export const PUBLIC_QUARTERS = ['2024-Q4', '2025-Q1', '2025-Q2', '2025-Q4'];

export async function withE2eDatabase<T>(fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: E2E_DATABASE_URL });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/** Publishes the quarters not yet published for the public (idempotent). */
export async function ensurePublicQuarters(): Promise<string[]> {
  const done = await withE2eDatabase(async (c) => (await c.query<{ quarter: string }>(`SELECT DISTINCT quarter FROM publication WHERE audience = 'public' AND status = 'published'`)).rows.map((r) => r.quarter));
  const missing = PUBLIC_QUARTERS.filter((q) => !done.includes(q));
  for (const quarter of missing) {
    execFileSync('node', ['bin/lagesbild.mjs', 'publish', '--quarter', quarter, '--by', 'e2e'], { env: { ...process.env, DATABASE_URL: E2E_DATABASE_URL }, stdio: 'pipe', timeout: 120_000 });
  }
  return missing;
}
