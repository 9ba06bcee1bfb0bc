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

/** The most bad lines reported; reading stops there (each bad line costs a thrown error). */
const MAX_REPORTED = 100;

/**
 * Parses JSON Lines, one object per line: a request (`{"facts": {…}, "answers": {…}}`) or, when
 * the line has no `facts` object, the facts themselves. Blank lines are skipped; bad lines are
 * reported (`input_malformed`, with their line numbers; reading stops after 100 of them). A text
 * over `limits` is refused before any line is parsed (`input_too_large`).
 */
export function parseJsonLines(text: string, name = 'inputs', limits: JsonLinesLimits = {}): DiffInput[] {
  const lines = text.split('\n');
  checkSize(text, lines, name, { ...jsonLinesLimits, ...limits });
  const out: DiffInput[] = [];
  const problems: Diagnostic[] = [];
  for (let n = 0; n < lines.length; n++) {
    const line = lines[n] as string;
    if (line.trim() === '') continue;
    try {
      out.push(diffInputOf(JSON.parse(line)));
    } catch (e) {
      problems.push(error('input_malformed', `line ${n + 1}: ${(e as Error).message}`, { line: n + 1 }));
      if (problems.length === MAX_REPORTED && n + 1 < lines.length) {
        problems.push(
          error('input_malformed', `reading stopped after ${MAX_REPORTED} bad lines, at line ${n + 1}`, {
            hint: 'fix the lines listed first',
          }),
        );
        break;
      }
    }
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
      // A process's real inputs are cases: their histories come along.
      ...(Array.isArray(record.history) ? { history: record.history as unknown[] } : {}),
    };
  }
  return { facts: record };
}
