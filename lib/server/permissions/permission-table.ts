import 'server-only';
// The one permission table (DESIGN.md §2): role × action × resource. Every route handler and server
// action asks `can()` before it does anything; record-level precision (which rows, exact or
// aggregated) is applied in SQL by ./exact-access.ts from the rules further down.
import type { Role, Sensitivity, Visibility } from '@/lib/schemas/auth';

export const ACTIONS = ['read', 'create', 'update', 'delete', 'export'] as const;
export type Action = (typeof ACTIONS)[number];

export const RESOURCES = [
  'incident_point', // single records with exact location and free text
  'incident_aggregate', // suppressed counts over fixed geographies
  'unsafe_place',
  'vandalism_report',
  'analysis', // hot spot runs, their parameters and results
  'est_meeting',
  'focus_area',
  'pledge',
  'activity',
  'follow_up',
  'report', // the council's follow-up report
  'citizen_report', // moderation of citizen reports (the public submits through a public route)
  'user',
  'organisation',
  'membership',
  'setting',
  'audit_log',
  'area', // districts, DeSO/RegSO, neighbourhood-watch areas (imported or drawn)
  'survey_indicator', // survey results per area and year (trygghetsmätning)
  'police_feed', // the police events feed as context (list, timeline, type counts; never locations)
  'dialogue_summary', // summaries of focus groups, digital safety walks, dialogues per area: internal text of the EST group
] as const;
export type Resource = (typeof RESOURCES)[number];

type Grants = Partial<Record<Resource, readonly Action[]>>;

const ALL: readonly Action[] = ACTIONS;
const READ: readonly Action[] = ['read'];
const READ_EXPORT: readonly Action[] = ['read', 'export'];
const WRITE: readonly Action[] = ['read', 'create', 'update'];

// The EST group (police and municipality) works the whole cycle; they differ only in which records
// they see exactly (EXACT_ACCESS below).
const EST_GROUP: Grants = {
  incident_point: ALL,
  incident_aggregate: READ_EXPORT,
  unsafe_place: ALL,
  vandalism_report: ALL,
  analysis: ['read', 'create', 'export'],
  est_meeting: ALL,
  focus_area: ALL,
  pledge: ALL,
  activity: ALL,
  follow_up: ALL,
  report: READ_EXPORT,
  citizen_report: ['read', 'update'],
  area: ALL,
  survey_indicator: ALL,
  // Public information, but it carries the police's free text: staff only, imported by the EST group.
  police_feed: ['read', 'create'],
  dialogue_summary: WRITE,
};

export const PERMISSIONS: Readonly<Record<Role, Grants>> = {
  police: EST_GROUP,
  municipality: EST_GROUP,
  // Partners report and follow their own activities; what they read of incidents is their own
  // records and `partners` records exactly, aggregates of nothing else.
  partner: {
    incident_point: WRITE,
    incident_aggregate: READ,
    unsafe_place: WRITE,
    vandalism_report: WRITE,
    focus_area: READ,
    pledge: READ,
    activity: READ,
    follow_up: ['read', 'create'],
    area: READ,
    survey_indicator: READ,
    police_feed: READ,
  },
  // Politicians: aggregates, trends, pledges and follow-ups; never a single incident, never free text.
  council: {
    incident_aggregate: READ,
    focus_area: READ,
    pledge: READ,
    activity: READ,
    follow_up: READ,
    report: READ_EXPORT,
    area: READ,
    survey_indicator: READ,
  },
  // System administration only: an admin sees no incident unless they also hold an analyst role.
  admin: {
    user: ALL,
    organisation: ALL,
    membership: ALL,
    setting: ALL,
    audit_log: READ_EXPORT,
  },
};

/** True when any of the roles may do the action on the resource. Signed out (no roles) may do nothing here. */
export function can(roles: readonly Role[], action: Action, resource: Resource): boolean {
  return roles.some((role) => PERMISSIONS[role][resource]?.includes(action) ?? false);
}

/** One way a role sees records exactly: these visibilities, optionally only its own organisation's, of these sensitivities. */
export interface ExactAccessRule {
  visibilities: readonly Visibility[];
  ownOrganisationOnly: boolean;
  sensitivities: readonly Sensitivity[];
}

const ALL_SENSITIVITIES: readonly Sensitivity[] = ['normal', 'sensitive', 'police-only'];
const NOT_POLICE_ONLY: readonly Sensitivity[] = ['normal', 'sensitive'];

/**
 * Who sees which records as exact points (DESIGN.md §2). `sensitive` never reaches a partner;
 * `police-only` reaches only the police; council and admin see no single record.
 */
export const EXACT_ACCESS: Readonly<Record<Role, readonly ExactAccessRule[]>> = {
  police: [
    { visibilities: ['joint', 'partners'], ownOrganisationOnly: false, sensitivities: ALL_SENSITIVITIES },
    { visibilities: ['restricted'], ownOrganisationOnly: true, sensitivities: ALL_SENSITIVITIES },
  ],
  municipality: [
    { visibilities: ['joint', 'partners'], ownOrganisationOnly: false, sensitivities: NOT_POLICE_ONLY },
    { visibilities: ['restricted'], ownOrganisationOnly: true, sensitivities: NOT_POLICE_ONLY },
  ],
  partner: [
    { visibilities: ['partners'], ownOrganisationOnly: false, sensitivities: ['normal'] },
    { visibilities: ['restricted', 'joint', 'partners'], ownOrganisationOnly: true, sensitivities: ['normal'] },
  ],
  council: [],
  admin: [],
};

/** A role held in one municipality, for an organisation (police, municipality, partner) or none. */
export interface HeldRole {
  role: Role;
  organisationId: string | null;
}

/** A rule with its organisation filled in: null means any organisation. */
export interface ResolvedAccessRule {
  visibilities: readonly Visibility[];
  organisationId: string | null;
  sensitivities: readonly Sensitivity[];
}

/**
 * The rules in force for the roles a viewer holds in one municipality. Meeting mode (a shared screen
 * in a joint meeting) keeps only `joint` records that every EST member may see, whatever the viewer
 * could see alone.
 */
export function exactAccessRules(held: readonly HeldRole[], options: { meetingMode: boolean }): ResolvedAccessRule[] {
  const rules: ResolvedAccessRule[] = [];
  for (const { role, organisationId } of held) {
    for (const rule of EXACT_ACCESS[role]) {
      // An "own organisation" rule without an organisation grants nothing (never "any organisation").
      if (rule.ownOrganisationOnly && !organisationId) continue;
      const visibilities = options.meetingMode ? rule.visibilities.filter((v) => v === 'joint') : rule.visibilities;
      const sensitivities = options.meetingMode ? rule.sensitivities.filter((s) => s !== 'police-only') : rule.sensitivities;
      if (visibilities.length > 0 && sensitivities.length > 0) {
        rules.push({ visibilities, organisationId: rule.ownOrganisationOnly ? organisationId : null, sensitivities });
      }
    }
  }
  return rules;
}
