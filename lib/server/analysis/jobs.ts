import 'server-only';
import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import { countIncidentsForAnalysis, type IncidentFilter, listIncidentCellCounts, listIncidentPointsChunk } from '@/db/queries/analysis/cell-counts';
import type { Database } from '@/db/schema';
import type { DbscanResult } from '@/lib/analysis/dbscan';
import type { HotSpotCellsResult } from '@/lib/analysis/get-hot-spot-cells';
import { runDbscanInWorker } from '@/lib/server/analysis/dbscan-runner';
import { runEmergingInWorker } from '@/lib/server/analysis/run-emerging-in-worker';
import { type EmergingRunOptions, type EmergingRunResult, getHotSpotsFromCellCounts, getStudyAreaCells, type HotSpotRunOptions, prepareEmergingInput } from '@/lib/server/analysis/run-hot-spots';

// In-process analysis jobs: queued → running (phase, per cent) → done | failed | cancelled. One running job
// per municipality, later ones wait in order. Points are read in short keyset chunks, so the embedded
// database's single connection is free between chunks for page requests; DBSCAN and the emerging analysis run
// in worker threads (Gi* on one grid takes about a millisecond and runs in place).
// State is in memory: a restart forgets jobs (the saved run is what lasts).

export type AnalysisJobSpec =
  | ({ kind: 'hot-spots' } & HotSpotRunOptions)
  | ({ kind: 'emerging' } & EmergingRunOptions)
  | ({ kind: 'dbscan'; eps: number; minPoints: number } & IncidentFilter);

export type AnalysisJobResult =
  | { kind: 'hot-spots'; result: HotSpotCellsResult }
  | { kind: 'emerging'; result: EmergingRunResult | null }
  | { kind: 'dbscan'; ids: string[]; result: DbscanResult };

export type AnalysisJobState = 'queued' | 'running' | 'done' | 'failed' | 'cancelled';
export type AnalysisJobPhase = 'reading' | 'counting' | 'clustering' | 'computing';

export interface AnalysisJob {
  id: string;
  municipalityCode: string;
  kind: AnalysisJobSpec['kind'];
  state: AnalysisJobState;
  phase: AnalysisJobPhase | null;
  /** Whole per cent 0…100 over the whole job; never decreases. */
  percent: number;
  result?: AnalysisJobResult;
  error?: string;
}

export type AnalysisJobListener = (job: AnalysisJob) => void;

export interface AnalysisJobRunnerOptions {
  db: Kysely<Database>;
  /** Points per read (default 20,000): each read holds the database for a few milliseconds. */
  chunkSize?: number;
}

export interface AnalysisJobRunner {
  /** Queues a job; it starts at once unless a job of the same municipality is running. */
  submit: (spec: AnalysisJobSpec, listener?: AnalysisJobListener) => AnalysisJob;
  get: (id: string) => AnalysisJob | undefined;
  /** Cancels a queued or running job; false when it had already ended or is unknown. */
  cancel: (id: string) => boolean;
  /** Resolves with the job when it has ended (done, failed or cancelled). */
  waitFor: (id: string) => Promise<AnalysisJob>;
}

interface Entry {
  job: AnalysisJob;
  spec: AnalysisJobSpec;
  listeners: AnalysisJobListener[];
  controller: AbortController;
  ended: Promise<AnalysisJob>;
  end: (job: AnalysisJob) => void;
}

class Cancelled extends Error {}

/**
 * A job runner over one database handle. Jobs of one municipality run one after another (the second waits
 * queued); jobs of different municipalities run side by side.
 * TODO(#6): submit with a viewer and check that it may run analyses for the municipality.
 */
