import { describe, expect, it } from 'vitest';
import { buildFocusAreaFigures, type FocusAreaCellInput } from './build-focus-area-figures';

const cell = (group: string, count: number | null): FocusAreaCellInput => ({ targetId: 'f1', targetName: 'Torget', targetKind: 'focus_area', group, count });
const PUB = { quarter: '2026-Q3', version: 1, k: 5 };

describe('buildFocusAreaFigures', () => {
  const figures = buildFocusAreaFigures(PUB, [cell('violence', 8), cell('violence', null), cell('property', 6), cell('drugs', null)]);
  const fig = (group: string) => figures.find((f) => f.group === group);

  it('sums only the published cells a focus area overlaps and says "minst" when one is suppressed', () => {
    expect(fig('violence')).toMatchObject({ count: 8, atLeast: true, display: 'minst 8', publishedCells: 1, suppressedCells: 1 });
  });

  it('gives an exact figure when every overlapping cell is published', () => {
    expect(fig('property')).toMatchObject({ count: 6, atLeast: false, display: '6' });
  });

  it('shows no number when every overlapping cell is suppressed', () => {
    expect(fig('drugs')).toMatchObject({ display: 'färre än 5 i varje del' });
  });

  it('adds an all-groups figure from the same published cells', () => {
    expect(fig('all')).toMatchObject({ count: 14, display: 'minst 14' });
  });
});
