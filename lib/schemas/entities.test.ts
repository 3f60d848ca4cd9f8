import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import * as entities from './entities';
import {
  activityInputSchema,
  analysisRunInputSchema,
  areaInputSchema,
  citizenReportInputSchema,
  citizenReportModerationSchema,
  citizenReportSchema,
  estMeetingInputSchema,
  focusAreaInputSchema,
  followUpInputSchema,
  hotspotNoteInputSchema,
  incidentInputSchema,
  municipalityInputSchema,
  organisationInputSchema,
  pledgeInputSchema,
  safetyWalkInputSchema,
  safetyWalkObservationInputSchema,
  settingInputSchema,
  surveyIndicatorInputSchema,
  unsafePlaceInputSchema,
  vandalismReportInputSchema,
} from './entities';

const ID_A = '3f0c1d9e-5a4b-4c2d-8e1f-0a1b2c3d4e5f';
const ID_B = '7b6a5c4d-3e2f-4a1b-9c8d-7e6f5a4b3c2d';
const POINT = { type: 'Point', coordinates: [14.047821, 57.183161] };
const RING = [
  [14.03, 57.175],
  [14.06, 57.175],
  [14.06, 57.19],
  [14.03, 57.19],
  [14.03, 57.175],
];

const VALID: Record<string, [z.ZodType, Record<string, unknown>]> = {
  municipality: [municipalityInputSchema, { code: '0683', name: 'Värnamo' }],
  setting: [settingInputSchema, { key: 'analysis.cadence_per_year', value: 9 }],
  organisation: [organisationInputSchema, { name: 'Värnamo Bostäder', kind: 'housing' }],
  area: [areaInputSchema, { kind: 'district', name: 'Centrum', geom: { type: 'Polygon', coordinates: [RING] } }],
  incident: [incidentInputSchema, { category_key: 'assault', occurred_at: '2026-05-01T23:10:00+02:00', geom: POINT, source: 'police' }],
  'unsafe place': [unsafePlaceInputSchema, { title: 'Gångtunneln', geom: POINT, source: 'walk', walk_id: ID_A, reasons: ['poor_lighting'] }],
  'vandalism report': [
    vandalismReportInputSchema,
    { kind: 'graffiti', geom: POINT, reported_at: '2026-05-01T08:00:00Z', status: 'cleaned', responsible_org_id: ID_A, remediated_at: '2026-05-01T12:00:00Z', cost_sek: 1250.5 },
  ],
  'safety walk': [safetyWalkInputSchema, { walked_on: '2026-09-15', title: 'Vandring Gröndal', organisation_ids: [ID_A, ID_B] }],
  'safety-walk observation': [safetyWalkObservationInputSchema, { walk_id: ID_A, unsafe_place_id: ID_B, sequence: 1, observed_at: '2026-09-15T19:00:00+02:00' }],
  'survey indicator': [surveyIndicatorInputSchema, { area_id: ID_A, year: 2025, indicator: 'Otrygg ute sent', value: 23.4 }],
  'EST meeting': [estMeetingInputSchema, { held_on: '2026-10-07', kind: 'analysis', run_ids: [ID_A] }],
  'analysis run': [
    analysisRunInputSchema,
    {
      title: 'Gi* Q3',
      method: 'gi_star',
      period_from: '2026-07-01T00:00:00+02:00',
      period_to: '2026-10-01T00:00:00+02:00',
      layers: ['incident'],
      parameters: { cell_m: 250 },
      data_counts: { incident: 812 },
      record_ids_hash: 'sha256:ab',
      result: { cells: [] },
    },
  ],
  'hotspot note': [hotspotNoteInputSchema, { meeting_id: ID_A, run_id: ID_B, hotspot_ref: 'cell:1:2', cause_note: 'Krogkö' }],
  'focus area': [focusAreaInputSchema, { name: 'Resecentrum', geom: { type: 'MultiPolygon', coordinates: [[RING]] }, period_from: '2027-01-01', period_to: '2027-12-31' }],
  pledge: [pledgeInputSchema, { year: 2027, title: 'Tryggare centrum', body: 'Vi lovar …', partner_org_ids: [ID_A] }],
  activity: [activityInputSchema, { title: 'Belysning', owner_org_id: ID_A, starts_on: '2027-01-01', ends_on: '2027-01-01' }],
  'follow-up': [followUpInputSchema, { activity_id: ID_A, quarter: '2027-Q1', status: 'on_track', indicator_value: 3 }],
  'citizen report': [citizenReportInputSchema, { category: 'unsafe_place', geom: POINT, body: 'Mörkt här', contact_email: '' }],
};

