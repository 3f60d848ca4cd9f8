import 'server-only';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

export type AnalysisWorkerName = 'dbscan' | 'emerging';

const SOURCES: Record<AnalysisWorkerName, string> = {
  dbscan: 'lib/analysis/dbscan.worker.ts',
  emerging: 'lib/server/analysis/emerging.worker.ts',
};

/**
 * Where a worker thread's script is. Inside Next (`next start`, `next dev`: NEXT_RUNTIME is set) the
 * compiled .mjs that scripts/build-workers.mjs writes into .next/lagesbild-workers; elsewhere (vitest, the
 * CLI, benches under tsx) the TypeScript source, which the runners load through tsx. Paths are built at
 * run time from the working directory so that no bundler tries to follow them.
 */
export function getAnalysisWorkerUrl(name: AnalysisWorkerName): URL {
  const root = process.env.LAGESBILD_APP_ROOT ?? process.cwd();
  const file = process.env.NEXT_RUNTIME ? path.join(root, '.next', 'lagesbild-workers', `${name}.worker.mjs`) : path.join(root, SOURCES[name]);
  return pathToFileURL(file);
}
