export { normalCdf, normalCdfBoth, twoSidedNormalP } from '@/lib/analysis/normal-cdf';
export { buildDistanceBandNeighbours, type NeighbourList } from '@/lib/analysis/distance-band-neighbours';
export { giStar, giStarWithNeighbours, type GiStarCells, type GiStarResult } from '@/lib/analysis/gi-star';
export { benjaminiHochberg, type BenjaminiHochbergResult } from '@/lib/analysis/benjamini-hochberg';
export { getSignificanceBins, SIGNIFICANCE_LEVELS, type SignificanceBinOptions } from '@/lib/analysis/significance-bins';
export { mannKendall, type MannKendallResult } from '@/lib/analysis/mann-kendall';
export { quarticKde, type KdePoints } from '@/lib/analysis/quartic-kde';
export { dbscan, HIGH_DENSITY_NEIGHBOURS, type DbscanOptions, type DbscanResult } from '@/lib/analysis/dbscan';
