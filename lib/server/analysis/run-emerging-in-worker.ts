import 'server-only';
import { Worker } from 'node:worker_threads';
import { getAnalysisWorkerUrl } from '@/lib/server/analysis/worker-url';
import type { EmergingHotSpotResult } from '@/lib/analysis/emerging-hot-spots';
import type { EmergingWorkerInput, EmergingWorkerMessage } from '@/lib/server/analysis/emerging.worker';


/**
 * findEmergingHotSpots in a node:worker_threads Worker (the pattern of dbscan-runner.ts): the event loop
 * stays free while every step's Gi* and each cell's Mann–Kendall are computed. Aborting terminates it.
 */
export function runEmergingInWorker(input: EmergingWorkerInput, options: { signal?: AbortSignal; workerUrl?: URL } = {}): Promise<EmergingHotSpotResult> {
  return new Promise<EmergingHotSpotResult>((resolve, reject) => {
    if (options.signal?.aborted) {
      reject(new DOMException('Emerging hot-spot analysis was cancelled', 'AbortError'));
      return;
    }
    const url = options.workerUrl ?? getAnalysisWorkerUrl('emerging');
    // A .ts worker is loaded through tsx's loader, registered inside the worker (as in dbscan-runner.ts).
    const bootstrap = url.pathname.endsWith('.ts')
      ? `(async () => { const { register } = await import('tsx/esm/api'); register(); await import(${JSON.stringify(url.href)}); })().catch((e) => { throw e; });`
      : null;
    const worker = new Worker(bootstrap ?? url, { eval: bootstrap !== null, workerData: input });
    let settled = false;
    const finish = (fn: () => void) => {
      if (settled) return;
      settled = true;
      options.signal?.removeEventListener('abort', onAbort);
      fn();
      void worker.terminate();
    };
    const onAbort = () => finish(() => reject(new DOMException('Emerging hot-spot analysis was cancelled', 'AbortError')));
    options.signal?.addEventListener('abort', onAbort, { once: true });
    worker.on('message', (m: EmergingWorkerMessage) => {
      if (m.type === 'result') finish(() => resolve(m.result));
      else finish(() => reject(new Error(m.message)));
    });
    worker.on('error', (err) => finish(() => reject(err)));
    worker.on('exit', (code) => finish(() => reject(new Error(`emerging hot-spot worker exited with code ${code} before a result`))));
  });
}
