import 'server-only';
// Saved analysis runs: a finished job stored immutably with its parameters, the count and id hash of the
// records it used and its full result, linked to an EST meeting; reopened with a check whether the data has
// changed since; cause notes per hotspot; two runs compared. Every function checks the permission table
// and audits.
import type { Kysely } from 'kysely';
import { z } from 'zod';
import { getIncidentIdsDigest } from '@/db/queries/analysis/cell-counts';
import {
  type HotspotNoteRow,
  linkRunToMeeting,
  listRunHotspotNotes,
  listRunMeetings,
  type MeetingRow,
} from '@/db/queries/analysis/analysis-runs';
import { createAnalysisRun, createEstMeeting, createHotspotNote, getAnalysisRun, getEstMeeting, NotFoundError } from '@/db/queries/entities';
import type { Database } from '@/db/schema';
import { dateSchema, idField, requiredTextField, TEXT_MAX, TITLE_MAX } from '@/lib/schemas/common';
import { estMeetingInputSchema } from '@/lib/schemas/entities/est-meeting';
import { appendAuditEvent } from '@/lib/server/audit/append-audit-event';
import { notFound } from '@/lib/server/auth/errors';
import { whereExactAccess } from '@/lib/server/permissions/exact-access';
import type { Viewer } from '@/lib/server/permissions/viewer';
import { assertAnalysisPermission } from './analysis-access';
import { type AnalysisRequest, analysisRequestSchema, methodParameters, periodInstants } from './analysis-request';
import { buildResultView, type RankedHotspot, type ResultView, type StoredResult } from './analysis-result';
import { getFinishedJob } from './analysis-jobs';

export const saveRunInputSchema = z
  .object({
    job_id: z.string({ error: 'job_id is required' }).min(1, 'job_id is required'),
    title: requiredTextField('title', TITLE_MAX),
    /** An existing meeting to link the run to … */
    meeting_id: idField('meeting_id').optional(),
    /** … or a new one, created with the run. */
    meeting: estMeetingInputSchema.omit({ run_ids: true }).optional(),
  })
  .superRefine((v, ctx) => {
    if (v.meeting_id && v.meeting) ctx.addIssue({ code: 'custom', path: ['meeting'], message: 'give meeting_id or meeting, not both' });
  });

/** Saves a finished job of the viewer's as an immutable run, optionally linked to an (existing or new) EST meeting. */
export async function saveAnalysisRun(db: Kysely<Database>, viewer: Viewer, input: unknown): Promise<{ runId: string; meetingId: string | null }> {
  await assertAnalysisPermission(db, viewer, 'create');
  const v = saveRunInputSchema.parse(input);
  if (v.meeting_id || v.meeting) await assertAnalysisPermission(db, viewer, v.meeting ? 'create' : 'update', 'est_meeting');
  const job = getFinishedJob(db, viewer, v.job_id);
  const period = periodInstants(job.request);
  return db.transaction().execute(async (trx) => {
    const run = await createAnalysisRun(
      trx,
      viewer.municipalityCode,
      {
        title: v.title,
        method: job.request.method,
        period_from: period.from,
        period_to: period.to,
        layers: ['incident'],
        parameters: { ...methodParameters(job.request), meetingMode: job.meetingMode, idsHash: 'sha256 of incident ids in id order, comma-separated' },
        data_counts: { incident: job.digest.count },
        record_ids_hash: job.digest.hash,
        result: job.stored as unknown as z.core.util.JSONType,
      },
      { createdBy: viewer.actor },
    );
    let meetingId: string | null = null;
    if (v.meeting) {
      meetingId = (await createEstMeeting(trx, viewer.municipalityCode, { ...v.meeting, run_ids: [run.id] })).id;
    } else if (v.meeting_id) {
      meetingId = (await getEstMeeting(trx, viewer.municipalityCode, v.meeting_id).catch(rethrowNotFound('The meeting'))).id;
      await linkRunToMeeting(trx, meetingId, run.id);
    }
    await appendAuditEvent(trx, {
      actor: viewer.actor,
      action: 'create',
      resource: 'analysis_run',
      municipalityCode: viewer.municipalityCode,
      details: { run: run.id, job: v.job_id, method: run.method, meeting: meetingId, incidents: job.digest.count },
    });
    return { runId: run.id, meetingId };
  });
}

function rethrowNotFound(what: string) {
  return (err: unknown): never => {
    if (err instanceof NotFoundError) throw notFound(what);
    throw err;
  };
}

export interface RunDetail {
  id: string;
  title: string;
  method: string;
  parameters: Record<string, unknown>;
  periodFrom: string;
  periodTo: string;
  createdBy: string | null;
  createdAt: string;
  incidents: number;
  recordIdsHash: string;
  /** The same filter now, over what this viewer may see: has anything changed since the run? */
  now: { incidents: number; hash: string; changed: boolean };
  meetings: MeetingRow[];
  notes: HotspotNoteRow[];
  stored: StoredResult;
  view: ResultView;
}

