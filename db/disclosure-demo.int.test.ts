// A real publication of every closed quarter of the Värnamo demo data: each must pass the audit.
// One file only: seeding the demo on PGlite takes a while.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '@/db/client';
import { seedDemo } from '@/db/seed/demo';
import { DEMO_MUNICIPALITY_CODE } from '@/lib/domain/constants';
import { startOfQuarter } from '@/lib/domain/time';
import { formatQuarter, listPublishableQuarters, parseQuarter } from '@/lib/privacy/publication-quarter';
import { listPublicationReport } from '@/lib/server/disclosure/list-publication-report';
import { publishQuarter } from '@/lib/server/disclosure/publish-quarter';
import { listPublishedAggregates } from '@/lib/server/public/list-published-aggregates';
import { openFreshTestDatabase, testBackend } from '@/lib/testing/test-database';

const NOW = new Date('2026-11-25T12:00:00Z');
const FIRST = '2021-Q4';

describe(`publishing the Värnamo demo on ${testBackend()}`, () => {
  let h: DatabaseHandle;
  const quarters = listPublishableQuarters(parseQuarter(FIRST), NOW).map(formatQuarter);
  const gridShares: string[] = [];

  beforeAll(async () => {
    h = await openFreshTestDatabase();
    await seedDemo(h.db, { seed: 1, until: startOfQuarter(NOW) });
  }, 600_000);

  afterAll(async () => {
    await h?.close();
  });

  it('audits a 2 km grid of every closed quarter without a leak (dry run)', async () => {
    for (const quarter of quarters) {
      const r = await publishQuarter(h.db, {
        municipalityCode: DEMO_MUNICIPALITY_CODE,
        audience: 'public',
        quarter,
        now: NOW,
        createdBy: 'test',
        dryRun: true,
        overrides: { geography: 'grid', gridCellSizeM: 2000 },
      });
      expect(r.audit.passed).toBe(true);
      gridShares.push(`${quarter} grid: ${r.publishedCells} published, ${r.suppressedCells} suppressed, audit ${r.audit.stats.milliseconds} ms`);
    }
    console.log(gridShares.join('\n'));
  }, 600_000);

  it('publishes every closed quarter by district for the public, each passing the audit', async () => {
    for (const quarter of quarters) {
      const r = await publishQuarter(h.db, { municipalityCode: DEMO_MUNICIPALITY_CODE, audience: 'public', quarter, now: NOW, createdBy: 'test' });
      expect(r.status).toBe('published');
    }
    const report = await listPublicationReport(h.db, { municipalityCode: DEMO_MUNICIPALITY_CODE, audience: 'public' });
    console.log(report.map((r) => `${r.quarter} districts k=${r.k}: ${r.publishedCells} published, ${r.suppressedCells} suppressed (${Math.round(r.suppressedShare * 100)} %), audit ${r.auditMilliseconds} ms`).join('\n'));
    expect(report.map((r) => r.quarter)).toEqual(quarters);
    expect(report.every((r) => r.auditPassed)).toBe(true);
    expect(report.some((r) => r.publishedCells > 0)).toBe(true);
  }, 600_000);

  it('publishes every closed quarter by district for the council at k = 3', async () => {
    for (const quarter of quarters) {
      await publishQuarter(h.db, { municipalityCode: DEMO_MUNICIPALITY_CODE, audience: 'council', quarter, now: NOW, createdBy: 'test' });
    }
    const report = await listPublicationReport(h.db, { municipalityCode: DEMO_MUNICIPALITY_CODE, audience: 'council' });
    console.log(report.map((r) => `${r.quarter} council k=${r.k}: ${r.publishedCells} published, ${r.suppressedCells} suppressed`).join('\n'));
    expect(report.every((r) => r.auditPassed && r.k === 3)).toBe(true);
  }, 600_000);

  it('gives the public no figure below k and no total above the sum of its published cells', async () => {
    for (const q of await listPublishedAggregates(h.db, { municipalityCode: DEMO_MUNICIPALITY_CODE })) {
      for (const c of q.cells) expect(c.count === null || c.count >= q.k).toBe(true);
      const all = q.municipalityTotals.find((t) => t.group === 'all')!;
      expect(all.count).toBe(q.cells.reduce((s, c) => s + (c.count ?? 0), 0));
    }
  }, 600_000);
});
