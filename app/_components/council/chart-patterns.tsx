// SVG fill patterns for bars and map areas: distinguishable in black and white (print, photocopies,
// colour-blind readers), so no chart depends on colour alone.

export const PATTERNS = ['solid', 'hatch', 'dots', 'cross', 'vertical', 'light', 'backhatch', 'grid'] as const;
export type PatternName = (typeof PATTERNS)[number];

/** fill="…" for a pattern (the defs must be in the same SVG or document). */
export function patternFill(name: PatternName, idPrefix: string): string {
  return name === 'solid' ? '#1d2129' : `url(#${idPrefix}-${name})`;
}

/** The pattern definitions, ids `${idPrefix}-<name>`. */
export function ChartPatternDefs({ idPrefix }: { idPrefix: string }) {
  const p = (name: string, children: React.ReactNode, size = 8) => (
    <pattern key={name} id={`${idPrefix}-${name}`} patternUnits="userSpaceOnUse" width={size} height={size}>
      <rect width={size} height={size} fill="#fff" />
      {children}
    </pattern>
  );
  return (
    <defs>
      {p('hatch', <path d="M-2,2 l4,-4 M0,8 l8,-8 M6,10 l4,-4" stroke="#1d2129" strokeWidth={1.6} />)}
      {p('backhatch', <path d="M-2,6 l4,4 M0,0 l8,8 M6,-2 l4,4" stroke="#1d2129" strokeWidth={1.6} />)}
      {p('dots', <circle cx={4} cy={4} r={1.6} fill="#1d2129" />)}
      {p('cross', <path d="M0,0 l8,8 M8,0 l-8,8" stroke="#1d2129" strokeWidth={1.2} />)}
      {p('vertical', <path d="M4,0 v8" stroke="#1d2129" strokeWidth={2} />)}
      {p('light', <path d="M0,8 l8,-8" stroke="#555d6b" strokeWidth={0.8} />)}
      {p('grid', <path d="M0,4 h8 M4,0 v8" stroke="#1d2129" strokeWidth={1} />)}
    </defs>
  );
}