/** The saved request of a run (for re-running and re-checking its data). */
export function savedRequestOf(parameters: Record<string, unknown>): AnalysisRequest {
  return analysisRequestSchema.parse(parameters);
}

async function loadRun(db: Kysely<Database>, viewer: Viewer, id: string) {
  return getAnalysisRun(db, viewer.municipalityCode, id).catch(rethrowNotFound('The analysis run'));
}

/** A saved run with its meetings and notes, and whether its data has changed since (recomputed id hash). */
export async function getAnalysisRunDetail(db: Kysely<Database>, viewer: Viewer, id: string): Promise<RunDetail> {
  await assertAnalysisPermission(db, viewer, 'read');
  const run = await loadRun(db, viewer, id);
  if (run.method === 'priority') throw notFound('The analysis run');
  const request = savedRequestOf(run.parameters);
  const digest = await getIncidentIdsDigest(db, { municipalityCode: viewer.municipalityCode, from: request.from, to: request.to, categories: request.categories, access: whereExactAccess(viewer) });
  const [meetings, notes] = await Promise.all([listRunMeetings(db, viewer.municipalityCode, id), listRunHotspotNotes(db, viewer.municipalityCode, id)]);
  const stored = run.result as unknown as StoredResult;
  await appendAuditEvent(db, { actor: viewer.actor, action: 'read', resource: 'analysis_run', municipalityCode: viewer.municipalityCode, details: { run: id, meeting_mode: viewer.meetingMode || undefined } });
  return {
    id: run.id,
    title: run.title,
    method: run.method,
    parameters: run.parameters,
    periodFrom: run.period_from,
    periodTo: run.period_to,
    createdBy: run.created_by,
    createdAt: run.created_at,
    incidents: run.data_counts.incident ?? 0,
    recordIdsHash: run.record_ids_hash,
    now: { incidents: digest.count, hash: digest.hash, changed: digest.hash !== run.record_ids_hash },
    meetings,
    notes,
    stored,
    view: buildResultView(stored),
  };
}

export const hotspotNoteFormSchema = z.object({
  meeting_id: idField('meeting_id'),
  hotspot_ref: requiredTextField('hotspot_ref', TITLE_MAX).refine((s) => /^(cell:-?\d+:-?\d+|cluster:\d+)$/.test(s), 'hotspot_ref must name a hotspot of the run'),
  cause_note: requiredTextField('cause_note', TEXT_MAX),
});

/** Writes the group's note on the causes of one hotspot of a run (orsaksanalys) at a meeting. */
export async function addHotspotNote(db: Kysely<Database>, viewer: Viewer, runId: string, input: unknown): Promise<{ id: string }> {
  await assertAnalysisPermission(db, viewer, 'create', 'est_meeting');
  const v = hotspotNoteFormSchema.parse(input);
  await loadRun(db, viewer, runId);
  const note = await createHotspotNote(db, viewer.municipalityCode, { run_id: runId, ...v });
  await linkRunToMeeting(db, v.meeting_id, runId);
  await appendAuditEvent(db, {
    actor: viewer.actor,
    action: 'create',
    resource: 'hotspot_note',
    municipalityCode: viewer.municipalityCode,
    details: { run: runId, meeting: v.meeting_id, hotspot: v.hotspot_ref },
  });
  return { id: note.id };
}

export type ComparisonStatus = 'new' | 'persistent' | 'gone';

export interface ComparedHotspot {
  status: ComparisonStatus;
  /** The hotspot in the later run (new, persistent) or the earlier one (gone). */
  hotspot: RankedHotspot;
  /** Refs of the other run's hotspots it overlaps. */
  overlaps: string[];
}

export interface RunComparison {
  a: { id: string; title: string; method: string; periodFrom: string; periodTo: string };
  b: { id: string; title: string; method: string; periodFrom: string; periodTo: string };
  /** True when both runs use the same grid and cell size: overlap is by cell id; else by geometry. */
  byCell: boolean;
  items: ComparedHotspot[];
  counts: Record<ComparisonStatus, number>;
}

type Box = [number, number, number, number];

function ringBox(ring: number[][]): Box {
  let w = Infinity;
  let s = Infinity;
  let e = -Infinity;
  let n = -Infinity;
  for (const [x, y] of ring) {
    w = Math.min(w, x);
    e = Math.max(e, x);
    s = Math.min(s, y);
    n = Math.max(n, y);
  }
  return [w, s, e, n];
}

