import { beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '@/db/client';
import type { Viewer } from '@/lib/server/permissions/viewer';
import { createTestMunicipality, getTestDatabase, testBackend } from '@/lib/testing/test-database';
import { findTodaysMeetingModeMeeting, recordMeetingModeOnEstMeeting } from './record-meeting-on-est';

describe(`meeting mode on the EST meeting on ${testBackend()}`, () => {
  let h: DatabaseHandle;
  let code: string;
  let police: Viewer;

  beforeAll(async () => {
    h = await getTestDatabase();
    code = await createTestMunicipality(h);
    const org = await h.db.insertInto('organisation').values({ municipality_code: code, name: 'Polisen', kind: 'police' }).returning('id').executeTakeFirstOrThrow();
    police = { userId: null, actor: 'polis@test', municipalityCode: code, held: [{ role: 'police', organisationId: org.id }], meetingMode: true };
  }, 180_000);

  it("creates today's analysis meeting run in meeting mode, then reuses it, and audits both", async () => {
    const first = await recordMeetingModeOnEstMeeting(h.db, police, '2026-11-25');
    expect(first).toMatchObject({ heldOn: '2026-11-25', kind: 'analysis', created: true });
    const again = await recordMeetingModeOnEstMeeting(h.db, police, '2026-11-25');
    expect(again).toMatchObject({ id: first!.id, created: false });
    const rows = await h.db.selectFrom('est_meeting').where('municipality_code', '=', code).select(['id', 'meeting_mode']).execute();
    expect(rows).toEqual([{ id: first!.id, meeting_mode: true }]);
    expect(await findTodaysMeetingModeMeeting(h.db, code, '2026-11-25')).toEqual({ id: first!.id, kind: 'analysis' });
    const audit = await h.db.selectFrom('audit_event').where('municipality_code', '=', code).where('resource', '=', 'est_meeting').select('action').orderBy('id').execute();
    expect(audit.map((a) => a.action)).toEqual(['create', 'update']);
  });

  it("marks an existing meeting of today instead of creating one", async () => {
    const existing = await h.db.insertInto('est_meeting').values({ municipality_code: code, held_on: '2026-11-26', kind: 'follow_up' }).returning('id').executeTakeFirstOrThrow();
    const m = await recordMeetingModeOnEstMeeting(h.db, police, '2026-11-26');
    expect(m).toMatchObject({ id: existing.id, kind: 'follow_up', created: false });
  });

  it('a partner records nothing on EST meetings', async () => {
    const partner: Viewer = { ...police, held: [{ role: 'partner', organisationId: null }] };
    expect(await recordMeetingModeOnEstMeeting(h.db, partner, '2026-11-27')).toBeNull();
    expect(await findTodaysMeetingModeMeeting(h.db, code, '2026-11-27')).toBeNull();
  });
});
