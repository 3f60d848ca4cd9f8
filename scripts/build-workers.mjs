// Compiles the analysis worker threads (DBSCAN, emerging hot spots) to plain ES modules that Node runs
// without tsx: `next start` has no TypeScript loader, and Next's bundlers do not emit worker_threads
// entry points. Runs after `next build` (which empties .next first) and before `next dev`.
// lib/server/analysis/worker-url.ts loads these under Next; tests and the CLI run the .ts sources.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

await build({
  absWorkingDir: root,
  entryPoints: {
    'dbscan.worker': 'lib/analysis/dbscan.worker.ts',
    'emerging.worker': 'lib/server/analysis/emerging.worker.ts',
  },
  outdir: '.next/lagesbild-workers',
  outExtension: { '.js': '.mjs' },
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  tsconfig: 'tsconfig.json',
  logLevel: 'warning',
});
