// A record by id and its edit (lib/server/records): exact access in SQL decides what is found, a hidden
// record is indistinguishable from a missing one, and every read, edit and denied attempt is audited.
import { sql } from 'kysely';
import { beforeAll, describe, expect, it } from 'vitest';
import { ZodError } from 'zod';
import type { DatabaseHandle } from '@/db/client';
import type { Role, Sensitivity, Visibility } from '@/lib/schemas/auth';
import { idsHash } from '@/lib/server/audit/hash-chain';
import { HttpError } from '@/lib/server/auth/errors';
import type { Viewer } from '@/lib/server/permissions/viewer';
import { createTestMunicipality, getTestDatabase } from '@/lib/testing/test-database';
import { findRecordDetail } from './find-record-detail';
import { getRecordDetailAs } from './get-record-detail';
import type { RecordViewer } from './record-viewer';
import { updateRecordAs } from './update-record';

const CATEGORY: Record<Sensitivity, string> = { normal: 'assault', sensitive: 'rape', 'police-only': 'police_intelligence' };
const ORGS = ['police', 'municipality', 'housing', 'business'] as const;
type OrgKey = (typeof ORGS)[number];

let h: DatabaseHandle;
let code: string;
const orgId = {} as Record<OrgKey, string>;
/** incident ids by origin org, visibility and sensitivity */
const incident = {} as Record<OrgKey, Record<Visibility, Record<Sensitivity, string>>>;

function rv(role: Role, org: OrgKey | null, options: { meetingMode?: boolean; actor?: string } = {}): RecordViewer {
  const viewer: Viewer = {
    userId: `u-${role}`,
    actor: options.actor ?? `${role}-${org ?? 'none'}@records.test`,
    municipalityCode: code,
    held: [{ role, organisationId: org ? orgId[org] : null }],
    meetingMode: options.meetingMode ?? false,
  };
  return { actor: viewer.actor, viewers: [viewer] };
}

