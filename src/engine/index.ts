/**
 * The engine's public face: everything the other layers (command line, custom functions, task pane, workbook writers)
 * may use. They import from here only, never from a file of the engine (the lint configuration enforces it), so the
 * engine's inside can change without touching them.
 */
export {
  allocate,
  type Allocation,
  type AllocationRequest,
  type AllocationRow,
  type Constraint,
  type Held,
  type LimitRule,
} from "./allocate";
export {
  ASSUMPTION_LABELS,
  SummaryError,
  keyAssumptions,
  summariseScenarios,
  type Compared,
  type KeyAssumptions,
  type ScenarioSummary,
  type SummaryAlly,
  type SummaryScenario,
} from "./compare";
export { codeForName, codeWithName, editDistance, resolveCode, suggestionFor } from "./codes";
export { readEdition, type AidInput, type DataText, type EditionInput } from "./data-file";
export {
  INSTRUMENT_TABLE_COLUMNS,
  countryColumns,
  countrySources,
  countryTable,
  editionSourceLabel,
  instrumentFields,
  instrumentRow,
  instrumentTable,
  sourcesField,
  usdYears,
  type DataTable,
  type InstrumentTableColumn,
} from "./data-tables";
export {
  DATASET_KINDS,
  EMBEDDED_EDITION_ID,
  aidEurBn,
  dataVintage,
  embeddedEdition,
  type DataOrigin,
  type DatasetKind,
  type Edition,
  type EditionAid,
  type EditionAlly,
  type EditionEuState,
  type EditionSource,
} from "./edition";
export { Dec, ZERO, maxDec, plain, sumDec } from "./decimal";
export { FairShareError, fail, isFairShareError } from "./errors";
export {
  allResultNotes,
  contributorFigures,
  euGniShare,
  resultSourceDetails,
  resultSources,
  yearFigure,
  type ContributorFigures,
  type Figures,
} from "./figures";
export {
  AMOUNT_SUFFIXES,
  PARAMETERS,
  PARAMETER_DEFAULTS,
  PARAMETER_NAMES,
  SCENARIO_USES,
  amountSuffixWords,
  appliesTo,
  findParameter,
  isParameterName,
  parameter,
  parameterHelp,
  parametersFor,
  percentWords,
  rangeWords,
  useOfParameters,
  type Parameter,
  type ParameterGroup,
  type ParameterKind,
  type ParameterName,
  type ScenarioUse,
} from "./parameters";
export {
  displayNumber,
  isBlank,
  parseChoice,
  parseCode,
  parseList,
  parseMonth,
  parseWholeNumber,
  type RawValue,
} from "./parse";
export {
  allocationRequest,
  fromEurAt,
  instrumentsInYear,
  militaryAidEurBn,
  resolveSchedule,
  resolveScenario,
  runScenario,
  scenarioProblem,
  selectedInstrumentIds,
  type ContributorData,
  type Currency,
  type Method,
  type Scenario,
  type ScenarioContributor,
  type ScenarioDefaults,
  type ScenarioInstrument,
  type ScenarioResult,
  type ScenarioSpec,
} from "./scenario";
export type { Attribution, InstrumentAttribution, Overlap, OverlapRow } from "./overlap";
export {
  monthListWords,
  monthWords,
  runTrack,
  type DeliveredMeasure,
  type TrackEu,
  type TrackInstrument,
  type TrackResult,
  type TrackRow,
  type TrackTotals,
  type TrackWindow,
} from "./track";
export { AMOUNT_SCALES, amountWords, unitPlacesInMillions } from "./words";
export {
  MAX_SWEEP_ROWS,
  listVariation,
  parseRanges,
  parseVariation,
  runSweep,
  runTornado,
  sweepPoint,
  tornadoForAlly,
  variableParameters,
  variationParameter,
  withValue,
  type AllyBar,
  type KeepExact,
  type Sweep,
  type SweepAlly,
  type SweepPoint,
  type SweepRow,
  type Tornado,
  type TornadoBar,
  type TornadoEnd,
  type Variation,
} from "./sweep";
export { solve, type CheckedValue, type SolveRequest, type SolveResult, type ValueRange } from "./solve";
export {
  FRACTION_ZERO,
  fraction,
  fractionText,
  fromDec,
  parseFractionText,
  terminates,
  toDecimal,
  type Fraction,
} from "./fraction";
export { VARIABLE_PARAMETERS, parseVaried, specWith, type VariableName, type VariedParameter } from "./set-parameter";
export { TARGET_MEASURES, isMoney, parseTarget, type Relation, type Target, type TargetMeasure } from "./target";
export {
  EXPLAIN_STEPS,
  explain,
  explanationText,
  money,
  type ExplainStep,
  type ExplainStepId,
  type Explanation,
} from "./explain";
