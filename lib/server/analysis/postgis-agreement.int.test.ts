// The pure DBSCAN and hexagon numbering agree with PostGIS (ST_ClusterDBSCAN, ST_HexagonGrid) on the
// database the app runs on, PGlite + PostGIS or PostgreSQL + PostGIS, with real point data.
import { readFileSync } from 'node:fs';
import { sql } from 'kysely';
import { beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '@/db/client';
import { dbscan } from '@/lib/analysis/dbscan';
import { parseCsv } from '@/lib/cli/hotspots';
import { getHexGridRange, listHexCells } from '@/lib/geo/hex';
import { getTestDatabase, testBackend } from '@/lib/testing/test-database';

function readPoints(file: string, xCol: string, yCol: string) {
  const t = parseCsv(readFileSync(new URL(`../../../../shared/data/${file}`, import.meta.url), 'utf8'));
  const xi = t.header.indexOf(xCol);
  const yi = t.header.indexOf(yCol);
  return { x: Float64Array.from(t.rows, (r) => Number(r[xi])), y: Float64Array.from(t.rows, (r) => Number(r[yi])) };
}

/** Each selected point mapped to the first selected index of its cluster: equal arrays = equal partitions. */
function partition(labels: (number | null)[], keep: (i: number) => boolean): number[] {
  const first = new Map<number | null, number>();
  const out: number[] = [];
  labels.forEach((l, i) => {
    if (!keep(i)) return;
    if (!first.has(l)) first.set(l, i);
    out.push(first.get(l) as number);
  });
  return out;
}

describe(`pure analysis against PostGIS on ${testBackend()}`, () => {
  let h: DatabaseHandle;

  beforeAll(async () => {
    h = await getTestDatabase();
  });

  async function postgisDbscan(x: Float64Array, y: Float64Array, eps: number, minPoints: number): Promise<(number | null)[]> {
    const r = await sql<{ k: number; cluster: number | null }>`
      select k::int as k, ST_ClusterDBSCAN(ST_MakePoint(x, y), ${eps}::float8, ${minPoints}::int) over () as cluster
      from unnest(${Array.from(x)}::float8[], ${Array.from(y)}::float8[]) with ordinality as p(x, y, k)
      order by k`.execute(h.db);
    return r.rows.map((row) => row.cluster);
  }

  it.each([
    ['Chicago crimes, eps 90 ft, minPts 4', 'chicago_crimes_spatstat.csv', 'x_ft', 'y_ft', 90, 4],
    ['Swedish police events, eps 20 km, minPts 40', 'polisen_crime_sweden_2023-04_2025-03.csv', 'x_3006', 'y_3006', 20000, 40],
  ] as const)('DBSCAN on %s has the same core partition and noise as ST_ClusterDBSCAN', async (_name, file, xc, yc, eps, minPoints) => {
    const { x, y } = readPoints(file, xc, yc);
    const ours = dbscan(x, y, { eps, minPoints });
    const theirs = await postgisDbscan(x, y, eps, minPoints);
    const isCore = (i: number) => ours.core[i] === 1;
    expect(partition(Array.from(ours.labels), isCore)).toEqual(partition(theirs, isCore));
    expect(Array.from(ours.labels, (l) => l < 0)).toEqual(theirs.map((c) => c === null));
  });

  it('numbers hexagons for a bounding box exactly as ST_HexagonGrid', async () => {
    const box = [433012.5, 6340007.25, 452990, 6361020] as const;
    const r = await sql<{ i: number; j: number }>`
      select i, j from ST_HexagonGrid(250, ST_MakeEnvelope(${box[0]}, ${box[1]}, ${box[2]}, ${box[3]}, 3006))`.execute(h.db);
    const ours = listHexCells(getHexGridRange(box[0], box[1], box[2], box[3], 250));
    expect(r.rows.map((c) => [c.i, c.j])).toEqual(ours.map((c) => [c.i, c.j]));
  });
});
