// The police feed panel on a real database (both backends): type counts, timeline and list of the
// period with polisen.se links, sensitive types kept from partners in SQL, staff only, audited.
import { beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '@/db/client';
import type { Role } from '@/lib/schemas/auth';
import type { Viewer } from '@/lib/server/permissions/viewer';
import { createTestMunicipality, getTestDatabase, testBackend } from '@/lib/testing/test-database';
import { getPoliceFeedPanel } from './get-police-feed-panel';
import { importPoliceFeed } from './import-police-feed';

describe(`police feed panel on ${testBackend()}`, () => {
  let h: DatabaseHandle;
  let code: string;
  let v: (role: Role) => Viewer;

  const ev = (id: number, datetime: string, type: string, url: string | null = `/aktuellt/handelser/${id}/`) => ({
    id,
    datetime,
    name: `${type}, Värnamo`,
    summary: 'Fritext.',
    url,
    type,
    location: { name: 'Värnamo', gps: '57.183161,14.047821' },
  });

  beforeAll(async () => {
    h = await getTestDatabase();
    code = await createTestMunicipality(h, 'Värnamo');
    await h.db.updateTable('municipality').set({ name: 'Värnamo' }).where('code', '=', code).execute();
    const org = (await h.db.insertInto('organisation').values({ municipality_code: code, name: 'Polisen', kind: 'police' }).returning('id').executeTakeFirstOrThrow()).id;
    const housing = (await h.db.insertInto('organisation').values({ municipality_code: code, name: 'Bostäder', kind: 'housing' }).returning('id').executeTakeFirstOrThrow()).id;
    v = (role) => ({ userId: null, actor: `${role}@panel.test`, municipalityCode: code, held: [{ role, organisationId: role === 'partner' ? housing : org }], meetingMode: false });
    const events = [
      ev(1, '2025-03-30 23:30:00 +02:00', 'Misshandel'), // local 30 March, after the DST change
      ev(2, '2025-03-31 00:30:00 +02:00', 'Misshandel'),
      ev(3, '2025-03-31 12:00:00 +02:00', 'Stöld', null),
      ev(4, '2025-04-02 08:00:00 +02:00', 'Våldtäkt'),
      ev(5, '2025-05-20 08:00:00 +02:00', 'Stöld'), // outside the period
    ];
    const r = await importPoliceFeed(h.db, v('police'), { name: 'f.json', bytes: new TextEncoder().encode(JSON.stringify(events)) }, { dryRun: false });
    expect(r.added).toBe(5);
  }, 180_000);

  it('counts the period per type and per local day, lists newest first with links to polisen.se', async () => {
    const dto = (await getPoliceFeedPanel(h.db, v('police'), { from: '2025-03-30', to: '2025-04-05' }))!;
    expect(dto.total).toBe(4);
    expect(dto.byType).toEqual([
      { type: 'Misshandel', categoryKey: 'assault', count: 2 },
      { type: 'Stöld', categoryKey: 'theft', count: 1 },
      { type: 'Våldtäkt', categoryKey: 'rape', count: 1 },
    ]);
    expect(dto.timeline.unit).toBe('day');
    expect(dto.timeline.buckets.filter((b) => b.count > 0)).toEqual([
      { start: '2025-03-30', count: 1 },
      { start: '2025-03-31', count: 2 },
      { start: '2025-04-02', count: 1 },
    ]);
    expect(dto.events.map((e) => e.feedId)).toEqual(['4', '3', '2', '1']);
    expect(dto.events[0]).toMatchObject({ type: 'Våldtäkt', place: 'Värnamo', link: 'https://polisen.se/aktuellt/handelser/4/', ownLink: true });
    expect(dto.events[1]).toMatchObject({ link: 'https://polisen.se/aktuellt/handelser/', ownLink: false });
    expect(JSON.stringify(dto)).not.toMatch(/57\.18|14\.04/);
    const audit = await h.db.selectFrom('audit_event').selectAll().where('municipality_code', '=', code).orderBy('id', 'desc').limit(1).executeTakeFirstOrThrow();
    expect(audit).toMatchObject({ action: 'read', resource: 'police_feed', actor: 'police@panel.test', result_count: 4 });
  });

  it('a partner does not get sensitive types; council and admin get nothing', async () => {
    const partner = (await getPoliceFeedPanel(h.db, v('partner'), { from: '2025-03-30', to: '2025-04-05' }))!;
    expect(partner.total).toBe(3);
    expect(partner.events.map((e) => e.type)).not.toContain('Våldtäkt');
    expect(await getPoliceFeedPanel(h.db, v('council'), { from: '2025-03-30', to: '2025-04-05' })).toBeNull();
    expect(await getPoliceFeedPanel(h.db, v('admin'), { from: '2025-03-30', to: '2025-04-05' })).toBeNull();
  });
});
