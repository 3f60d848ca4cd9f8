// Each database constraint rejects a bad row by itself (zod is bypassed: rows go in through Kysely
// directly), with a SQLSTATE and a message that names the constraint, column or table.
import crypto from 'node:crypto';
import { type Kysely, type RawBuilder, sql } from 'kysely';
import { beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '@/db/client';
import type { Database } from '@/db/schema';
import { createTestMunicipality, getTestDatabase, testBackend } from '@/lib/testing/test-database';

const SQLSTATE = {
  check: '23514',
  unique: '23505',
  foreignKey: '23503',
  notNull: '23502',
  appendOnly: '42501', // insufficient_privilege, raised by lagesbild_reject_change()
} as const;

function geometry(geojson: object): RawBuilder<unknown> {
  return sql`ST_SetSRID(ST_GeomFromGeoJSON(${JSON.stringify(geojson)}), 4326)`;
}
function multi(geojson: object): RawBuilder<unknown> {
  return sql`ST_Multi(ST_SetSRID(ST_GeomFromGeoJSON(${JSON.stringify(geojson)}), 4326))`;
}
const POINT = { type: 'Point', coordinates: [14.047821, 57.183161] };
const SQUARE = {
  type: 'Polygon',
  coordinates: [
    [
      [14.03, 57.175],
      [14.06, 57.175],
      [14.06, 57.19],
      [14.03, 57.19],
      [14.03, 57.175],
    ],
  ],
};
/** Self-intersecting ring: ST_IsValid is false. */
const BOWTIE = {
  type: 'Polygon',
  coordinates: [
    [
      [14.0, 57.0],
      [14.1, 57.1],
      [14.1, 57.0],
      [14.0, 57.1],
      [14.0, 57.0],
    ],
  ],
};

interface Failure {
  code?: string;
  message: string;
}

class RollbackSignal extends Error {}

/**
 * Runs `fn` in a transaction that is always rolled back: audit events cannot be deleted, so tests that
 * write them leave nothing behind for a later hash-chain check on the shared test database.
 */
async function rolledBack<T>(db: Kysely<Database>, fn: (trx: Kysely<Database>) => Promise<T>): Promise<T> {
  let result: T | undefined;
  try {
    await db.transaction().execute(async (trx) => {
      result = await fn(trx);
      throw new RollbackSignal();
    });
  } catch (err) {
    if (!(err instanceof RollbackSignal)) throw err;
  }
  return result as T;
}

async function failureOf(attempt: () => Promise<unknown>): Promise<Failure> {
  try {
    await attempt();
  } catch (err) {
    return err as Failure;
  }
  throw new Error('the statement was accepted');
}

describe(`database constraints on ${testBackend()}`, () => {
  let h: DatabaseHandle;
  let code: string;
  let orgId: string;
  let areaId: string;
  let walkId: string;
  let placeId: string;
  let activityId: string;
  let runId: string;
  let meetingId: string;

  type Table = keyof Database;
  type Row = Record<string, unknown>;

  const insert = (table: Table, row: Row) => h.db.insertInto(table).values(row as never).execute();

  const base: Partial<Record<Table, () => Row>> = {
    organisation: () => ({ municipality_code: code, name: `Org ${crypto.randomUUID()}`, kind: 'other' }),
    area: () => ({ municipality_code: code, kind: 'drawn', name: `Area ${crypto.randomUUID()}`, geom: multi(SQUARE) }),
    incident: () => ({ municipality_code: code, category_key: 'theft', occurred_at: '2026-05-01T10:00:00Z', geom: geometry(POINT), source: 'police' }),
    safety_walk: () => ({ municipality_code: code, walked_on: '2026-09-15', title: 'Vandring' }),
    unsafe_place: () => ({ municipality_code: code, title: 'Plats', geom: geometry(POINT), source: 'staff' }),
    vandalism_report: () => ({ municipality_code: code, kind: 'graffiti', geom: geometry(POINT), reported_at: '2026-05-01T10:00:00Z' }),
    survey_indicator: () => ({ municipality_code: code, area_id: areaId, year: 2025, indicator: `Ind ${crypto.randomUUID()}`, value: 1 }),
    est_meeting: () => ({ municipality_code: code, held_on: '2026-10-01', kind: 'analysis' }),
    analysis_run: () => ({
      municipality_code: code,
      title: 'Run',
      method: 'kde',
      period_from: '2026-01-01T00:00:00Z',
      period_to: '2026-04-01T00:00:00Z',
      layers: ['incident'],
      parameters: '{}',
      data_counts: '{}',
      record_ids_hash: 'x',
      result: '{}',
    }),
    focus_area: () => ({ municipality_code: code, name: 'FA', geom: multi(SQUARE), period_from: '2027-01-01' }),
    pledge: () => ({ municipality_code: code, year: 2027, title: 'Löfte', body: 'Text' }),
    activity: () => ({ municipality_code: code, title: 'Insats', owner_org_id: orgId, starts_on: '2027-01-01' }),
    follow_up: () => ({ municipality_code: code, activity_id: activityId, quarter: '2027-Q1', status: 'on_track' }),
    citizen_report: () => ({
      municipality_code: code,
      category: 'other',
      geom: geometry(POINT),
      body: 'Text',
      status_token_hash: crypto.randomBytes(16).toString('hex'),
    }),
    audit_event: () => ({ municipality_code: code, actor: 'a', action: 'read', resource: 'incident', details: '{}', hash: 'h' }),
  };

  const insertWith = (table: Table, overrides: Row) => insert(table, { ...base[table]!(), ...overrides });

  beforeAll(async () => {
    h = await getTestDatabase();
    code = await createTestMunicipality(h, 'Constraintkommun');
    const one = async (table: Table, row: Row = base[table]!()) =>
      (await h.db.insertInto(table).values(row as never).returning('id' as never).executeTakeFirstOrThrow()) as unknown as { id: string };
    orgId = (await one('organisation')).id;
    areaId = (await one('area')).id;
    walkId = (await one('safety_walk')).id;
    placeId = (await one('unsafe_place')).id;
    activityId = (await one('activity')).id;
    runId = (await one('analysis_run')).id;
    meetingId = (await one('est_meeting')).id;
  });

  interface Case {
    name: string;
    attempt: () => Promise<unknown>;
    sqlstate: string;
    names: RegExp;
  }

  const cases: Case[] = [
    // municipality, setting, organisation
    { name: 'a municipality code that is not 4 digits', attempt: () => insert('municipality', { code: '683', name: 'X' }), sqlstate: SQLSTATE.check, names: /municipality_code_check/ },
    { name: 'a municipality with a blank name', attempt: () => insert('municipality', { code: '0001', name: '  ' }), sqlstate: SQLSTATE.check, names: /municipality_name_check/ },
    { name: 'a setting key with capitals and dashes', attempt: () => insert('setting', { municipality_code: code, key: 'Cleanup-Target', value: '1' }), sqlstate: SQLSTATE.check, names: /setting_key_check/ },
    { name: 'a setting of a municipality that does not exist', attempt: () => insert('setting', { municipality_code: '0000', key: 'a', value: '1' }), sqlstate: SQLSTATE.foreignKey, names: /setting_municipality_code_fkey/ },
    { name: 'an organisation of an unknown kind', attempt: () => insertWith('organisation', { kind: 'gang' }), sqlstate: SQLSTATE.check, names: /organisation_kind_check/ },
    { name: 'an organisation with an empty name', attempt: () => insertWith('organisation', { name: '' }), sqlstate: SQLSTATE.check, names: /organisation_name_check/ },
    {
      name: 'two organisations with one name in one municipality',
      attempt: async () => {
        await insertWith('organisation', { name: 'Dubblett AB' });
        await insertWith('organisation', { name: 'Dubblett AB' });
      },
      sqlstate: SQLSTATE.unique,
      names: /organisation_municipality_code_name_key/,
    },
    // category
    {
      name: 'a category key with capitals',
      attempt: () => insert('category', { key: 'Bad-Key', kind: 'crime', group_key: 'other', label_sv: 'x', label_en: 'x', severity_weight: 1, sensitivity: 'normal' }),
      sqlstate: SQLSTATE.check,
      names: /category_key_check/,
    },
    {
      name: 'a category with a negative severity weight',
      attempt: () => insert('category', { key: 'neg_weight', kind: 'crime', group_key: 'other', label_sv: 'x', label_en: 'x', severity_weight: -1, sensitivity: 'normal' }),
      sqlstate: SQLSTATE.check,
      names: /category_severity_weight_check/,
    },
    {
      name: 'a category of an unknown sensitivity class',
      attempt: () => insert('category', { key: 'secret_cat', kind: 'crime', group_key: 'other', label_sv: 'x', label_en: 'x', severity_weight: 1, sensitivity: 'secret' }),
      sqlstate: SQLSTATE.check,
      names: /category_sensitivity_check/,
    },
    {
      name: 'a category in an unknown group',
      attempt: () => insert('category', { key: 'odd_group', kind: 'crime', group_key: 'traffic', label_sv: 'x', label_en: 'x', severity_weight: 1, sensitivity: 'normal' }),
      sqlstate: SQLSTATE.check,
      names: /category_group_key_check/,
    },
    { name: 'a category mapping from an unknown source', attempt: () => insert('category_mapping', { source: 'tips', value: 'x', category_key: 'theft' }), sqlstate: SQLSTATE.check, names: /category_mapping_source_check/ },
    { name: 'a category mapping to an unknown category', attempt: () => insert('category_mapping', { source: 'crime_code', value: 'zz-unknown', category_key: 'no_such_category' }), sqlstate: SQLSTATE.foreignKey, names: /category_mapping_category_key_fkey/ },
    // area
    { name: 'an area with a self-intersecting polygon', attempt: () => insertWith('area', { geom: multi(BOWTIE) }), sqlstate: SQLSTATE.check, names: /area_geom_check/ },
    { name: 'an area with an empty geometry', attempt: () => insertWith('area', { geom: sql`ST_GeomFromText('MULTIPOLYGON EMPTY', 4326)` }), sqlstate: SQLSTATE.check, names: /area_geom_check/ },
    { name: 'an area of an unknown kind', attempt: () => insertWith('area', { kind: 'parish' }), sqlstate: SQLSTATE.check, names: /area_kind_check/ },
    {
      name: 'two areas of one kind with one name',
      attempt: async () => {
        await insertWith('area', { name: 'Centrum' });
        await insertWith('area', { name: 'Centrum' });
      },
      sqlstate: SQLSTATE.unique,
      names: /area_municipality_code_kind_name_key/,
    },
    // incident
    { name: 'an incident with an unknown visibility', attempt: () => insertWith('incident', { visibility: 'public' }), sqlstate: SQLSTATE.check, names: /incident_visibility_check/ },
    {
      name: 'an incident whose occurred_to is before occurred_at',
      attempt: () => insertWith('incident', { occurred_at: '2026-05-02T10:00:00Z', occurred_to: '2026-05-01T10:00:00Z' }),
      sqlstate: SQLSTATE.check,
      names: /incident_time_window/,
    },
    { name: 'an incident of an unknown category', attempt: () => insertWith('incident', { category_key: 'jaywalking' }), sqlstate: SQLSTATE.foreignKey, names: /incident_category_key_fkey/ },
    { name: 'an incident from an unknown source', attempt: () => insertWith('incident', { source: 'rumour' }), sqlstate: SQLSTATE.check, names: /incident_source_check/ },
    { name: 'an incident with an empty point', attempt: () => insertWith('incident', { geom: sql`ST_GeomFromText('POINT EMPTY', 4326)` }), sqlstate: SQLSTATE.check, names: /incident_geom_check/ },
    { name: 'an incident without a location', attempt: () => insertWith('incident', { geom: null }), sqlstate: SQLSTATE.notNull, names: /"geom"/ },
    { name: 'an incident of a municipality that does not exist', attempt: () => insertWith('incident', { municipality_code: '0000' }), sqlstate: SQLSTATE.foreignKey, names: /incident_municipality_code_fkey/ },
    {
      name: 'two incidents with one external id from one source',
      attempt: async () => {
        await insertWith('incident', { external_id: 'K-1' });
        await insertWith('incident', { external_id: 'K-1' });
      },
      sqlstate: SQLSTATE.unique,
      names: /incident_external_id_unique/,
    },
    // safety walk and observations
    { name: 'a safety walk with a blank title', attempt: () => insertWith('safety_walk', { title: ' ' }), sqlstate: SQLSTATE.check, names: /safety_walk_title_check/ },
    {
      name: 'one organisation listed twice on a walk',
      attempt: async () => {
        await insert('safety_walk_organisation', { walk_id: walkId, organisation_id: orgId });
        await insert('safety_walk_organisation', { walk_id: walkId, organisation_id: orgId });
      },
      sqlstate: SQLSTATE.unique,
      names: /safety_walk_organisation_pkey/,
    },
    {
      name: 'an observation numbered 0',
      attempt: () => insert('safety_walk_observation', { municipality_code: code, walk_id: walkId, unsafe_place_id: placeId, sequence: 0, observed_at: '2026-09-15T19:00:00Z' }),
      sqlstate: SQLSTATE.check,
      names: /safety_walk_observation_sequence_check/,
    },
    {
      name: 'two observations with one number on one walk',
      attempt: async () => {
        const walk = await h.db.insertInto('safety_walk').values(base.safety_walk!() as never).returning('id').executeTakeFirstOrThrow();
        const p1 = await h.db.insertInto('unsafe_place').values(base.unsafe_place!() as never).returning('id').executeTakeFirstOrThrow();
        const p2 = await h.db.insertInto('unsafe_place').values(base.unsafe_place!() as never).returning('id').executeTakeFirstOrThrow();
        const obs = { municipality_code: code, walk_id: walk.id, sequence: 1, observed_at: '2026-09-15T19:00:00Z' };
        await insert('safety_walk_observation', { ...obs, unsafe_place_id: p1.id });
        await insert('safety_walk_observation', { ...obs, unsafe_place_id: p2.id });
      },
      sqlstate: SQLSTATE.unique,
      names: /safety_walk_observation_walk_id_sequence_key/,
    },
    // unsafe place
    { name: "an unsafe place from source 'walk' without a walk", attempt: () => insertWith('unsafe_place', { source: 'walk', walk_id: null }), sqlstate: SQLSTATE.check, names: /unsafe_place_walk_source/ },
    { name: 'an unsafe place with an unknown reason', attempt: () => insertWith('unsafe_place', { reasons: ['poor_lighting', 'noise'] }), sqlstate: SQLSTATE.check, names: /unsafe_place_reasons_check/ },
    { name: 'an unsafe place with an unknown status', attempt: () => insertWith('unsafe_place', { status: 'closed' }), sqlstate: SQLSTATE.check, names: /unsafe_place_status_check/ },
    { name: 'an unsafe place from an unknown source', attempt: () => insertWith('unsafe_place', { source: 'app' }), sqlstate: SQLSTATE.check, names: /unsafe_place_source_check/ },
    {
      name: 'an unsafe place fixed before it was reported',
      attempt: () => insertWith('unsafe_place', { reported_at: '2026-05-02T00:00:00Z', fixed_at: '2026-05-01T00:00:00Z' }),
      sqlstate: SQLSTATE.check,
      names: /unsafe_place_fixed_after_report/,
    },
    // vandalism report
    { name: 'a vandalism report with a negative cost', attempt: () => insertWith('vandalism_report', { cost_sek: -1 }), sqlstate: SQLSTATE.check, names: /vandalism_report_cost_sek_check/ },
    {
      name: "a vandalism report with status 'cleaned' but no remediated_at",
      attempt: () => insertWith('vandalism_report', { status: 'cleaned', responsible_org_id: orgId }),
      sqlstate: SQLSTATE.check,
      names: /vandalism_cleaned_has_time/,
    },
    { name: "a vandalism report with status 'assigned' but no responsible organisation", attempt: () => insertWith('vandalism_report', { status: 'assigned' }), sqlstate: SQLSTATE.check, names: /vandalism_assigned_has_org/ },
    {
      name: 'a vandalism report assigned before it was reported',
      attempt: () => insertWith('vandalism_report', { assigned_at: '2026-04-30T10:00:00Z' }),
      sqlstate: SQLSTATE.check,
      names: /vandalism_assigned_after_report/,
    },
    {
      name: 'a vandalism report remediated before it was reported',
      attempt: () => insertWith('vandalism_report', { remediated_at: '2026-04-30T10:00:00Z' }),
      sqlstate: SQLSTATE.check,
      names: /vandalism_remediated_after_report/,
    },
    { name: 'a vandalism report of an unknown kind', attempt: () => insertWith('vandalism_report', { kind: 'litter' }), sqlstate: SQLSTATE.check, names: /vandalism_report_kind_check/ },
    { name: 'a vandalism report with an unknown status', attempt: () => insertWith('vandalism_report', { status: 'ignored', responsible_org_id: orgId }), sqlstate: SQLSTATE.check, names: /vandalism_report_status_check/ },
    { name: 'a vandalism report with an unknown visibility', attempt: () => insertWith('vandalism_report', { visibility: 'everyone' }), sqlstate: SQLSTATE.check, names: /vandalism_report_visibility_check/ },
    // survey indicator
    { name: 'a survey indicator from before 1990', attempt: () => insertWith('survey_indicator', { year: 1989 }), sqlstate: SQLSTATE.check, names: /survey_indicator_year_check/ },
    { name: 'a survey indicator with a blank name', attempt: () => insertWith('survey_indicator', { indicator: ' ' }), sqlstate: SQLSTATE.check, names: /survey_indicator_indicator_check/ },
    {
      name: 'one survey indicator twice for one area and year',
      attempt: async () => {
        await insertWith('survey_indicator', { indicator: 'Otrygghet' });
        await insertWith('survey_indicator', { indicator: 'Otrygghet' });
      },
      sqlstate: SQLSTATE.unique,
      names: /survey_indicator_area_id_year_indicator_key/,
    },
    // EST meeting, analysis run
    { name: 'an EST meeting of an unknown kind', attempt: () => insertWith('est_meeting', { kind: 'coffee' }), sqlstate: SQLSTATE.check, names: /est_meeting_kind_check/ },
    {
      name: 'an analysis run whose period ends when it starts',
      attempt: () => insert('analysis_run', { ...base.analysis_run!(), period_to: '2026-01-01T00:00:00Z' }),
      sqlstate: SQLSTATE.check,
      names: /analysis_run_period/,
    },
    { name: 'an analysis run of an unknown method', attempt: () => insert('analysis_run', { ...base.analysis_run!(), method: 'neural' }), sqlstate: SQLSTATE.check, names: /analysis_run_method_check/ },
    {
      name: 'an update of a saved analysis run',
      attempt: () => h.db.updateTable('analysis_run').set({ title: 'Ändrad' }).where('id', '=', runId).execute(),
      sqlstate: SQLSTATE.appendOnly,
      names: /analysis_run \S+ is immutable: UPDATE is not allowed/,
    },
    {
      name: 'a hotspot note on a run that does not exist',
      attempt: () => insert('hotspot_note', { municipality_code: code, meeting_id: meetingId, run_id: crypto.randomUUID(), hotspot_ref: 'x', cause_note: 'y' }),
      sqlstate: SQLSTATE.foreignKey,
      names: /hotspot_note_run_id_fkey/,
    },
    // focus area, pledge, activity, follow-up
    { name: 'a focus area whose period ends before it starts', attempt: () => insertWith('focus_area', { period_from: '2027-06-01', period_to: '2027-05-31' }), sqlstate: SQLSTATE.check, names: /focus_area_period/ },
    { name: 'a focus area with a self-intersecting polygon', attempt: () => insertWith('focus_area', { geom: multi(BOWTIE) }), sqlstate: SQLSTATE.check, names: /focus_area_geom_check/ },
    { name: 'a focus area with a blank name', attempt: () => insertWith('focus_area', { name: '' }), sqlstate: SQLSTATE.check, names: /focus_area_name_check/ },
    { name: 'a pledge for a year before 2000', attempt: () => insertWith('pledge', { year: 1999 }), sqlstate: SQLSTATE.check, names: /pledge_year_check/ },
    { name: 'a pledge with a blank title', attempt: () => insertWith('pledge', { title: '  ' }), sqlstate: SQLSTATE.check, names: /pledge_title_check/ },
    { name: 'an activity that ends before it starts', attempt: () => insertWith('activity', { starts_on: '2027-02-01', ends_on: '2027-01-31' }), sqlstate: SQLSTATE.check, names: /activity_period/ },
    { name: 'an activity with an unknown status', attempt: () => insertWith('activity', { status: 'paused' }), sqlstate: SQLSTATE.check, names: /activity_status_check/ },
    { name: 'an activity without an owner', attempt: () => insertWith('activity', { owner_org_id: null }), sqlstate: SQLSTATE.notNull, names: /"owner_org_id"/ },
    { name: "a follow-up for quarter '2027-Q5'", attempt: () => insertWith('follow_up', { quarter: '2027-Q5' }), sqlstate: SQLSTATE.check, names: /follow_up_quarter_check/ },
    { name: "a follow-up for quarter '2027Q1'", attempt: () => insertWith('follow_up', { quarter: '2027Q1' }), sqlstate: SQLSTATE.check, names: /follow_up_quarter_check/ },
    { name: 'a follow-up with an unknown status', attempt: () => insertWith('follow_up', { status: 'great' }), sqlstate: SQLSTATE.check, names: /follow_up_status_check/ },
    {
      name: 'two follow-ups of one activity for one quarter',
      attempt: async () => {
        await insertWith('follow_up', { quarter: '2027-Q3' });
        await insertWith('follow_up', { quarter: '2027-Q3' });
      },
      sqlstate: SQLSTATE.unique,
      names: /follow_up_activity_id_quarter_key/,
    },
    // citizen report
    {
      name: 'a rejected citizen report without a reason',
      attempt: () => insertWith('citizen_report', { moderation_state: 'rejected' }),
      sqlstate: SQLSTATE.check,
      names: /citizen_report_rejected_has_reason/,
    },
    { name: 'a citizen report longer than 4000 characters', attempt: () => insertWith('citizen_report', { body: 'x'.repeat(4001) }), sqlstate: SQLSTATE.check, names: /citizen_report_body_check/ },
    { name: 'a citizen report of an unknown category', attempt: () => insertWith('citizen_report', { category: 'noise' }), sqlstate: SQLSTATE.check, names: /citizen_report_category_check/ },
    { name: 'a citizen report with an unknown moderation state', attempt: () => insertWith('citizen_report', { moderation_state: 'spam' }), sqlstate: SQLSTATE.check, names: /citizen_report_moderation_state_check/ },
    { name: 'a citizen report with an unknown public status', attempt: () => insertWith('citizen_report', { public_status: 'solved' }), sqlstate: SQLSTATE.check, names: /citizen_report_public_status_check/ },
    {
      name: 'two citizen reports with one status token hash',
      attempt: async () => {
        await insertWith('citizen_report', { status_token_hash: 'same-hash' });
        await insertWith('citizen_report', { status_token_hash: 'same-hash' });
      },
      sqlstate: SQLSTATE.unique,
      names: /citizen_report_status_token_hash_key/,
    },
    // audit log
    {
      name: 'an update of an audit event',
      attempt: () =>
        rolledBack(h.db, async (trx) => {
          const { id } = await trx.insertInto('audit_event').values(base.audit_event!() as never).returning('id').executeTakeFirstOrThrow();
          await trx.updateTable('audit_event').set({ actor: 'someone else' }).where('id', '=', id).execute();
        }),
      sqlstate: SQLSTATE.appendOnly,
      names: /audit_event is append-only: UPDATE is not allowed/,
    },
    {
      name: 'a delete of an audit event',
      attempt: () =>
        rolledBack(h.db, async (trx) => {
          const { id } = await trx.insertInto('audit_event').values(base.audit_event!() as never).returning('id').executeTakeFirstOrThrow();
          await trx.deleteFrom('audit_event').where('id', '=', id).execute();
        }),
      sqlstate: SQLSTATE.appendOnly,
      names: /audit_event is append-only: DELETE is not allowed/,
    },
  ];

  for (const { name, attempt, sqlstate, names } of cases) {
    describe(name, () => {
      it('is rejected with its SQLSTATE', async () => {
        const failure = await failureOf(attempt);
        expect(failure.code).toBe(sqlstate);
      });

      it('is rejected with a message that names the constraint or column', async () => {
        const failure = await failureOf(attempt);
        expect(failure.message).toMatch(names);
      });
    });
  }

  describe('geometry the columns do not take', () => {
    it('a polygon in a point column is rejected with a message naming the column type', async () => {
      const failure = await failureOf(() => insertWith('incident', { geom: geometry(SQUARE) }));
      expect(failure.message).toMatch(/Geometry type \(Polygon\) does not match column type \(Point\)/);
    });

    it('a point in SWEREF 99 TM coordinates is rejected with a message naming the SRIDs', async () => {
      const failure = await failureOf(() => insertWith('incident', { geom: sql`ST_SetSRID(ST_MakePoint(442442.7, 6338176.8), 3006)` }));
      expect(failure.message).toMatch(/SRID \(3006\) does not match column SRID \(4326\)/);
    });

    // No CHECK on coordinate ranges: the generated geom_3006 column's ST_Transform is what refuses them.
    it('a point outside the WGS84 ranges is rejected by the SWEREF 99 TM transform', async () => {
      const failure = await failureOf(() => insertWith('incident', { geom: sql`ST_SetSRID(ST_MakePoint(200, 95), 4326)` }));
      expect(failure.message).toMatch(/transform/i);
    });
  });

  it('a rejected audit-event change leaves the row as it was', async () => {
    const kept = await rolledBack(h.db, async (trx) => {
      const row = await trx
        .insertInto('audit_event')
        .values({ municipality_code: code, actor: 'original', action: 'read', resource: 'incident', details: '{}', hash: 'h-keep' })
        .returning('id')
        .executeTakeFirstOrThrow();
      // Savepoints: a failed statement would otherwise abort the whole transaction.
      for (const change of [
        () => trx.updateTable('audit_event').set({ actor: 'forged' }).where('id', '=', row.id).execute(),
        () => trx.deleteFrom('audit_event').where('id', '=', row.id).execute(),
      ]) {
        await sql`SAVEPOINT change`.execute(trx);
        await failureOf(change);
        await sql`ROLLBACK TO SAVEPOINT change`.execute(trx);
      }
      return trx.selectFrom('audit_event').select(['actor', 'hash']).where('id', '=', row.id).executeTakeFirstOrThrow();
    });
    expect(kept).toEqual({ actor: 'original', hash: 'h-keep' });
  });
});
