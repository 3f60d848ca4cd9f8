// MapLibre's own control texts (zoom buttons, the map's accessible name, markers, attribution, scale
// units) in the page's language: the library ships English only, and a Swedish page whose map controls
// are announced in English fails a screen-reader user. The keys are MapLibre's `defaultLocale` (v6).

const SV = {
  'AttributionControl.ToggleAttribution': 'Visa eller dölj källor',
  'AttributionControl.MapFeedback': 'Synpunkter på kartan',
  'FullscreenControl.Enter': 'Helskärm',
  'FullscreenControl.Exit': 'Avsluta helskärm',
  'GeolocateControl.FindMyLocation': 'Hitta min position',
  'GeolocateControl.LocationNotAvailable': 'Positionen är inte tillgänglig',
  'LogoControl.Title': 'MapLibre-logotyp',
  'Map.Title': 'Karta',
  'Marker.Title': 'Kartmarkör',
  'NavigationControl.ResetBearing': 'Återställ norr uppåt',
  'NavigationControl.ZoomIn': 'Zooma in',
  'NavigationControl.ZoomOut': 'Zooma ut',
  'Popup.Close': 'Stäng',
  'ScaleControl.Feet': 'fot',
  'ScaleControl.Meters': 'm',
  'ScaleControl.Kilometers': 'km',
  'ScaleControl.Miles': 'mi',
  'ScaleControl.NauticalMiles': 'M',
  'GlobeControl.Enable': 'Visa som glob',
  'GlobeControl.Disable': 'Visa som platt karta',
  'TerrainControl.Enable': 'Visa terräng',
  'TerrainControl.Disable': 'Dölj terräng',
  'CooperativeGesturesHandler.WindowsHelpText': 'Håll ned Ctrl och scrolla för att zooma kartan',
  'CooperativeGesturesHandler.MacHelpText': 'Håll ned ⌘ och scrolla för att zooma kartan',
  'CooperativeGesturesHandler.MobileHelpText': 'Använd två fingrar för att flytta kartan',
} as const satisfies Record<string, string>;

/** The `locale` option for `new maplibregl.Map(…)`: Swedish texts for 'sv', MapLibre's English otherwise. */
export function maplibreLocale(locale: string | undefined): Record<string, string> | undefined {
  return locale?.toLowerCase().startsWith('sv') ? { ...SV } : undefined;
}

/** The same, for the language of the page the map is on (`<html lang>`). */
export function maplibreLocaleOfPage(): Record<string, string> | undefined {
  return typeof document === 'undefined' ? undefined : maplibreLocale(document.documentElement.lang);
}

export const MAPLIBRE_SV_KEYS = Object.keys(SV);
