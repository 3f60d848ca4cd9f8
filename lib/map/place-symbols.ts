// Symbols of the unsafe-place and vandalism layers, told apart by shape and fill, not colour alone:
// unsafe places are triangles (filled = open, half-filled = planned, hollow = fixed), graffiti squares
// and damage diamonds (filled = not cleaned, hollow = cleaned). Incidents stay circles. The same SVG
// draws the map icon and the legend entry. Yellow (#f0e442) and near-black are Okabe–Ito colours not
// used by the incident groups.
import type { PlaceSymbol } from './place-features';

export const PLACE_SYMBOL_SIZE_PX = 20;
const INK = '#1b1b1b';
const UNSAFE_FILL = '#f0e442';
const VANDAL_FILL = '#5b4a8a';

const svg = (body: string) =>
  `<svg xmlns="http://www.w3.org/2000/svg" width="40" height="40" viewBox="0 0 40 40">${body}</svg>`;
const triangle = 'M20 4 L37 35 L3 35 Z';
const square = 'M6 6 H34 V34 H6 Z';
const diamond = 'M20 2 L38 20 L20 38 L2 20 Z';

export const PLACE_SYMBOL_SVG: Record<PlaceSymbol, string> = {
  'unsafe-open': svg(`<path d="${triangle}" fill="${UNSAFE_FILL}" stroke="${INK}" stroke-width="3.5" stroke-linejoin="round"/><path d="M20 14 V25 M20 29 V31" stroke="${INK}" stroke-width="3.5" stroke-linecap="round"/>`),
  'unsafe-planned': svg(
    `<path d="${triangle}" fill="#ffffff" stroke="${INK}" stroke-width="3.5" stroke-linejoin="round"/><path d="M11.5 20.5 L28.5 20.5 L37 35 L3 35 Z" fill="${UNSAFE_FILL}" stroke="${INK}" stroke-width="3.5" stroke-linejoin="round"/>`,
  ),
  'unsafe-fixed': svg(`<path d="${triangle}" fill="#ffffff" stroke="${INK}" stroke-width="3.5" stroke-linejoin="round" stroke-dasharray="6 3"/><path d="M13 24 L18 29 L27 18" fill="none" stroke="${INK}" stroke-width="3.5"/>`),
  graffiti: svg(`<path d="${square}" fill="${VANDAL_FILL}" stroke="${INK}" stroke-width="3"/><path d="M13 26 Q20 10 27 26" fill="none" stroke="#ffffff" stroke-width="3"/>`),
  'graffiti-cleaned': svg(`<path d="${square}" fill="#ffffff" stroke="${VANDAL_FILL}" stroke-width="4" stroke-dasharray="6 3"/>`),
  damage: svg(`<path d="${diamond}" fill="${VANDAL_FILL}" stroke="${INK}" stroke-width="3" stroke-linejoin="round"/><path d="M14 14 L26 26 M26 14 L14 26" stroke="#ffffff" stroke-width="3"/>`),
  'damage-cleaned': svg(`<path d="${diamond}" fill="#ffffff" stroke="${VANDAL_FILL}" stroke-width="4" stroke-dasharray="6 3" stroke-linejoin="round"/>`),
};

export const PLACE_SYMBOLS = Object.keys(PLACE_SYMBOL_SVG) as PlaceSymbol[];

export function placeSymbolUrl(symbol: PlaceSymbol): string {
  return `data:image/svg+xml;charset=utf-8,${encodeURIComponent(PLACE_SYMBOL_SVG[symbol])}`;
}