function pointInRing(x: number, y: number, ring: number[][]): boolean {
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi, yi] = ring[i];
    const [xj, yj] = ring[j];
    if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

function segmentsCross(p1: number[], p2: number[], p3: number[], p4: number[]): boolean {
  const d = (a: number[], b: number[], c: number[]) => (b[0] - a[0]) * (c[1] - a[1]) - (b[1] - a[1]) * (c[0] - a[0]);
  const d1 = d(p3, p4, p1);
  const d2 = d(p3, p4, p2);
  const d3 = d(p1, p2, p3);
  const d4 = d(p1, p2, p4);
  return d1 * d2 < 0 && d3 * d4 < 0;
}

/** Whether two simple rings (EPSG:3006) share interior: a vertex inside the other, or crossing edges. */
function ringsOverlap(r: number[][], q: number[][]): boolean {
  const a = ringBox(r);
  const b = ringBox(q);
  if (a[2] <= b[0] || b[2] <= a[0] || a[3] <= b[1] || b[3] <= a[1]) return false;
  const centre = (ring: number[][]) => {
    const [w, s, e, n] = ringBox(ring);
    return [(w + e) / 2, (s + n) / 2];
  };
  const [cx, cy] = centre(r);
  const [qx, qy] = centre(q);
  if (pointInRing(cx, cy, q) || pointInRing(qx, qy, r)) return true;
  if (r.some(([x, y]) => pointInRing(x, y, q)) || q.some(([x, y]) => pointInRing(x, y, r))) return true;
  for (let i = 0; i + 1 < r.length; i += 1) for (let j = 0; j + 1 < q.length; j += 1) if (segmentsCross(r[i], r[i + 1], q[j], q[j + 1])) return true;
  return false;
}

function hotspotsOverlap(h: RankedHotspot, k: RankedHotspot): boolean {
  return h.rings3006.some((r) => k.rings3006.some((q) => ringsOverlap(r as number[][], q as number[][])));
}

/**
 * Which hotspots of the later run are new or persistent (overlapping a hotspot of the earlier run: by cell
 * id when both use the same grid, else by geometry — cluster hulls, cells of other sizes), and which of the
 * earlier run are gone. All hotspots are compared, not only the listed top ones.
 */
export function compareStoredResults(a: StoredResult, b: StoredResult): Omit<RunComparison, 'a' | 'b'> {
  const full = (r: StoredResult) => buildResultView(r, { limit: Infinity }).hotspots;
  const ha = full(a);
  const hb = full(b);
  const byCell = 'grid' in a && 'grid' in b && a.grid === b.grid && a.cellSize === b.cellSize;
  const cellsOf = (h: RankedHotspot) => new Set(h.rings3006.map((r) => r.map((p) => p.join(',')).join(';')));
  const overlap = byCell ? (h: RankedHotspot, k: RankedHotspot) => [...cellsOf(h)].some((c) => cellsOf(k).has(c)) : hotspotsOverlap;
  const items: ComparedHotspot[] = [];
  for (const h of hb) {
    const overlaps = ha.filter((k) => overlap(h, k)).map((k) => k.ref);
    items.push({ status: overlaps.length ? 'persistent' : 'new', hotspot: h, overlaps });
  }
  for (const k of ha) {
    if (!hb.some((h) => overlap(h, k))) items.push({ status: 'gone', hotspot: k, overlaps: [] });
  }
  const counts = { new: 0, persistent: 0, gone: 0 };
  for (const i of items) counts[i.status] += 1;
  return { byCell, items, counts };
}

/** Compares two saved runs of the municipality (earlier `a`, later `b`). */
export async function compareAnalysisRuns(db: Kysely<Database>, viewer: Viewer, aId: string, bId: string): Promise<RunComparison> {
  await assertAnalysisPermission(db, viewer, 'read');
  const [a, b] = await Promise.all([loadRun(db, viewer, aId), loadRun(db, viewer, bId)]);
  if (a.method === 'priority' || b.method === 'priority') throw notFound('The analysis run');
  const result = compareStoredResults(a.result as unknown as StoredResult, b.result as unknown as StoredResult);
  await appendAuditEvent(db, { actor: viewer.actor, action: 'read', resource: 'analysis_run', municipalityCode: viewer.municipalityCode, details: { compare: [aId, bId] } });
  const head = (r: typeof a) => ({ id: r.id, title: r.title, method: r.method, periodFrom: r.period_from, periodTo: r.period_to });
  return { a: head(a), b: head(b), ...result };
}

/** The period a saved run covered, as local dates (for forms). */
export function runPeriodDates(parameters: Record<string, unknown>): { from: string; to: string } {
  const p = z.object({ from: dateSchema, to: dateSchema }).parse(parameters);
  return { from: p.from, to: p.to };
}
