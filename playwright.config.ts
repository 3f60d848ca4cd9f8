// Browser tests in Debian's Chromium with WebGL through SwiftShader (STACK.md pitfall 7), against the
// built app (`npm run build` first). Two servers: PostgreSQL (port 3100, all specs) and a PGlite smoke
// run (port 3101, tests tagged @smoke). Each web server command first builds its database
// (e2e/support/prepare-database.ts): Playwright starts web servers before globalSetup, so the
// database cannot be prepared there.
//   E2E_DATABASE_URL  PostgreSQL database to (re)create, default postgres://postgres:postgres@127.0.0.1:5432/lagesbild_e2e
//   E2E_PGLITE_DIR    data folder for the smoke run, wiped first (default: <tmp>/lagesbild-e2e-pglite)
//   E2E_SKIP_PGLITE=1 leave the PGlite server and project out
//   E2E_SEED=fixture  use the small fixture instead of the demo seed on PostgreSQL
//   E2E_PORT_BASE     first of the two ports (default 3100), so two checkouts can run e2e at once
import os from 'node:os';
import path from 'node:path';
import { defineConfig } from '@playwright/test';

const databaseUrl = process.env.E2E_DATABASE_URL ?? 'postgres://postgres:postgres@127.0.0.1:5432/lagesbild_e2e';
const pgliteDir = process.env.E2E_PGLITE_DIR ?? path.join(os.tmpdir(), 'lagesbild-e2e-pglite');
const withPglite = process.env.E2E_SKIP_PGLITE !== '1';

const PORT_BASE = Number(process.env.E2E_PORT_BASE ?? 3100);
const POSTGRES_PORT = PORT_BASE;
const PGLITE_PORT = PORT_BASE + 1;

const chromiumArgs = [
  '--use-angle=swiftshader',
  '--enable-unsafe-swiftshader',
  '--ignore-gpu-blocklist',
  '--no-sandbox',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

const bin = (name: string) => `node_modules/.bin/${name}`;
// react-server: the demo users are made by lib/server code, which is guarded by `server-only`.
const prepare = 'node --conditions=react-server --import tsx e2e/support/prepare-database.ts';
const quote = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;

export default defineConfig({
  testDir: 'e2e',
  testMatch: '*.spec.ts',
  timeout: 120_000,
  expect: { timeout: 30_000 },
  // One browser at a time: SwiftShader renders on the CPU, and two cores are all there is.
  workers: 1,
  fullyParallel: false,
  retries: 0,
  forbidOnly: !!process.env.CI,
  reporter: [['list'], ['html', { open: 'never', outputFolder: 'playwright-report' }]],
  outputDir: 'test-results',
  use: {
    browserName: 'chromium',
    launchOptions: { executablePath: '/usr/bin/chromium', args: chromiumArgs },
    viewport: { width: 1280, height: 800 },
    locale: 'sv-SE',
    timezoneId: 'Europe/Stockholm',
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
  },
  projects: [
    // First, so that its first test still finds the embedded database starting.
    ...(withPglite ? [{ name: 'pglite-smoke', grep: /@smoke/, use: { baseURL: `http://127.0.0.1:${PGLITE_PORT}` } }] : []),
    { name: 'postgres', grepInvert: /@pglite-only/, use: { baseURL: `http://127.0.0.1:${POSTGRES_PORT}` } },
  ],
  webServer: [
    {
      command: `${prepare} postgres ${quote(databaseUrl)} && exec ${bin('next')} start -p ${POSTGRES_PORT}`,
      url: `http://127.0.0.1:${POSTGRES_PORT}/api/health`,
      env: { DATABASE_URL: databaseUrl, LAGESBILD_DEMO: 'off', LAGESBILD_BASE_URL: `http://127.0.0.1:${POSTGRES_PORT}`, NEXT_TELEMETRY_DISABLED: '1' },
      reuseExistingServer: false,
      timeout: 240_000,
      stdout: 'pipe',
      stderr: 'pipe',
    },
    ...(withPglite
      ? [
          {
            command: `${prepare} pglite ${quote(pgliteDir)} && exec ${bin('next')} start -p ${PGLITE_PORT}`,
            // The page itself, not /api/health: it answers at once while PGlite is still starting.
            url: `http://127.0.0.1:${PGLITE_PORT}/karta`,
            env: {
              DATABASE_URL: '',
              LAGESBILD_DATA_DIR: pgliteDir,
              LAGESBILD_DEMO: 'off',
              LAGESBILD_BASE_URL: `http://127.0.0.1:${PGLITE_PORT}`,
              NEXT_TELEMETRY_DISABLED: '1',
            },
            reuseExistingServer: false,
            timeout: 240_000,
            stdout: 'pipe' as const,
            stderr: 'pipe' as const,
          },
        ]
      : []),
  ],
});
