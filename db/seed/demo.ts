// Writes the Värnamo demo data set (db/seed/demo/build-demo-dataset.ts) in one transaction, in a
// fixed order, so that the same seed and `until` give the same rows in any database.
import { type Kysely, sql, type Transaction } from 'kysely';
import { DEMO_MUNICIPALITY_CODE } from '@/lib/domain/constants';
import type { Database } from '../schema';
import { syncCategories } from './categories';
import { buildDemoDataset, type DemoDataset } from './demo/build-demo-dataset';
import type { DemoPledgeData } from './demo/generate-demo-pledges';
import type { DemoOrgKey } from './demo/incident-patterns';

/** The setting key whose presence marks a municipality's data as demo data. */
export const DEMO_SETTING_KEY = 'demo';
/** `created_by` of the publications the demo's first start makes (lib/server/public/publish-demo-quarters.ts): part of the demo, not work added to it. */
export const DEMO_PUBLISHER = 'system:demo';

/** Rows per INSERT: ~14 parameters per incident keeps a batch far below PostgreSQL's 65,535. */
const BATCH_SIZE = 1000;

export interface DemoSeedOptions {
  seed: number;
  /** End instant, exclusive: the app and CLI pass the first day of the current quarter in Europe/Stockholm. */
  until: Date;
  /** Replace municipality 0683's rows even when the database holds non-demo data. */
  force?: boolean;
  /** Years of incidents before `until` (default 5). */
  years?: number;
  onProgress?: (message: string) => void;
}

export interface DemoSeedCounts {
  municipality: number;
  setting: number;
  organisation: number;
  area: number;
  incident: number;
  safety_walk: number;
  safety_walk_organisation: number;
  unsafe_place: number;
  safety_walk_observation: number;
  vandalism_report: number;
  survey_indicator: number;
  est_meeting: number;
  est_meeting_organisation: number;
  focus_area: number;
  pledge: number;
  pledge_focus_area: number;
  pledge_partner: number;
  activity: number;
  activity_partner: number;
  council_decision: number;
  follow_up: number;
}

export interface DemoSeedSummary {
  municipalityCode: string;
  seed: number;
  until: string;
  counts: DemoSeedCounts;
  durationMs: number;
}

/** Seeding was refused because it would overwrite data that is not demo data. */
export class DemoSeedRefusedError extends Error {
  constructor(readonly reasons: string[]) {
    super(
      `Refusing to seed demo data: the database holds data that is not demo data (${reasons.join('; ')}). ` +
        `Use an empty database, or pass force (CLI: --force) to delete municipality ${DEMO_MUNICIPALITY_CODE}'s rows and seed anyway.`,
    );
    this.name = 'DemoSeedRefusedError';
  }
}

/** True when the municipality's data was written by seedDemo (its 'demo' setting is present). */
export async function isDemoDataInUse(db: Kysely<Database>, municipalityCode: string): Promise<boolean> {
  const row = await db
    .selectFrom('setting')
    .select('key')
    .where('municipality_code', '=', municipalityCode)
    .where('key', '=', DEMO_SETTING_KEY)
    .executeTakeFirst();
  return row !== undefined;
}

