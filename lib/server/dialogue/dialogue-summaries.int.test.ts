// Dialogue summaries on a real database (both backends): attached to an area and an EST meeting,
// listed for the area's panel and the meeting, corrected later, for the EST group only, every read,
// addition and correction audited.
import { sql } from 'kysely';
import { beforeAll, describe, expect, it } from 'vitest';
import { ZodError } from 'zod';
import type { DatabaseHandle } from '@/db/client';
import { createArea } from '@/db/queries/entities/area';
import { InvalidReferenceError } from '@/db/queries/entities/errors';
import { createEstMeeting } from '@/db/queries/entities/est-meeting';
import type { Role } from '@/lib/schemas/auth';
import { HttpError } from '@/lib/server/auth/errors';
import type { Viewer } from '@/lib/server/permissions/viewer';
import { createTestMunicipality, getTestDatabase } from '@/lib/testing/test-database';
import { filtersSchema } from '@/lib/schemas/map-filters';
import { computeAreaPanel } from '@/lib/server/situation/get-area-panel';
import { addDialogueSummary, dialogueFormChoices, editDialogueSummary, getDialogueSummaryToEdit, listAreaDialogueSummaries, listMeetingDialogueSummaries } from './dialogue-summaries';

let h: DatabaseHandle;

beforeAll(async () => {
  h = await getTestDatabase();
});

function viewer(code: string, role: Role): Viewer {
  return { userId: `u-${role}`, actor: `${role}@dialogue.test`, municipalityCode: code, held: [{ role, organisationId: null }], meetingMode: false };
}

const square = (lon: number, lat: number) => ({ type: 'Polygon' as const, coordinates: [[[lon, lat], [lon + 0.01, lat], [lon + 0.01, lat + 0.01], [lon, lat + 0.01], [lon, lat]] as [number, number][]] });

async function setUp(name: string) {
  const code = await createTestMunicipality(h, name);
  const area = await createArea(h.db, code, { kind: 'district', name: 'Rydaholm', geom: square(14.3, 57.0) });
  const other = await createArea(h.db, code, { kind: 'district', name: 'Bor', geom: square(14.2, 57.1) });
  const meeting = await createEstMeeting(h.db, code, { held_on: '2025-10-14', kind: 'analysis' });
  return { code, area, other, meeting };
}

const input = (areaId: string, meetingId: string | null) => ({
  area_id: areaId,
  est_meeting_id: meetingId,
  kind: 'focus_group',
  held_on: '2025-10-02',
  title: 'Fokusgrupp med unga på fritidsgården',
  summary: 'Otrygt vid busshållplatsen efter 21; belysningen i gångtunneln är trasig.',
  participants: 9,
  source: 'Fältgruppen',
});

async function audits(code: string) {
  return h.db.selectFrom('audit_event').select(['action', 'resource', 'actor', 'result_count', 'details']).where('municipality_code', '=', code).orderBy('id').execute();
}