/** The paths of the issues a value raises, as 'a.b' strings. */
function issuePaths(schema: z.ZodType, value: unknown): string[] {
  const result = schema.safeParse(value);
  if (result.success) return [];
  return result.error.issues.map((i) => i.path.join('.'));
}

function issueAt(schema: z.ZodType, value: unknown, path: string): z.core.$ZodIssue {
  const result = schema.safeParse(value);
  expect(result.success, 'expected the value to be rejected').toBe(false);
  const issue = result.error!.issues.find((i) => i.path.join('.') === path);
  expect(issue, `issues at ${issuePaths(schema, value).join(', ')}`).toBeDefined();
  return issue!;
}

describe('valid inputs', () => {
  for (const [entity, [schema, input]] of Object.entries(VALID)) {
    it(`a valid ${entity} input passes`, () => {
      expect(issuePaths(schema, input)).toEqual([]);
    });
  }
});

describe('defaults and server-set fields', () => {
  it('an incident input defaults to joint visibility and null optional fields', () => {
    expect(incidentInputSchema.parse(VALID.incident[1])).toMatchObject({ visibility: 'joint', occurred_to: null, origin_org_id: null, description: null });
  });

  it('an input cannot set its id, tenant or creation time', () => {
    const parsed = organisationInputSchema.parse({ ...VALID.organisation[1], id: ID_A, municipality_code: '0683', created_at: '2020-01-01T00:00:00Z' });
    expect(Object.keys(parsed).sort()).toEqual(['kind', 'name']);
  });

  it('a citizen report input cannot set its moderation state or token', () => {
    const parsed = citizenReportInputSchema.parse({ ...VALID['citizen report'][1], moderation_state: 'approved', status_token_hash: 'x', public_summary: 'y' });
    expect(parsed).not.toHaveProperty('moderation_state');
    expect(parsed).not.toHaveProperty('status_token_hash');
    expect(parsed).not.toHaveProperty('public_summary');
  });

  it('an activity input cannot approve its own public summary', () => {
    expect(activityInputSchema.parse({ ...VALID.activity[1], public_summary_approved: true })).not.toHaveProperty('public_summary_approved');
  });

  it('the citizen report staff view has no status token hash', () => {
    expect(Object.keys(citizenReportSchema.shape)).not.toContain('status_token_hash');
  });

  it('an empty contact e-mail is stored as null', () => {
    expect(citizenReportInputSchema.parse(VALID['citizen report'][1]).contact_email).toBeNull();
  });
});