/** Reasons why seeding would destroy or mix with real data; empty when the database is empty or all demo. */
export async function findNonDemoData(db: Kysely<Database>): Promise<string[]> {
  const reasons: string[] = [];
  const { rows } = await sql<{ foreign_incidents: number; other_municipalities: number; demo_municipality: number; demo_setting: number }>`
    SELECT
      (SELECT count(*)::int FROM incident WHERE source <> 'demo') AS foreign_incidents,
      (SELECT count(*)::int FROM municipality WHERE code <> ${DEMO_MUNICIPALITY_CODE}) AS other_municipalities,
      (SELECT count(*)::int FROM municipality WHERE code = ${DEMO_MUNICIPALITY_CODE}) AS demo_municipality,
      (SELECT count(*)::int FROM setting WHERE municipality_code = ${DEMO_MUNICIPALITY_CODE} AND key = ${DEMO_SETTING_KEY}) AS demo_setting
  `.execute(db);
  const r = rows[0];
  if (r.foreign_incidents > 0) reasons.push(`${r.foreign_incidents} incidents with a source other than 'demo'`);
  if (r.other_municipalities > 0) reasons.push(`${r.other_municipalities} municipalities other than ${DEMO_MUNICIPALITY_CODE}`);
  if (r.demo_municipality > 0 && r.demo_setting === 0) reasons.push(`municipality ${DEMO_MUNICIPALITY_CODE} exists without the '${DEMO_SETTING_KEY}' setting`);
  if (r.demo_setting > 0) reasons.push(...(await findRowsAddedAfterDemo(db)));
  return reasons;
}

/**
 * Work done in the demo municipality since it was seeded (analysis runs, focus areas, reports …):
 * every demo row is stamped at or before the demo's end, anything created later was added by a
 * person or another tool and would be lost by a re-seed. Tables are read from the catalogue, so
 * tables added by later migrations are covered too.
 */
async function findRowsAddedAfterDemo(db: Kysely<Database>): Promise<string[]> {
  const { rows: tables } = await sql<{ table_name: string }>`
    SELECT c.table_name FROM information_schema.columns c
    JOIN information_schema.tables t ON t.table_schema = c.table_schema AND t.table_name = c.table_name AND t.table_type = 'BASE TABLE'
    WHERE c.table_schema = current_schema() AND c.column_name IN ('municipality_code', 'created_at')
    GROUP BY c.table_name HAVING count(*) = 2 ORDER BY c.table_name`.execute(db);
  if (tables.length === 0) return [];
  const counts = tables
    .map(({ table_name }) => {
      const t = `"${table_name.replace(/"/g, '""')}"`;
      // The demo's own publications (made on its first start, after the seed) are part of the demo.
      const demoOwn = table_name === 'publication' ? ` AND created_by <> '${DEMO_PUBLISHER}'` : '';
      return `SELECT '${table_name.replace(/'/g, "''")}' AS table_name, count(*)::int AS n FROM ${t}
        WHERE municipality_code = s.municipality_code AND created_at > (s.value->>'generatedAt')::timestamptz${demoOwn}`;
    })
    .join(' UNION ALL ');
  const { rows } = await sql<{ table_name: string; n: number }>`
    SELECT x.table_name, x.n FROM setting s, LATERAL (${sql.raw(counts)}) x
    WHERE s.municipality_code = ${DEMO_MUNICIPALITY_CODE} AND s.key = ${DEMO_SETTING_KEY} AND x.n > 0
    ORDER BY x.table_name`.execute(db);
  return rows.map((row) => `${row.n} ${row.table_name} rows added to municipality ${DEMO_MUNICIPALITY_CODE} after its demo data was seeded`);
}

/**
 * Seeds Värnamo's demo data. Refuses (DemoSeedRefusedError) when non-demo data exists unless `force`;
 * an earlier demo seed to which nothing has been added since is replaced. Everything happens in one
 * transaction: nothing is half-written.
 */
export async function seedDemo(db: Kysely<Database>, opts: DemoSeedOptions): Promise<DemoSeedSummary> {
  const started = performance.now();
  const progress = opts.onProgress ?? (() => undefined);
  // Refuse early, before the work of generating; checked again inside the transaction below.
  const early = await findNonDemoData(db);
  if (early.length > 0 && !opts.force) throw new DemoSeedRefusedError(early);

  progress('Generating demo data');
  const data = buildDemoDataset({ seed: opts.seed, until: opts.until, years: opts.years });
  // Categories first (their own idempotent transaction): incidents reference them.
  await syncCategories(db);
  const counts = await db.transaction().execute(async (trx) => {
    // Inside the transaction too: a writer that slipped in since the first check is not overwritten.
    const reasons = await findNonDemoData(trx);
    if (reasons.length > 0 && !opts.force) throw new DemoSeedRefusedError(reasons);
    if (await deleteMunicipalityRows(trx, DEMO_MUNICIPALITY_CODE)) progress(`Deleted municipality ${DEMO_MUNICIPALITY_CODE}'s earlier rows`);
    return writeDataset(trx, data, progress);
  });
  const durationMs = Math.round(performance.now() - started);
  progress(`Demo data seeded in ${(durationMs / 1000).toFixed(1)} s`);
  return { municipalityCode: DEMO_MUNICIPALITY_CODE, seed: opts.seed, until: opts.until.toISOString(), counts, durationMs };
}

