// Colours of the analysis map and its legend (ColorBrewer RdBu for Gi* bins, as ArcGIS shows them).
export const BIN_COLOURS: Record<string, string> = {
  '3': '#b2182b',
  '2': '#ef8a62',
  '1': '#fddbc7',
  '-1': '#d1e5f0',
  '-2': '#67a9cf',
  '-3': '#2166ac',
};

export const EMERGING_COLOURS: Record<string, string> = {
  new: '#fdd0a2',
  consecutive: '#fdae6b',
  intensifying: '#a50f15',
  persistent: '#de2d26',
  diminishing: '#fb6a4a',
  sporadic: '#fcbba1',
  oscillating: '#c994c7',
  historical: '#bdbdbd',
  none: '#ffffff',
};

export const STATUS_COLOURS = { new: '#d7301f', persistent: '#fc8d59', gone: '#969696' };

