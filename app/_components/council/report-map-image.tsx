// The report's map: district outlines shaded by pattern density from council-precision counts, a
// dotted pattern where the count is withheld, focus areas as thick outlines. Rendered on the server as
// plain SVG (prints without WebGL).
import { getTranslator, type Locale } from '@/lib/i18n/translate';
import type { ReportMap } from '@/lib/server/council/report-map';
import { ChartPatternDefs, patternFill } from './chart-patterns';
import styles from './council.module.css';

const SHADES = ['dots', 'light', 'hatch', 'cross', 'solid'] as const;

export function ReportMapImage({ map, locale, quarter, k }: { map: ReportMap; locale: Locale; quarter: string; k: number }) {
  const t = getTranslator(locale);
  const fig = (a: ReportMap['areas'][number]) => (a.figure?.value === null || !a.figure ? t('council.fewerThan', { k }) : a.figure.atLeast ? t('council.atLeast', { n: a.figure.value }) : String(a.figure.value));
  const legendY = map.height + 16;
  const limits = map.classes;
  const legend = [
    { shade: 0, label: t('council.fewerThan', { k }) },
    ...limits.map((hi, i) => ({ shade: i + 1, label: `${i === 0 ? k : limits[i - 1] + 1}–${hi}` })),
  ];
  return (
    <figure className={styles.figure} data-testid="report-map">
      <figcaption>{t('council.map.title', { quarter })}</figcaption>
      <svg className={styles.map} viewBox={`-10 -10 ${map.width + 20} ${map.height + 60}`} width={map.width + 20} role="img" aria-label={t('council.map.alt', { quarter })}>
        <ChartPatternDefs idPrefix="map" />
        {map.areas
          .filter((a) => a.kind === 'municipality')
          .map((a) => (
            <path key={a.id} d={a.d} fill="none" stroke="#1d2129" strokeWidth={2} />
          ))}
        {map.areas
          .filter((a) => a.kind === 'district')
          .map((a) => (
            <path key={a.id} d={a.d} fill={patternFill(SHADES[a.shade ?? 0], 'map')} fillOpacity={a.shade === 4 ? 0.75 : 1} stroke="#1d2129" strokeWidth={0.8}>
              <title>{`${a.name}: ${fig(a)}`}</title>
            </path>
          ))}
        {map.areas
          .filter((a) => a.kind === 'focus_area')
          .map((a) => (
            <path key={a.id} d={a.d} fill="none" stroke="#1d2129" strokeWidth={2.5} strokeDasharray="5 3" />
          ))}
        {map.areas
          .filter((a) => a.kind === 'district')
          .map((a) => (
            <text key={`l-${a.id}`} x={a.labelX} y={a.labelY} fontSize={10} textAnchor="middle" fill="#1d2129" stroke="#fff" strokeWidth={3} paintOrder="stroke">
              {`${a.name}: ${fig(a)}`}
            </text>
          ))}
        {legend.map((l, i) => (
          <g key={l.shade} transform={`translate(${i * 110}, ${legendY})`}>
            <rect width={18} height={12} fill={patternFill(SHADES[l.shade], 'map')} stroke="#1d2129" />
            <text x={24} y={10} fontSize={10} fill="#1d2129">
              {l.label}
            </text>
          </g>
        ))}
      </svg>
      <p className={styles.note}>{t('council.map.legend', { k })}</p>
    </figure>
  );
}
