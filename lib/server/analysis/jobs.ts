import 'server-only';
import { createHash, randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import { countIncidentsForAnalysis, getIncidentIdSplit, getIncidentIdsDigest, type IncidentFilter, type IncidentPointChunk, listIncidentCellCounts, listIncidentPointsChunk } from '@/db/queries/analysis/cell-counts';
import type { Database } from '@/db/schema';
import type { DbscanResult } from '@/lib/analysis/dbscan';
import type { HotSpotCellsResult } from '@/lib/analysis/get-hot-spot-cells';
import { quarticKde } from '@/lib/analysis/quartic-kde';
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
  | ({ kind: 'dbscan'; eps: number; minPoints: number } & IncidentFilter)
  | ({ kind: 'kde'; cellSize: number; bandwidth: number } & IncidentFilter);

/** How many incidents went in and a SHA-256 of their ids in id order (see getIncidentIdsDigest). */
export interface RecordDigest {
  count: number;
  hash: string;
}

/** Points as read for DBSCAN and KDE, in id order; EPSG:3006 metres, times epoch ms. */
export interface ReadPoints {
  ids: string[];
  x: Float64Array;
  y: Float64Array;
  categories: string[];
  times: Float64Array;
}

export type AnalysisJobResult =
  | { kind: 'hot-spots'; result: HotSpotCellsResult; digest: RecordDigest }
  | { kind: 'emerging'; result: EmergingRunResult | null; digest: RecordDigest }
  | { kind: 'dbscan'; ids: string[]; result: DbscanResult; points: ReadPoints; digest: RecordDigest }
  | { kind: 'kde'; cells: { a: number; b: number; density: number }[]; digest: RecordDigest };

/** SHA-256 of ids joined by commas: what getIncidentIdsDigest computes in SQL for the same ids in id order. */
export function hashIds(ids: readonly string[]): string {
  return createHash('sha256').update(ids.join(','), 'utf8').digest('hex');
}

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
  /** Epoch ms when it ended (done, failed or cancelled). */
  endedAt?: number;
}

export type AnalysisJobListener = (job: AnalysisJob) => void;

export interface AnalysisJobRunnerOptions {
  db: Kysely<Database>;
  /** Points per read (default 20,000): each read holds the database for a few milliseconds. */
  chunkSize?: number;
  /**
   * Reads of more than two chunks are split into this many id ranges read side by side (default 2): on
   * PostgreSQL each range has its own connection and core; PGlite's one connection takes the chunks in turn.
   */
  readLanes?: number;
  /** Ended jobs are forgotten this long after they ended (default one hour). */
  keepEndedMs?: number;
}

export interface AnalysisJobRunner {
  /** Queues a job; it starts at once unless a job of the same municipality is running. */
  submit: (spec: AnalysisJobSpec, listener?: AnalysisJobListener) => AnalysisJob;
  get: (id: string) => AnalysisJob | undefined;
  /** Cancels a queued or running job; false when it had already ended or is unknown. */
  cancel: (id: string) => boolean;
  /** Resolves with the job when it has ended (done, failed or cancelled). */
  waitFor: (id: string) => Promise<AnalysisJob>;
  /** Whether a job of this municipality is queued or running. */
  busy: (municipalityCode: string) => boolean;
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
 * queued); jobs of different municipalities run side by side. It checks no permission: callers
 * (lib/server/analysis/analysis-jobs.ts) check the viewer and put its exact-access predicate in the spec.
 */
