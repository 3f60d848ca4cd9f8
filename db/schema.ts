// Kysely's view of the tables in db/migrations. Geometry columns are opaque here (hex EWKB on read):
// write them with sql`ST_SetSRID(ST_GeomFromGeoJSON(...), 4326)` and read them with ST_AsGeoJSON.
import type { ColumnType, Generated, GeneratedAlways } from 'kysely';

type Geometry = ColumnType<string, unknown, unknown>;
type GeneratedGeometry = ColumnType<string, never, never>;
type Timestamp = ColumnType<Date, Date | string, Date | string>;
type DefaultTimestamp = ColumnType<Date, Date | string | undefined, Date | string>;
/** `date` columns are read as 'YYYY-MM-DD' strings (a Date would shift with the process's zone). */
type DateString = ColumnType<string, string, string>;
type Json<T = unknown> = ColumnType<T, string, string>;

export interface MunicipalityTable {
  code: string;
  name: string;
  created_at: DefaultTimestamp;
}

export interface SettingTable {
  municipality_code: string;
  key: string;
  value: Json;
  updated_at: DefaultTimestamp;
}

export interface OrganisationTable {
  id: Generated<string>;
  municipality_code: string;
  name: string;
  kind: string;
  created_at: DefaultTimestamp;
}

export interface CategoryTable {
  key: string;
  kind: string;
  group_key: string;
  label_sv: string;
  label_en: string;
  severity_weight: number;
  sensitivity: string;
  sort_order: Generated<number>;
}

export interface CategoryMappingTable {
  source: string;
  value: string;
  category_key: string;
}

interface Spatial {
  geom: Geometry;
  geom_3006: GeneratedGeometry;
}

export interface AreaTable extends Spatial {
  id: Generated<string>;
  municipality_code: string;
  kind: string;
  code: string | null;
  name: string;
  /** Inhabitants (imported), for rates per 1,000. */
  population: ColumnType<number | null, number | null | undefined, number | null>;
  created_at: DefaultTimestamp;
}

export interface IncidentTable extends Spatial {
  id: Generated<string>;
  municipality_code: string;
  category_key: string;
  occurred_at: Timestamp;
  occurred_to: Timestamp | null;
  source: string;
  origin_org_id: string | null;
  visibility: Generated<string>;
  external_id: string | null;
  description: string | null;
  /** Hash of an imported row's values: re-importing the same file adds nothing. */
  import_hash: ColumnType<string | null, string | null | undefined, string | null>;
  created_at: DefaultTimestamp;
  updated_at: DefaultTimestamp;
  /** The point number the map's packs carry (bigint identity: a string from pg; cast in SQL). */
  seq: GeneratedAlways<string>;
}

/** Bumped by triggers on every committed change of a municipality's incidents (the pack cache's key). */
export interface IncidentRevisionTable {
  municipality_code: string;
  revision: string;
}

/** What the police events feed says about an incident of source 'police_feed' (a context row). */
export interface PoliceFeedEventTable {
  incident_id: string;
  municipality_code: string;
  event_type: string;
  location_name: string;
  name: string | null;
  /** Path on polisen.se as the feed gives it ('/aktuellt/handelser/…'). */
  url: string | null;
  /** The police's free text: staff-only, never public. */
  summary: string | null;
  created_at: DefaultTimestamp;
}

export interface SafetyWalkTable {
  id: Generated<string>;
  municipality_code: string;
  walked_on: DateString;
  title: string;
  area_id: string | null;
  notes: string | null;
  public_summary: string | null;
  created_at: DefaultTimestamp;
}

export interface SafetyWalkOrganisationTable {
  walk_id: string;
  organisation_id: string;
}

export interface UnsafePlaceTable extends Spatial {
  id: Generated<string>;
  municipality_code: string;
  title: string;
  reasons: ColumnType<string[], string[] | undefined, string[]>;
  proposed_measure: string | null;
  status: Generated<string>;
  source: string;
  walk_id: string | null;
  origin_org_id: string | null;
  visibility: Generated<string>;
  description: string | null;
  public_summary: string | null;
  reported_at: DefaultTimestamp;
  status_changed_at: Timestamp | null;
  fixed_at: Timestamp | null;
  external_id: ColumnType<string | null, string | null | undefined, string | null>;
  import_hash: ColumnType<string | null, string | null | undefined, string | null>;
  created_at: DefaultTimestamp;
  updated_at: DefaultTimestamp;
}

