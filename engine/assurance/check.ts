import fc from 'fast-check';
import { type Counterexample, counterexample, type PasteTest } from './counterexample.ts';

/** What kind of finding a failure is. */
export type FindingKind = 'test' | 'invariant' | 'overlap' | 'error' | 'gap';

/** One thing `norma test` found wrong (an error fails the run; a warning is reported only). */
export interface Finding {
  kind: FindingKind;
  severity: 'error' | 'warning';
  /** The test or invariant's name, or a short title for built-in searches. */
  name: string;
  message: string;
  line?: number;
  col?: number;
  counterexample?: Counterexample;
}

/** A property to search: generated values, and why one of them breaks it (undefined: it holds). */
export interface Check<T> {
  kind: FindingKind;
  severity: 'error' | 'warning';
  name: string;
  line?: number;
  col?: number;
  arbitrary: fc.Arbitrary<T>;
  problem(value: T): string | undefined;
  /** The failing value as pasteable tests. */
  tests(value: T): PasteTest[];
}

/** How hard to search: fast-check's seed and number of runs. */
export interface SearchOptions {
  seed: number;
  runs: number;
}

/** Searches for a value that breaks the check; the shrunk counterexample when one is found. */
export function runCheck<T>(check: Check<T>, options: SearchOptions): Finding | undefined {
  const property = fc.property(check.arbitrary, (value) => check.problem(value) === undefined);
  const details = fc.check(property, { seed: options.seed, numRuns: options.runs });
  if (!details.failed) return undefined;
  const where = {
    ...(check.line !== undefined ? { line: check.line } : {}),
    ...(check.col !== undefined ? { col: check.col } : {}),
  };
  const base = { kind: check.kind, severity: check.severity, name: check.name, ...where };
  if (!details.counterexample) {
    const thrown: unknown = details.errorInstance;
    const why = thrown instanceof Error ? thrown.message : String(thrown);
    return { ...base, message: `the search itself failed: ${why}` };
  }
  const [value] = details.counterexample;
  const tests = check.tests(value);
  const message = safeProblem(check, value) ?? 'fails only intermittently';
  // A check that fails whatever the input (an invariant naming an unknown output) has nothing to paste.
  if (tests.length === 0) return { ...base, message };
  return {
    ...base,
    message,
    counterexample: counterexample(tests, options.seed, details.counterexamplePath ?? ''),
  };
}

function safeProblem<T>(check: Check<T>, value: T): string | undefined {
  try {
    return check.problem(value);
  } catch (e) {
    return `the check raised an error: ${(e as Error).message}`;
  }
}
