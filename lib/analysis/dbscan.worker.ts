// Worker thread around the pure DBSCAN: receives coordinates (transferred), posts progress and the result
// (label buffers transferred). Started by lib/server/analysis/dbscan-runner.ts.
import { parentPort, workerData } from 'node:worker_threads';
import { dbscan } from '@/lib/analysis/dbscan';

export interface DbscanWorkerInput {
  x: Float64Array;
  y: Float64Array;
  eps: number;
  minPoints: number;
}

export type DbscanWorkerMessage =
  | { type: 'progress'; fraction: number }
  | { type: 'result'; labels: Int32Array; core: Uint8Array; clusterCount: number; meanNeighbours: number; highDensity: boolean }
  | { type: 'error'; message: string };

function post(message: DbscanWorkerMessage, transfer: ArrayBuffer[] = []): void {
  parentPort?.postMessage(message, transfer);
}

const input = workerData as DbscanWorkerInput;
try {
  let last = -1;
  const r = dbscan(input.x, input.y, {
    eps: input.eps,
    minPoints: input.minPoints,
    onProgress: (fraction) => {
      // At most ~100 messages: the main thread only needs whole per cents.
      const pct = Math.floor(fraction * 100);
      if (pct !== last) {
        last = pct;
        post({ type: 'progress', fraction });
      }
    },
  });
  post({ type: 'result', ...r }, [r.labels.buffer as ArrayBuffer, r.core.buffer as ArrayBuffer]);
} catch (err) {
  post({ type: 'error', message: (err as Error).message });
}