export interface SafetyWalkObservationTable {
  id: Generated<string>;
  municipality_code: string;
  walk_id: string;
  unsafe_place_id: string;
  sequence: number;
  observed_at: Timestamp;
  note: string | null;
  protocol_action: string | null;
  responsible_org_id: string | null;
}

export interface VandalismReportTable extends Spatial {
  id: Generated<string>;
  municipality_code: string;
  kind: string;
  offensive: Generated<boolean>;
  status: Generated<string>;
  reported_at: Timestamp;
  assigned_at: Timestamp | null;
  responsible_org_id: string | null;
  remediated_at: Timestamp | null;
  cost_sek: ColumnType<number | null, number | null | undefined, number | null>;
  origin_org_id: string | null;
  visibility: Generated<string>;
  description: string | null;
  public_summary: string | null;
  incident_id: string | null;
  external_id: string | null;
  import_hash: ColumnType<string | null, string | null | undefined, string | null>;
  created_at: DefaultTimestamp;
  updated_at: DefaultTimestamp;
}

export interface SurveyIndicatorTable {
  id: Generated<string>;
  municipality_code: string;
  area_id: string;
  year: number;
  indicator: string;
  value: number;
  unit: Generated<string>;
  source: string | null;
  published: Generated<boolean>;
  respondents: ColumnType<number | null, number | null | undefined, number | null>;
}

export interface EstMeetingTable {
  id: Generated<string>;
  municipality_code: string;
  held_on: DateString;
  kind: string;
  meeting_mode: Generated<boolean>;
  notes: string | null;
  decisions: string | null;
  created_at: DefaultTimestamp;
}

export interface EstMeetingOrganisationTable {
  meeting_id: string;
  organisation_id: string;
}

export interface AnalysisRunTable {
  id: Generated<string>;
  municipality_code: string;
  title: string;
  method: string;
  period_from: Timestamp;
  period_to: Timestamp;
  layers: string[];
  parameters: Json;
  data_counts: Json;
  record_ids_hash: string;
  result: Json;
  created_by: string | null;
  created_at: DefaultTimestamp;
}

export interface EstMeetingRunTable {
  meeting_id: string;
  run_id: string;
}

export interface HotspotNoteTable {
  id: Generated<string>;
  municipality_code: string;
  meeting_id: string;
  run_id: string;
  hotspot_ref: string;
  cause_note: string;
  created_at: DefaultTimestamp;
}

export interface FocusAreaTable extends Spatial {
  id: Generated<string>;
  municipality_code: string;
  name: string;
  rationale: string | null;
  evidence: Json;
  source_run_id: string | null;
  period_from: DateString;
  period_to: DateString | null;
  public_summary: string | null;
  /** Moderation of the public texts (name, public_summary): the public reads published_* only (20261128T0500). */
  public_summary_approved: Generated<boolean>;
  public_summary_reviewed_by: string | null;
  public_summary_reviewed_at: Timestamp | null;
  /** The last approved copy, set by a trigger when the row turns approved; null: not shown to the public. */
  published_name: Generated<string | null>;
  published_summary: Generated<string | null>;
  created_at: DefaultTimestamp;
}

export interface PledgeTable {
  id: Generated<string>;
  municipality_code: string;
  year: number;
  title: string;
  body: string;
  public_summary: string | null;
  /** Moderation of the public texts (title, public_summary): the public reads published_* only. */
  public_summary_approved: Generated<boolean>;
  public_summary_reviewed_by: string | null;
  public_summary_reviewed_at: Timestamp | null;
  /** The last approved copy, set by a trigger when the row turns approved; null: nothing public. */
  published_title: Generated<string | null>;
  published_summary: Generated<string | null>;
  created_at: DefaultTimestamp;
}

export interface PledgeFocusAreaTable {
  pledge_id: string;
  focus_area_id: string;
}

export interface PledgePartnerTable {
  pledge_id: string;
  organisation_id: string;
}

export interface ActivityTable {
  id: Generated<string>;
  municipality_code: string;
  pledge_id: string | null;
  focus_area_id: string | null;
  title: string;
  owner_org_id: string;
  starts_on: DateString;
  ends_on: DateString | null;
  goal: string | null;
  indicator: string | null;
  status: Generated<string>;
  internal_notes: string | null;
  public_summary: string | null;
  public_summary_approved: Generated<boolean>;
  public_summary_reviewed_by: string | null;
  public_summary_reviewed_at: Timestamp | null;
  /** The last approved copy of title and public summary (trigger-set); what the public reads. */
  published_title: Generated<string | null>;
  published_summary: Generated<string | null>;
  created_at: DefaultTimestamp;
  updated_at: DefaultTimestamp;
}

