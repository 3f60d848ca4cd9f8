import 'server-only';
// Prioritising focus areas (METHODS.md): candidates from a saved run's hotspots (merged significant cells or
// cluster hulls), from the districts, or a drawn polygon; raw criteria in SQL over what the viewer may see;
// each criterion normalised across the candidates and weighted (lib/analysis scorePriorities); saved as an
// immutable 'priority' run with its weights; one candidate adopted as a focus area carrying its evidence.
import type { Kysely } from 'kysely';
import { z } from 'zod';
import { linkRunToMeeting, listRunMeetings } from '@/db/queries/analysis/analysis-runs';
import { listDistricts, listPriorityCriteria, type PriorityCandidateGeometry } from '@/db/queries/analysis/priority-criteria';
import { createAnalysisRun, createFocusArea, getAnalysisRun, NotFoundError } from '@/db/queries/entities';
import type { Database } from '@/db/schema';
import { type PriorityCriterion, scorePriorities } from '@/lib/analysis/prioritisation-score';
import { getSquareCellCentre } from '@/lib/geo/grid';
import { getHexCellCentre } from '@/lib/geo/hex';
import { dateSchema, optionalDateField, polygonSchema, requiredTextField, TITLE_MAX } from '@/lib/schemas/common';
import { appendAuditEvent } from '@/lib/server/audit/append-audit-event';
import { notFound } from '@/lib/server/auth/errors';
import { whereExactAccess } from '@/lib/server/permissions/exact-access';
import type { Viewer } from '@/lib/server/permissions/viewer';
import { assertAnalysisPermission } from './analysis-access';
import { methodParameters } from './analysis-request';
import { buildResultView, hotspotMultiPolygon3006, type StoredResult } from './analysis-result';
import { savedRequestOf } from './saved-runs';

/** The criteria, in the order the table shows them; all "higher is more urgent". */
export const PRIORITY_CRITERIA = ['severity', 'density', 'maxZ', 'trend', 'unsafeOpen', 'vandalism', 'cleanupHours', 'insecurity'] as const;
export type PriorityCriterionKey = (typeof PRIORITY_CRITERIA)[number];

/** Default weights (sum 1): the crime picture first, the place and the residents' view after. */
export const DEFAULT_PRIORITY_WEIGHTS: Record<PriorityCriterionKey, number> = {
  severity: 0.25,
  density: 0.15,
  maxZ: 0.15,
  trend: 0.1,
  unsafeOpen: 0.1,
  vandalism: 0.1,
  cleanupHours: 0.05,
  insecurity: 0.1,
};

const weightSchema = z.coerce.number({ error: 'weights must be numbers' }).min(0, 'weights must not be negative').max(100, 'weights must be at most 100');

export const priorityRequestSchema = z.object({
  source: z.enum(['hotspots', 'districts', 'polygon'], { error: 'source must be hotspots, districts or polygon' }),
  weights: z.object(Object.fromEntries(PRIORITY_CRITERIA.map((k) => [k, weightSchema.default(DEFAULT_PRIORITY_WEIGHTS[k])])) as Record<PriorityCriterionKey, z.ZodDefault<typeof weightSchema>>).default(DEFAULT_PRIORITY_WEIGHTS),
  /** A drawn polygon (WGS84) for source 'polygon'. */
  polygon: polygonSchema.optional(),
  polygon_label: z.string().max(TITLE_MAX).optional(),
  /** Save as an immutable priority run (needed before adopting a candidate). */
  save: z.boolean().default(false),
});
export type PriorityRequest = z.infer<typeof priorityRequestSchema>;

export interface ScoredCandidate {
  id: string;
  label: string;
  rank: number;
  score: number;
  /** Raw values as computed (null: not available for this candidate). */
  values: Record<PriorityCriterionKey, number | null>;
  parts: Record<PriorityCriterionKey, { normalised: number; contribution: number; share: number }>;
  /** WGS84 MultiPolygon. */
  geometry: { type: 'MultiPolygon'; coordinates: [number, number][][][] };
  incidents: number;
  areaKm2: number;
}

export interface PriorityTable {
  sourceRunId: string;
  source: PriorityRequest['source'];
  weights: Record<PriorityCriterionKey, number>;
  candidates: ScoredCandidate[];
  /** Set when saved. */
  priorityRunId: string | null;
}

/** Most hotspots turned into candidates. */
const MAX_HOTSPOT_CANDIDATES = 30;

function previousPeriod(from: string, to: string): { from: string; to: string } {
  const f = Date.parse(`${from}T00:00:00Z`);
  const t = Date.parse(`${to}T00:00:00Z`);
  const days = Math.round((t - f) / 86_400_000) + 1;
  const iso = (ms: number) => new Date(ms).toISOString().slice(0, 10);
  return { from: iso(f - days * 86_400_000), to: iso(f - 86_400_000) };
}

