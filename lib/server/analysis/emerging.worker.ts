// Worker thread around the pure emerging hot-spot analysis (60 steps of Gi* and a Mann–Kendall per cell take
// a few hundred milliseconds: off the event loop). Started by run-emerging-in-worker.ts. No 'server-only'
// here: the worker runs outside the react-server condition and imports only the pure library.
import { parentPort, workerData } from 'node:worker_threads';
import type { NeighbourList } from '@/lib/analysis/distance-band-neighbours';
import { type EmergingHotSpotOptions, type EmergingHotSpotResult, findEmergingHotSpots } from '@/lib/analysis/emerging-hot-spots';

export interface EmergingWorkerInput {
  countsPerStep: Float64Array[];
  neighbours: NeighbourList;
  options: EmergingHotSpotOptions;
}

export type EmergingWorkerMessage = { type: 'result'; result: EmergingHotSpotResult } | { type: 'error'; message: string };

const input = workerData as EmergingWorkerInput;
try {
  const result = findEmergingHotSpots(input.countsPerStep, input.neighbours, input.options);
  parentPort?.postMessage({ type: 'result', result } satisfies EmergingWorkerMessage);
} catch (err) {
  parentPort?.postMessage({ type: 'error', message: (err as Error).message } satisfies EmergingWorkerMessage);
}
