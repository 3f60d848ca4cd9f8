export const VISIBILITIES = ['restricted', 'joint', 'partners'] as const;
export type Visibility = (typeof VISIBILITIES)[number];

export const ORGANISATION_KINDS = ['police', 'municipality', 'housing', 'business', 'field_workers', 'county_board', 'other'] as const;
export type OrganisationKind = (typeof ORGANISATION_KINDS)[number];

export const AREA_KINDS = ['municipality', 'district', 'deso', 'regso', 'neighbourhood_watch', 'drawn', 'focus_buffer'] as const;
export type AreaKind = (typeof AREA_KINDS)[number];

export const INCIDENT_SOURCES = ['police', 'municipality', 'partner', 'citizen', 'import', 'police_feed', 'demo', 'synthetic'] as const;
export type IncidentSource = (typeof INCIDENT_SOURCES)[number];

export const UNSAFE_PLACE_REASONS = ['poor_lighting', 'hidden_view', 'litter', 'gatherings', 'traffic', 'maintenance', 'vegetation', 'deserted', 'other'] as const;
export type UnsafePlaceReason = (typeof UNSAFE_PLACE_REASONS)[number];
export const UNSAFE_PLACE_STATUSES = ['open', 'planned', 'fixed', 'rejected'] as const;
export const UNSAFE_PLACE_SOURCES = ['walk', 'survey', 'citizen', 'staff'] as const;

export const VANDALISM_KINDS = ['graffiti', 'damage'] as const;
export type VandalismKind = (typeof VANDALISM_KINDS)[number];
export const VANDALISM_STATUSES = ['reported', 'assigned', 'cleaned'] as const;

export const MEETING_KINDS = ['analysis', 'follow_up'] as const;
export const ACTIVITY_STATUSES = ['proposed', 'decided', 'rejected', 'ongoing', 'done', 'cancelled'] as const;
export const FOLLOW_UP_STATUSES = ['on_track', 'delayed', 'done', 'not_started', 'cancelled'] as const;

export const CITIZEN_REPORT_CATEGORIES = ['unsafe_place', 'graffiti_damage', 'other'] as const;
export const MODERATION_STATES = ['pending', 'approved', 'merged', 'converted', 'rejected'] as const;
export const PUBLIC_STATUSES = ['received', 'planned', 'fixed', 'closed'] as const;

export const ANALYSIS_METHODS = ['gi_star', 'dbscan', 'kde', 'emerging', 'priority', 'knox'] as const;

/** Local time zone for every month, quarter, weekday and hour bucket (DESIGN.md §3). */
export const TIME_ZONE = 'Europe/Stockholm';

/** Swedish reference system for all distances and grids: SWEREF 99 TM. */
export const METRIC_SRID = 3006;
export const WGS84_SRID = 4326;

export const DEMO_MUNICIPALITY_CODE = '0683';
