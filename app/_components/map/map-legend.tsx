import { getTranslator, type Locale, type MessageKey } from '@/lib/i18n/translate';
import { GROUP_COLORS, LEGEND_GROUPS, toCss } from '@/lib/map/palette';

/** Category-group colours of the incident layer (static: a server component). */
export function MapLegend({ locale }: { locale: Locale }) {
  const t = getTranslator(locale);
  return (
    <section className="map-panel map-panel--legend" aria-labelledby="map-legend-title" data-testid="map-legend">
      <h2 id="map-legend-title">{t('map.legendTitle')}</h2>
      <ul className="map-legend">
        {LEGEND_GROUPS.map((g) => (
          <li key={g}>
            <span className="map-legend__swatch" style={{ background: toCss(GROUP_COLORS[g]) }} aria-hidden="true" />
            {t(`group.${g}` as MessageKey)}
          </li>
        ))}
      </ul>
    </section>
  );
}
