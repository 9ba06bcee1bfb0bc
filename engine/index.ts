/**
 * norma's engine, the only surface that `server/` and `cli/` use:
 * load → validate → compile → evaluate (→ diff, render).
 */

export type { Counterexample, PasteTest } from './assurance/counterexample.ts';
export { boundariesOf, factsArbitrary, inputArbitrary } from './assurance/generate.ts';
export { DEEP_RUNS, deepSearch } from './assurance/reach.ts';
export { type AssuranceRun, formatRunJson, formatRunText, runPassed } from './assurance/report.ts';
export { type AssuranceOptions, DEFAULT_RUNS, type DocumentReport, testDocument } from './assurance/run.ts';
export { DIAGNOSTIC_CODES, type DiagnosticCode, SCHEMA_KEYWORD_CODES } from './codes.ts';
export { compareDates, isIsoDate, parseDateValue, today } from './conditions/dates.ts';
export type { ConditionExplain } from './conditions/explain.ts';
export {
  type Diagnostic,
  formatDiagnosticsText,
  hasErrors,
  NormaError,
  sortDiagnostics,
  warning,
  withSummaries,
} from './diagnostics.ts';
export {
  type BehaviouralDiff,
  type BehaviourOptions,
  behaviouralDiff,
  MAX_DIFF_RUNS,
} from './diff/behaviour.ts';
export type { ChangeClass } from './diff/classify.ts';
export { formatDiffText } from './diff/format.ts';
export { diffInputOf, type JsonLinesLimits, jsonLinesLimits, parseJsonLines } from './diff/inputs.ts';
export { type DiffInput, projectResult } from './diff/projection.ts';
export { type DiffOptions, type DiffReport, type DiffView, diffVersions, diffView } from './diff/report.ts';
export { type Change, type SemanticDiff, semanticDiff } from './diff/semantic.ts';
export {
  type CompiledDocument,
  type CompileOptions,
  type CompileResult,
  compileDocument,
  type DocumentStatus,
} from './document.ts';
export {
  type Envelope,
  type EvalPath,
  type EvaluateOptions,
  type EvaluateRequest,
  evaluateDocument,
  evaluateFast,
  evaluateReferencePath,
  labelsOf,
} from './evaluate.ts';
export { hasPersonal, MASKED, maskPersonal } from './facts/personal.ts';
export type { FactSchema } from './facts/types.ts';
export {
  codeSummary,
  ENGINE_LABEL_GROUPS,
  type EngineLabelGroup,
  engineLabel,
  isMessageKey,
  type MessageKey,
  message,
  messagesFor,
  t,
} from './i18n/catalogue.ts';
export { type EnvelopeLabels, type LabelTable, labelOf } from './i18n/labels.ts';
export { DEFAULT_LANG, isLang, type Lang, langs } from './i18n/lang.ts';
export { negotiate } from './i18n/negotiate.ts';
export { REPORT_LANGS, reportLabel } from './i18n/report-words.ts';
export { isText, type Text, textOf, wording, wordings } from './i18n/text.ts';
export type { ExplainEntry, Matched } from './kinds/kind.ts';
export {
  allowedStep,
  caseReasons,
  evaluateProcess,
  type ProcessRequest,
  type StepPermission,
  stepFacts,
} from './kinds/process/api.ts';
export type {
  DeadlineView,
  NextAction,
  OverdueDeadline,
  ProcessResult,
  StageState,
  StageView,
  StepState,
  StepView,
} from './kinds/process/evaluate.ts';
export type { DecisionEntry, EventEntry, HistoryEntry } from './kinds/process/history.ts';
export type { RefusalCode } from './kinds/process/replay.ts';
export { kinds } from './kinds/registry.ts';
export { canonicalJson, DIGEST_SCHEME, digestOf, documentDigest, LIFECYCLE_FIELDS } from './load/digest.ts';
export { decodeUtf8 } from './load/utf8.ts';
export { engineBuild, VerifiedDocuments } from './load/verified.ts';
export { loadYaml, yamlLimits } from './load/yaml.ts';
export { formatHistoryText, type History, historyOf } from './lock/history.ts';
export { LOCK_FILE, type LockEntry, readLock } from './lock/lockfile.ts';
export { type LockMigration, migrateLock, planMigration } from './lock/migrate.ts';
export { type LockUpdate, planLock, writeLock } from './lock/update.ts';
export { WITHHELD, type WithheldVersion } from './lock/withheld.ts';
export { ajv2020, yaml } from './packages.ts';
export { type CaseFileEntry, type CaseFileInput, renderCaseFile } from './render/case-file.ts';
export { describeCondition } from './render/describe.ts';
export { checkHeading, reportHeadingSchema } from './render/heading.ts';
export {
  type FontMode,
  type RenderOptions,
  type Repairer,
  type ReportEvaluation,
  type ReportHeading,
  type ReportLang,
  renderDiff,
  renderReport,
  reportTemplateOf,
} from './render/reports.ts';
export { templateNames } from './render/templates.ts';
export { readSchemas, schemaDir } from './schemas/index.ts';
export { chooseVersion, inForceAt } from './standards/choose.ts';
export {
  bundledStandardsDir,
  compileFile,
  type FileState,
  type IndexOptions,
  indexFiles,
  listStandardFiles,
  loadStandards,
  type StandardsIndex,
  standardFolders,
} from './standards/directory.ts';
export {
  chooseStandardVersion,
  evaluateStandard,
  findVersion,
  type StandardRequest,
  versionsOf,
} from './standards/evaluate.ts';
export { compareVersions } from './standards/semver.ts';
export { DEFAULT_TIME_ZONE, localTimeFormatter } from './util/local-time.ts';
