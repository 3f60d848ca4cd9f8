'use client';
// A bar chart for council figures: every bar series has its own fill pattern and a value label, so it
// reads in black and white. Vertical (categories down the side) suits long organisation names.
import { Bar, BarChart, CartesianGrid, LabelList, Legend, ResponsiveContainer, XAxis, YAxis } from 'recharts';
import { ChartPatternDefs, type PatternName, patternFill } from './chart-patterns';

export interface BarSeries {
  key: string;
  label: string;
  pattern: PatternName;
}

export interface CouncilBarChartProps {
  data: Record<string, string | number | null>[];
  categoryKey: string;
  series: BarSeries[];
  stacked?: boolean;
  /** 'vertical': categories on the y axis. */
  layout?: 'horizontal' | 'vertical';
  ariaLabel: string;
  idPrefix: string;
  height?: number;
  width?: number;
  /** Unit after values in labels, e.g. ' %'. */
  unit?: string;
}

export function CouncilBarChart({ data, categoryKey, series, stacked, layout = 'horizontal', ariaLabel, idPrefix, height = 260, width, unit = '' }: CouncilBarChartProps) {
  const vertical = layout === 'vertical';
  const chart = (
    <BarChart data={data} layout={vertical ? 'vertical' : 'horizontal'} width={width} height={width ? height : undefined} margin={{ top: 12, right: 40, bottom: 4, left: vertical ? 8 : 0 }} accessibilityLayer={false}>
      <ChartPatternDefs idPrefix={idPrefix} />
      <CartesianGrid stroke="#d5d8de" strokeDasharray="1 3" />
      {vertical ? (
        <>
          <XAxis type="number" tick={{ fontSize: 11, fill: '#1d2129' }} allowDecimals={false} />
          <YAxis type="category" dataKey={categoryKey} tick={{ fontSize: 11, fill: '#1d2129' }} width={170} />
        </>
      ) : (
        <>
          <XAxis dataKey={categoryKey} tick={{ fontSize: 11, fill: '#1d2129' }} />
          <YAxis tick={{ fontSize: 11, fill: '#1d2129' }} allowDecimals={false} width={40} />
        </>
      )}
      {series.map((s) => (
        <Bar key={s.key} dataKey={s.key} name={s.label} fill={patternFill(s.pattern, idPrefix)} stroke="#1d2129" strokeWidth={1} stackId={stacked ? 'stack' : undefined} isAnimationActive={false}>
          {stacked ? null : (
            <LabelList dataKey={s.key} position={vertical ? 'right' : 'top'} fontSize={11} fill="#1d2129" formatter={(v: unknown) => (v === null || v === undefined ? '' : `${v}${unit}`)} />
          )}
        </Bar>
      ))}
      <Legend wrapperStyle={{ fontSize: 12, color: '#1d2129' }} />
    </BarChart>
  );
  return (
    <div role="img" aria-label={ariaLabel} data-chart-ready="true">
      {width ? chart : <ResponsiveContainer width="100%" height={height} initialDimension={{ width: 640, height }}>{chart}</ResponsiveContainer>}
    </div>
  );
}