// Children before parents. A single DELETE FROM municipality is not enough: its cascades reach
// organisation before the link tables that reference it (NO ACTION), and PostgreSQL checks those first.
const TENANT_DELETES = [
  `UPDATE citizen_report SET merged_into_id = NULL WHERE municipality_code = $1`,
  `DELETE FROM citizen_report WHERE municipality_code = $1`,
  `DELETE FROM notification WHERE municipality_code = $1`,
  `DELETE FROM council_decision WHERE municipality_code = $1`,
  `DELETE FROM follow_up WHERE municipality_code = $1`,
  `DELETE FROM activity_partner WHERE activity_id IN (SELECT id FROM activity WHERE municipality_code = $1)`,
  `DELETE FROM activity WHERE municipality_code = $1`,
  `DELETE FROM pledge_partner WHERE pledge_id IN (SELECT id FROM pledge WHERE municipality_code = $1)`,
  `DELETE FROM pledge_focus_area WHERE pledge_id IN (SELECT id FROM pledge WHERE municipality_code = $1)`,
  `DELETE FROM pledge WHERE municipality_code = $1`,
  `DELETE FROM focus_area WHERE municipality_code = $1`,
  `DELETE FROM hotspot_note WHERE municipality_code = $1`,
  `DELETE FROM est_meeting_run WHERE meeting_id IN (SELECT id FROM est_meeting WHERE municipality_code = $1)`,
  `DELETE FROM est_meeting_organisation WHERE meeting_id IN (SELECT id FROM est_meeting WHERE municipality_code = $1)`,
  `DELETE FROM est_meeting WHERE municipality_code = $1`,
  `DELETE FROM analysis_run WHERE municipality_code = $1`,
  `DELETE FROM survey_indicator WHERE municipality_code = $1`,
  `DELETE FROM vandalism_report WHERE municipality_code = $1`,
  `DELETE FROM safety_walk_observation WHERE municipality_code = $1`,
  `DELETE FROM unsafe_place WHERE municipality_code = $1`,
  `DELETE FROM safety_walk_organisation WHERE walk_id IN (SELECT id FROM safety_walk WHERE municipality_code = $1)`,
  `DELETE FROM safety_walk WHERE municipality_code = $1`,
  `DELETE FROM incident WHERE municipality_code = $1`,
  `DELETE FROM area WHERE municipality_code = $1`,
];

/** Deletes a municipality and every row of it (tables added later go by ON DELETE CASCADE). */
async function deleteMunicipalityRows(trx: Transaction<Database>, code: string): Promise<boolean> {
  const exists = await trx.selectFrom('municipality').select('code').where('code', '=', code).executeTakeFirst();
  if (!exists) return false;
  for (const statement of TENANT_DELETES) {
    await sql.raw(statement.replaceAll('$1', `'${code.replace(/[^0-9]/g, '')}'`)).execute(trx);
  }
  await trx.deleteFrom('municipality').where('code', '=', code).execute();
  return true;
}

const point = (lon: number, lat: number) => sql`ST_SetSRID(ST_MakePoint(${lon}, ${lat}), 4326)`;

async function insertBatched<R>(rows: readonly R[], write: (batch: R[]) => Promise<unknown>): Promise<number> {
  for (let i = 0; i < rows.length; i += BATCH_SIZE) await write(rows.slice(i, i + BATCH_SIZE));
  return rows.length;
}

