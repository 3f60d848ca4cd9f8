import { describe, expect, it } from 'vitest';
import { buildTimeline, weekStart } from './police-feed-timeline';

describe('police feed timeline', () => {
  it('counts per day over a short period, empty days included', () => {
    expect(buildTimeline('2025-05-01', '2025-05-04', [{ day: '2025-05-02', count: 3 }])).toEqual({
      unit: 'day',
      buckets: [
        { start: '2025-05-01', count: 0 },
        { start: '2025-05-02', count: 3 },
        { start: '2025-05-03', count: 0 },
        { start: '2025-05-04', count: 0 },
      ],
    });
  });

  it('counts per ISO week (Monday) over a long period, and every event lands in one bucket', () => {
    const days = [
      { day: '2023-04-01', count: 1 },
      { day: '2023-04-03', count: 2 },
      { day: '2025-03-31', count: 4 },
    ];
    const t = buildTimeline('2023-04-01', '2025-03-31', days);
    expect(t.unit).toBe('week');
    expect(t.buckets[0]).toEqual({ start: '2023-03-27', count: 1 });
    expect(t.buckets[1]).toEqual({ start: '2023-04-03', count: 2 });
    expect(t.buckets.at(-1)).toEqual({ start: '2025-03-31', count: 4 });
    expect(t.buckets.reduce((a, b) => a + b.count, 0)).toBe(7);
  });

  it('takes Sunday to the Monday before', () => {
    expect(weekStart('2025-03-30')).toBe('2025-03-24');
    expect(weekStart('2025-03-31')).toBe('2025-03-31');
  });
});