/** Scores candidates for a saved run of the viewer's municipality; with `save`, stores them as a priority run. */
export async function scoreFocusAreaCandidates(db: Kysely<Database>, viewer: Viewer, sourceRunId: string, input: unknown): Promise<PriorityTable> {
  await assertAnalysisPermission(db, viewer, 'read');
  const v = priorityRequestSchema.parse(input);
  if (v.save) await assertAnalysisPermission(db, viewer, 'create');
  const run = await getAnalysisRun(db, viewer.municipalityCode, sourceRunId).catch((err: unknown) => {
    throw err instanceof NotFoundError ? notFound('The analysis run') : err;
  });
  if (run.method === 'priority') throw notFound('The analysis run');
  const request = savedRequestOf(run.parameters);
  const stored = run.result as unknown as StoredResult;

  let candidates: PriorityCandidateGeometry[];
  if (v.source === 'hotspots') {
    const hotspots = buildResultView(stored, { limit: MAX_HOTSPOT_CANDIDATES }).hotspots.filter((h) => h.rings3006.length > 0);
    candidates = hotspots.map((h) => ({ id: h.ref, label: `#${h.rank}`, geom3006: JSON.stringify(hotspotMultiPolygon3006(h)) }));
  } else if (v.source === 'districts') {
    candidates = (await listDistricts(db, viewer.municipalityCode)).map((d) => ({ id: `area:${d.id}`, label: d.name, areaId: d.id }));
  } else {
    if (!v.polygon) throw new z.ZodError([{ code: 'custom', path: ['polygon'], message: 'polygon is required for source polygon', input: undefined }]);
    candidates = [{ id: 'polygon:1', label: v.polygon_label?.trim() || 'Ritat område', geom4326: JSON.stringify(v.polygon) }];
  }

  // Largest Gi* z (or emerging trend z) of the run's cells inside each candidate.
  const cells = { x: [] as number[], y: [] as number[], v: [] as number[] };
  if (stored.method === 'gi_star' || stored.method === 'emerging') {
    for (const c of stored.cells) {
      const [x, y] = stored.grid === 'hex' ? getHexCellCentre(c[0], c[1], stored.cellSize) : getSquareCellCentre(c[0], c[1], stored.cellSize);
      cells.x.push(x);
      cells.y.push(y);
      cells.v.push(stored.method === 'gi_star' ? (c[3] as number) : (c[4] as number));
    }
  }
  const access = whereExactAccess(viewer);
  const filter = { municipalityCode: viewer.municipalityCode, categories: request.categories, access };
  const previous = previousPeriod(request.from, request.to);
  const rows = await listPriorityCriteria(db, candidates, {
    municipalityCode: viewer.municipalityCode,
    incidents: { ...filter, from: request.from, to: request.to },
    previous: { ...filter, ...previous },
    from: request.from,
    to: request.to,
    unsafePlaceAccess: whereExactAccess(viewer, { table: 'unsafe_place', categoryColumn: null }),
    vandalismAccess: whereExactAccess(viewer, { table: 'vandalism_report', categoryColumn: null }),
    cells: cells.x.length ? cells : undefined,
  });

  const values = new Map<string, Record<PriorityCriterionKey, number | null>>();
  for (const r of rows) {
    values.set(r.id, {
      severity: r.severity,
      density: r.areaKm2 > 0 ? r.severity / r.areaKm2 : null,
      maxZ: stored.method === 'gi_star' ? r.maxCellValue : null,
      // Change against the previous period of equal length (relative, +1 so an empty period is no division by zero).
      trend: stored.method === 'emerging' && r.maxCellValue !== null ? r.maxCellValue : (r.incidents - r.previous) / (r.previous + 1),
      unsafeOpen: r.unsafeOpen,
      vandalism: r.vandalism,
      cleanupHours: r.cleanupHours,
      insecurity: r.insecurity,
    });
  }
  const criteria: PriorityCriterion[] = PRIORITY_CRITERIA.map((key) => ({ key, weight: v.weights[key] }));
  const scored = scorePriorities(
    rows.map((r) => ({ id: r.id, values: values.get(r.id)! })),
    criteria,
  );
  const byId = new Map(rows.map((r) => [r.id, r]));
  const table: ScoredCandidate[] = scored.map((s) => {
    const r = byId.get(s.id)!;
    return {
      id: s.id,
      label: r.label,
      rank: s.rank,
      score: s.score,
      values: values.get(s.id)!,
      parts: s.parts as ScoredCandidate['parts'],
      geometry: JSON.parse(r.geojson) as ScoredCandidate['geometry'],
      incidents: r.incidents,
      areaKm2: r.areaKm2,
    };
  });

  let priorityRunId: string | null = null;
  if (v.save) {
    priorityRunId = await db.transaction().execute(async (trx) => {
      const saved = await createAnalysisRun(
        trx,
        viewer.municipalityCode,
        {
          title: `Prioritering (${v.source}) av ${run.title}`.slice(0, TITLE_MAX),
          method: 'priority',
          period_from: run.period_from,
          period_to: run.period_to,
          layers: ['incident', 'unsafe_place', 'vandalism_report', 'survey_indicator'],
          parameters: { ...methodParameters(request), sourceRunId, source: v.source, weights: v.weights, polygon: v.polygon ?? null, previous, meetingMode: viewer.meetingMode },
          data_counts: { incident: run.data_counts.incident ?? 0, candidates: table.length },
          record_ids_hash: run.record_ids_hash,
          result: { candidates: table } as unknown as z.core.util.JSONType,
        },
        { createdBy: viewer.actor },
      );
      for (const m of await listRunMeetings(trx, viewer.municipalityCode, sourceRunId)) await linkRunToMeeting(trx, m.id, saved.id);
      await appendAuditEvent(trx, {
        actor: viewer.actor,
        action: 'create',
        resource: 'analysis_run',
        municipalityCode: viewer.municipalityCode,
        details: { run: saved.id, method: 'priority', source_run: sourceRunId, source: v.source, weights: v.weights },
      });
      return saved.id;
    });
  }
  return { sourceRunId, source: v.source, weights: v.weights, candidates: table, priorityRunId };
}

