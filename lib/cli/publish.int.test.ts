import { sql } from 'kysely';
import { beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '@/db/client';
import { publishArgsSchema } from '@/lib/schemas/publish-cli';
import { createTestMunicipality, getTestDatabase, testBackend } from '@/lib/testing/test-database';
import { executePublishCommand } from './publish';

const NOW = new Date('2026-11-25T12:00:00Z');

describe(`lagesbild publish on ${testBackend()}`, () => {
  let h: DatabaseHandle;

  beforeAll(async () => {
    h = await getTestDatabase();
  });

  async function municipality(): Promise<string> {
    const code = await createTestMunicipality(h, 'Publicering');
    await h.db
      .insertInto('area')
      .values({ municipality_code: code, kind: 'district', name: 'Centrum', geom: sql`ST_Multi(ST_MakeEnvelope(14.0, 57.17, 14.03, 57.19, 4326))` })
      .execute();
    await h.db
      .insertInto('incident')
      .values(
        Array.from({ length: 8 }, (_, i) => ({
          municipality_code: code,
          category_key: i < 6 ? 'theft' : 'assault',
          occurred_at: '2026-08-01T10:00:00Z',
          geom: sql`ST_SetSRID(ST_MakePoint(${14.005 + i * 0.002}, 57.18), 4326)`,
          source: 'police',
          external_id: `cli-${i}`,
        })),
      )
      .execute();
    return code;
  }

  async function run(args: Record<string, string | boolean>) {
    let out = '';
    let err = '';
    const code = await executePublishCommand(h, publishArgsSchema.parse(args), { stdout: (s) => (out += s), stderr: (s) => (err += s) }, NOW);
    return { code, out, err };
  }

  it('prints how many cells were published and suppressed', async () => {
    const m = await municipality();
    const r = await run({ quarter: '2026-Q3', municipality: m });
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/Published 2026-Q3 v1 for public .*: 1 cells published, 6 suppressed/);
  });

  it('exits 1 for the open quarter', async () => {
    const m = await municipality();
    const r = await run({ quarter: '2026-Q4', municipality: m });
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/2026-Q4 has not closed yet/);
  });

  it('exits 1 naming the cells when the audit fails', async () => {
    const m = await municipality();
    await run({ quarter: '2026-Q3', municipality: m });
    await h.db
      .insertInto('incident')
      .values({ municipality_code: m, category_key: 'theft', occurred_at: '2026-08-02T10:00:00Z', geom: sql`ST_SetSRID(ST_MakePoint(14.025, 57.185), 4326)`, source: 'police', external_id: 'cli-late' })
      .execute();
    const r = await run({ quarter: '2026-Q3', municipality: m, changelog: 'En sen anmälan.' });
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/Cells that would leak:\n {2}2026-Q3 v2 Centrum · Stöld och inbrott/);
  });

  it('publishes every closed quarter not yet published with --all-closed', async () => {
    const m = await municipality();
    await h.db
      .insertInto('incident')
      .values({ municipality_code: m, category_key: 'theft', occurred_at: '2026-02-10T10:00:00Z', geom: sql`ST_SetSRID(ST_MakePoint(14.01, 57.18), 4326)`, source: 'police', external_id: 'cli-q1' })
      .execute();
    await run({ quarter: '2026-Q2', municipality: m });
    const r = await run({ 'all-closed': true, municipality: m });
    expect(r.code).toBe(0);
    expect(r.out.match(/^Published (\S+)/gm)).toEqual(['Published 2026-Q1', 'Published 2026-Q3']);
  });

  it('reports published and suppressed cells per quarter', async () => {
    const m = await municipality();
    await run({ quarter: '2026-Q3', municipality: m });
    const r = await run({ report: true, municipality: m });
    expect(r.out).toMatch(/^2026-Q3 +v1 +district +5 +1 +6 +86 % +passed/m);
  });
});
