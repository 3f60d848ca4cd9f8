// SVG path of a sparkline: values spread evenly over the width, 0 at the bottom, the maximum 1 px below the top.

export function sparklinePath(values: readonly number[], width: number, height: number): string {
  if (values.length === 0) return '';
  const max = Math.max(1, ...values);
  const step = values.length > 1 ? width / (values.length - 1) : 0;
  const y = (v: number) => (height - 1 - (v / max) * (height - 2)).toFixed(1);
  if (values.length === 1) return `M0 ${y(values[0])} H${width}`;
  return values.map((v, i) => `${i === 0 ? 'M' : 'L'}${(i * step).toFixed(1)} ${y(v)}`).join(' ');
}
