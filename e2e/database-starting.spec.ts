// The first page answers at once while the embedded database starts (PGlite + PostGIS: 10–25 s the
// first time), then turns into the real page by itself. The test starts its own server on a brand-new
// PGlite folder so that the starting phase is certain to be visible, and stops it afterwards.
import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, test } from '@playwright/test';

const PORT = 3102;
const BASE = `http://127.0.0.1:${PORT}`;

let server: ChildProcess | null = null;
let dataDir = '';
let serverLog = '';

test.beforeAll(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'lagesbild-e2e-starting-'));
  server = spawn('node_modules/.bin/next', ['start', '-p', String(PORT)], {
    env: { ...process.env, DATABASE_URL: '', LAGESBILD_DATA_DIR: dataDir, LAGESBILD_DEMO: 'off', NEXT_TELEMETRY_DISABLED: '1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  server.stdout?.on('data', (d) => (serverLog += d));
  server.stderr?.on('data', (d) => (serverLog += d));
  // `next start` listens within a second or two; the database takes much longer.
  for (let i = 0; i < 60; i++) {
    try {
      await fetch(`${BASE}/api/health`);
      return;
    } catch {
      await new Promise((r) => setTimeout(r, 250));
    }
  }
  throw new Error(`next start on port ${PORT} did not listen:\n${serverLog}`);
});

test.afterAll(async () => {
  if (server?.pid && server.exitCode === null) {
    const exited = new Promise((r) => server!.once('exit', r));
    server.kill('SIGTERM');
    await Promise.race([exited, new Promise((r) => setTimeout(r, 5000))]);
    if (server.exitCode === null) server.kill('SIGKILL');
  }
  if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
});

test('while PGlite starts, the first page says so instead of failing, then refreshes itself @smoke @pglite-only', async ({ page }, testInfo) => {
  test.setTimeout(180_000);
  const response = await page.goto(`${BASE}/karta`);
  expect(response?.status()).toBe(200);
  const status = page.getByTestId('db-status');
  await expect(status).toBeVisible();
  await expect(status).toContainText('Databasen startar');
  await expect(status).toContainText('PGlite med PostGIS tar 10–25 s första gången');
  expect(['idle', 'starting', 'migrating', 'seeding']).toContain(await status.getAttribute('data-phase'));
  // The API says so too, with a retry hint, instead of hanging until the database is up.
  const api = await page.request.get(`${BASE}/api/v1/incidents/points`);
  expect(api.status()).toBe(503);
  expect(api.headers()['retry-after']).toBe('2');
  expect((await api.json()).error.code).toBe('database_not_ready');
  // The client poller shows the live phase.
  await expect(page.getByTestId('db-phase')).toContainText('Fas:');
  await page.screenshot({ path: testInfo.outputPath('database-starting.png') });

  // Ready: the poller refreshes the page, and the staff pages' session check sends this signed-out
  // visitor to sign-in — a working page, not an error.
  await expect(page).toHaveURL(/\/logga-in\?next=%2Fkarta/, { timeout: 150_000 });
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
});
