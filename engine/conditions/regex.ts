/**
 * The one regular-expression dialect of documents: RE2 syntax, run by re2js in time linear in the
 * text (no backtracking, so no pattern can be catastrophic). `matches` conditions (both
 * evaluators) and `pattern` in fact and output declarations (through ajv) all compile here.
 */
import { RE2JS } from 're2js';

/** The longest expression a document may write, in characters. */
export const MAX_PATTERN_LENGTH = 1000;
/** The largest compiled expression (re2js program size: roughly its characters, repeats multiplied out). */
export const MAX_PROGRAM_SIZE = 1000;
/**
 * The work one test may do: text length × program size. Matching is linear in the text, but its
 * worst case also grows with the program (about 0.3 s for the largest program on 5,000
 * characters), so a longer text than this allows is not examined: at least 5,000 characters.
 */
export const REGEX_BUDGET = 5_000_000;

/** A compiled document expression: `test` searches the text (not anchored), like `RegExp.test`. */
export interface LinearRegex {
  readonly source: string;
  /** The longest text this expression examines; a longer one never matches. */
  readonly maxText: number;
  test(text: string): boolean;
  /** The source, so ajv can key its compiled patterns by it. */
  toString(): string;
}

/** Why an expression is refused, with a hint on what to write instead. */
export interface RegexProblem {
  reason: string;
  hint: string;
}

const GENERAL_HINT =
  'expressions use RE2 syntax (docs/dsl.md); escape special characters such as `(` `[` `.` with `\\`';

/** Compiles a document expression, or says why it is refused. */
export function compileRegex(
  source: string,
): { ok: true; regex: LinearRegex } | { ok: false; problem: RegexProblem } {
  if (source.length > MAX_PATTERN_LENGTH) {
    return {
      ok: false,
      problem: {
        reason: `it is ${source.length} characters long, more than ${MAX_PATTERN_LENGTH}`,
        hint: 'test a shorter expression, or split it over several conditions',
      },
    };
  }
  let re: RE2JS;
  try {
    re = RE2JS.compile(source);
  } catch (e) {
    return { ok: false, problem: syntaxProblem(e) };
  }
  const size = re.programSize();
  if (size > MAX_PROGRAM_SIZE) {
    return {
      ok: false,
      problem: {
        reason: `it compiles to ${size} steps, more than ${MAX_PROGRAM_SIZE} (repeat counts multiply out)`,
        hint: 'use `+` or `*` with a `maxLength` instead of large repeat counts such as `{999}`',
      },
    };
  }
  const maxText = Math.floor(REGEX_BUDGET / size);
  const native = NATIVE_PATTERNS.has(source) ? new RegExp(source, 'u') : undefined;
  const regex: LinearRegex = {
    source,
    maxText,
    test: native
      ? (text) => text.length <= maxText && native.test(text)
      : (text) => text.length <= maxText && re.test(text),
    toString: () => source,
  };
  return { ok: true, regex };
}

/**
 * The expressions of norma's own kind schemas (ids, versions, names, currencies), which every
 * document loaded is checked against, run on JavaScript's own engine: re2js took a sixteenth of
 * loading a large standard. Each was checked by hand to backtrack linearly (a run of one
 * character class, or repeats that each begin with a literal the class before cannot match) and
 * to mean the same in RE2 and in JavaScript's Unicode mode (anchors, classes and literals only);
 * regex.test.ts holds the two engines to the same answers on each. The same text budget applies.
 * Any other expression, a document's own among them, runs on re2js.
 */
const NATIVE_PATTERNS: ReadonlySet<string> = new Set([
  '^[A-Za-z_][A-Za-z0-9_]*$',
  '^[A-Za-z0-9][A-Za-z0-9_.-]*$',
  '^[a-z][a-z0-9-]*(\\.[a-z0-9-]+)*$',
  '^[A-Za-z0-9][A-Za-z0-9_-]*\\.[A-Za-z0-9][A-Za-z0-9_-]*$',
  '^[A-Za-z0-9][A-Za-z0-9_-]*$',
  '^[A-Z]{3}$',
  '^[a-z][a-z0-9-]*$',
  '^[1-9][0-9]{0,3}[mhd]$',
  '^(all|any|not|[A-Za-z_][A-Za-z0-9_]*(\\.[A-Za-z_][A-Za-z0-9_]*)*)$',
  '^(all|any|not|[A-Za-z0-9_][A-Za-z0-9_-]*(\\.[A-Za-z0-9_][A-Za-z0-9_-]*)*)$',
  '^(0|[1-9]\\d*)\\.(0|[1-9]\\d*)\\.(0|[1-9]\\d*)(-[0-9A-Za-z.-]+)?$',
]);

