// The public home page's data: only published snapshots and moderated public fields, whatever else the
// municipality's tables hold.
import { sql } from 'kysely';
import { beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '@/db/client';
import { createActivity } from '@/db/queries/entities/activity';
import { createFocusArea } from '@/db/queries/entities/focus-area';
import { createFollowUp } from '@/db/queries/entities/follow-up';
import { createOrganisation } from '@/db/queries/entities/organisation';
import { createPledge } from '@/db/queries/entities/pledge';
import { createSurveyIndicator } from '@/db/queries/entities/survey-indicator';
import { publishQuarter } from '@/lib/server/disclosure/publish-quarter';
import { createTestMunicipality, getTestDatabase, testBackend } from '@/lib/testing/test-database';
import { loadPublicHome } from './get-public-home';

const NOW = new Date('2026-11-25T12:00:00Z');
const WEST = { lon0: 14.0, lat0: 57.17, lon1: 14.02, lat1: 57.19 };
const EAST = { lon0: 14.02, lat0: 57.17, lon1: 14.04, lat1: 57.19 };
const SECRET_NOTE = 'Intern anteckning: spaning vid gården torsdagar';
const SECRET_BODY = 'Löftets interna utkast med namn på handläggare';

describe(`the public home page's data on ${testBackend()}`, () => {
  let h: DatabaseHandle;
  let code: string;
  let focusId: string;

  beforeAll(async () => {
    h = await getTestDatabase();
    code = await createTestMunicipality(h, 'Publik');
    const district = async (name: string, b: typeof WEST) =>
      (
        await h.db
          .insertInto('area')
          .values({ municipality_code: code, kind: 'district', name, geom: sql`ST_Multi(ST_MakeEnvelope(${b.lon0}, ${b.lat0}, ${b.lon1}, ${b.lat1}, 4326))` })
          .returning('id')
          .executeTakeFirstOrThrow()
      ).id;
    const west = await district('Väster', WEST);
    await district('Öster', EAST);
    // Six thefts at six places in the west (published), two in the east (suppressed), in 2026-Q3.
    const points = [...Array.from({ length: 6 }, (_, i) => [WEST.lon0 + 0.002 + i * 0.001, 57.172]), [EAST.lon0 + 0.003, 57.172], [EAST.lon0 + 0.005, 57.172]];
    await h.db
      .insertInto('incident')
      .values(points.map(([lon, lat], i) => ({ municipality_code: code, category_key: 'theft', occurred_at: '2026-08-12T10:00:00Z', geom: sql`ST_SetSRID(ST_MakePoint(${lon}, ${lat}), 4326)`, source: 'police', external_id: `pub-${i}`, description: 'Fritext ur anmälan' })))
      .execute();
    await publishQuarter(h.db, { municipalityCode: code, audience: 'public', quarter: '2026-Q3', now: NOW, createdBy: 'test' });
    // An incident after publication never moves a published figure.
    await h.db.insertInto('incident').values({ municipality_code: code, category_key: 'theft', occurred_at: '2026-08-13T10:00:00Z', geom: sql`ST_SetSRID(ST_MakePoint(14.005, 57.175), 4326)`, source: 'police', external_id: 'pub-late' }).execute();

    const org = await createOrganisation(h.db, code, { name: 'Kommunen', kind: 'municipality' });
    const focus = await createFocusArea(h.db, code, {
      name: 'Torget',
      geom: { type: 'Polygon', coordinates: [[[14.001, 57.171], [14.01, 57.171], [14.01, 57.18], [14.001, 57.18], [14.001, 57.171]]] },
      period_from: '2026-01-01',
      period_to: '2026-12-31',
      rationale: 'Hotspot enligt analys 12 (intern)',
      public_summary: 'Torget och gångvägarna runt det.',
    });
    focusId = focus.id;
    // The moderation step (migration 20261128T0500): only an approved focus-area name and summary are public.
    await h.db.updateTable('focus_area').set({ public_summary_approved: true }).where('id', '=', focus.id).execute();
    const pledge = await createPledge(h.db, code, { year: 2026, title: 'Tryggare torg', body: SECRET_BODY, public_summary: 'Bättre belysning och fler vuxna på kvällarna.', focus_area_ids: [focus.id], partner_org_ids: [] });
    // The moderation step (migration 20261128T0400): only an approved pledge text is public.
    await h.db.updateTable('pledge').set({ public_summary_approved: true }).where('id', '=', pledge.id).execute();
    await createPledge(h.db, code, { year: 2026, title: 'Ej granskat löfte', body: SECRET_BODY, public_summary: 'Ogranskad löftestext', focus_area_ids: [focus.id], partner_org_ids: [] });
    const approved = await createActivity(h.db, code, { pledge_id: pledge.id, title: 'Ny belysning', owner_org_id: org.id, starts_on: '2026-03-01', ends_on: '2026-06-30', status: 'done', internal_notes: SECRET_NOTE, public_summary: 'Tolv nya lampor längs gångvägen.' });
    await h.db.updateTable('activity').set({ public_summary_approved: true }).where('id', '=', approved.id).execute();
    await createActivity(h.db, code, { pledge_id: pledge.id, title: 'Ej granskad aktivitet', owner_org_id: org.id, starts_on: '2026-03-01', status: 'ongoing', public_summary: 'Utkast som inte är godkänt' });
    await createFollowUp(h.db, code, { activity_id: approved.id, quarter: '2026-Q2', status: 'done', note: 'Uppföljningens interna not' });
    await createSurveyIndicator(h.db, code, { area_id: west, year: 2025, indicator: 'otrygg_kvall', value: 21.5, published: true });
    await createSurveyIndicator(h.db, code, { area_id: west, year: 2026, indicator: 'otrygg_kvall', value: 99, published: false });
  });

  it('shows the pledge and only the activity whose public summary is approved, with its latest follow-up status', async () => {
    const home = await loadPublicHome(h.db, { municipalityCode: code, now: NOW });
    expect(home.year).toBe(2026);
    expect(home.pledges.map((p) => p.title)).toEqual(['Tryggare torg']);
    expect(home.activities.map((a) => a.title)).toEqual(['Ny belysning']);
    expect(home.activities[0].followUp).toEqual({ quarter: '2026-Q2', status: 'done' });
    expect(home.focusAreas.map((f) => [f.name, f.activityIds.length])).toEqual([['Torget', 1]]);
  });

  it('carries no internal text, body, rationale or follow-up note', async () => {
    const text = JSON.stringify(await loadPublicHome(h.db, { municipalityCode: code, now: NOW }));
    for (const secret of [SECRET_NOTE, SECRET_BODY, 'Hotspot enligt analys 12', 'Uppföljningens interna not', 'Utkast som inte är godkänt', 'Fritext ur anmälan', 'Ej granskat löfte', 'Ogranskad löftestext']) expect(text).not.toContain(secret);
  });

  it('gives the published figures frozen at publication, suppressed cells without a count', async () => {
    const home = await loadPublicHome(h.db, { municipalityCode: code, now: NOW });
    expect(home.quarters.map((q) => [q.quarter, q.version])).toEqual([['2026-Q3', 1]]);
    const theft = (area: string) => home.quarters[0].cells.find((c) => c.areaName === area && c.group === 'property');
    expect(theft('Väster')?.count).toBe(6);
    expect(theft('Öster')?.count).toBeNull();
    for (const c of home.quarters[0].cells) expect(c.count === null || c.count >= home.quarters[0].k).toBe(true);
  });

  it("makes the focus area's trend from the published cells it overlaps", async () => {
    const home = await loadPublicHome(h.db, { municipalityCode: code, now: NOW });
    const trend = home.focusAreas.find((f) => f.id === focusId)!.trend;
    expect(trend).toHaveLength(1);
    expect(trend[0]).toMatchObject({ quarter: '2026-Q3', count: 6, atLeast: true });
    expect(trend[0].parts.every((p) => p.startsWith('2026-Q3|district|'))).toBe(true);
  });

  it('shows only survey results marked published', async () => {
    const home = await loadPublicHome(h.db, { municipalityCode: code, now: NOW });
    expect(home.surveys).toEqual([expect.objectContaining({ indicator: 'otrygg_kvall', areaName: 'Väster', values: [{ year: 2025, value: 21.5 }] })]);
  });
});