async function writeDataset(trx: Transaction<Database>, data: DemoDataset, progress: (m: string) => void): Promise<DemoSeedCounts> {
  const code = data.municipality.code;
  // Rows carry explicit created/updated times (never now()) so two seeds are identical row by row.
  const stamp = new Date(data.demoSetting.generatedAt);
  await trx.insertInto('municipality').values({ code, name: data.municipality.name, created_at: stamp }).execute();
  await trx
    .insertInto('setting')
    .values({ municipality_code: code, key: DEMO_SETTING_KEY, value: JSON.stringify(data.demoSetting), updated_at: stamp })
    .execute();

  await trx
    .insertInto('organisation')
    .values(data.organisations.map((o) => ({ id: o.id, municipality_code: code, name: o.name, kind: o.kind, created_at: stamp })))
    .execute();
  const org = new Map<DemoOrgKey, string>(data.organisations.map((o) => [o.key, o.id]));
  const orgId = (key: DemoOrgKey): string => {
    const id = org.get(key);
    if (!id) throw new Error(`Unknown demo organisation ${key}`);
    return id;
  };

  for (const a of data.areas) {
    await trx
      .insertInto('area')
      .values({
        id: a.id,
        municipality_code: code,
        kind: a.kind,
        code: a.code,
        name: a.name,
        geom: sql`ST_Multi(ST_SetSRID(ST_GeomFromGeoJSON(${JSON.stringify(a.geometry)}), 4326))`,
        created_at: stamp,
      })
      .execute();
  }
  const areaId = new Map(data.areas.map((a) => [a.name, a.id]));
  progress(`Wrote the municipality, ${data.organisations.length} organisations and ${data.areas.length} areas`);

  const incident = await insertBatched(data.incidents, (batch) =>
    trx
      .insertInto('incident')
      .values(
        batch.map((i) => {
          const recorded = i.occurredTo ?? i.occurredAt;
          return {
            id: i.id,
            municipality_code: code,
            category_key: i.categoryKey,
            occurred_at: i.occurredAt,
            occurred_to: i.occurredTo,
            geom: point(i.lon, i.lat),
            source: 'demo',
            origin_org_id: orgId(i.origin),
            visibility: i.visibility,
            external_id: i.externalId,
            description: i.description,
            created_at: recorded,
            updated_at: recorded,
          };
        }),
      )
      .execute(),
  );
  progress(`Wrote ${incident} incidents`);

  for (const w of data.safetyWalks) {
    await trx
      .insertInto('safety_walk')
      .values({
        id: w.id,
        municipality_code: code,
        walked_on: w.walkedOn,
        title: w.title,
        area_id: areaId.get(w.district) ?? null,
        notes: w.notes,
        public_summary: w.publicSummary,
        created_at: w.createdAt,
      })
      .execute();
  }
  const walkOrgs = data.safetyWalks.flatMap((w) => w.organisations.map((o) => ({ walk_id: w.id, organisation_id: orgId(o) })));
  await trx.insertInto('safety_walk_organisation').values(walkOrgs).execute();
  await trx
    .insertInto('unsafe_place')
    .values(
      data.unsafePlaces.map((p) => ({
        id: p.id,
        municipality_code: code,
        title: p.title,
        geom: point(p.lon, p.lat),
        reasons: p.reasons,
        proposed_measure: p.proposedMeasure,
        status: p.status,
        source: p.source,
        walk_id: p.walkId,
        origin_org_id: orgId(p.origin),
        visibility: p.visibility,
        description: p.description,
        public_summary: p.publicSummary,
        reported_at: p.reportedAt,
        status_changed_at: p.statusChangedAt,
        fixed_at: p.fixedAt,
        created_at: p.reportedAt,
        updated_at: p.statusChangedAt ?? p.reportedAt,
      })),
    )
    .execute();
  await trx
    .insertInto('safety_walk_observation')
    .values(
      data.walkObservations.map((o) => ({
        id: o.id,
        municipality_code: code,
        walk_id: o.walkId,
        unsafe_place_id: o.unsafePlaceId,
        sequence: o.sequence,
        observed_at: o.observedAt,
        note: o.note,
        protocol_action: o.protocolAction,
        responsible_org_id: orgId(o.responsible),
      })),
    )
    .execute();
  progress(`Wrote ${data.safetyWalks.length} safety walks and ${data.unsafePlaces.length} unsafe places`);

  const vandalism = await insertBatched(data.vandalismReports, (batch) =>
    trx
      .insertInto('vandalism_report')
      .values(
        batch.map((v) => ({
          id: v.id,
          municipality_code: code,
          kind: v.kind,
          offensive: v.offensive,
          geom: point(v.lon, v.lat),
          status: v.status,
          reported_at: v.reportedAt,
          assigned_at: v.assignedAt,
          responsible_org_id: orgId(v.responsible),
          remediated_at: v.remediatedAt,
          cost_sek: v.costSek,
          origin_org_id: orgId(v.origin),
          visibility: v.visibility,
          description: v.description,
          public_summary: v.publicSummary,
          external_id: v.externalId,
          created_at: v.reportedAt,
          updated_at: v.remediatedAt ?? v.assignedAt ?? v.reportedAt,
        })),
      )
      .execute(),
  );
  progress(`Wrote ${vandalism} vandalism reports`);

  await trx
    .insertInto('survey_indicator')
    .values(
      data.surveyIndicators.map((s) => {
        const area = areaId.get(s.district);
        if (!area) throw new Error(`Survey indicator for unknown district ${s.district}`);
        return { id: s.id, municipality_code: code, area_id: area, year: s.year, indicator: s.indicator, value: s.value, unit: s.unit, source: s.source, published: s.published };
      }),
    )
    .execute();
  await trx
    .insertInto('est_meeting')
    .values(
      data.estMeetings.map((m) => ({
        id: m.id,
        municipality_code: code,
        held_on: m.heldOn,
        kind: m.kind,
        notes: m.notes,
        decisions: m.decisions,
        created_at: m.createdAt,
      })),
    )
    .execute();
  const meetingOrgs = data.estMeetings.flatMap((m) => m.organisations.map((o) => ({ meeting_id: m.id, organisation_id: orgId(o) })));
  await trx.insertInto('est_meeting_organisation').values(meetingOrgs).execute();
  progress(`Wrote ${data.surveyIndicators.length} survey indicator values and ${data.estMeetings.length} EST meetings`);
  const pledgeCounts = await writePledges(trx, code, data.pledges, orgId);
  progress(`Wrote ${data.pledges.pledges.length} pledges, ${data.pledges.activities.length} activities and ${data.pledges.followUps.length} follow-ups`);

  return {
    municipality: 1,
    setting: 1,
    organisation: data.organisations.length,
    area: data.areas.length,
    incident,
    safety_walk: data.safetyWalks.length,
    safety_walk_organisation: walkOrgs.length,
    unsafe_place: data.unsafePlaces.length,
    safety_walk_observation: data.walkObservations.length,
    vandalism_report: vandalism,
    survey_indicator: data.surveyIndicators.length,
    est_meeting: data.estMeetings.length,
    est_meeting_organisation: meetingOrgs.length,
    ...pledgeCounts,
  };
}