describe('cross-field rules point at the field to fix', () => {
  it('an incident whose occurred_to is before occurred_at fails at occurred_to', () => {
    const issue = issueAt(incidentInputSchema, { ...VALID.incident[1], occurred_to: '2026-05-01T23:00:00+02:00' }, 'occurred_to');
    expect(issue.message).toBe('occurred_to must not be before occurred_at');
  });

  it('occurred_to is compared as an instant, not as text', () => {
    // 21:10Z is 23:10+02:00: the same instant, so the window is empty but valid.
    expect(issuePaths(incidentInputSchema, { ...VALID.incident[1], occurred_to: '2026-05-01T21:10:00Z' })).toEqual([]);
  });

  it('a sensitive category shared with partners fails at visibility', () => {
    issueAt(incidentInputSchema, { ...VALID.incident[1], category_key: 'domestic_violence', visibility: 'partners' }, 'visibility');
  });

  it('a police-only category that is not restricted fails at visibility', () => {
    const issue = issueAt(incidentInputSchema, { ...VALID.incident[1], category_key: 'police_intelligence', visibility: 'joint' }, 'visibility');
    expect(issue.message).toMatch(/restricted/);
  });

  it('an unknown category key fails at category_key', () => {
    const issue = issueAt(incidentInputSchema, { ...VALID.incident[1], category_key: 'jaywalking' }, 'category_key');
    expect(issue.message).toBe('category_key must be a known category key');
  });

  it('an unknown visibility fails at visibility naming the allowed values', () => {
    const issue = issueAt(incidentInputSchema, { ...VALID.incident[1], visibility: 'public' }, 'visibility');
    expect(issue.message).toBe('visibility must be one of: restricted, joint, partners');
  });

  it("an unsafe place from source 'walk' without walk_id fails at walk_id", () => {
    issueAt(unsafePlaceInputSchema, { ...VALID['unsafe place'][1], walk_id: null }, 'walk_id');
  });

  it("an unsafe place with status 'fixed' and no fixed_at fails at fixed_at", () => {
    issueAt(unsafePlaceInputSchema, { ...VALID['unsafe place'][1], status: 'fixed' }, 'fixed_at');
  });

  it('an unsafe place fixed before it was reported fails at fixed_at', () => {
    issueAt(unsafePlaceInputSchema, { ...VALID['unsafe place'][1], reported_at: '2026-05-02T00:00:00Z', fixed_at: '2026-05-01T00:00:00Z' }, 'fixed_at');
  });

  it('an unsafe place with fixed_at but no reported_at fails at reported_at', () => {
    issueAt(unsafePlaceInputSchema, { ...VALID['unsafe place'][1], fixed_at: '2026-05-01T00:00:00Z' }, 'reported_at');
  });

  it('an unsafe place listing a reason twice fails at reasons', () => {
    issueAt(unsafePlaceInputSchema, { ...VALID['unsafe place'][1], reasons: ['litter', 'litter'] }, 'reasons');
  });

  it("a vandalism report with status 'cleaned' and no remediated_at fails at remediated_at", () => {
    const issue = issueAt(vandalismReportInputSchema, { ...VALID['vandalism report'][1], remediated_at: null }, 'remediated_at');
    expect(issue.message).toBe("remediated_at is required when status is 'cleaned'");
  });

  it("a vandalism report with status 'assigned' and no responsible organisation fails at responsible_org_id", () => {
    const issue = issueAt(vandalismReportInputSchema, { ...VALID['vandalism report'][1], status: 'assigned', responsible_org_id: null }, 'responsible_org_id');
    expect(issue.message).toBe("responsible_org_id is required when status is 'assigned'");
  });

  it('a vandalism report assigned before it was reported fails at assigned_at', () => {
    issueAt(vandalismReportInputSchema, { ...VALID['vandalism report'][1], assigned_at: '2026-04-30T00:00:00Z' }, 'assigned_at');
  });

  it('a vandalism report remediated before it was reported fails at remediated_at', () => {
    issueAt(vandalismReportInputSchema, { ...VALID['vandalism report'][1], remediated_at: '2026-04-30T00:00:00Z' }, 'remediated_at');
  });

  it('a negative cost fails at cost_sek', () => {
    expect(issueAt(vandalismReportInputSchema, { ...VALID['vandalism report'][1], cost_sek: -1 }, 'cost_sek').message).toBe('cost_sek must not be negative');
  });

  it('a cost with fractions of an öre fails at cost_sek', () => {
    issueAt(vandalismReportInputSchema, { ...VALID['vandalism report'][1], cost_sek: 10.005 }, 'cost_sek');
  });

  it('a safety walk listing an organisation twice fails at organisation_ids', () => {
    issueAt(safetyWalkInputSchema, { ...VALID['safety walk'][1], organisation_ids: [ID_A, ID_A.toUpperCase()] }, 'organisation_ids');
  });

  it('an observation numbered 0 fails at sequence', () => {
    issueAt(safetyWalkObservationInputSchema, { ...VALID['safety-walk observation'][1], sequence: 0 }, 'sequence');
  });

  it('an analysis run whose period ends when it starts fails at period_to', () => {
    const run = VALID['analysis run'][1];
    issueAt(analysisRunInputSchema, { ...run, period_to: run.period_from }, 'period_to');
  });

  it('an analysis run with a negative data count fails at that count', () => {
    issueAt(analysisRunInputSchema, { ...VALID['analysis run'][1], data_counts: { incident: -1 } }, 'data_counts.incident');
  });

  it('a focus area whose period ends before it starts fails at period_to', () => {
    issueAt(focusAreaInputSchema, { ...VALID['focus area'][1], period_to: '2026-12-31' }, 'period_to');
  });

  it('an activity that ends before it starts fails at ends_on', () => {
    const issue = issueAt(activityInputSchema, { ...VALID.activity[1], ends_on: '2026-12-31' }, 'ends_on');
    expect(issue.message).toBe('ends_on must not be before starts_on');
  });

  it('a follow-up for a fifth quarter fails at quarter', () => {
    issueAt(followUpInputSchema, { ...VALID['follow-up'][1], quarter: '2027-Q5' }, 'quarter');
  });

  it('a survey year before 1990 fails at year naming the range', () => {
    expect(issueAt(surveyIndicatorInputSchema, { ...VALID['survey indicator'][1], year: 1989 }, 'year').message).toBe('year must be a whole number from 1990 to 2200');
  });

  it('a rejected citizen report without a reason fails at rejection_reason', () => {
    issueAt(citizenReportModerationSchema, { moderation_state: 'rejected' }, 'rejection_reason');
  });

  it('a merged citizen report without its target fails at merged_into_id', () => {
    issueAt(citizenReportModerationSchema, { moderation_state: 'merged' }, 'merged_into_id');
  });

  it('a converted citizen report pointing at nothing fails at unsafe_place_id', () => {
    issueAt(citizenReportModerationSchema, { moderation_state: 'converted' }, 'unsafe_place_id');
  });

  it('an approved citizen report needs no reason', () => {
    expect(issuePaths(citizenReportModerationSchema, { moderation_state: 'approved', public_status: 'planned' })).toEqual([]);
  });
});

