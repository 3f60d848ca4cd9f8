export { normalCdf, normalCdfBoth, twoSidedNormalP } from '@/lib/analysis/normal-cdf';
export { buildDistanceBandNeighbours, type NeighbourList } from '@/lib/analysis/distance-band-neighbours';
export { giStar, giStarWithNeighbours, type GiStarCells, type GiStarResult } from '@/lib/analysis/gi-star';
export { benjaminiHochberg, type BenjaminiHochbergResult } from '@/lib/analysis/benjamini-hochberg';
export { getSignificanceBins, SIGNIFICANCE_LEVELS, type SignificanceBinOptions } from '@/lib/analysis/significance-bins';
export { mannKendall, type MannKendallResult } from '@/lib/analysis/mann-kendall';
export { quarticKde, type KdePoints } from '@/lib/analysis/quartic-kde';
export { dbscan, HIGH_DENSITY_NEIGHBOURS, type DbscanOptions, type DbscanResult } from '@/lib/analysis/dbscan';
export { summarizeClusters, type ClusterSummary, type SummarizeClustersInput } from '@/lib/analysis/summarize-clusters';
export {
  classifyEmergingCell,
  findEmergingHotSpots,
  PERSISTENT_SHARE,
  type EmergingCategory,
  type EmergingClassification,
  type EmergingHotSpotOptions,
  type EmergingHotSpotResult,
} from '@/lib/analysis/emerging-hot-spots';
export { getDefaultParameters, getMoransIZ, MIN_INCIDENTS, type DefaultParameters, type DefaultParameterWarning } from '@/lib/analysis/default-parameters';
export { getKthNeighbourDistances } from '@/lib/analysis/nearest-neighbour-distances';
export { getAoristicWeights, getStockholmHourWeekday, type AoristicWeights, type LocalHourWeekday, type LocalTimeOf } from '@/lib/analysis/aoristic-weights';
export { getWeightedDisplacementDifference, getWeightedDisplacementQuotient, type WeightedDisplacementDifference } from '@/lib/analysis/weighted-displacement';
export { runKnoxTest, type KnoxCell, type KnoxOptions } from '@/lib/analysis/knox-test';
export { createSeededRandom } from '@/lib/analysis/seeded-random';
export { scorePriorities, type PriorityCandidate, type PriorityCriterion, type PriorityResult } from '@/lib/analysis/prioritisation-score';
export { getHotSpotCells, type HotSpotCell, type HotSpotCellsOptions, type HotSpotCellsResult } from '@/lib/analysis/get-hot-spot-cells';
