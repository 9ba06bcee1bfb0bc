/**
 * Every message and hint norma prints reads as a sentence about the document: never `[object
 * Object]`, `undefined` or `NaN`, never a hint that offers the rejected value as the fix, never a
 * message that rejects a value by naming the same value as allowed ("must be one of `first`, … not
 * `first`"). Checked on every diagnostic of the case corpus, on every error of its evaluations,
 * and on documents of the corpus with one value replaced by an odd one (a list, a mapping, null, a
 * number where text goes…).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseDocument, stringify } from 'yaml';
import { type Diagnostic, evaluateFast, NormaError } from '../../engine/index.ts';
import { caseFiles, compileCase, readCase } from '../support/cases.ts';
import { params } from './support.ts';

const BROKEN_TEXT = /\[object |\bundefined\b|\bNaN\b/;

/** What is wrong with one diagnostic's text, if anything. */
function problemsOf(d: Diagnostic): string[] {
  const out: string[] = [];
  for (const [field, text] of [
    ['message', d.message],
    ['hint', d.hint],
  ] as const) {
    if (text !== undefined && BROKEN_TEXT.test(text)) out.push(`${field} prints a broken value: ${text}`);
  }
  const rejected = /\bnot (`[^`]+`)$/.exec(d.message)?.[1];
  if (rejected && d.message.slice(0, -rejected.length - 4).includes(rejected)) {
    out.push(`message rejects a value it also lists as allowed: ${d.message}`);
  }
  // "did you mean `x`?" / "write `x`" must not offer the very text the document has.
  const offered = d.hint ? /(?:did you mean|write) (`[^`]+`)/.exec(d.hint)?.[1] : undefined;
  if (offered && new RegExp(`(^|[^\\w])${escapeRegex(offered)}([^\\w]|$)`).test(quotedOf(d.message))) {
    out.push(`hint offers what the message rejects: ${d.message} / ${d.hint}`);
  }
  return out;
}

/** The backticked parts of a message that name the rejected value ("not `x`", "unknown `x`"). */
function quotedOf(message: string): string {
  return (/(?:not|unknown [a-z ]*|invalid [a-z ]*) (`[^`]+`)/.exec(message)?.[1] ?? '') as string;
}

function escapeRegex(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

interface Case {
  document: string;
  file?: string;
  evaluations?: Array<{ request: Record<string, unknown> }>;
}

const cases = caseFiles().map((name) => [name, readCase<Case>(name)] as const);

describe('messages and hints', () => {
  it.each(cases)('read well in %s', (_name, spec) => {
    const compiled = compileCase(spec.document, spec.file);
    const problems = compiled.diagnostics.flatMap(problemsOf);
    const doc = compiled.document;
    for (const evaluation of doc ? (spec.evaluations ?? []) : []) {
      try {
        evaluateFast(doc as NonNullable<typeof doc>, evaluation.request);
      } catch (e) {
        if (!(e instanceof NormaError)) throw e;
        problems.push(...problemsOf({ code: e.code, message: e.message, severity: 'error' }));
        problems.push(...e.details.flatMap(problemsOf));
      }
    }
    expect(problems).toEqual([]);
  });

  const documents = cases.map(([, spec]) => spec).filter((spec) => typeof spec.document === 'string');
  const ODD_VALUES: unknown[] = [[], [{}], {}, { a: 1 }, null, 0, -1, 1.5, '', 'x', true, ['first'], [[1]]];

  it('read well after any one value of a corpus document is replaced by an odd one', () => {
    fc.assert(
      fc.property(
        fc.nat({ max: documents.length - 1 }),
        fc.nat(),
        fc.constantFrom(...ODD_VALUES),
        (which, where, odd) => {
          const spec = documents[which] as Case;
          const text = replaceOneValue(spec.document, where, odd);
          if (text === undefined) return;
          const problems = compileCase(text, spec.file).diagnostics.flatMap(problemsOf);
          expect(problems, text).toEqual([]);
        },
      ),
      params(400),
    );
  });
});

/** The document with its `where`-th scalar (in document order, modulo their count) replaced. */
function replaceOneValue(text: string, where: number, odd: unknown): string | undefined {
  const doc = parseDocument(text);
  // Cases that are broken YAML on purpose have no values to replace.
  if (doc.errors.length > 0 || doc.warnings.length > 0) return undefined;
  const paths: (string | number)[][] = [];
  try {
    collect(doc.toJS(), [], paths);
  } catch {
    return undefined; // the alias-bomb case: the loader's own tests cover it
  }
  if (paths.length === 0) return undefined;
  const path = paths[where % paths.length] as (string | number)[];
  doc.setIn(path, doc.createNode(odd));
  return stringify(doc);
}

function collect(value: unknown, path: (string | number)[], out: (string | number)[][]): void {
  if (Array.isArray(value)) {
    value.forEach((v, i) => {
      collect(v, [...path, i], out);
    });
  } else if (value !== null && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) collect(v, [...path, k], out);
  } else if (path.length > 0) out.push(path);
}