describe('dialogue summaries', () => {
  it('a security coordinator attaches a summary to an area and a meeting; both lists show it, every step audited', async () => {
    const m = await setUp('Dialogkommun A');
    const coordinator = viewer(m.code, 'municipality');
    const created = await addDialogueSummary(h.db, coordinator, input(m.area.id, m.meeting.id));
    expect(created).toMatchObject({ area_id: m.area.id, est_meeting_id: m.meeting.id, kind: 'focus_group', held_on: '2025-10-02', participants: 9, source: 'Fältgruppen', created_by: 'municipality@dialogue.test' });
    await addDialogueSummary(h.db, viewer(m.code, 'police'), { ...input(m.other.id, null), kind: 'digital_safety_walk', title: 'Digital trygghetsvandring', participants: null, source: '' });

    const ofArea = await listAreaDialogueSummaries(h.db, viewer(m.code, 'police'), m.area.id);
    expect(ofArea?.map((r) => [r.title, r.area_name, r.meeting_held_on])).toEqual([['Fokusgrupp med unga på fritidsgården', 'Rydaholm', '2025-10-14']]);
    const ofOther = await listAreaDialogueSummaries(h.db, coordinator, m.other.id);
    expect(ofOther?.map((r) => [r.kind, r.participants, r.source, r.est_meeting_id])).toEqual([['digital_safety_walk', null, null, null]]);
    const byMeeting = await listMeetingDialogueSummaries(h.db, coordinator, [m.meeting.id]);
    expect([...byMeeting.keys()]).toEqual([m.meeting.id]);
    expect(byMeeting.get(m.meeting.id)!.map((r) => r.id)).toEqual([created.id]);

    const log = await audits(m.code);
    expect(log.filter((e) => e.resource === 'dialogue_summary').map((e) => [e.action, e.actor, e.result_count])).toEqual([
      ['create', 'municipality@dialogue.test', 1],
      ['create', 'police@dialogue.test', 1],
      ['read', 'police@dialogue.test', 1],
      ['read', 'municipality@dialogue.test', 1],
      ['read', 'municipality@dialogue.test', 1],
    ]);
  });

  it('council, partner and admin neither add nor read them; each refusal is audited and nothing is stored', async () => {
    const m = await setUp('Dialogkommun B');
    await addDialogueSummary(h.db, viewer(m.code, 'municipality'), input(m.area.id, m.meeting.id));
    for (const role of ['council', 'partner', 'admin'] as const) {
      await expect(addDialogueSummary(h.db, viewer(m.code, role), input(m.area.id, null))).rejects.toSatisfy((e) => e instanceof HttpError && e.status === 403);
      expect(await listAreaDialogueSummaries(h.db, viewer(m.code, role), m.area.id)).toBeNull();
      expect((await listMeetingDialogueSummaries(h.db, viewer(m.code, role), [m.meeting.id])).size).toBe(0);
      expect(await dialogueFormChoices(h.db, viewer(m.code, role))).toBeNull();
    }
    const n = await h.db.selectFrom('dialogue_summary').select(sql<number>`count(*)::int`.as('n')).where('municipality_code', '=', m.code).executeTakeFirstOrThrow();
    expect(Number(n.n)).toBe(1);
    const denied = (await audits(m.code)).filter((e) => e.action === 'denied');
    expect(denied.map((e) => [e.actor, e.resource])).toEqual([
      ['council@dialogue.test', 'dialogue_summary'],
      ['partner@dialogue.test', 'dialogue_summary'],
      ['admin@dialogue.test', 'dialogue_summary'],
    ]);
  });

  it('refuses an area or meeting of another municipality and bad fields by name, storing nothing', async () => {
    const m = await setUp('Dialogkommun C');
    const elsewhere = await setUp('Dialogkommun D');
    const v = viewer(m.code, 'police');
    await expect(addDialogueSummary(h.db, v, input(elsewhere.area.id, null))).rejects.toBeInstanceOf(InvalidReferenceError);
    await expect(addDialogueSummary(h.db, v, input(m.area.id, elsewhere.meeting.id))).rejects.toThrow(/est_meeting_id/);
    const bad = await addDialogueSummary(h.db, v, { ...input(m.area.id, null), summary: '  ', kind: 'picnic', participants: -1, held_on: '2025-13-01' }).catch((e: unknown) => e);
    expect(bad).toBeInstanceOf(ZodError);
    expect((bad as ZodError).issues.map((i) => i.path[0]).sort()).toEqual(['held_on', 'kind', 'participants', 'summary']);
    const n = await h.db.selectFrom('dialogue_summary').select(sql<number>`count(*)::int`.as('n')).where('municipality_code', '=', m.code).executeTakeFirstOrThrow();
    expect(Number(n.n)).toBe(0);
    expect((await audits(m.code)).filter((e) => e.resource === 'dialogue_summary' && e.action === 'create')).toEqual([]);
  });

  it('the form offers the municipality’s areas and meetings; a deleted meeting leaves the summary on its area', async () => {
    const m = await setUp('Dialogkommun E');
    const choices = await dialogueFormChoices(h.db, viewer(m.code, 'municipality'));
    expect(choices?.areas.map((a) => a.name)).toEqual(['Bor', 'Rydaholm']);
    expect(choices?.meetings.map((x) => x.id)).toEqual([m.meeting.id]);
    const created = await addDialogueSummary(h.db, viewer(m.code, 'municipality'), input(m.area.id, m.meeting.id));
    await h.db.deleteFrom('est_meeting').where('id', '=', m.meeting.id).execute();
    const rows = await listAreaDialogueSummaries(h.db, viewer(m.code, 'municipality'), m.area.id);
    expect(rows?.map((r) => [r.id, r.est_meeting_id, r.meeting_held_on])).toEqual([[created.id, null, null]]);
  });

  it('the map’s area panel carries them for police and municipality, not for partner or council', async () => {
    const m = await setUp('Dialogkommun F');
    const org = (await h.db.insertInto('organisation').values({ municipality_code: m.code, name: 'Bostadsbolaget', kind: 'housing' }).returning('id').executeTakeFirstOrThrow()).id;
    await addDialogueSummary(h.db, viewer(m.code, 'municipality'), input(m.area.id, m.meeting.id));
    const filters = filtersSchema.parse({ municipality: m.code, from: '2025-01-01', to: '2025-12-31' });
    const now = new Date('2025-12-31T12:00:00Z');
    for (const role of ['police', 'municipality'] as const) {
      const dto = await computeAreaPanel(h.db, viewer(m.code, role), m.area.id, filters, now);
      expect(dto.dialogues?.map((d) => [d.title, d.kind, d.participants, d.meetingHeldOn])).toEqual([['Fokusgrupp med unga på fritidsgården', 'focus_group', 9, '2025-10-14']]);
    }
    const partner: Viewer = { ...viewer(m.code, 'partner'), held: [{ role: 'partner', organisationId: org }] };
    expect((await computeAreaPanel(h.db, partner, m.area.id, filters, now)).dialogues).toBeUndefined();
    expect((await computeAreaPanel(h.db, viewer(m.code, 'council'), m.area.id, filters, now)).dialogues).toBeUndefined();
  });
});

