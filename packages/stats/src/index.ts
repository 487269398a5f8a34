export { feasibleIntervals } from './audit/intervals.js';
export type { FeasibleInterval } from './audit/intervals.js';
export { EqualityLp } from './audit/simplex.js';
export {
  DEFAULT_CONTRIBUTION_BOUND,
  MAX_CONTRIBUTION_BOUND,
  MAX_EPSILON_MICRO,
  MAX_TABLE_CELLS,
  MICRO,
  MIN_EPSILON_MICRO,
  NO_SUPPRESSION_THRESHOLD,
  PUBLIC_MIN_THRESHOLD,
  PUBLIC_THRESHOLD,
  SUPPRESSION_STEPS,
} from './constants.js';
export { bernoulliExpNeg } from './dp/bernoulli.js';
export { boundContributions } from './dp/bound.js';
export type { UnitRecord } from './dp/bound.js';
export { consistentSplit, projectToSimplex, roundPreservingSum } from './dp/consistency.js';
export { discreteLaplace, discreteLaplacePmf } from './dp/discrete-laplace.js';
export { epsilonMicro, formatEpsilon, perCellParameter } from './dp/epsilon.js';
export { noisyTable } from './dp/noisy-table.js';
export type { NoisyTable } from './dp/noisy-table.js';
export { cryptoRandom, seededRandom, uniformInt } from './dp/random.js';
export type { RandomSource } from './dp/random.js';
export { StatsError } from './errors.js';
export type { StatsErrorCode } from './errors.js';
export { describeDimensions, releasedCells, series } from './output/cells.js';
export type { DimensionDescription, ReleasedCell, Series } from './output/cells.js';
export { toCsv } from './output/csv.js';
export { decodePublished, encodePublished, PUBLISHED_FORMAT } from './output/published.js';
export { project } from './table/project.js';
export type { DimensionCut, Projection } from './table/project.js';
export { projectRelease, protect, protectSteps } from './release.js';
export type { Protection, ProtectionSummary, Release } from './release.js';
export { certificateSupport, checkCertificates } from './suppress/certificate.js';
export type { Certificate, CertificateProblem } from './suppress/certificate.js';
export { suppressAtStep, suppressSteps, thresholdStep } from './suppress/steps.js';
export { suppress } from './suppress/suppress.js';
export type { SuppressOptions, Suppression } from './suppress/suppress.js';
export {
  ALL,
  PERIOD_GRAINS,
  PLACE_LEVELS,
  categoryDimension,
  isoWeeksBetween,
  isoYearDimension,
  periodDimension,
  placeDimension,
  weekDimension,
} from './table/dimensions.js';
export type { Dimension, PeriodGrain, PlaceLevel } from './table/dimensions.js';
export { Hierarchy } from './table/hierarchy.js';
export { Table } from './table/table.js';
export { tabulate } from './table/tabulate.js';
export type { Tabulation, TabulationRow } from './table/tabulate.js';
