import 'server-only';
// The app's analysis jobs: one runner per server process (a globalThis singleton like lib/server/db.ts, so
// jobs survive across requests and hot reloads), one running job per municipality, polled by the page.
// A job belongs to the user who started it: only they see its progress and result, cancel or save it
// (the result was computed with their access).
import type { Kysely } from 'kysely';
import type { Database } from '@/db/schema';
import { appendAuditEvent } from '@/lib/server/audit/append-audit-event';
import { notFound } from '@/lib/server/auth/errors';
import { whereExactAccess } from '@/lib/server/permissions/exact-access';
import type { Viewer } from '@/lib/server/permissions/viewer';
import { assertAnalysisPermission } from './analysis-access';
import { type AnalysisRequest, analysisRequestSchema, methodParameters, toJobSpec } from './analysis-request';
import { buildResultView, type ResultView, type StoredResult, toStoredResult } from './analysis-result';
import { type AnalysisJob, type AnalysisJobPhase, type AnalysisJobRunner, type AnalysisJobState, createAnalysisJobRunner, type RecordDigest } from './jobs';

interface JobContext {
  userId: string | null;
  municipalityCode: string;
  request: AnalysisRequest;
  meetingMode: boolean;
  submittedAt: string;
  stored?: StoredResult;
  digest?: RecordDigest;
}

interface Holder {
  runner: AnalysisJobRunner;
  db: Kysely<Database>;
  contexts: Map<string, JobContext>;
}

const KEY = Symbol.for('lagesbild.analysis-jobs');
const g = globalThis as unknown as Record<symbol, Holder | undefined>;

/** The process-wide runner over `db` (created on first use). */
export function getAnalysisJobs(db: Kysely<Database>): Holder {
  const h = g[KEY];
  if (h && h.db === db) return h;
  const created: Holder = { runner: createAnalysisJobRunner({ db }), db, contexts: new Map() };
  g[KEY] = created;
  return created;
}

/** What the page polls: state, phase and per cent, and when done the result as the map shows it. */
export interface AnalysisJobStatus {
  id: string;
  state: AnalysisJobState;
  phase: AnalysisJobPhase | null;
  percent: number;
  error: string | null;
  method: AnalysisRequest['method'];
  parameters: Record<string, unknown>;
  submittedAt: string;
  /** Incidents that went in (done only). */
  incidents: number | null;
  view: ResultView | null;
}

function statusOf(job: AnalysisJob, ctx: JobContext): AnalysisJobStatus {
  return {
    id: job.id,
    state: job.state,
    phase: job.phase,
    percent: job.percent,
    // Errors are internal (SQL, worker): the page gets a plain message, the log the details.
    error: job.state === 'failed' ? 'The analysis failed on the server.' : null,
    method: ctx.request.method,
    parameters: methodParameters(ctx.request),
    submittedAt: ctx.submittedAt,
    incidents: ctx.digest?.count ?? null,
    view: ctx.stored ? buildResultView(ctx.stored) : null,
  };
}

/**
 * Starts an analysis for the viewer: checks `create analysis`, parses the request, queues the job with the
 * viewer's exact access in its SQL, and audits the start. Returns at once with the queued job.
 */
export async function submitAnalysisJob(db: Kysely<Database>, viewer: Viewer, input: unknown): Promise<AnalysisJobStatus> {
  await assertAnalysisPermission(db, viewer, 'create');
  const request = analysisRequestSchema.parse(input);
  if (request.municipality !== viewer.municipalityCode) throw notFound('The municipality');
  const jobs = getAnalysisJobs(db);
  const ctx: JobContext = { userId: viewer.userId, municipalityCode: viewer.municipalityCode, request, meetingMode: viewer.meetingMode, submittedAt: new Date().toISOString() };
  const job = jobs.runner.submit(toJobSpec(request, whereExactAccess(viewer)), (j) => {
    if (j.state === 'done' && j.result && !ctx.stored) {
      ctx.digest = j.result.digest;
      ctx.stored = toStoredResult(j.result, request);
    }
  });
  jobs.contexts.set(job.id, ctx);
  await appendAuditEvent(db, {
    actor: viewer.actor,
    action: 'create',
    resource: 'analysis_job',
    municipalityCode: viewer.municipalityCode,
    details: { job: job.id, parameters: methodParameters(request), meeting_mode: viewer.meetingMode || undefined },
  });
  return statusOf(jobs.runner.get(job.id) ?? job, ctx);
}

function ownJob(db: Kysely<Database>, viewer: Viewer, id: string): { job: AnalysisJob; ctx: JobContext } {
  const jobs = getAnalysisJobs(db);
  const job = jobs.runner.get(id);
  const ctx = jobs.contexts.get(id);
  // Another user's job is "not found": its existence is not revealed.
  if (!job || !ctx || ctx.userId !== viewer.userId || ctx.municipalityCode !== viewer.municipalityCode) throw notFound('The analysis job');
  return { job, ctx };
}

/** The job's state for its owner (404 for anyone else or an unknown or forgotten job). */
export async function getAnalysisJobStatus(db: Kysely<Database>, viewer: Viewer, id: string): Promise<AnalysisJobStatus> {
  await assertAnalysisPermission(db, viewer, 'read');
  const { job, ctx } = ownJob(db, viewer, id);
  return statusOf(job, ctx);
}

/** Cancels the owner's queued or running job; the status after the cancel request. */
export async function cancelAnalysisJob(db: Kysely<Database>, viewer: Viewer, id: string): Promise<AnalysisJobStatus> {
  await assertAnalysisPermission(db, viewer, 'create');
  const { ctx } = ownJob(db, viewer, id);
  const jobs = getAnalysisJobs(db);
  if (jobs.runner.cancel(id)) {
    await appendAuditEvent(db, { actor: viewer.actor, action: 'cancel', resource: 'analysis_job', municipalityCode: viewer.municipalityCode, details: { job: id } });
  }
  return statusOf(jobs.runner.get(id)!, ctx);
}

/** Waits for the owner's job to end (tests and the CLI). */
export async function waitForAnalysisJob(db: Kysely<Database>, viewer: Viewer, id: string): Promise<AnalysisJobStatus> {
  ownJob(db, viewer, id);
  const jobs = getAnalysisJobs(db);
  await jobs.runner.waitFor(id);
  return getAnalysisJobStatus(db, viewer, id);
}

/** The finished job's saved form (for saving it as a run); 404 unless done and the viewer's own. */
export function getFinishedJob(db: Kysely<Database>, viewer: Viewer, id: string): { request: AnalysisRequest; stored: StoredResult; digest: RecordDigest; meetingMode: boolean } {
  const { job, ctx } = ownJob(db, viewer, id);
  if (job.state !== 'done' || !ctx.stored || !ctx.digest) throw notFound('A finished analysis job');
  return { request: ctx.request, stored: ctx.stored, digest: ctx.digest, meetingMode: ctx.meetingMode };
}
