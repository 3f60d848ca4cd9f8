'use client';
// A line chart for council trends: each series has its own dash style and marker shape and a direct
// label at its last point, so it reads in black and white; an optional grey band (normal variation).
import { Area, CartesianGrid, ComposedChart, LabelList, Legend, Line, ResponsiveContainer, XAxis, YAxis } from 'recharts';

export interface LineSeries {
  key: string;
  label: string;
  /** SVG stroke-dasharray: '' solid, '6 3' dashed, '2 3' dotted. */
  dash: string;
  shape: 'circle' | 'square' | 'triangle' | 'none';
  width?: number;
}

export interface CouncilLineChartProps {
  data: Record<string, string | number | null>[];
  xKey: string;
  series: LineSeries[];
  /** Keys of the band's lower and upper values, and its legend label. */
  band?: { lower: string; upper: string; label: string };
  ariaLabel: string;
  height?: number;
  /** A fixed width (print); otherwise the chart fills its container. */
  width?: number;
}

type DotProps = { cx?: number; cy?: number; value?: unknown; index?: number };

function marker(shape: LineSeries['shape']) {
  if (shape === 'none') return false;
  const Dot = ({ cx, cy, value, index }: DotProps) => {
    if (cx === undefined || cy === undefined || value === null || value === undefined) return <g key={index} />;
    if (shape === 'square') return <rect key={index} x={cx - 3.5} y={cy - 3.5} width={7} height={7} fill="#fff" stroke="#1d2129" strokeWidth={1.5} />;
    if (shape === 'triangle') return <path key={index} d={`M${cx},${cy - 4.5} L${cx + 4.5},${cy + 3.5} L${cx - 4.5},${cy + 3.5} Z`} fill="#1d2129" />;
    return <circle key={index} cx={cx} cy={cy} r={3.5} fill="#1d2129" />;
  };
  Dot.displayName = `Marker-${shape}`;
  return Dot;
}

export function CouncilLineChart({ data, xKey, series, band, ariaLabel, height = 260, width }: CouncilLineChartProps) {
  type Row = Record<string, string | number | null | (string | number | null)[]>;
  const rows: Row[] = band ? data.map((d) => ({ ...d, __band: d[band.lower] === null || d[band.upper] === null ? null : [d[band.lower], d[band.upper]] })) : data;
  const lastIndex = (key: string) => {
    for (let i = rows.length - 1; i >= 0; i--) if (rows[i][key] !== null && rows[i][key] !== undefined) return i;
    return -1;
  };
  const chart = (
    <ComposedChart data={rows} width={width} height={width ? height : undefined} margin={{ top: 12, right: 56, bottom: 4, left: 0 }} accessibilityLayer={false}>
      <CartesianGrid stroke="#d5d8de" strokeDasharray="1 3" />
      <XAxis dataKey={xKey} tick={{ fontSize: 11, fill: '#1d2129' }} interval="preserveStartEnd" />
      <YAxis tick={{ fontSize: 11, fill: '#1d2129' }} allowDecimals={false} width={40} />
      {band ? <Area dataKey="__band" name={band.label} stroke="#8a9099" strokeWidth={0.5} fill="#d9dce1" fillOpacity={0.8} legendType="rect" isAnimationActive={false} connectNulls={false} /> : null}
      {series.map((s, si) => {
        const last = si === 0 ? lastIndex(s.key) : -2;
        return (
          <Line
            key={s.key}
            dataKey={s.key}
            name={s.label}
            stroke="#1d2129"
            strokeWidth={s.width ?? 2}
            strokeDasharray={s.dash || undefined}
            legendType="plainline"
            dot={marker(s.shape)}
            isAnimationActive={false}
            connectNulls={false}
          >
            <LabelList
              dataKey={s.key}
              content={(p: { x?: number | string; y?: number | string; index?: number }) =>
                p.index === last && p.x !== undefined && p.y !== undefined ? (
                  <text x={Number(p.x) + 8} y={Number(p.y) + 4} fontSize={11} fill="#1d2129">
                    {String(rows[last]?.[s.key] ?? '')}
                  </text>
                ) : null
              }
            />
          </Line>
        );
      })}
      <Legend wrapperStyle={{ fontSize: 12, color: '#1d2129' }} />
    </ComposedChart>
  );
  return (
    <div role="img" aria-label={ariaLabel} data-chart-ready="true">
      {width ? chart : <ResponsiveContainer width="100%" height={height} initialDimension={{ width: 640, height }}>{chart}</ResponsiveContainer>}
    </div>
  );
}
