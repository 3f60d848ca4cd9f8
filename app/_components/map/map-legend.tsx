import { getTranslator, type Locale, type MessageKey } from '@/lib/i18n/translate';
import { DENSITY_RAMP } from '@/lib/map/count-ramp';
import type { IncidentLegend } from '@/lib/map/incident-legend';
import { GROUP_COLORS, LEGEND_GROUPS, toCss } from '@/lib/map/palette';
import type { PlaceSymbol } from '@/lib/map/place-features';
import { placeSymbolUrl } from '@/lib/map/place-symbols';
import type { MapLayer } from '@/lib/schemas/map-filters';
import styles from './map-legend.module.css';

const UNSAFE_SYMBOLS: PlaceSymbol[] = ['unsafe-open', 'unsafe-planned', 'unsafe-fixed'];
const VANDALISM_SYMBOLS: PlaceSymbol[] = ['graffiti', 'graffiti-cleaned', 'damage', 'damage-cleaned'];
/** The hexagon layers fill at about this opacity over the map (alpha 190 of 255, opacity 0.8): swatches match. */
const HEX_SWATCH_OPACITY = 0.78;

export interface MapLegendProps {
  locale: Locale;
  /** Layers shown (default: all). */
  layers?: readonly MapLayer[];
  /** What the incident layer draws now (null: nothing yet, or the layer is hidden). */
  incidents: IncidentLegend | null;
}

/**
 * The legend of what the map draws: category colours for points; for hexagons the count class of each
 * colour and the cell size; for the heatmap its relative scale; and the place symbols. Colour is never
 * the only cue: every swatch has its numbers or words beside it, and the ramp darkens with the count.
 */
export function MapLegend({ locale, layers = ['incidents', 'unsafe', 'vandalism'], incidents }: MapLegendProps) {
  const t = getTranslator(locale);
  const symbols = [...(layers.includes('unsafe') ? UNSAFE_SYMBOLS : []), ...(layers.includes('vandalism') ? VANDALISM_SYMBOLS : [])];
  const shown = layers.includes('incidents') ? incidents : null;
  if (!shown && !symbols.length) return null;
  return (
    <section className={`map-panel map-panel--legend ${styles.legend}`} aria-labelledby="map-legend-title" data-testid="map-legend">
      {shown ? <IncidentSection locale={locale} legend={shown} /> : null}
      {symbols.length ? (
        <>
          <h2 id={shown ? undefined : 'map-legend-title'}>{t('legend.places')}</h2>
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

function IncidentSection({ locale, legend }: { locale: Locale; legend: IncidentLegend }) {
  const t = getTranslator(locale);
  if (legend.kind === 'points') {
    return (
      <div data-testid="map-legend-incidents" data-kind="points">
        <h2 id="map-legend-title">{t('map.legendTitle')}</h2>
        <ul className={`map-legend ${styles.columns}`}>
          {LEGEND_GROUPS.map((g) => (
            <li key={g}>
              <span className="map-legend__swatch" style={{ background: toCss(GROUP_COLORS[g]) }} aria-hidden="true" />
              {t(`group.${g}` as MessageKey)}
            </li>
          ))}
        </ul>
      </div>
    );
  }
  const suppressed = legend.source === 'suppressed' && legend.k !== null ? <p className={styles.note}>{t('mapLegend.suppressed', { k: legend.k })}</p> : null;
  if (legend.kind === 'heat') {
    return (
      <div data-testid="map-legend-incidents" data-kind="heat" data-cell={legend.cellSizeM ?? undefined}>
        <h2 id="map-legend-title">{t('mapLegend.heatTitle')}</h2>
        <div className={styles.heatScale}>
          <span>{t('mapLegend.low')}</span>
          <span
            className={styles.heatBar}
            aria-hidden="true"
            style={{ background: `linear-gradient(to right, ${DENSITY_RAMP.map((c) => toCss(c)).join(', ')})` }}
          />
          <span>{t('mapLegend.high')}</span>
        </div>
        <p className={styles.note}>{t('mapLegend.heatRelative')}</p>
        <p className={styles.note}>{legend.cellSizeM === null ? t('mapLegend.heatPoints') : t('mapLegend.heatCells', { cell: legend.cellSizeM })}</p>
        {suppressed}
      </div>
    );
  }
  const { classes } = legend;
  const extent = classes?.length ? { min: classes[0].from, max: classes[classes.length - 1].to } : null;
  return (
    <div data-testid="map-legend-incidents" data-kind="hex" data-cell={legend.cellSizeM} data-min={extent?.min} data-max={extent?.max}>
      <h2 id="map-legend-title">{t('mapLegend.hexTitle')}</h2>
      <p className={styles.note}>{t('mapLegend.cell', { cell: legend.cellSizeM })}</p>
      {classes === null ? <p className={styles.note}>{t('mapLegend.loading')}</p> : null}
      {classes?.length === 0 ? <p className={styles.note}>{t('mapLegend.none')}</p> : null}
      {classes?.length ? (
        <>
          <ul className="map-legend" data-testid="map-legend-classes">
            {classes.map((c) => (
              <li key={c.index} data-from={c.from} data-to={c.to}>
                <span className={styles.rampSwatch} style={{ background: toCss(c.color), opacity: HEX_SWATCH_OPACITY }} aria-hidden="true" />
                {c.from === c.to ? t('mapLegend.classOne', { from: c.from }) : t('mapLegend.classRange', { from: c.from, to: c.to })}
              </li>
            ))}
          </ul>
          <p className={styles.note}>{t('mapLegend.rampNote')}</p>
        </>
      ) : null}
      {suppressed}
    </div>
  );
}
