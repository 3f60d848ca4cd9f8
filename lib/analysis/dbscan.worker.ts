// Worker thread around the pure DBSCAN: receives coordinates (transferred), posts progress and the result
// (label buffers transferred). Started by lib/server/analysis/dbscan-runner.ts, which may start a second copy
// as a counting helper (role 'helper') joined to the first by a MessagePort: the first builds the row index in
// shared memory, posts it to the helper, and each counts half of the neighbour pairs (the expensive pass).
import { type MessagePort, parentPort, workerData } from 'node:worker_threads';
import { buildRowIndex, checkDbscanInput, countDbscanNeighbourPairs, dbscan, emptyDbscanResult, finishDbscan, type NeighbourPairCounts, type RowIndex } from '@/lib/analysis/dbscan';

export interface DbscanWorkerInput {
  role?: 'main';
  x: Float64Array;
  y: Float64Array;
  eps: number;
  minPoints: number;
  /** The counting helper's port, when there is one. */
  helper?: MessagePort;
}

export interface DbscanHelperInput {
  role: 'helper';
  port: MessagePort;
}

/** main → helper: the shared index and which part to count; helper → main: its counts (buffers transferred). */
type HelperTask = { index: RowIndex; eps: number; part: number; parts: number };

export type DbscanWorkerMessage =
  | { type: 'progress'; fraction: number }
  | { type: 'result'; labels: Int32Array; core: Uint8Array; clusterCount: number; meanNeighbours: number; highDensity: boolean }
  | { type: 'error'; message: string };

function post(message: DbscanWorkerMessage, transfer: ArrayBuffer[] = []): void {
  parentPort?.postMessage(message, transfer);
}

async function runMain(input: DbscanWorkerInput): Promise<void> {
  let last = -1;
  // At most ~100 messages: the main thread only needs whole per cents.
  const onProgress = (fraction: number) => {
    const pct = Math.floor(fraction * 100);
    if (pct !== last) {
      last = pct;
      post({ type: 'progress', fraction });
    }
  };
  const options = { eps: input.eps, minPoints: input.minPoints, onProgress };
  checkDbscanInput(input.x, input.y, options);
  let r;
  if (!input.helper || input.x.length === 0) {
    input.helper?.close();
    r = input.x.length === 0 ? emptyDbscanResult() : dbscan(input.x, input.y, options);
  } else {
    const port = input.helper;
    const index = buildRowIndex(input.x, input.y, input.eps, true);
    const theirs = new Promise<NeighbourPairCounts>((resolve) => port.once('message', (m: NeighbourPairCounts) => resolve(m)));
    const task: HelperTask = { index, eps: input.eps, part: 1, parts: 2 };
    port.postMessage(task);
    const ours = countDbscanNeighbourPairs(index, input.eps, 0, 2, (f) => onProgress(0.5 * f));
    const pairs = [ours, await theirs];
    port.close();
    r = finishDbscan(index, pairs, options);
  }
  post({ type: 'result', ...r }, [r.labels.buffer as ArrayBuffer, r.core.buffer as ArrayBuffer]);
}

function runHelper(input: DbscanHelperInput): void {
  input.port.once('message', (task: HelperTask) => {
    const r = countDbscanNeighbourPairs(task.index, task.eps, task.part, task.parts);
    input.port.postMessage(r, [r.counts.buffer as ArrayBuffer, r.spans.buffer as ArrayBuffer]);
    input.port.close();
  });
}

const data = workerData as DbscanWorkerInput | DbscanHelperInput;
if (data.role === 'helper') runHelper(data);
else runMain(data).catch((err: unknown) => post({ type: 'error', message: (err as Error).message }));