export function createAnalysisJobRunner(options: AnalysisJobRunnerOptions): AnalysisJobRunner {
  const { db } = options;
  const chunkSize = options.chunkSize ?? 20_000;
  const readLanes = options.readLanes ?? 2;
  const keepEndedMs = options.keepEndedMs ?? 3_600_000;
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
    Object.assign(e.job, { state, endedAt: Date.now(), ...extra });
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
    // The digest and the counts in one transaction: they describe the same rows.
    const countWithDigest = (q: Parameters<typeof listIncidentCellCounts>[1]) =>
      db.transaction().setIsolationLevel('repeatable read').execute(async (trx) => ({ counts: await listIncidentCellCounts(trx, q), digest: await getIncidentIdsDigest(trx, q) }));
    if (spec.kind === 'hot-spots') {
      update(e, 'counting', 0);
      const studyCells = await getStudyAreaCells(db, spec);
      const { counts, digest } = await countWithDigest({ ...spec, step: undefined });
      check();
      update(e, 'computing', 50);
      return { kind: 'hot-spots', result: getHotSpotsFromCellCounts(counts, spec, studyCells), digest };
    }
    if (spec.kind === 'emerging') {
      update(e, 'counting', 0);
      const studyCells = await getStudyAreaCells(db, spec);
      const { counts, digest } = await countWithDigest(spec);
      check();
      update(e, 'computing', 50);
      const input = prepareEmergingInput(counts, spec, studyCells);
      if (!input) return { kind: 'emerging', result: null, digest };
      try {
        const result = await runEmergingInWorker(
          { countsPerStep: input.countsPerStep, neighbours: input.neighbours, options: { fdr: spec.fdr ?? true, trendAlpha: spec.trendAlpha } },
          { signal },
        );
        return { kind: 'emerging', result: { ...input, result }, digest };
      } catch (err) {
        if (signal.aborted) throw new Cancelled();
        throw err;
      }
    }
    // DBSCAN and KDE read the points: reading is the first 40 %, the computation the rest.
    const filter: IncidentFilter = { municipalityCode: spec.municipalityCode, from: spec.from, to: spec.to, categories: spec.categories, access: spec.access };
    const points = await readPoints(e, filter);
    const digestOf = (): RecordDigest => ({ count: points.ids.length, hash: hashIds(points.ids) });
    if (spec.kind === 'kde') {
      update(e, 'computing', 40);
      return { kind: 'kde', cells: computeKdeCells(points, spec.cellSize, spec.bandwidth), digest: digestOf() };
    }
    update(e, 'clustering', 40);
    try {
      const clustering = runDbscanInWorker(points.x.slice(), points.y.slice(), {
        eps: spec.eps,
        minPoints: spec.minPoints,
        signal,
        transfer: true,
        onProgress: (f) => update(e, 'clustering', 40 + 60 * f),
      });
      // The id digest while the worker clusters (this thread is idle meanwhile).
      const digest = digestOf();
      const result = await clustering;
      return { kind: 'dbscan', ids: points.ids, result, points, digest };
    } catch (err) {
      if (signal.aborted) throw new Cancelled();
      throw err;
    }
  }

  /**
   * Reads the filter's points in keyset chunks, yielding to other queries between chunks (0…40 %). A read of more
   * than two chunks is split at a middle id into two ranges read side by side; the ranges' chunks are joined in
   * id order, so the result does not depend on the split.
   */
  async function readPoints(e: Entry, filter: IncidentFilter): Promise<ReadPoints> {
    const check = () => {
      if (e.controller.signal.aborted) throw new Cancelled();
    };
    const total = await countIncidentsForAnalysis(db, filter);
    check();
    update(e, 'reading', 0);
    const split = readLanes > 1 && total > 2 * chunkSize ? await getIncidentIdSplit(db, filter, total) : null;
    check();
    const ranges: { afterId?: string; throughId?: string }[] = split ? [{ throughId: split }, { afterId: split }] : [{}];
    let read = 0;
    const lanes = await Promise.all(
      ranges.map(async (range) => {
        const chunks: IncidentPointChunk[] = [];
        let afterId = range.afterId;
        while (total > 0) {
          const c = await listIncidentPointsChunk(db, { ...filter, afterId, throughId: range.throughId, limit: chunkSize, withAttributes: true });
          check();
          chunks.push(c);
          read += c.ids.length;
          update(e, 'reading', (40 * Math.min(read, total)) / total);
          if (!c.nextAfterId) break;
          afterId = c.nextAfterId;
          // Let queued queries (page requests) in between chunks.
          await new Promise<void>((resolve) => setImmediate(resolve));
        }
        return chunks;
      }),
    );
    const x = new Float64Array(total);
    const y = new Float64Array(total);
    const times = new Float64Array(total);
    const ids: string[] = [];
    const categories: string[] = [];
    for (const c of lanes.flat()) {
      // Rows added since the count are left out; the run covers what was there when it started.
      const take = Math.min(c.ids.length, total - ids.length);
      x.set(c.x.subarray(0, take), ids.length);
      y.set(c.y.subarray(0, take), ids.length);
      times.set(c.times!.subarray(0, take), ids.length);
      for (let k = 0; k < take; k += 1) {
        ids.push(c.ids[k]);
        categories.push(c.categories![k]);
      }
    }
    const n = ids.length;
    return { ids, x: x.subarray(0, n), y: y.subarray(0, n), categories, times: times.subarray(0, n) };
  }

  function prune(): void {
    const now = Date.now();
    for (const [id, e] of entries) if (e.job.endedAt !== undefined && now - e.job.endedAt > keepEndedMs) entries.delete(id);
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
        else {
          console.error(`analysis job ${e.job.id} (${e.spec.kind}) failed:`, err);
          finish(e, 'failed', { error: err instanceof Error ? err.message : String(err) });
        }
      })
      .finally(() => {
        running.delete(code);
        startNext(code);
      });
  }

  return {
    submit(spec, listener) {
      prune();
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
    busy(code) {
      return running.has(code) || (queues.get(code)?.length ?? 0) > 0;
    },
    waitFor(id) {
      const e = entries.get(id);
      if (!e) return Promise.reject(new Error(`no analysis job ${id}`));
      return e.ended;
    },
  };
}

/**
 * Quartic kernel density on square cells of `cellSize` (anchored at the origin) over the points' extent
 * grown by the bandwidth; only cells with a density above zero, in events per km² (METHODS.md).
 */
export function computeKdeCells(points: Pick<ReadPoints, 'x' | 'y'>, cellSize: number, bandwidth: number): { a: number; b: number; density: number }[] {
  const n = points.x.length;
  if (n === 0) return [];
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  for (let k = 0; k < n; k += 1) {
    minX = Math.min(minX, points.x[k]);
    maxX = Math.max(maxX, points.x[k]);
    minY = Math.min(minY, points.y[k]);
    maxY = Math.max(maxY, points.y[k]);
  }
  const ixMin = Math.floor((minX - bandwidth) / cellSize);
  const ixMax = Math.floor((maxX + bandwidth) / cellSize);
  const iyMin = Math.floor((minY - bandwidth) / cellSize);
  const iyMax = Math.floor((maxY + bandwidth) / cellSize);
  const a: number[] = [];
  const b: number[] = [];
  const cx: number[] = [];
  const cy: number[] = [];
  for (let iy = iyMin; iy <= iyMax; iy += 1) {
    for (let ix = ixMin; ix <= ixMax; ix += 1) {
      a.push(ix);
      b.push(iy);
      cx.push((ix + 0.5) * cellSize);
      cy.push((iy + 0.5) * cellSize);
    }
  }
  const density = quarticKde({ x: points.x, y: points.y }, { x: cx, y: cy }, bandwidth);
  const out: { a: number; b: number; density: number }[] = [];
  for (let k = 0; k < density.length; k += 1) if (density[k] > 0) out.push({ a: a[k], b: b[k], density: density[k] * 1e6 });
  return out;
}
