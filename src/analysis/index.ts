/** Public entry of the analysis layer: AnalysisSpec → one immutable Analysis that every view, export and command reads. */
export {
  analyse, analyseStrict, includedEffects, includedRows, selectionOf, type Analysis, type Pooled,
} from './analyse.ts';
export {
  biasOf, countsOf, cumulativeOf, leaveOneOutOf, posteriorOf, refit, refitOptions, sensitivityOf, whatIfOf,
  type BiasTests,
} from './derived.ts';
export { effectOf } from './effectOf.ts';
export {
  estimateChanged, estimateDiff, groupEstimates, SAME, sofEstimates, sofRowEstimate,
  type DiffStatus, type EstimateDiff, type PooledEstimate,
} from './estimateDiff.ts';
export { decodeIds, encodeIds } from './exclusionIds.ts';
export { betweenTest, pooledFit, type BetweenTest, type FitDetail, type KeyedEffect, type PooledFit } from './pooledFit.ts';
export {
  analyseRegression, moderatorCoverage, permutationOf, regressionDisplay, regressionLevels, regressionLine,
  regressionOf, type ExcludedRegressionRow, type LevelPrediction, type ModeratorCoverage, type ModeratorOrigin,
  type ModeratorSources, type RegressionAnalysis, type RegressionLinePoint, type RegressionRequest, type RegressionRow,
} from './regression.ts';
export {
  resolveExclusions, selectRows, type ExclusionUnit, type RowData, type RowStatus, type SelectedRow, type Selection,
} from './selection.ts';
export {
  ANALYSIS_METHODS, SMALL_K_METHODS, isSmallK, resolveSpec, type AnalysisMethod, type AnalysisSpec, type ResolvedSpec,
} from './spec.ts';
export * from './summaryOfFindings.ts';
export {
  MEDIAN_OUTCOMES, analyseMedians, type MedianAnalysis, type MedianGroup, type MedianInput, type MedianOutcome,
  type MedianRow, type MedianSpec,
} from './medians.ts';
export { printedNumber, printedValue } from './printedValue.ts';
export { isSubgroupRow } from './subgroupRow.ts';
export {
  ENDPOINT_LABELS, ENDPOINT_OUTCOMES, endpointOfNote, exponentialCurve, trialCohortIds, trialsOf, type Endpoint,
  type HazardRatioGroup, type ModelArmCurve, type ModelCurvePair, type Trial, type TrialArm, type TrialHazardRatio,
  type TrialOutcome, type TrialValue, type Trials,
} from './trials.ts';
export {
  cohortRepresentatives, ipdKm, lastLandmarkOf, modelEntries, onePerCohortArm, OS_LANDMARKS, survivalCurves,
  survivalCurvesOf, type IpdCurve, type IpdCurveInput, type ModelCurve, type ModelEntry, type PoolKind,
  type SurvivalCurves, type SurvivalCurvesSpec, type SurvivalPool,
} from './survivalCurves.ts';
