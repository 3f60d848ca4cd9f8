import 'server-only';
import { Worker } from 'node:worker_threads';
import { getAnalysisWorkerUrl } from '@/lib/server/analysis/worker-url';
import type { DbscanResult } from '@/lib/analysis/dbscan';
import type { DbscanWorkerInput, DbscanWorkerMessage } from '@/lib/analysis/dbscan.worker';

export interface RunDbscanInWorkerOptions {
  eps: number;
  minPoints: number;
  onProgress?: (fraction: number) => void;
  /** Aborting terminates the worker and rejects with an AbortError. */
  signal?: AbortSignal;
  /** Hand the coordinate buffers to the worker instead of copying them (the caller's arrays become unusable). */
  transfer?: boolean;
  /** Worker script; defaults to getAnalysisWorkerUrl('dbscan') (the .ts source through tsx, or the compiled .mjs under Next). */
  workerUrl?: URL;
}


/**
 * Runs DBSCAN in a node:worker_threads Worker so that a large run neither blocks the event loop nor holds a
 * database connection; progress arrives as fractions 0…1.
 */
export function runDbscanInWorker(x: Float64Array, y: Float64Array, options: RunDbscanInWorkerOptions): Promise<DbscanResult> {
  const xs = options.transfer ? x : Float64Array.from(x);
  const ys = options.transfer ? y : Float64Array.from(y);
  const input: DbscanWorkerInput = { x: xs, y: ys, eps: options.eps, minPoints: options.minPoints };
  return new Promise<DbscanResult>((resolve, reject) => {
    if (options.signal?.aborted) {
      reject(new DOMException('DBSCAN was cancelled', 'AbortError'));
      return;
    }
    const url = options.workerUrl ?? getAnalysisWorkerUrl('dbscan');
    // A .ts worker is loaded through tsx's loader, registered inside the worker (execArgv --import is not
    // honoured by every runner that hosts us, e.g. vitest).
    const bootstrap = url.pathname.endsWith('.ts')
      ? `(async () => { const { register } = await import('tsx/esm/api'); register(); await import(${JSON.stringify(url.href)}); })().catch((e) => { throw e; });`
      : null;
    const worker = new Worker(bootstrap ?? url, {
      eval: bootstrap !== null,
      workerData: input,
      transferList: [xs.buffer as ArrayBuffer, ys.buffer as ArrayBuffer],
    });
    let settled = false;
    const finish = (fn: () => void) => {
      if (settled) return;
      settled = true;
      options.signal?.removeEventListener('abort', onAbort);
      fn();
      void worker.terminate();
    };
    const onAbort = () => finish(() => reject(new DOMException('DBSCAN was cancelled', 'AbortError')));
    options.signal?.addEventListener('abort', onAbort, { once: true });
    worker.on('message', (m: DbscanWorkerMessage) => {
      if (m.type === 'progress') options.onProgress?.(m.fraction);
      else if (m.type === 'result') {
        const { labels, core, clusterCount, meanNeighbours, highDensity } = m;
        finish(() => resolve({ labels, core, clusterCount, meanNeighbours, highDensity }));
      } else finish(() => reject(new Error(m.message)));
    });
    worker.on('error', (err) => finish(() => reject(err)));
    worker.on('exit', (code) => finish(() => reject(new Error(`DBSCAN worker exited with code ${code} before a result`))));
  });
}