type PledgeCounts = Pick<DemoSeedCounts, 'focus_area' | 'pledge' | 'pledge_focus_area' | 'pledge_partner' | 'activity' | 'activity_partner' | 'council_decision' | 'follow_up'>;

async function writePledges(trx: Transaction<Database>, code: string, d: DemoPledgeData, orgId: (key: DemoOrgKey) => string): Promise<PledgeCounts> {
  for (const f of d.focusAreas) {
    await trx
      .insertInto('focus_area')
      .values({
        id: f.id,
        municipality_code: code,
        name: f.name,
        geom: sql`ST_SetSRID(ST_GeomFromGeoJSON(${JSON.stringify(f.geometry)}), 4326)`,
        rationale: f.rationale,
        evidence: JSON.stringify(f.evidence),
        period_from: f.periodFrom,
        period_to: f.periodTo,
        public_summary: f.publicSummary,
        // The demo's focus-area texts are reviewed (the public page shows the approved copy, set by a trigger).
        public_summary_approved: true,
        public_summary_reviewed_by: 'demo',
        public_summary_reviewed_at: f.createdAt,
        created_at: f.createdAt,
      })
      .execute();
  }
  await trx
    .insertInto('pledge')
    // The demo's pledge texts are reviewed (the public page shows the approved copy, set by a trigger).
    .values(d.pledges.map((p) => ({ id: p.id, municipality_code: code, year: p.year, title: p.title, body: p.body, public_summary: p.publicSummary, public_summary_approved: true, public_summary_reviewed_by: 'demo', public_summary_reviewed_at: p.createdAt, created_at: p.createdAt })))
    .execute();
  const pledgeFocus = d.pledges.flatMap((p) => p.focusAreaIds.map((focus_area_id) => ({ pledge_id: p.id, focus_area_id })));
  const pledgePartners = d.pledges.flatMap((p) => p.partners.map((o) => ({ pledge_id: p.id, organisation_id: orgId(o) })));
  await trx.insertInto('pledge_focus_area').values(pledgeFocus).execute();
  await trx.insertInto('pledge_partner').values(pledgePartners).execute();
  await trx
    .insertInto('activity')
    .values(
      d.activities.map((a) => ({
        id: a.id,
        municipality_code: code,
        pledge_id: a.pledgeId,
        focus_area_id: a.focusAreaId,
        title: a.title,
        owner_org_id: orgId(a.owner),
        starts_on: a.startsOn,
        ends_on: a.endsOn,
        goal: a.goal,
        indicator: a.indicator,
        status: a.status,
        internal_notes: a.internalNotes,
        public_summary: a.publicSummary,
        public_summary_approved: a.publicSummaryApproved,
        public_summary_reviewed_by: a.publicSummaryApproved ? 'demo' : null,
        public_summary_reviewed_at: a.publicSummaryApproved ? a.createdAt : null,
        created_at: a.createdAt,
        updated_at: a.updatedAt,
      })),
    )
    .execute();
  const activityPartners = d.activities.flatMap((a) => a.partners.map((o) => ({ activity_id: a.id, organisation_id: orgId(o) })));
  await trx.insertInto('activity_partner').values(activityPartners).execute();
  await trx
    .insertInto('council_decision')
    .values(
      d.decisions.map((c) => ({
        id: c.id,
        municipality_code: code,
        activity_id: c.activityId,
        meeting_id: c.meetingId,
        meeting_name: c.meetingName,
        decided_on: c.decidedOn,
        outcome: c.outcome,
        decision_text: c.decisionText,
        recorded_by: 'demo',
        created_at: c.createdAt,
      })),
    )
    .execute();
  await trx
    .insertInto('follow_up')
    .values(
      d.followUps.map((f) => ({
        id: f.id,
        municipality_code: code,
        activity_id: f.activityId,
        quarter: f.quarter,
        status: f.status,
        indicator_value: f.indicatorValue,
        note: f.note,
        reported_by_org_id: orgId(f.reportedBy),
        reported_by: 'demo',
        reported_at: f.reportedAt,
      })),
    )
    .execute();
  return {
    focus_area: d.focusAreas.length,
    pledge: d.pledges.length,
    pledge_focus_area: pledgeFocus.length,
    pledge_partner: pledgePartners.length,
    activity: d.activities.length,
    activity_partner: activityPartners.length,
    council_decision: d.decisions.length,
    follow_up: d.followUps.length,
  };
}