/** A saved priority run's table. */
export async function getPriorityTable(db: Kysely<Database>, viewer: Viewer, priorityRunId: string): Promise<PriorityTable & { title: string; createdAt: string }> {
  await assertAnalysisPermission(db, viewer, 'read');
  const run = await getAnalysisRun(db, viewer.municipalityCode, priorityRunId).catch((err: unknown) => {
    throw err instanceof NotFoundError ? notFound('The priority run') : err;
  });
  if (run.method !== 'priority') throw notFound('The priority run');
  const p = run.parameters as { sourceRunId: string; source: PriorityRequest['source']; weights: Record<PriorityCriterionKey, number> };
  return { sourceRunId: p.sourceRunId, source: p.source, weights: p.weights, candidates: (run.result as unknown as { candidates: ScoredCandidate[] }).candidates, priorityRunId, title: run.title, createdAt: run.created_at };
}

export const adoptFocusAreaSchema = z.object({
  priority_run_id: z.string({ error: 'priority_run_id is required' }).min(1, 'priority_run_id is required'),
  candidate_id: z.string({ error: 'candidate_id is required' }).min(1, 'candidate_id is required').max(200),
  name: requiredTextField('name', TITLE_MAX),
  period_from: dateSchema,
  period_to: optionalDateField('period_to'),
});

/**
 * "Anta som fokusområde": creates a focus area from one candidate of a saved priority run, with its
 * evidence (the runs, score, rank, each criterion's raw value, normalised value, weight and share).
 */
export async function adoptFocusArea(db: Kysely<Database>, viewer: Viewer, input: unknown): Promise<{ focusAreaId: string }> {
  await assertAnalysisPermission(db, viewer, 'create', 'focus_area');
  const v = adoptFocusAreaSchema.parse(input);
  const table = await getPriorityTable(db, viewer, v.priority_run_id);
  const c = table.candidates.find((k) => k.id === v.candidate_id);
  if (!c) throw notFound('The candidate');
  const criteria = Object.fromEntries(PRIORITY_CRITERIA.map((k) => [k, { value: c.values[k], weight: table.weights[k], ...c.parts[k] }]));
  return db.transaction().execute(async (trx) => {
    const area = await createFocusArea(trx, viewer.municipalityCode, {
      name: v.name,
      geom: c.geometry,
      rationale: `Rang ${c.rank} av ${table.candidates.length} i prioriteringen (poäng ${c.score.toFixed(3)}).`,
      evidence: {
        source_run_id: table.sourceRunId,
        priority_run_id: v.priority_run_id,
        candidate: c.id,
        label: c.label,
        score: c.score,
        rank: c.rank,
        candidates: table.candidates.length,
        incidents: c.incidents,
        area_km2: c.areaKm2,
        criteria,
      },
      source_run_id: table.sourceRunId,
      period_from: v.period_from,
      period_to: v.period_to,
    });
    await appendAuditEvent(trx, {
      actor: viewer.actor,
      action: 'create',
      resource: 'focus_area',
      municipalityCode: viewer.municipalityCode,
      details: { focus_area: area.id, priority_run: v.priority_run_id, candidate: c.id, score: c.score },
    });
    return { focusAreaId: area.id };
  });
}
