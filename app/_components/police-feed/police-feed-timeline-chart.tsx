'use client';
// The police feed's timeline: one bar per day or week over the map's period (recharts), with the same
// figures as a table for screen readers and print.
import { Bar, BarChart, CartesianGrid, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { TimelineBucket } from '@/lib/map/police-feed-timeline';

export function PoliceFeedTimelineChart({ buckets, ariaLabel, countLabel }: { buckets: TimelineBucket[]; ariaLabel: string; countLabel: string }) {
  return (
    <div role="img" aria-label={ariaLabel} data-testid="feed-timeline-chart">
      <ResponsiveContainer width="100%" height={120} initialDimension={{ width: 320, height: 120 }}>
        <BarChart data={buckets} margin={{ top: 6, right: 4, bottom: 0, left: 0 }} accessibilityLayer={false}>
          <CartesianGrid stroke="#d5d8de" strokeDasharray="1 3" vertical={false} />
          <XAxis dataKey="start" tick={{ fontSize: 10, fill: '#1d2129' }} minTickGap={24} />
          <YAxis tick={{ fontSize: 10, fill: '#1d2129' }} allowDecimals={false} width={28} />
          <Tooltip formatter={(v: unknown) => [String(v), countLabel]} />
          <Bar dataKey="count" fill="#1d4e89" isAnimationActive={false} />
        </BarChart>
      </ResponsiveContainer>
    </div>
  );
}
