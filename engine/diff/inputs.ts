/** Real inputs for the behavioural diff: JSON Lines (a file, an HTTP body) or a JSON list. */
import { type Diagnostic, error, NormaError } from '../diagnostics.ts';
import type { DiffInput } from './projection.ts';

/** How much one JSON Lines text may hold: the behavioural diff evaluates every input twice. */
export interface JsonLinesLimits {
  /** The most inputs (non-blank lines). */
  maxInputs?: number;
  /** The most bytes of text (UTF-8). */
  maxBytes?: number;
}

/** The default limits of `parseJsonLines`. */
export const jsonLinesLimits = { maxInputs: 10_000, maxBytes: 16 * 1024 * 1024 } as const;

/** The most bad lines reported one by one; the rest are counted. */
const MAX_REPORTED = 100;

/**
 * Parses JSON Lines, one object per line: a request (`{"facts": {…}, "answers": {…}}`) or, when
 * the line has no `facts` object, the facts themselves. Blank lines are skipped; bad lines are
 * reported (`input_malformed`, with their line numbers: the first 100, then how many more). A text
 * over `limits` is refused before any line is parsed (`input_too_large`).
 */
export function parseJsonLines(text: string, name = 'inputs', limits: JsonLinesLimits = {}): DiffInput[] {
  const lines = text.split('\n');
  checkSize(text, lines, name, { ...jsonLinesLimits, ...limits });
  const out: DiffInput[] = [];
  const problems: Diagnostic[] = [];
  let unreported = 0;
  lines.forEach((line, n) => {
    if (line.trim() === '') return;
    try {
      out.push(diffInputOf(JSON.parse(line)));
    } catch (e) {
      if (problems.length === MAX_REPORTED) unreported++;
      else problems.push(error('input_malformed', `line ${n + 1}: ${(e as Error).message}`, { line: n + 1 }));
    }
  });
  if (unreported > 0) {
    problems.push(
      error('input_malformed', `${unreported} more bad lines are not listed`, {
        hint: 'fix the lines listed first',
      }),
    );
  }
  if (problems.length > 0) {
    throw new NormaError('input_malformed', `${name} has lines that are not JSON objects`, problems);
  }
  return out;
}

function checkSize(
  text: string,
  lines: readonly string[],
  name: string,
  limits: Required<JsonLinesLimits>,
): void {
  const bytes = Buffer.byteLength(text);
  let inputs = 0;
  for (const line of lines) if (line.trim() !== '') inputs++;
  const over =
    bytes > limits.maxBytes
      ? `${bytes} bytes, over the limit of ${limits.maxBytes}`
      : inputs > limits.maxInputs
        ? `${inputs} inputs, over the limit of ${limits.maxInputs}`
        : undefined;
  if (over === undefined) return;
  throw new NormaError('input_too_large', `${name} holds ${over}`, [
    error('input_too_large', `at most ${limits.maxInputs} inputs and ${limits.maxBytes} bytes`, {
      hint: 'compare on a sample of the inputs, or split them into several diffs',
    }),
  ]);
}

/** One real input from a parsed value: a request with `facts`, or bare facts. */
export function diffInputOf(value: unknown): DiffInput {
  if (value === null || typeof value !== 'object' || Array.isArray(value))
    throw new Error('not a JSON object');
  const record = value as Record<string, unknown>;
  const facts = record.facts;
  if (facts !== null && typeof facts === 'object' && !Array.isArray(facts)) {
    const answers = record.answers;
    return {
      facts: facts as Record<string, unknown>,
      ...(answers !== null && typeof answers === 'object' && !Array.isArray(answers)
        ? { answers: answers as Record<string, unknown> }
        : {}),
    };
  }
  return { facts: record };
}