describe('correcting a dialogue summary', () => {
  const row = (code: string, id: string) =>
    h.db.selectFrom('dialogue_summary').selectAll().where('municipality_code', '=', code).where('id', '=', id).executeTakeFirstOrThrow();

  it('police correct what the municipality wrote: every field changes, author kept, audited as one update naming the fields', async () => {
    const m = await setUp('Dialogkommun G');
    const created = await addDialogueSummary(h.db, viewer(m.code, 'municipality'), input(m.area.id, m.meeting.id));
    const edited = await editDialogueSummary(h.db, viewer(m.code, 'police'), created.id, {
      ...input(m.other.id, null),
      title: 'Fokusgrupp med unga, Bor',
      summary: 'Rättat: belysningen vid busshållplatsen, inte i gångtunneln.',
      participants: null,
    });
    expect(edited).toMatchObject({ id: created.id, area_id: m.other.id, est_meeting_id: null, title: 'Fokusgrupp med unga, Bor', participants: null, created_by: 'municipality@dialogue.test' });
    const stored = await row(m.code, created.id);
    expect([stored.area_id, stored.est_meeting_id, stored.summary, stored.participants]).toEqual([m.other.id, null, 'Rättat: belysningen vid busshållplatsen, inte i gångtunneln.', null]);
    // The area's panel lists it under its new area only.
    expect(await listAreaDialogueSummaries(h.db, viewer(m.code, 'police'), m.area.id)).toEqual([]);
    const updates = (await audits(m.code)).filter((e) => e.resource === 'dialogue_summary' && e.action === 'update');
    expect(updates.map((e) => [e.actor, e.result_count])).toEqual([['police@dialogue.test', 1]]);
    const details = updates[0].details as { changed: string[] };
    expect(details.changed).toEqual(['area_id', 'est_meeting_id', 'title', 'summary', 'participants']);
    // No free text in the log: only field names and ids.
    expect(JSON.stringify(updates[0].details)).not.toContain('belysningen');
  });

  it('council, partner and admin may not correct one; each refusal is audited and the row is unchanged', async () => {
    const m = await setUp('Dialogkommun H');
    const created = await addDialogueSummary(h.db, viewer(m.code, 'police'), input(m.area.id, null));
    for (const role of ['council', 'partner', 'admin'] as const) {
      await expect(editDialogueSummary(h.db, viewer(m.code, role), created.id, { ...input(m.area.id, null), title: 'Ändrad' })).rejects.toSatisfy((e) => e instanceof HttpError && e.status === 403);
      expect(await getDialogueSummaryToEdit(h.db, viewer(m.code, role), created.id)).toBeNull();
    }
    expect((await row(m.code, created.id)).title).toBe('Fokusgrupp med unga på fritidsgården');
    const log = (await audits(m.code)).filter((e) => e.resource === 'dialogue_summary');
    expect(log.filter((e) => e.action === 'denied').map((e) => e.actor)).toEqual([
      'council@dialogue.test',
      'council@dialogue.test',
      'partner@dialogue.test',
      'partner@dialogue.test',
      'admin@dialogue.test',
      'admin@dialogue.test',
    ]);
    expect(log.filter((e) => e.action === 'update')).toEqual([]);
  });

  it('bad fields and an area of another municipality are refused by name; nothing changes and nothing is logged as an update', async () => {
    const m = await setUp('Dialogkommun I');
    const elsewhere = await setUp('Dialogkommun J');
    const v = viewer(m.code, 'municipality');
    const created = await addDialogueSummary(h.db, v, input(m.area.id, m.meeting.id));
    const bad = await editDialogueSummary(h.db, v, created.id, { ...input(m.area.id, null), title: ' ', participants: 2.5 }).catch((e: unknown) => e);
    expect(bad).toBeInstanceOf(ZodError);
    expect((bad as ZodError).issues.map((i) => i.path[0]).sort()).toEqual(['participants', 'title']);
    const foreign = await editDialogueSummary(h.db, v, created.id, { ...input(elsewhere.area.id, null), title: 'Flyttad' }).catch((e: unknown) => e);
    expect(foreign).toBeInstanceOf(InvalidReferenceError);
    expect((foreign as InvalidReferenceError).field).toBe('area_id');
    const stored = await row(m.code, created.id);
    expect([stored.area_id, stored.est_meeting_id, stored.title, stored.participants]).toEqual([m.area.id, m.meeting.id, 'Fokusgrupp med unga på fritidsgården', 9]);
    expect((await audits(m.code)).filter((e) => e.action === 'update')).toEqual([]);
  });

  it("another municipality's summary is not found for them, and stays as it was", async () => {
    const m = await setUp('Dialogkommun K');
    const other = await setUp('Dialogkommun L');
    const created = await addDialogueSummary(h.db, viewer(m.code, 'police'), input(m.area.id, null));
    await expect(editDialogueSummary(h.db, viewer(other.code, 'police'), created.id, input(other.area.id, null))).rejects.toSatisfy((e) => e instanceof HttpError && e.status === 404);
    await expect(editDialogueSummary(h.db, viewer(m.code, 'police'), 'not-an-id', input(m.area.id, null))).rejects.toSatisfy((e) => e instanceof HttpError && e.status === 404);
    expect(await getDialogueSummaryToEdit(h.db, viewer(other.code, 'police'), created.id)).toBeNull();
    expect((await row(m.code, created.id)).area_id).toBe(m.area.id);
  });

  it('the audit event and the change commit together: a failing audit write leaves the summary unchanged', async () => {
    const m = await setUp('Dialogkommun M');
    const created = await addDialogueSummary(h.db, viewer(m.code, 'police'), input(m.area.id, null));
    // An actor the audit log refuses (empty) makes the audit insert fail inside the transaction.
    const broken: Viewer = { ...viewer(m.code, 'police'), actor: '' };
    await expect(editDialogueSummary(h.db, broken, created.id, { ...input(m.area.id, null), title: 'Ska inte sparas' })).rejects.toThrow();
    expect((await row(m.code, created.id)).title).toBe('Fokusgrupp med unga på fritidsgården');
  });
});
