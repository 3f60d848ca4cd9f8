// The whole domain of DESIGN.md §3. Raw SQL because PostGIS DDL (typed geometry, generated
// SWEREF 99 TM columns, GiST) has no Kysely builder. Imports nothing from the app: a migration
// must keep meaning what it meant when it ran.
import { type Kysely, sql } from 'kysely';

const TENANT = `municipality_code text NOT NULL REFERENCES municipality(code) ON DELETE CASCADE`;
const VISIBILITY = `visibility text NOT NULL DEFAULT 'joint' CHECK (visibility IN ('restricted', 'joint', 'partners'))`;

/** geom in WGS84 (what GeoJSON speaks) plus a stored metric copy for every distance, grid and density. */
function geometryColumns(type: 'Point' | 'Polygon' | 'MultiPolygon' | 'Geometry', nullable = false): string {
  const nn = nullable ? '' : ' NOT NULL';
  return `geom geometry(${type}, 4326)${nn}
    CHECK (geom IS NULL OR (ST_IsValid(geom) AND NOT ST_IsEmpty(geom))),
  geom_3006 geometry(${type}, 3006) GENERATED ALWAYS AS (ST_Transform(geom, 3006)) STORED`;
}

function spatialIndexes(table: string): string {
  return `CREATE INDEX ${table}_geom_gix ON ${table} USING gist (geom);
CREATE INDEX ${table}_geom_3006_gix ON ${table} USING gist (geom_3006);`;
}

