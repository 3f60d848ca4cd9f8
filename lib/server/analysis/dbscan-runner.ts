import 'server-only';
import os from 'node:os';
import { MessageChannel, type TransferListItem, Worker } from 'node:worker_threads';
import { getAnalysisWorkerUrl } from '@/lib/server/analysis/worker-url';
import type { DbscanResult } from '@/lib/analysis/dbscan';
import type { DbscanHelperInput, DbscanWorkerInput, DbscanWorkerMessage } from '@/lib/analysis/dbscan.worker';

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
  /**
   * Threads for the neighbour counting: 2 starts a helper worker that counts half of the pairs, 1 counts in the
   * one worker. Default: 2 from PARALLEL_FROM points on while a core is idle (1-minute load average below the
   * cores − 1): on a busy machine the second thread only adds its start and the sharing (measured: +10–30 % CPU
   * and no gain in wall time at load 10 on 2 cores). The result is the same either way.
   */
  threads?: 1 | 2;
}

/** From this many points on the counting may be shared with a helper thread. */
export const PARALLEL_FROM = 20_000;

function defaultThreads(n: number): 1 | 2 {
  const cores = os.availableParallelism();
  return n >= PARALLEL_FROM && cores >= 2 && os.loadavg()[0] < cores - 1 ? 2 : 1;
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
    const start = (data: DbscanWorkerInput | DbscanHelperInput, transferList: TransferListItem[]) =>
      new Worker(bootstrap ?? url, { eval: bootstrap !== null, workerData: data, transferList });
    const threads = options.threads ?? defaultThreads(xs.length);
    // The helper is started first: it loads while the main worker builds the index.
    const channel = threads === 2 ? new MessageChannel() : null;
    const helper = channel ? start({ role: 'helper', port: channel.port2 }, [channel.port2]) : null;
    if (channel) input.helper = channel.port1;
    const worker = start(input, [xs.buffer as ArrayBuffer, ys.buffer as ArrayBuffer, ...(channel ? [channel.port1] : [])]);
    let settled = false;
    const finish = (fn: () => void) => {
      if (settled) return;
      settled = true;
      options.signal?.removeEventListener('abort', onAbort);
      fn();
      void worker.terminate();
      void helper?.terminate();
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
    helper?.on('error', (err) => finish(() => reject(err)));
    // The helper exits by itself (code 0) once it has posted its counts; anything else is a failure.
    helper?.on('exit', (code) => {
      if (code !== 0) finish(() => reject(new Error(`DBSCAN helper worker exited with code ${code}`)));
    });
    worker.on('exit', (code) => finish(() => reject(new Error(`DBSCAN worker exited with code ${code} before a result`))));
  });
}
