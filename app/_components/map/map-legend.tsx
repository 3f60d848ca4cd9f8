import { getTranslator, type Locale, type MessageKey } from '@/lib/i18n/translate';
import { DENSITY_RAMP } from '@/lib/map/density-layer';
import { GROUP_COLORS, LEGEND_GROUPS, toCss } from '@/lib/map/palette';
import type { PlaceSymbol } from '@/lib/map/place-features';
import { placeSymbolUrl } from '@/lib/map/place-symbols';
import type { MapLayer, MapView } from '@/lib/schemas/map-filters';
import styles from './map-legend.module.css';

const UNSAFE_SYMBOLS: PlaceSymbol[] = ['unsafe-open', 'unsafe-planned', 'unsafe-fixed'];
const VANDALISM_SYMBOLS: PlaceSymbol[] = ['graffiti', 'graffiti-cleaned', 'damage', 'damage-cleaned'];

export interface MapLegendProps {
  locale: Locale;
  /** Layers shown (default: all). */
  layers?: readonly MapLayer[];
  view?: MapView;
}

/** Category-group colours of the incident layer, the density ramp and the place symbols (static: a server component). */
export function MapLegend({ locale, layers = ['incidents', 'unsafe', 'vandalism'], view = 'points' }: MapLegendProps) {
  const t = getTranslator(locale);
  const symbols = [...(layers.includes('unsafe') ? UNSAFE_SYMBOLS : []), ...(layers.includes('vandalism') ? VANDALISM_SYMBOLS : [])];
  return (
    <section className={`map-panel map-panel--legend ${styles.legend}`} aria-labelledby="map-legend-title" data-testid="map-legend">
      {layers.includes('incidents') && view === 'points' ? (
        <>
          <h2 id="map-legend-title">{t('map.legendTitle')}</h2>
          <ul className={`map-legend ${styles.columns}`}>
            {LEGEND_GROUPS.map((g) => (
              <li key={g}>
                <span className="map-legend__swatch" style={{ background: toCss(GROUP_COLORS[g]) }} aria-hidden="true" />
                {t(`group.${g}` as MessageKey)}
              </li>
            ))}
          </ul>
        </>
      ) : null}
      {layers.includes('incidents') && view !== 'points' ? (
        <>
          <h2 id="map-legend-title">{t(`view.${view}` as MessageKey)}</h2>
          <p style={{ margin: 0, fontSize: '0.75rem' }}>{t('legend.density')}</p>
          <span
            aria-hidden="true"
            style={{ display: 'block', width: '10rem', height: '0.6rem', background: `linear-gradient(to right, ${DENSITY_RAMP.map((c) => toCss(c)).join(', ')})` }}
          />
        </>
      ) : null}
      {symbols.length ? (
        <>
          <h2 id={layers.includes('incidents') ? undefined : 'map-legend-title'}>{t('legend.places')}</h2>
          <ul className={`map-legend ${styles.columns}`} data-testid="map-legend-places">
            {symbols.map((s) => (
              <li key={s}>
                <img src={placeSymbolUrl(s)} width={16} height={16} alt="" />
                {t(`legend.symbol.${s}` as MessageKey)}
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </section>
  );
}
