/**
 * norma's engine, the only surface that `server/` and `cli/` use:
 * load → validate → compile → evaluate (→ diff, render).
 */
export { compareDates, isIsoDate, parseDateValue, today } from './conditions/dates.ts';
export type { ConditionExplain } from './conditions/explain.ts';
export {
  type Diagnostic,
  formatDiagnosticsText,
  hasErrors,
  NormaError,
  sortDiagnostics,
} from './diagnostics.ts';
export {
  type CompiledDocument,
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
} from './evaluate.ts';
export type { ExplainEntry, Matched } from './kinds/kind.ts';
export { kinds } from './kinds/registry.ts';
export { canonicalJson, digestOf } from './load/digest.ts';
export { loadYaml, yamlLimits } from './load/yaml.ts';
export { readSchemas, schemaDir } from './schemas/index.ts';
export { chooseVersion, inForceAt } from './standards/choose.ts';
export {
  bundledStandardsDir,
  compileFile,
  type FileState,
  indexFiles,
  listStandardFiles,
  loadStandards,
  type StandardsIndex,
} from './standards/directory.ts';
export { evaluateStandard, type StandardRequest, versionsOf } from './standards/evaluate.ts';
export { compareVersions } from './standards/semver.ts';
