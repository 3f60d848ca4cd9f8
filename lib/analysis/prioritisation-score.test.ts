import { describe, expect, it } from 'vitest';
import { scorePriorities } from '@/lib/analysis/prioritisation-score';

const criteria = [
  { key: 'count', weight: 2 },
  { key: 'trend', weight: 1 },
];

describe('scorePriorities', () => {
  it('normalises each criterion to 0…1 across candidates and weights it', () => {
    const r = scorePriorities(
      [
        { id: 'a', values: { count: 10, trend: 0 } },
        { id: 'b', values: { count: 30, trend: 2 } },
        { id: 'c', values: { count: 20, trend: 1 } },
      ],
      criteria,
    );
    expect(r.map((x) => [x.id, x.score])).toEqual([['b', 3], ['c', 1.5], ['a', 0]]);
  });

  it('reports each criterion share of the score', () => {
    const [top] = scorePriorities([{ id: 'a', values: { count: 0, trend: 0 } }, { id: 'b', values: { count: 5, trend: 3 } }], criteria);
    expect([top.parts.count.share, top.parts.trend.share]).toEqual([2 / 3, 1 / 3]);
  });

  it('inverts a criterion where lower means more priority', () => {
    const r = scorePriorities([{ id: 'a', values: { t: 1 } }, { id: 'b', values: { t: 9 } }], [{ key: 't', weight: 1, direction: 'lower' }]);
    expect(r[0].id).toBe('a');
  });

  it('breaks ties by id', () => {
    const r = scorePriorities([{ id: 'z', values: { count: 1 } }, { id: 'y', values: { count: 1 } }], [{ key: 'count', weight: 1 }]);
    expect(r.map((x) => x.id)).toEqual(['y', 'z']);
  });
});