const UP = `
CREATE EXTENSION IF NOT EXISTS postgis;

CREATE TABLE municipality (
  code text PRIMARY KEY CHECK (code ~ '^[0-9]{4}$'),
  name text NOT NULL CHECK (length(trim(name)) > 0),
  created_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE setting (
  ${TENANT},
  key text NOT NULL CHECK (key ~ '^[a-z][a-z0-9_.]*$'),
  value jsonb NOT NULL,
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (municipality_code, key)
);

CREATE TABLE organisation (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  ${TENANT},
  name text NOT NULL CHECK (length(trim(name)) > 0),
  kind text NOT NULL CHECK (kind IN ('police', 'municipality', 'housing', 'business', 'field_workers', 'county_board', 'other')),
  created_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (municipality_code, name)
);

CREATE TABLE category (
  key text PRIMARY KEY CHECK (key ~ '^[a-z][a-z0-9_]*$'),
  kind text NOT NULL CHECK (kind IN ('crime', 'observation')),
  group_key text NOT NULL CHECK (group_key IN ('violence', 'property', 'damage', 'drugs', 'weapons', 'disorder', 'other')),
  label_sv text NOT NULL,
  label_en text NOT NULL,
  severity_weight double precision NOT NULL CHECK (severity_weight >= 0),
  sensitivity text NOT NULL CHECK (sensitivity IN ('normal', 'sensitive', 'police-only')),
  sort_order integer NOT NULL DEFAULT 0
);

CREATE TABLE category_mapping (
  source text NOT NULL CHECK (source IN ('police_event_type', 'crime_code')),
  value text NOT NULL,
  category_key text NOT NULL REFERENCES category(key) ON DELETE CASCADE,
  PRIMARY KEY (source, value)
);

CREATE TABLE area (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  ${TENANT},
  kind text NOT NULL CHECK (kind IN ('municipality', 'district', 'deso', 'regso', 'neighbourhood_watch', 'drawn', 'focus_buffer')),
  code text,
  name text NOT NULL CHECK (length(trim(name)) > 0),
  ${geometryColumns('MultiPolygon')},
  created_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (municipality_code, kind, name)
);
${spatialIndexes('area')}

CREATE TABLE incident (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  ${TENANT},
  category_key text NOT NULL REFERENCES category(key),
  occurred_at timestamptz NOT NULL,
  occurred_to timestamptz,
  ${geometryColumns('Point')},
  source text NOT NULL CHECK (source IN ('police', 'municipality', 'partner', 'citizen', 'import', 'police_feed', 'demo', 'synthetic')),
  origin_org_id uuid REFERENCES organisation(id),
  ${VISIBILITY},
  external_id text,
  description text,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT incident_time_window CHECK (occurred_to IS NULL OR occurred_to >= occurred_at),
  CONSTRAINT incident_external_id_unique UNIQUE (municipality_code, source, external_id)
);
${spatialIndexes('incident')}
CREATE INDEX incident_tenant_time_idx ON incident (municipality_code, occurred_at);
CREATE INDEX incident_category_idx ON incident (municipality_code, category_key);

CREATE TABLE safety_walk (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  ${TENANT},
  walked_on date NOT NULL,
  title text NOT NULL CHECK (length(trim(title)) > 0),
  area_id uuid REFERENCES area(id),
  notes text,
  public_summary text,
  created_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE safety_walk_organisation (
  walk_id uuid NOT NULL REFERENCES safety_walk(id) ON DELETE CASCADE,
  organisation_id uuid NOT NULL REFERENCES organisation(id),
  PRIMARY KEY (walk_id, organisation_id)
);

CREATE TABLE unsafe_place (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  ${TENANT},
  title text NOT NULL CHECK (length(trim(title)) > 0),
  ${geometryColumns('Point')},
  reasons text[] NOT NULL DEFAULT '{}'
    CHECK (reasons <@ ARRAY['poor_lighting', 'hidden_view', 'litter', 'gatherings', 'traffic', 'maintenance', 'vegetation', 'deserted', 'other']::text[]),
  proposed_measure text,
  status text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'planned', 'fixed', 'rejected')),
  source text NOT NULL CHECK (source IN ('walk', 'survey', 'citizen', 'staff')),
  walk_id uuid REFERENCES safety_walk(id) ON DELETE SET NULL,
  origin_org_id uuid REFERENCES organisation(id),
  ${VISIBILITY},
  description text,
  public_summary text,
  reported_at timestamptz NOT NULL DEFAULT now(),
  status_changed_at timestamptz,
  fixed_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT unsafe_place_walk_source CHECK (source <> 'walk' OR walk_id IS NOT NULL),
  CONSTRAINT unsafe_place_fixed_after_report CHECK (fixed_at IS NULL OR fixed_at >= reported_at)
);
${spatialIndexes('unsafe_place')}

-- The walk protocol: what happens to each point observed on a walk.
CREATE TABLE safety_walk_observation (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  ${TENANT},
  walk_id uuid NOT NULL REFERENCES safety_walk(id) ON DELETE CASCADE,
  unsafe_place_id uuid NOT NULL REFERENCES unsafe_place(id) ON DELETE CASCADE,
  sequence integer NOT NULL CHECK (sequence > 0),
  observed_at timestamptz NOT NULL,
  note text,
  protocol_action text,
  responsible_org_id uuid REFERENCES organisation(id),
  UNIQUE (walk_id, sequence),
  UNIQUE (unsafe_place_id)
);

CREATE TABLE vandalism_report (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  ${TENANT},
  kind text NOT NULL CHECK (kind IN ('graffiti', 'damage')),
  offensive boolean NOT NULL DEFAULT false,
  ${geometryColumns('Point')},
  status text NOT NULL DEFAULT 'reported' CHECK (status IN ('reported', 'assigned', 'cleaned')),
  reported_at timestamptz NOT NULL,
  assigned_at timestamptz,
  responsible_org_id uuid REFERENCES organisation(id),
  remediated_at timestamptz,
  cost_sek numeric(12, 2) CHECK (cost_sek IS NULL OR cost_sek >= 0),
  origin_org_id uuid REFERENCES organisation(id),
  ${VISIBILITY},
  description text,
  public_summary text,
  incident_id uuid REFERENCES incident(id) ON DELETE SET NULL,
  external_id text,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT vandalism_assigned_after_report CHECK (assigned_at IS NULL OR assigned_at >= reported_at),
  CONSTRAINT vandalism_remediated_after_report CHECK (remediated_at IS NULL OR remediated_at >= reported_at),
  CONSTRAINT vandalism_cleaned_has_time CHECK (status <> 'cleaned' OR remediated_at IS NOT NULL),
  CONSTRAINT vandalism_assigned_has_org CHECK (status = 'reported' OR responsible_org_id IS NOT NULL)
);
${spatialIndexes('vandalism_report')}
CREATE INDEX vandalism_tenant_time_idx ON vandalism_report (municipality_code, reported_at);

CREATE TABLE survey_indicator (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  ${TENANT},
  area_id uuid NOT NULL REFERENCES area(id) ON DELETE CASCADE,
  year integer NOT NULL CHECK (year BETWEEN 1990 AND 2200),
  indicator text NOT NULL CHECK (length(trim(indicator)) > 0),
  value double precision NOT NULL,
  unit text NOT NULL DEFAULT 'percent',
  source text,
  published boolean NOT NULL DEFAULT false,
  UNIQUE (area_id, year, indicator)
);

CREATE TABLE est_meeting (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  ${TENANT},
  held_on date NOT NULL,
  kind text NOT NULL CHECK (kind IN ('analysis', 'follow_up')),
  meeting_mode boolean NOT NULL DEFAULT false,
  notes text,
  decisions text,
  created_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE est_meeting_organisation (
  meeting_id uuid NOT NULL REFERENCES est_meeting(id) ON DELETE CASCADE,
  organisation_id uuid NOT NULL REFERENCES organisation(id),
  PRIMARY KEY (meeting_id, organisation_id)
);

CREATE TABLE analysis_run (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  ${TENANT},
  title text NOT NULL,
  method text NOT NULL CHECK (method IN ('gi_star', 'dbscan', 'kde', 'emerging', 'priority', 'knox')),
  period_from timestamptz NOT NULL,
  period_to timestamptz NOT NULL,
  layers text[] NOT NULL,
  parameters jsonb NOT NULL,
  data_counts jsonb NOT NULL,
  record_ids_hash text NOT NULL,
  result jsonb NOT NULL,
  created_by text,
  created_at timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT analysis_run_period CHECK (period_to > period_from)
);

CREATE TABLE est_meeting_run (
  meeting_id uuid NOT NULL REFERENCES est_meeting(id) ON DELETE CASCADE,
  run_id uuid NOT NULL REFERENCES analysis_run(id),
  PRIMARY KEY (meeting_id, run_id)
);

-- Orsaksanalys: the group's notes on the causes of one hotspot of one run.
CREATE TABLE hotspot_note (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  ${TENANT},
  meeting_id uuid NOT NULL REFERENCES est_meeting(id) ON DELETE CASCADE,
  run_id uuid NOT NULL REFERENCES analysis_run(id),
  hotspot_ref text NOT NULL,
  cause_note text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE focus_area (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  ${TENANT},
  name text NOT NULL CHECK (length(trim(name)) > 0),
  ${geometryColumns('MultiPolygon')},
  rationale text,
  evidence jsonb NOT NULL DEFAULT '{}'::jsonb,
  source_run_id uuid REFERENCES analysis_run(id),
  period_from date NOT NULL,
  period_to date,
  public_summary text,
  created_at timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT focus_area_period CHECK (period_to IS NULL OR period_to >= period_from)
);
${spatialIndexes('focus_area')}

CREATE TABLE pledge (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  ${TENANT},
  year integer NOT NULL CHECK (year BETWEEN 2000 AND 2200),
  title text NOT NULL CHECK (length(trim(title)) > 0),
  body text NOT NULL,
  public_summary text,
  created_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE pledge_focus_area (
  pledge_id uuid NOT NULL REFERENCES pledge(id) ON DELETE CASCADE,
  focus_area_id uuid NOT NULL REFERENCES focus_area(id) ON DELETE CASCADE,
  PRIMARY KEY (pledge_id, focus_area_id)
);

CREATE TABLE pledge_partner (
  pledge_id uuid NOT NULL REFERENCES pledge(id) ON DELETE CASCADE,
  organisation_id uuid NOT NULL REFERENCES organisation(id),
  PRIMARY KEY (pledge_id, organisation_id)
);

CREATE TABLE activity (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  ${TENANT},
  pledge_id uuid REFERENCES pledge(id) ON DELETE SET NULL,
  focus_area_id uuid REFERENCES focus_area(id) ON DELETE SET NULL,
  title text NOT NULL CHECK (length(trim(title)) > 0),
  owner_org_id uuid NOT NULL REFERENCES organisation(id),
  starts_on date NOT NULL,
  ends_on date,
  goal text,
  indicator text,
  status text NOT NULL DEFAULT 'proposed' CHECK (status IN ('proposed', 'decided', 'rejected', 'ongoing', 'done', 'cancelled')),
  internal_notes text,
  public_summary text,
  public_summary_approved boolean NOT NULL DEFAULT false,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT activity_period CHECK (ends_on IS NULL OR ends_on >= starts_on)
);

CREATE TABLE activity_partner (
  activity_id uuid NOT NULL REFERENCES activity(id) ON DELETE CASCADE,
  organisation_id uuid NOT NULL REFERENCES organisation(id),
  PRIMARY KEY (activity_id, organisation_id)
);

CREATE TABLE follow_up (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  ${TENANT},
  activity_id uuid NOT NULL REFERENCES activity(id) ON DELETE CASCADE,
  quarter text NOT NULL CHECK (quarter ~ '^[0-9]{4}-Q[1-4]$'),
  status text NOT NULL CHECK (status IN ('on_track', 'delayed', 'done', 'not_started', 'cancelled')),
  indicator_value double precision,
  note text,
  reported_by_org_id uuid REFERENCES organisation(id),
  reported_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (activity_id, quarter)
);

CREATE TABLE citizen_report (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  ${TENANT},
  category text NOT NULL CHECK (category IN ('unsafe_place', 'graffiti_damage', 'other')),
  ${geometryColumns('Point')},
  body text NOT NULL CHECK (length(body) <= 4000),
  contact_name text,
  contact_email text,
  contact_phone text,
  moderation_state text NOT NULL DEFAULT 'pending' CHECK (moderation_state IN ('pending', 'approved', 'merged', 'converted', 'rejected')),
  public_status text NOT NULL DEFAULT 'received' CHECK (public_status IN ('received', 'planned', 'fixed', 'closed')),
  public_summary text,
  rejection_reason text,
  merged_into_id uuid REFERENCES citizen_report(id),
  unsafe_place_id uuid REFERENCES unsafe_place(id) ON DELETE SET NULL,
  vandalism_report_id uuid REFERENCES vandalism_report(id) ON DELETE SET NULL,
  status_token_hash text NOT NULL UNIQUE,
  created_at timestamptz NOT NULL DEFAULT now(),
  status_changed_at timestamptz NOT NULL DEFAULT now(),
  closed_at timestamptz,
  CONSTRAINT citizen_report_rejected_has_reason CHECK (moderation_state <> 'rejected' OR rejection_reason IS NOT NULL)
);
${spatialIndexes('citizen_report')}

-- Append-only, hash-chained (the chain itself is written and verified by lib/server/audit).
CREATE TABLE audit_event (
  id bigserial PRIMARY KEY,
  municipality_code text,
  occurred_at timestamptz NOT NULL DEFAULT now(),
  actor text NOT NULL,
  action text NOT NULL,
  resource text NOT NULL,
  details jsonb NOT NULL DEFAULT '{}'::jsonb,
  result_count integer,
  ids_hash text,
  prev_hash text,
  hash text NOT NULL
);
CREATE INDEX audit_event_time_idx ON audit_event (occurred_at);

CREATE FUNCTION lagesbild_reject_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION '% is append-only: % is not allowed', TG_TABLE_NAME, TG_OP USING ERRCODE = 'insufficient_privilege';
END;
$$;
CREATE TRIGGER audit_event_append_only BEFORE UPDATE OR DELETE ON audit_event
  FOR EACH ROW EXECUTE FUNCTION lagesbild_reject_change();
CREATE TRIGGER analysis_run_immutable BEFORE UPDATE ON analysis_run
  FOR EACH ROW EXECUTE FUNCTION lagesbild_reject_change();
`;

const DOWN = `
DROP TABLE IF EXISTS audit_event, citizen_report, follow_up, activity_partner, activity, pledge_partner,
  pledge_focus_area, pledge, focus_area, hotspot_note, est_meeting_run, analysis_run, est_meeting_organisation,
  est_meeting, survey_indicator, vandalism_report, safety_walk_observation, unsafe_place, safety_walk_organisation,
  safety_walk, incident, area, category_mapping, category, organisation, setting, municipality CASCADE;
DROP FUNCTION IF EXISTS lagesbild_reject_change();
`;

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql.raw(UP).execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql.raw(DOWN).execute(db);
}
