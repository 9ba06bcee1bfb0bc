/** Real inputs for the behavioural diff: JSON Lines (a file, an HTTP body) or a JSON list. */
import { type Diagnostic, error, NormaError } from '../diagnostics.ts';
import type { DiffInput } from './projection.ts';

/**
 * Parses JSON Lines, one object per line: a request (`{"facts": {…}, "answers": {…}}`) or, when
 * the line has no `facts` object, the facts themselves. Blank lines are skipped; every bad line is
 * reported (`input_malformed`, with its line number).
 */
export function parseJsonLines(text: string, name = 'inputs'): DiffInput[] {
  const out: DiffInput[] = [];
  const problems: Diagnostic[] = [];
  text.split('\n').forEach((line, n) => {
    if (line.trim() === '') return;
    try {
      out.push(diffInputOf(JSON.parse(line)));
    } catch (e) {
      problems.push(error('input_malformed', `line ${n + 1}: ${(e as Error).message}`, { line: n + 1 }));
    }
  });
  if (problems.length > 0) {
    throw new NormaError('input_malformed', `${name} has lines that are not JSON objects`, problems);
  }
  return out;
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
