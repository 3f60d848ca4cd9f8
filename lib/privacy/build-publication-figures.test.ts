import { describe, expect, it } from 'vitest';
import type { CategoryGroup } from '@/lib/domain/categories';
import { buildAuditInput } from './build-audit-input';
import { buildPublicationFigures, type RawAggregateCell } from './build-publication-figures';
import { auditDisclosure } from './disclosure-audit';

const cell = (area: string, group: CategoryGroup, count: number, distinctLocations = count): RawAggregateCell => ({
  cellKey: `district:${area}`,
  areaName: area,
  areaId: null,
  gridIx: null,
  gridIy: null,
  group,
  count,
  distinctLocations,
});

const figures = () =>
  buildPublicationFigures({
    quarter: '2026-Q3',
    geography: 'district',
    k: 5,
    totalName: 'Hela kommunen',
    cells: [cell('Centrum', 'violence', 9), cell('Centrum', 'property', 3), cell('Bredaryd', 'violence', 6), cell('Bredaryd', 'property', 12, 2)],
  });

describe('buildPublicationFigures', () => {
  it('sums only published cells into an area total and marks it "minst"', () => {
    const total = figures().find((f) => f.cellKey === 'district:Centrum' && f.group === 'all');
    expect(total).toMatchObject({ count: 9, atLeast: true, parts: ['2026-Q3|district|district:Centrum|violence'] });
  });

  it('suppresses a cell with many incidents at too few places', () => {
    expect(figures().find((f) => f.cellKey === 'district:Bredaryd' && f.group === 'property')).toMatchObject({ suppressed: true, reason: 'too-few-locations', count: null });
  });

  it('gives a grand total over published cells only', () => {
    expect(figures().find((f) => f.cellKey === 'total' && f.group === 'all')).toMatchObject({ count: 15, atLeast: true });
  });

  it('builds a publication that passes the audit', async () => {
    const result = await auditDisclosure(buildAuditInput([{ version: 1, figures: figures().map((f) => ({ ...f, label: `${f.cellKey} ${f.group}` })) }], 5));
    expect(result.passed).toBe(true);
    expect(result.stats.linearPrograms).toBe(0);
  });
});
