import { describe, expect, it } from 'vitest';
import { buildPublishedQuarter, listLatestVersions } from './build-published-quarter';

const pub = { quarter: '2026-Q3', version: 2, k: 5, geography: 'district', grid_cell_size_m: null, changelog: 'Rättelse.', created_at: new Date('2026-11-24T23:30:00Z') };
const cell = (cell_key: string, group_key: string, count: number | null, at_least = false) => ({ cell_key, area_id: null, area_name: cell_key, grid_ix: null, grid_iy: null, group_key, count, at_least });

describe('buildPublishedQuarter', () => {
  const dto = buildPublishedQuarter(pub, [cell('district:a', 'violence', 7), cell('district:a', 'property', null), cell('district:a', 'all', 7, true), cell('total', 'all', 7, true)]);

  it('shows a suppressed cell as "färre än k"', () => {
    expect(dto.cells[1]).toMatchObject({ count: null, display: 'färre än 5', groupLabel: 'Stöld och inbrott' });
  });

  it('shows a total with suppressed parts as "minst X"', () => {
    expect(dto.areaTotals).toEqual([expect.objectContaining({ display: 'minst 7', groupLabel: 'Alla grupper' })]);
    expect(dto.municipalityTotals).toHaveLength(1);
  });

  it('dates the publication in Stockholm', () => {
    expect(dto.publishedOn).toBe('2026-11-25');
  });
});

describe('listLatestVersions', () => {
  it('keeps the latest version of each quarter, oldest quarter first', () => {
    const list = listLatestVersions([
      { quarter: '2026-Q3', version: 1 },
      { quarter: '2026-Q2', version: 1 },
      { quarter: '2026-Q3', version: 2 },
    ]);
    expect(list).toEqual([{ quarter: '2026-Q2', version: 1 }, { quarter: '2026-Q3', version: 2 }]);
  });
});
