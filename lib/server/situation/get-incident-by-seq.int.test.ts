// A map point's number (incident.seq) resolves to its record only for a viewer who may see it exactly:
// the same 404 for hidden, missing and malformed numbers, and every read and denied attempt audited.
import { sql } from 'kysely';
import { beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '@/db/client';
import type { Role } from '@/lib/schemas/auth';
import { idsHash } from '@/lib/server/audit/hash-chain';
import { HttpError } from '@/lib/server/auth/errors';
import type { RecordViewer } from '@/lib/server/records/record-viewer';
import { createTestMunicipality, getTestDatabase, testBackend } from '@/lib/testing/test-database';
import { getIncidentDetailBySeqAs } from './get-incident-by-seq';

let h: DatabaseHandle;
let code: string;
let policeOrg: string;
let housingOrg: string;
const restricted = { id: '', seq: '' };

function rv(role: Role, organisationId: string, actor: string, meetingMode = false): RecordViewer {
  return { actor, viewers: [{ userId: `u-${actor}`, actor, municipalityCode: code, held: [{ role, organisationId }], meetingMode }] };
}

async function outcome(run: () => Promise<unknown>): Promise<string> {
  try {
    await run();
    return 'found';
  } catch (err) {
    if (err instanceof HttpError) return `${err.status} ${err.code}`;
    throw err;
  }
}

const lastAudit = (actor: string) => h.db.selectFrom('audit_event').selectAll().where('actor', '=', actor).orderBy('id', 'desc').limit(1).executeTakeFirstOrThrow();

beforeAll(async () => {
  h = await getTestDatabase();
  code = await createTestMunicipality(h, 'Sekvenskommun');
  policeOrg = (await h.db.insertInto('organisation').values({ municipality_code: code, name: 'Polisen', kind: 'police' }).returning('id').executeTakeFirstOrThrow()).id;
  housingOrg = (await h.db.insertInto('organisation').values({ municipality_code: code, name: 'Bostäder', kind: 'housing' }).returning('id').executeTakeFirstOrThrow()).id;
  const row = await h.db
    .insertInto('incident')
    .values({ municipality_code: code, category_key: 'assault', occurred_at: '2025-05-01T12:00:00Z', geom: sql`ST_SetSRID(ST_MakePoint(14.05, 57.18), 4326)`, source: 'police', origin_org_id: policeOrg, visibility: 'restricted' })
    .returning(['id', sql<string>`seq::text`.as('seq')])
    .executeTakeFirstOrThrow();
  restricted.id = row.id;
  restricted.seq = row.seq;
}, 180_000);

describe(`a point's number on ${testBackend()}`, () => {
  it('resolves to the record for a viewer with exact access, and the read is audited with the hash of the record id', async () => {
    const detail = await getIncidentDetailBySeqAs(h.db, rv('police', policeOrg, 'seq-police@seq.test'), restricted.seq);
    expect(detail).toMatchObject({ kind: 'incident', id: restricted.id, visibility: 'restricted' });
    expect(await lastAudit('seq-police@seq.test')).toMatchObject({ action: 'read', resource: 'incident_point', result_count: 1, ids_hash: idsHash([restricted.id]) });
  });

  it("a partner gets the same 404 for another organisation's restricted record as for a missing or malformed number, audited as denied", async () => {
    const partner = rv('partner', housingOrg, 'seq-partner@seq.test');
    const hidden = await outcome(() => getIncidentDetailBySeqAs(h.db, partner, restricted.seq));
    expect(hidden).toBe('404 not_found');
    expect(await outcome(() => getIncidentDetailBySeqAs(h.db, partner, '999999999999999'))).toBe(hidden);
    expect(await outcome(() => getIncidentDetailBySeqAs(h.db, partner, "1' OR '1'='1"))).toBe(hidden);
    expect(await outcome(() => getIncidentDetailBySeqAs(h.db, partner, '1e3'))).toBe(hidden);
    const denied = await lastAudit('seq-partner@seq.test');
    expect(denied).toMatchObject({ action: 'denied', resource: 'incident_point' });
    expect(denied.details).toMatchObject({ reason: 'not_visible', kind: 'incident' });
  });

  it('meeting mode hides a restricted record from the police too', async () => {
    expect(await outcome(() => getIncidentDetailBySeqAs(h.db, rv('police', policeOrg, 'seq-meeting@seq.test', true), restricted.seq))).toBe('404 not_found');
  });
});