describe('limits', () => {
  it('a title over 200 characters fails at title naming the limit', () => {
    expect(issueAt(pledgeInputSchema, { ...VALID.pledge[1], title: 'x'.repeat(201) }, 'title').message).toBe('title must be at most 200 characters');
  });

  it('a description over 4000 characters fails at description', () => {
    issueAt(incidentInputSchema, { ...VALID.incident[1], description: 'x'.repeat(4001) }, 'description');
  });

  it('a citizen report with an invalid e-mail fails at contact_email', () => {
    issueAt(citizenReportInputSchema, { ...VALID['citizen report'][1], contact_email: 'anna@' }, 'contact_email');
  });

  it('a citizen report with letters for a phone number fails at contact_phone', () => {
    issueAt(citizenReportInputSchema, { ...VALID['citizen report'][1], contact_phone: 'call me' }, 'contact_phone');
  });

  it('an incident placed outside WGS84 fails inside geom', () => {
    expect(issuePaths(incidentInputSchema, { ...VALID.incident[1], geom: { type: 'Point', coordinates: [442442.7, 6338176.8] } })).toEqual([
      'geom.coordinates.0',
      'geom.coordinates.1',
    ]);
  });
});

describe('OpenAPI', () => {
  // DESIGN.md §9: the OpenAPI document is generated from these schemas, so each must convert.
  const schemas = Object.entries(entities).filter(([name]) => name.endsWith('Schema')) as [string, z.ZodType][];

  it('every entity schema converts to JSON Schema (inputs as requests, outputs as responses)', () => {
    expect(schemas.length).toBeGreaterThanOrEqual(38);
    for (const [name, schema] of schemas) {
      const io = /Input|Moderation/.test(name) ? 'input' : 'output';
      expect(() => z.toJSONSchema(schema, { io }), name).not.toThrow();
    }
  });
});