export interface ActivityPartnerTable {
  activity_id: string;
  organisation_id: string;
}

export interface FollowUpTable {
  id: Generated<string>;
  municipality_code: string;
  activity_id: string;
  quarter: string;
  status: string;
  indicator_value: number | null;
  note: string | null;
  reported_by_org_id: string | null;
  reported_by: string | null;
  reported_at: DefaultTimestamp;
}

export interface CouncilDecisionTable {
  id: Generated<string>;
  municipality_code: string;
  activity_id: string;
  meeting_id: string | null;
  meeting_name: string;
  decided_on: DateString;
  outcome: string;
  decision_text: string;
  recorded_by: string;
  created_at: DefaultTimestamp;
}

export interface NotificationTable {
  id: Generated<string>;
  municipality_code: string;
  user_id: string;
  organisation_id: string | null;
  kind: string;
  dedupe_key: string;
  subject_id: string | null;
  title: string;
  body: string;
  link: string | null;
  due_at: Timestamp | null;
  queued_at: DefaultTimestamp;
  read_at: Timestamp | null;
  email_status: Generated<string>;
  email_attempts: Generated<number>;
  email_sent_at: Timestamp | null;
  email_error: string | null;
}

export interface CitizenReportTable extends Spatial {
  id: Generated<string>;
  municipality_code: string;
  category: string;
  body: string;
  contact_name: string | null;
  contact_email: string | null;
  contact_phone: string | null;
  moderation_state: Generated<string>;
  public_status: Generated<string>;
  public_summary: string | null;
  rejection_reason: string | null;
  merged_into_id: string | null;
  unsafe_place_id: string | null;
  vandalism_report_id: string | null;
  status_token_hash: string;
  created_at: DefaultTimestamp;
  status_changed_at: DefaultTimestamp;
  closed_at: Timestamp | null;
  public_pin: ColumnType<boolean, boolean | undefined, boolean>;
  moderated_by: string | null;
  moderated_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  contact_purged_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
}

export interface AuditEventTable {
  id: Generated<number>;
  municipality_code: string | null;
  occurred_at: DefaultTimestamp;
  actor: string;
  action: string;
  resource: string;
  details: Json;
  result_count: number | null;
  ids_hash: string | null;
  prev_hash: string | null;
  hash: string;
}

export interface DialogueSummaryTable {
  id: Generated<string>;
  municipality_code: string;
  area_id: string;
  est_meeting_id: string | null;
  kind: string;
  held_on: DateString;
  title: string;
  summary: string;
  participants: number | null;
  source: string | null;
  created_by: string;
  created_at: DefaultTimestamp;
}

export interface Database {
  municipality: MunicipalityTable;
  setting: SettingTable;
  organisation: OrganisationTable;
  category: CategoryTable;
  category_mapping: CategoryMappingTable;
  area: AreaTable;
  incident: IncidentTable;
  incident_revision: IncidentRevisionTable;
  police_feed_event: PoliceFeedEventTable;
  safety_walk: SafetyWalkTable;
  safety_walk_organisation: SafetyWalkOrganisationTable;
  unsafe_place: UnsafePlaceTable;
  safety_walk_observation: SafetyWalkObservationTable;
  vandalism_report: VandalismReportTable;
  survey_indicator: SurveyIndicatorTable;
  est_meeting: EstMeetingTable;
  est_meeting_organisation: EstMeetingOrganisationTable;
  analysis_run: AnalysisRunTable;
  est_meeting_run: EstMeetingRunTable;
  hotspot_note: HotspotNoteTable;
  focus_area: FocusAreaTable;
  pledge: PledgeTable;
  pledge_focus_area: PledgeFocusAreaTable;
  pledge_partner: PledgePartnerTable;
  activity: ActivityTable;
  activity_partner: ActivityPartnerTable;
  follow_up: FollowUpTable;
  council_decision: CouncilDecisionTable;
  notification: NotificationTable;
  citizen_report: CitizenReportTable;
  dialogue_summary: DialogueSummaryTable;
  audit_event: AuditEventTable;
}