async function insertIncident(org: OrgKey, visibility: Visibility, sensitivity: Sensitivity): Promise<string> {
  const row = await h.db
    .insertInto('incident')
    .values({
      municipality_code: code,
      category_key: CATEGORY[sensitivity],
      occurred_at: '2026-05-01T12:00:00Z',
      geom: sql`ST_SetSRID(ST_MakePoint(14.05, 57.18), 4326)`,
      source: 'police',
      origin_org_id: orgId[org],
      visibility,
      description: `beskrivning ${org} ${visibility} ${sensitivity}`,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

async function insertUnsafePlace(org: OrgKey, visibility: Visibility): Promise<string> {
  const row = await h.db
    .insertInto('unsafe_place')
    .values({ municipality_code: code, title: 'Mörk gångtunnel', reported_at: new Date('2026-05-01T09:00:00Z'), geom: sql`ST_SetSRID(ST_MakePoint(14.04, 57.19), 4326)`, source: 'staff', origin_org_id: orgId[org], visibility })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

async function insertVandalism(org: OrgKey, visibility: Visibility, incidentId: string | null = null): Promise<string> {
  const row = await h.db
    .insertInto('vandalism_report')
    .values({
      municipality_code: code,
      kind: 'graffiti',
      geom: sql`ST_SetSRID(ST_MakePoint(14.06, 57.17), 4326)`,
      reported_at: '2026-05-02T08:00:00Z',
      origin_org_id: orgId[org],
      visibility,
      incident_id: incidentId,
      cost_sek: 1250.5,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** The thrown error's status, code and message (what the API puts in the body), or 'found'. */
async function outcome(run: () => Promise<unknown>): Promise<string> {
  try {
    await run();
    return 'found';
  } catch (err) {
    if (err instanceof HttpError) return `${err.status} ${err.code} ${err.message}`;
    throw err;
  }
}

async function lastAudit(actor: string) {
  return h.db.selectFrom('audit_event').selectAll().where('actor', '=', actor).orderBy('id', 'desc').limit(1).executeTakeFirstOrThrow();
}

beforeAll(async () => {
  h = await getTestDatabase();
  code = await createTestMunicipality(h, 'Postkommun');
  for (const kind of ORGS) {
    const row = await h.db.insertInto('organisation').values({ municipality_code: code, name: `Org ${kind}`, kind }).returning('id').executeTakeFirstOrThrow();
    orgId[kind] = row.id;
  }
  for (const org of ORGS) {
    incident[org] = {} as Record<Visibility, Record<Sensitivity, string>>;
    for (const visibility of ['restricted', 'joint', 'partners'] as const) {
      incident[org][visibility] = {} as Record<Sensitivity, string>;
      for (const sensitivity of ['normal', 'sensitive', 'police-only'] as const) incident[org][visibility][sensitivity] = await insertIncident(org, visibility, sensitivity);
    }
  }
});

const MISSING = '00000000-0000-4000-8000-000000000000';

describe('reading a record by id', () => {
  it("a partner guessing another organisation's restricted record id gets the same 404 as for a nonexistent id", async () => {
    const partner = rv('partner', 'housing');
    const hidden = await outcome(() => getRecordDetailAs(h.db, partner, 'incident', incident.business.restricted.normal));
    const missing = await outcome(() => getRecordDetailAs(h.db, partner, 'incident', MISSING));
    const malformed = await outcome(() => getRecordDetailAs(h.db, partner, 'incident', "1' OR '1'='1"));
    expect(hidden).toBe('404 not_found The record was not found.');
    expect(missing).toBe(hidden);
    expect(malformed).toBe(hidden);
  });

  it('the denied attempt is audited with a hash of the id, not the id', async () => {
    const partner = rv('partner', 'housing', { actor: 'guessing-partner@records.test' });
    const id = incident.police.restricted.normal;
    await outcome(() => getRecordDetailAs(h.db, partner, 'incident', id));
    const row = await lastAudit('guessing-partner@records.test');
    expect(row.action).toBe('denied');
    expect(row.resource).toBe('incident_point');
    expect(row.details).toMatchObject({ reason: 'not_visible', kind: 'incident', id_hash: idsHash([id]) });
    expect(JSON.stringify(row.details)).not.toContain(id);
  });

  it('a read is audited: who, one record, the hash of its id', async () => {
    const police = rv('police', 'police', { actor: 'reading-police@records.test' });
    const id = incident.municipality.joint.normal;
    const detail = await getRecordDetailAs(h.db, police, 'incident', id);
    expect(detail).toMatchObject({ kind: 'incident', id, categoryKey: 'assault', visibility: 'joint', sensitivity: 'normal', organisation: { id: orgId.municipality, name: 'Org municipality' } });
    expect(detail.lon).toBeCloseTo(14.05, 9);
    expect(detail.lat).toBeCloseTo(57.18, 9);
    expect((detail as { occurredAt: string }).occurredAt).toBe('2026-05-01T12:00:00.000Z');
    const row = await lastAudit('reading-police@records.test');
    expect(row).toMatchObject({ action: 'read', resource: 'incident_point', result_count: 1, ids_hash: idsHash([id]), municipality_code: code });
  });

  it('a sensitive record never reaches a partner, not even its own organisation', async () => {
    for (const visibility of ['restricted', 'joint', 'partners'] as const) {
      for (const org of ORGS) {
        expect(await findRecordDetail(h.db, rv('partner', 'housing'), 'incident', incident[org][visibility].sensitive), `${org} ${visibility}`).toBeNull();
      }
    }
    // …while its own normal records do.
    expect(await findRecordDetail(h.db, rv('partner', 'housing'), 'incident', incident.housing.restricted.normal)).not.toBeNull();
  });

  it('a police-only record never reaches the municipality', async () => {
    for (const org of ORGS) {
      for (const visibility of ['restricted', 'joint', 'partners'] as const) {
        expect(await findRecordDetail(h.db, rv('municipality', 'municipality'), 'incident', incident[org][visibility]['police-only'])).toBeNull();
      }
    }
    expect(await findRecordDetail(h.db, rv('police', 'police'), 'incident', incident.police.restricted['police-only'])).not.toBeNull();
  });

  it('council and admin get 404 for every record', async () => {
    const place = await insertUnsafePlace('municipality', 'joint');
    const graffiti = await insertVandalism('municipality', 'partners');
    for (const role of ['council', 'admin'] as const) {
      for (const org of ORGS) {
        for (const visibility of ['restricted', 'joint', 'partners'] as const) {
          for (const sensitivity of ['normal', 'sensitive', 'police-only'] as const) {
            expect(await outcome(() => getRecordDetailAs(h.db, rv(role, null), 'incident', incident[org][visibility][sensitivity]))).toMatch(/^404 /);
          }
        }
      }
      expect(await outcome(() => getRecordDetailAs(h.db, rv(role, null), 'unsafe-place', place))).toMatch(/^404 /);
      expect(await outcome(() => getRecordDetailAs(h.db, rv(role, null), 'vandalism', graffiti))).toMatch(/^404 /);
    }
  });

  it("meeting mode hides the viewer's own restricted records", async () => {
    const own = incident.police.restricted.normal;
    expect(await findRecordDetail(h.db, rv('police', 'police'), 'incident', own)).not.toBeNull();
    expect(await findRecordDetail(h.db, rv('police', 'police', { meetingMode: true }), 'incident', own)).toBeNull();
    expect(await findRecordDetail(h.db, rv('police', 'police', { meetingMode: true }), 'incident', incident.municipality.joint.normal)).not.toBeNull();
  });

  it('a record of another municipality is not found, even for the same role', async () => {
    const other = await createTestMunicipality(h, 'Grannpost');
    const viewer: RecordViewer = { actor: 'x@records.test', viewers: [{ ...rv('police', 'police').viewers[0], municipalityCode: other }] };
    expect(await findRecordDetail(h.db, viewer, 'incident', incident.police.joint.normal)).toBeNull();
  });

  it('the kind in the URL must match: an incident id asked as an unsafe place is not found', async () => {
    expect(await findRecordDetail(h.db, rv('police', 'police'), 'unsafe-place', incident.police.joint.normal)).toBeNull();
  });

  it("a vandalism report shows its linked incident only when the viewer may see that incident", async () => {
    const graffiti = await insertVandalism('housing', 'partners', incident.police.joint.normal);
    const forPolice = await findRecordDetail(h.db, rv('police', 'police'), 'vandalism', graffiti);
    const forPartner = await findRecordDetail(h.db, rv('partner', 'business'), 'vandalism', graffiti);
    expect(forPolice).toMatchObject({ kind: 'vandalism', incidentId: incident.police.joint.normal, costSek: 1250.5 });
    expect(forPartner).toMatchObject({ kind: 'vandalism', incidentId: null });
  });
});

describe('editing a record', () => {
  it('police and municipality may edit a joint record they see; council, admin and other partners may not', async () => {
    const id = await insertIncident('municipality', 'joint', 'normal');
    expect((await findRecordDetail(h.db, rv('police', 'police'), 'incident', id))!.canEdit).toBe(true);
    expect((await findRecordDetail(h.db, rv('municipality', 'municipality'), 'incident', id))!.canEdit).toBe(true);
    for (const role of ['council', 'admin'] as const) {
      expect(await outcome(() => updateRecordAs(h.db, rv(role, null), 'incident', id, { description: 'x' }))).toMatch(/^404 /);
    }
    // A joint record is invisible to partners: 404, not 403.
    expect(await outcome(() => updateRecordAs(h.db, rv('partner', 'housing'), 'incident', id, { description: 'x' }))).toMatch(/^404 /);
  });

  it("a partner edits its own organisation's records, and sees but may not edit another partner's shared record", async () => {
    const own = await insertIncident('housing', 'partners', 'normal');
    const others = await insertIncident('business', 'partners', 'normal');
    const partner = rv('partner', 'housing', { actor: 'editing-partner@records.test' });
    expect((await findRecordDetail(h.db, partner, 'incident', own))!.canEdit).toBe(true);
    expect((await findRecordDetail(h.db, partner, 'incident', others))!.canEdit).toBe(false);
    const updated = await updateRecordAs(h.db, partner, 'incident', own, { description: '  Trappuppgång 3, fönster krossat  ' });
    expect(updated).toMatchObject({ description: 'Trappuppgång 3, fönster krossat' });
    expect(await outcome(() => updateRecordAs(h.db, partner, 'incident', others, { description: 'x' }))).toBe('403 forbidden Your roles do not allow this.');
    const denied = await lastAudit('editing-partner@records.test');
    expect(denied).toMatchObject({ action: 'denied', resource: 'incident_point' });
    expect(denied.details).toMatchObject({ reason: 'not_editable', action: 'update' });
    const stored = await h.db.selectFrom('incident').select('description').where('id', '=', others).executeTakeFirstOrThrow();
    expect(stored.description).toBe('beskrivning business partners normal');
  });

  it('an edit is audited with before and after (free text as a digest) in the same transaction', async () => {
    const id = await insertIncident('police', 'joint', 'normal');
    const police = rv('police', 'police', { actor: 'auditing-police@records.test' });
    const after = await updateRecordAs(h.db, police, 'incident', id, { category_key: 'theft', description: 'Ny text', lon: 14.051, lat: 57.181 });
    expect(after).toMatchObject({ categoryKey: 'theft', description: 'Ny text' });
    expect(after.lon).toBeCloseTo(14.051, 9);
    const row = await lastAudit('auditing-police@records.test');
    expect(row).toMatchObject({ action: 'update', resource: 'incident_point', municipality_code: code });
    const details = row.details as { id: string; before: Record<string, unknown>; after: Record<string, unknown> };
    expect(details.id).toBe(id);
    expect(details.before.category_key).toBe('assault');
    expect(details.after.category_key).toBe('theft');
    expect(details.after.location).toBe('moved');
    expect(details.after.description).toMatchObject({ length: 7 });
    expect(JSON.stringify(details)).not.toContain('Ny text');
    expect(JSON.stringify(details)).not.toContain('14.051');
  });

  it('invalid values are refused per field and nothing changes', async () => {
    const id = await insertIncident('police', 'joint', 'normal');
    const police = rv('police', 'police');
    let error: unknown;
    try {
      await updateRecordAs(h.db, police, 'incident', id, { occurred_at: 'igår', lat: 123, category_key: 'no_such' });
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(ZodError);
    const paths = (error as ZodError).issues.map((i) => i.path.join('.')).sort();
    expect(paths).toEqual(expect.arrayContaining(['category_key', 'lat', 'occurred_at']));
    await expect(updateRecordAs(h.db, police, 'incident', id, { origin_org_id: orgId.housing })).rejects.toBeInstanceOf(ZodError);
    const stored = await h.db.selectFrom('incident').select(['category_key', 'occurred_at', 'origin_org_id']).where('id', '=', id).executeTakeFirstOrThrow();
    expect(stored.category_key).toBe('assault');
    expect(stored.origin_org_id).toBe(orgId.police);
  });

  it('an edit that would hide the record from its own editor is refused and rolled back', async () => {
    const id = await insertIncident('municipality', 'joint', 'normal');
    const municipality = rv('municipality', 'municipality');
    // police_intelligence is police-only: the municipality could no longer see the record.
    await expect(updateRecordAs(h.db, municipality, 'incident', id, { category_key: 'police_intelligence', visibility: 'restricted' })).rejects.toSatisfy(
      (err: unknown) => err instanceof ZodError && err.issues[0].path[0] === 'category_key',
    );
    const stored = await h.db.selectFrom('incident').select(['category_key', 'visibility']).where('id', '=', id).executeTakeFirstOrThrow();
    expect(stored).toEqual({ category_key: 'assault', visibility: 'joint' });
  });

  it('setting an unsafe place fixed stamps fixed_at and status_changed_at', async () => {
    const id = await insertUnsafePlace('municipality', 'joint');
    const now = new Date('2026-06-01T10:00:00Z');
    const after = await updateRecordAs(h.db, rv('municipality', 'municipality'), 'unsafe-place', id, { status: 'fixed', reasons: ['poor_lighting'] }, now);
    expect(after).toMatchObject({ kind: 'unsafe-place', status: 'fixed', fixedAt: '2026-06-01T10:00:00.000Z', statusChangedAt: '2026-06-01T10:00:00.000Z', reasons: ['poor_lighting'] });
  });

  it("a vandalism report's responsible organisation must be of the same municipality", async () => {
    const id = await insertVandalism('municipality', 'joint');
    const other = await createTestMunicipality(h, 'Annanpost');
    const foreign = await h.db.insertInto('organisation').values({ municipality_code: other, name: 'Främmande', kind: 'other' }).returning('id').executeTakeFirstOrThrow();
    await expect(updateRecordAs(h.db, rv('municipality', 'municipality'), 'vandalism', id, { status: 'assigned', responsible_org_id: foreign.id })).rejects.toSatisfy(
      (err: unknown) => err instanceof ZodError && err.issues[0].path[0] === 'responsible_org_id',
    );
    const ok = await updateRecordAs(h.db, rv('municipality', 'municipality'), 'vandalism', id, { status: 'assigned', responsible_org_id: orgId.municipality, cost_sek: 300 });
    expect(ok).toMatchObject({ status: 'assigned', responsibleOrganisation: { id: orgId.municipality }, costSek: 300 });
    expect((ok as { assignedAt: string | null }).assignedAt).not.toBeNull();
  });

  it('meeting mode: a restricted record cannot be edited either (not found)', async () => {
    const own = await insertIncident('police', 'restricted', 'normal');
    expect(await outcome(() => updateRecordAs(h.db, rv('police', 'police', { meetingMode: true }), 'incident', own, { description: 'x' }))).toMatch(/^404 /);
  });
});
