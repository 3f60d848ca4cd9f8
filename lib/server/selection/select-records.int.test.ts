import { sql } from 'kysely';
import { beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '@/db/client';
import { filtersSchema } from '@/lib/schemas/map-filters';
import { selectionRequestSchema, type SelectionRequest } from '@/lib/schemas/selection';
import type { Viewer } from '@/lib/server/permissions/viewer';
import { createTestMunicipality, getTestDatabase, testBackend } from '@/lib/testing/test-database';
import { selectionToCsv } from './export-selection';
import { toSelectionDto } from './get-selection';
import { selectRecords } from './select-records';

// A 0.01° square around (14.05, 57.18); "empty" is a square of the same size further east.
const square = (lon: number, lat: number, d = 0.005): [number, number][] => [
  [lon - d, lat - d],
  [lon + d, lat - d],
  [lon + d, lat + d],
  [lon - d, lat + d],
];

describe(`lasso selection on ${testBackend()}`, () => {
  let h: DatabaseHandle;
  let code: string;
  let police: Viewer;
  let partner: Viewer;
  let policeOrg: string;
  const inside: string[] = [];
  let eastOfSquare: string;

  const point = (lon: number, lat: number) => sql`ST_SetSRID(ST_MakePoint(${lon}, ${lat}), 4326)`;
  const incident = async (o: { lon: number; lat: number; at?: string; category?: string; visibility?: string; org?: string | null; description?: string }) => {
    const row = await h.db
      .insertInto('incident')
      .values({
        municipality_code: code,
        category_key: o.category ?? 'theft',
        occurred_at: o.at ?? '2025-05-10T12:00:00Z',
        geom: point(o.lon, o.lat),
        source: 'police',
        visibility: o.visibility ?? 'joint',
        origin_org_id: o.org ?? null,
        description: o.description ?? null,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    return row.id;
  };
  const request = (ring: [number, number][], filters: Record<string, string> = {}): SelectionRequest =>
    selectionRequestSchema.parse({ polygon: { type: 'Polygon', coordinates: [ring] }, filters: { municipality: code, from: '2025-01-01', to: '2025-12-31', ...filters } });

  beforeAll(async () => {
    h = await getTestDatabase();
    code = await createTestMunicipality(h);
    const orgs = await h.db
      .insertInto('organisation')
      .values([
        { municipality_code: code, name: 'Polisen', kind: 'police' },
        { municipality_code: code, name: 'Bostadsbolaget', kind: 'housing' },
      ])
      .returning('id')
      .execute();
    policeOrg = orgs[0].id;
    police = { userId: null, actor: 'police@test', municipalityCode: code, held: [{ role: 'police', organisationId: policeOrg }], meetingMode: false };
    partner = { userId: null, actor: 'partner@test', municipalityCode: code, held: [{ role: 'partner', organisationId: orgs[1].id }], meetingMode: false };
    // Inside the square, within the filter.
    inside.push(await incident({ lon: 14.051, lat: 57.181, description: '=HYPERLINK("http://x")' }));
    inside.push(await incident({ lon: 14.049, lat: 57.179, category: 'vandalism' }));
    // Inside, but outside the period, or of a category filtered away below.
    await incident({ lon: 14.05, lat: 57.18, at: '2024-05-10T12:00:00Z' });
    // Just outside the square.
    eastOfSquare = await incident({ lon: 14.0556, lat: 57.18 });
    // The police's own restricted records, in a spot of their own further north: all the partner may not see.
    await incident({ lon: 14.05, lat: 57.2, visibility: 'restricted', org: policeOrg });
    await incident({ lon: 14.051, lat: 57.201, visibility: 'joint', org: policeOrg });
    await h.db
      .insertInto('unsafe_place')
      .values([
        { municipality_code: code, title: 'Mörk gångtunnel', source: 'staff', geom: point(14.05, 57.18), reported_at: '2025-02-01T10:00:00Z' },
        { municipality_code: code, title: 'Polisens plats', source: 'staff', visibility: 'joint', origin_org_id: policeOrg, geom: point(14.05, 57.2), reported_at: '2025-02-01T10:00:00Z' },
      ])
      .execute();
    await h.db
      .insertInto('vandalism_report')
      .values([{ municipality_code: code, kind: 'graffiti', visibility: 'restricted', origin_org_id: policeOrg, reported_at: '2025-03-01T10:00:00Z', geom: point(14.0505, 57.2005) }])
      .execute();
  }, 180_000);

  it('returns exactly the records inside the polygon under the filters', async () => {
    const rows = await selectRecords(h.db, police, request(square(14.05, 57.18)), { limit: 100, action: 'read' });
    expect(rows.incidents!.map((r) => r.id).sort()).toEqual([...inside].sort());
    expect(rows.unsafePlaces!.map((r) => r.title)).toEqual(['Mörk gångtunnel']);
    expect(rows.vandalism).toEqual([]);
    expect(rows.counts).toEqual({ incidents: 2, unsafePlaces: 1, vandalism: 0 });
    expect(rows.byCategory).toEqual([
      { key: 'theft', count: 1 },
      { key: 'vandalism', count: 1 },
    ]);
    const theftOnly = await selectRecords(h.db, police, request(square(14.05, 57.18), { categories: 'theft', layers: 'incidents' }), { limit: 100, action: 'read' });
    expect(theftOnly.incidents!.map((r) => r.id)).toEqual([inside[0]]);
    expect(theftOnly.unsafePlaces).toBeNull();
  });

  it('a list limit cuts the list but never the counts', async () => {
    const dto = toSelectionDto(await selectRecords(h.db, police, request(square(14.05, 57.18)), { limit: 1, action: 'read' }), true);
    expect(dto.counts.incidents).toBe(2);
    expect(dto.records.filter((r) => r.kind === 'incident')).toHaveLength(1);
    expect(dto.truncated).toBe(true);
  });

  it("a partner's lasso over a spot holding only police records answers exactly as an empty spot", async () => {
    const overPolice = await selectRecords(h.db, partner, request(square(14.05, 57.2)), { limit: 100, action: 'read' });
    const overNothing = await selectRecords(h.db, partner, request(square(14.3, 57.3)), { limit: 100, action: 'read' });
    expect(toSelectionDto(overPolice, false)).toEqual(toSelectionDto(overNothing, false));
    expect(overPolice.counts).toEqual({ incidents: 0, unsafePlaces: 0, vandalism: 0 });
    // The police themselves see their records there: the spot is not empty.
    const asPolice = await selectRecords(h.db, police, request(square(14.05, 57.2)), { limit: 100, action: 'read' });
    expect(asPolice.counts).toEqual({ incidents: 2, unsafePlaces: 1, vandalism: 1 });
  });

  it('meeting mode keeps the police to joint records inside the polygon', async () => {
    const rows = await selectRecords(h.db, { ...police, meetingMode: true }, request(square(14.05, 57.2)), { limit: 100, action: 'read' });
    expect(rows.counts).toEqual({ incidents: 1, unsafePlaces: 1, vandalism: 0 });
  });

  it('a self-crossing lasso (a bow tie) selects what lies inside its two loops', async () => {
    const bowTie: [number, number][] = [
      [14.04, 57.175],
      [14.06, 57.185],
      [14.06, 57.175],
      [14.04, 57.185],
    ];
    const rows = await selectRecords(h.db, police, request(bowTie, { layers: 'incidents' }), { limit: 100, action: 'read' });
    // The loops are thin near the crossing at (14.05, 57.18): only the point east of the square lies in one.
    expect(rows.incidents!.map((r) => r.id)).toEqual([eastOfSquare]);
  });

  it('the CSV export neutralises a formula in a free-text cell', async () => {
    const csv = selectionToCsv(await selectRecords(h.db, police, request(square(14.05, 57.18), { layers: 'incidents' }), { limit: 100, action: 'export' }));
    const lines = csv.trim().split('\r\n');
    expect(lines).toHaveLength(3);
    expect(csv).toContain(`"'=HYPERLINK(""http://x"")"`);
    expect(filtersSchema.safeParse({ municipality: code }).success).toBe(true);
  });
});