export function createAnalysisJobRunner(options: AnalysisJobRunnerOptions): AnalysisJobRunner {
  const { db } = options;
  const chunkSize = options.chunkSize ?? 20_000;
  const entries = new Map<string, Entry>();
  const queues = new Map<string, string[]>();
  const running = new Set<string>();

  const snapshot = (job: AnalysisJob): AnalysisJob => ({ ...job });
  const emit = (e: Entry) => {
    const s = snapshot(e.job);
    for (const l of e.listeners) l(s);
  };
  const update = (e: Entry, phase: AnalysisJobPhase, percent: number) => {
    if (e.job.state !== 'running' || e.controller.signal.aborted) return;
    const p = Math.min(100, Math.max(e.job.percent, Math.floor(percent)));
    if (p === e.job.percent && phase === e.job.phase) return;
    e.job.phase = phase;
    e.job.percent = p;
    emit(e);
  };
  const finish = (e: Entry, state: 'done' | 'failed' | 'cancelled', extra: Partial<AnalysisJob> = {}) => {
    Object.assign(e.job, { state, ...extra });
    if (state === 'done') e.job.percent = 100;
    emit(e);
    e.end(snapshot(e.job));
  };

  async function execute(e: Entry): Promise<AnalysisJobResult> {
    const { spec } = e;
    const signal = e.controller.signal;
    const check = () => {
      if (signal.aborted) throw new Cancelled();
    };
    // Hot spots: one aggregate query (only cell counts leave the database), then Gi* on a few thousand cells.
    if (spec.kind === 'hot-spots') {
      update(e, 'counting', 0);
      const studyCells = await getStudyAreaCells(db, spec);
      const rows = await listIncidentCellCounts(db, { ...spec, step: undefined });
      check();
      update(e, 'computing', 50);
      return { kind: 'hot-spots', result: getHotSpotsFromCellCounts(rows, spec, studyCells) };
    }
    if (spec.kind === 'emerging') {
      update(e, 'counting', 0);
      const studyCells = await getStudyAreaCells(db, spec);
      const rows = await listIncidentCellCounts(db, spec);
      check();
      update(e, 'computing', 50);
      const input = prepareEmergingInput(rows, spec, studyCells);
      if (!input) return { kind: 'emerging', result: null };
      try {
        const result = await runEmergingInWorker(
          { countsPerStep: input.countsPerStep, neighbours: input.neighbours, options: { fdr: spec.fdr ?? true, trendAlpha: spec.trendAlpha } },
          { signal },
        );
        return { kind: 'emerging', result: { ...input, result } };
      } catch (err) {
        if (signal.aborted) throw new Cancelled();
        throw err;
      }
    }
    // DBSCAN: reading is the first 40 %, clustering in the worker the rest.
    const filter: IncidentFilter = { municipalityCode: spec.municipalityCode, from: spec.from, to: spec.to, categories: spec.categories };
    const total = await countIncidentsForAnalysis(db, filter);
    check();
    update(e, 'reading', 0);
    const x = new Float64Array(total);
    const y = new Float64Array(total);
    const ids: string[] = [];
    let afterId: string | undefined;
    for (;;) {
      const c = await listIncidentPointsChunk(db, { ...filter, afterId, limit: chunkSize });
      check();
      // Rows added since the count are left out; the run covers what was there when it started.
      const take = Math.min(c.ids.length, total - ids.length);
      x.set(c.x.subarray(0, take), ids.length);
      y.set(c.y.subarray(0, take), ids.length);
      for (let k = 0; k < take; k += 1) ids.push(c.ids[k]);
      update(e, 'reading', total ? (40 * ids.length) / total : 40);
      if (!c.nextAfterId || ids.length >= total) break;
      afterId = c.nextAfterId;
      // Let queued queries (page requests) in between chunks.
      await new Promise<void>((resolve) => setImmediate(resolve));
    }
    const n = ids.length;
    update(e, 'clustering', 40);
    try {
      const result = await runDbscanInWorker(x.subarray(0, n).slice(), y.subarray(0, n).slice(), {
        eps: spec.eps,
        minPoints: spec.minPoints,
        signal,
        transfer: true,
        onProgress: (f) => update(e, 'clustering', 40 + 60 * f),
      });
      return { kind: 'dbscan', ids, result };
    } catch (err) {
      if (signal.aborted) throw new Cancelled();
      throw err;
    }
  }

  function startNext(code: string): void {
    if (running.has(code)) return;
    const q = queues.get(code);
    const id = q?.shift();
    if (!id) {
      queues.delete(code);
      return;
    }
    const e = entries.get(id)!;
    running.add(code);
    e.job.state = 'running';
    e.job.phase = null;
    emit(e);
    execute(e)
      .then((result) => finish(e, 'done', { result }))
      .catch((err: unknown) => {
        if (err instanceof Cancelled || e.controller.signal.aborted) finish(e, 'cancelled');
        else finish(e, 'failed', { error: err instanceof Error ? err.message : String(err) });
      })
      .finally(() => {
        running.delete(code);
        startNext(code);
      });
  }

  return {
    submit(spec, listener) {
      const job: AnalysisJob = { id: randomUUID(), municipalityCode: spec.municipalityCode, kind: spec.kind, state: 'queued', phase: null, percent: 0 };
      let end!: (j: AnalysisJob) => void;
      const ended = new Promise<AnalysisJob>((resolve) => {
        end = resolve;
      });
      const e: Entry = { job, spec, listeners: listener ? [listener] : [], controller: new AbortController(), ended, end };
      entries.set(job.id, e);
      const q = queues.get(spec.municipalityCode) ?? [];
      q.push(job.id);
      queues.set(spec.municipalityCode, q);
      emit(e);
      startNext(spec.municipalityCode);
      return snapshot(job);
    },
    get(id) {
      const e = entries.get(id);
      return e ? snapshot(e.job) : undefined;
    },
    cancel(id) {
      const e = entries.get(id);
      if (!e || (e.job.state !== 'queued' && e.job.state !== 'running')) return false;
      if (e.job.state === 'queued') {
        const q = queues.get(e.job.municipalityCode);
        if (q) q.splice(q.indexOf(id), 1);
        e.controller.abort();
        finish(e, 'cancelled');
        return true;
      }
      e.controller.abort();
      return true;
    },
    waitFor(id) {
      const e = entries.get(id);
      if (!e) return Promise.reject(new Error(`no analysis job ${id}`));
      return e.ended;
    },
  };
}
