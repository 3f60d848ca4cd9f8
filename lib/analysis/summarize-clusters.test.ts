import { describe, expect, it } from 'vitest';
import { summarizeClusters } from '@/lib/analysis/summarize-clusters';

const x = [0, 10, 10, 0, 5, 100];
const y = [0, 0, 10, 10, 5, 100];
const labels = [0, 0, 0, 0, 0, -1];

describe('summarizeClusters', () => {
  it('gives each cluster its count and a convex hull of its members', () => {
    const [s] = summarizeClusters({ x, y, labels });
    expect(s.count).toBe(5);
    expect(s.hull?.coordinates[0]).toHaveLength(5);
  });

  it('tallies the category mix', () => {
    const [s] = summarizeClusters({ x, y, labels, categories: ['a', 'b', 'a', 'a', 'b', 'a'] });
    expect(s.categories).toEqual({ a: 3, b: 2 });
  });

  it('profiles members by local weekday and hour', () => {
    const t = Date.parse('2025-07-14T22:15:00Z'); // Tuesday 00:15 in Stockholm
    const [s] = summarizeClusters({ x, y, labels, times: [t, t, t, t, t, t] });
    expect(s.hourByWeekday?.[24]).toBe(5);
  });
});