/** The expressions that run on JavaScript's engine (for the test that holds them to re2js). */
export function nativePatterns(): readonly string[] {
  return [...NATIVE_PATTERNS];
}

/** Thrown by `regexOf` for an expression that `regexProblem` refuses. */
export class RegexError extends Error {
  constructor(
    readonly source: string,
    readonly problem: RegexProblem,
  ) {
    super(`pattern \`${shortened(source)}\` cannot be used: ${problem.reason}`);
  }
}

// Compiled expressions by source, shared by the two evaluators and ajv, so each distinct
// expression is compiled once. Bounded: a long-running server reloads edited documents, and an
// evicted expression is simply compiled again.
const MAX_CACHED = 1000;
const cache = new Map<string, LinearRegex>();

/** The compiled expression of a source (compiled once and kept); throws a RegexError if refused. */
export function regexOf(source: string): LinearRegex {
  const hit = cache.get(source);
  if (hit) return hit;
  const compiled = compileRegex(source);
  if (!compiled.ok) throw new RegexError(source, compiled.problem);
  if (cache.size >= MAX_CACHED) cache.delete(cache.keys().next().value as string);
  cache.set(source, compiled.regex);
  return compiled.regex;
}

/** Why a document expression is refused, or undefined when it compiles (and is then kept). */
export function regexProblem(source: string): RegexProblem | undefined {
  try {
    regexOf(source);
    return undefined;
  } catch (e) {
    if (e instanceof RegexError) return e.problem;
    throw e;
  }
}

/**
 * The regular-expression engine handed to ajv (`code.regExp`), so JSON Schema `pattern` runs in
 * the document dialect too. ajv asks for Unicode mode (`u`), which RE2 always is.
 */
export const linearRegExp = Object.assign((source: string, _flags: string) => regexOf(source), {
  code: 'linearRegExp',
});

/** The source as shown in a message: long ones are cut. */
export function shortened(source: string): string {
  return source.length <= 60 ? source : `${source.slice(0, 57)}…`;
}

/** A re2js syntax error as a lowercase reason and a hint that names the RE2 way, if there is one. */
function syntaxProblem(e: unknown): RegexProblem {
  const message = e instanceof Error ? e.message : String(e);
  const reason = message.replace(/^error parsing regexp: /, '');
  const at = (e as { getPattern?: () => string | null }).getPattern?.() ?? '';
  return { reason, hint: hintFor(reason, at) };
}

function hintFor(reason: string, at: string): string {
  if (/^\\[1-9k]/.test(at)) {
    return 'backreferences are not supported: expressions run in linear time (RE2 syntax, docs/dsl.md)';
  }
  if (/^\(\?[=!]|^\(\?<[=!]/.test(at)) {
    return 'lookahead and lookbehind are not supported: expressions run in linear time (RE2 syntax, docs/dsl.md)';
  }
  if (/^\\u/.test(at)) return 'write a code point as `\\x{4E2D}`, or the character itself';
  if (/^\(\?>/.test(at) || /^[*+?}]\+$/.test(at.slice(-2))) {
    return 'atomic groups and possessive repeats are not needed: write `a+` instead of `a++` or `(?>a+)`';
  }
  if (reason.startsWith('invalid nested repetition operator')) {
    return 'a repeat cannot follow another directly: group the first one, as in `(?:x{2}){3}`';
  }
  if (reason.startsWith('invalid repeat count')) {
    return 'repeat counts go up to 1000, and nested repeats multiply: `(a{100}){20}` counts 2000';
  }
  return GENERAL_HINT;
}
