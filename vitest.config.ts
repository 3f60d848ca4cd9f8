import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const root = fileURLToPath(new URL('.', import.meta.url));
const alias = { '@': root.replace(/\/$/, ''), 'server-only': `${root}lib/testing/server-only-stub.ts` };

export default defineConfig({
  resolve: { alias },
  test: {
    projects: [
      {
        resolve: { alias },
        test: {
          name: 'unit',
          include: ['{lib,db,app,bench}/**/*.test.ts'],
          exclude: ['**/*.int.test.ts', 'node_modules/**'],
          environment: 'node',
          // WASM solvers (HiGHS) and workers start slowly on a loaded 2-core machine.
          testTimeout: 20_000,
        },
      },
      {
        resolve: { alias },
        test: {
          name: 'int',
          include: ['{lib,db,app}/**/*.int.test.ts'],
          environment: 'node',
          // PGlite + PostGIS takes 10-25 s to start: one instance per worker, files in one fork.
          testTimeout: 120_000,
          hookTimeout: 180_000,
          // One process runs every file: the database is opened once (lib/testing/test-database.ts).
          pool: 'forks',
          isolate: false,
          fileParallelism: false,
          maxWorkers: 1,
          globalSetup: ['lib/testing/int-global-setup.ts'],
        },
      },
    ],
  },
});
