/**
 * Checks added after a version may have been locked. A locked version was valid when `norma lock`
 * recorded it (it skips files that do not compile), so an error a newer norma finds in its
 * unchanged text comes from a newer check. Where evaluating past it is safe — the document still
 * compiles to the same conditions, which simply never match — the version keeps serving and the
 * error is reported as a warning, instead of withholding a version that decided yesterday.
 *
 * Only the codes listed here are excused, and only for a version whose digest matches its lock
 * entry. Anything that makes evaluating unsafe (unsafe or invalid regexes, non-finite numbers,
 * templates that cannot render, YAML and schema errors) is never listed and stays an error: the
 * version is withheld. A new check that is safe to evaluate past adds its code here.
 */
import type { Diagnostic } from '../diagnostics.ts';

/** The codes a locked, unchanged version is excused (warned, still served). */
export const LATER_CHECKS: ReadonlySet<string> = new Set([
  // A comparison with a value outside a fact's enum, or an operator that does not fit the fact's
  // type: the condition compiles, and is never true.
  'op_value_enum',
  'op_type_mismatch',
  // A comparison with another fact of a type that cannot match: the condition is never true.
  'op_fact_mismatch',
  // A default outside its own declaration: requests that omit the fact are refused, never decided wrongly.
  'fact_default_invalid',
  // A document's own tests, checked at load: they decide nothing.
  'test_fact_unknown',
  'test_facts_invalid',
  'test_answers_invalid',
  'test_expect_unknown',
  'test_expect_conflict',
  // Dead weight (a rule that can never match or never be selected) is a warning already.
]);

/** Whether every error of a document is one a lock entry can excuse. */
export function excusable(diagnostics: readonly Diagnostic[]): boolean {
  return diagnostics.every((d) => d.severity !== 'error' || LATER_CHECKS.has(d.code));
}

/** An excused error, as the warning it becomes for a locked, unchanged version. */
export function excused(d: Diagnostic): Diagnostic {
  if (d.severity !== 'error' || !LATER_CHECKS.has(d.code)) return d;
  return {
    ...d,
    severity: 'warning',
    message: `${d.message} (found by a check newer than this version's lock entry: it keeps serving)`,
  };
}
