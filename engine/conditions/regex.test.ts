import fc from 'fast-check';
import { RE2JS } from 're2js';
import { describe, expect, it } from 'vitest';
import { readSchemas } from '../schemas/index.ts';
import { createAjv } from '../validate/ajv.ts';
import {
  compileRegex,
  linearRegExp,
  MAX_PATTERN_LENGTH,
  MAX_PROGRAM_SIZE,
  nativePatterns,
  RegexError,
  regexOf,
  regexProblem,
} from './regex.ts';

describe('compileRegex', () => {
  it('searches the text unless the expression is anchored', () => {
    const unanchored = regexOf('EV');
    expect(unanchored.test('ID.4 EV Pro')).toBe(true);
    expect(regexOf('^EV$').test('ID.4 EV Pro')).toBe(false);
  });

  it('accepts an expression of the longest length and refuses a longer one', () => {
    const longest = '[a-z]'.repeat(MAX_PATTERN_LENGTH / 5);
    expect(longest).toHaveLength(MAX_PATTERN_LENGTH);
    expect(regexProblem(longest)).toBeUndefined();
    const problem = regexProblem('a'.repeat(MAX_PATTERN_LENGTH + 1));
    expect(problem?.reason).toMatch(/1001 characters long, more than 1000/);
  });

  it('refuses an expression whose compiled program is too large, however short', () => {
    const problem = regexProblem('\\pL{999}');
    expect(problem?.reason).toMatch(new RegExp(`more than ${MAX_PROGRAM_SIZE}`));
    expect(problem?.hint).toMatch(/maxLength/);
  });

  it('refuses backreferences and lookaround with a hint that says why', () => {
    expect(regexProblem('(a)\\1')?.hint).toMatch(/backreferences are not supported/);
    expect(regexProblem('(?=a)')?.hint).toMatch(/lookahead and lookbehind/);
    expect(regexProblem('(?<!a)b')?.hint).toMatch(/lookahead and lookbehind/);
    expect(regexProblem('a++')?.hint).toMatch(/possessive/);
    expect(regexProblem('x{2}{3}')?.hint).toMatch(/group the first one/);
  });

  it('examines a text only up to its budget: a longer one never matches', () => {
    const compiled = compileRegex('[a-z]{900}');
    if (!compiled.ok) throw new Error('must compile');
    const { regex } = compiled;
    expect(regex.maxText).toBeGreaterThanOrEqual(5_000);
    expect(regex.test('a'.repeat(regex.maxText))).toBe(true);
    expect(regex.test('a'.repeat(regex.maxText + 1))).toBe(false);
  });

  it('compiles each source once and hands out the same object', () => {
    expect(regexOf('^L[A-Z0-9]{16}$')).toBe(regexOf('^L[A-Z0-9]{16}$'));
  });

  it('throws a RegexError naming the (shortened) source for an expression it refuses', () => {
    expect(() => regexOf('([a-z')).toThrow(RegexError);
    expect(() => regexOf('([a-z')).toThrow('pattern `([a-z` cannot be used: missing closing ]: `[a-z`');
    expect(() => regexOf(`(${'a'.repeat(2000)}`)).toThrow(/^pattern `\(a{56}…` cannot be used/);
  });
});

describe('ajv with the linear engine', () => {
  it('runs `pattern` with search semantics in RE2 syntax', () => {
    const validate = createAjv().compile({ type: 'string', pattern: '(?i)[a-z]{2}' });
    expect(validate('12-XY-3')).toBe(true);
    expect(validate('1A2B')).toBe(false);
  });

  it('refuses to compile a schema whose pattern RE2 cannot run', () => {
    expect(() => createAjv().compile({ type: 'string', pattern: '^(a)\\1$' })).toThrow(
      /cannot be used: invalid escape sequence/,
    );
  });

  it('is the engine ajv is configured with', () => {
    expect(createAjv().opts.code.regExp).toBe(linearRegExp);
  });
});

describe("the kind schemas' expressions on JavaScript's engine", () => {
  /** Every `pattern` of norma's own schemas. */
  function schemaPatterns(node: unknown, out = new Set<string>()): Set<string> {
    if (node === null || typeof node !== 'object') return out;
    for (const [key, value] of Object.entries(node)) {
      if (key === 'pattern' && typeof value === 'string') out.add(value);
      else schemaPatterns(value, out);
    }
    return out;
  }

  it('covers every expression of the kind schemas (a new one is checked by hand, then listed)', () => {
    const patterns = schemaPatterns([...readSchemas().values()]);
    expect(patterns.size).toBeGreaterThan(5);
    for (const p of patterns) expect(nativePatterns(), p).toContain(p);
  });

  it('answers as re2js does on each of them, for texts that match, nearly match and do not', () => {
    const alphabet = fc.constantFrom(
      ...'aZz09_.-:/ \n\té中𝒳$^()[]AHMDhmd'.split(''),
      'all',
      'any',
      'not',
      '1.0.0',
    );
    for (const source of nativePatterns()) {
      const native = regexOf(source);
      const re2 = RE2JS.compile(source);
      const near = fc.stringMatching(new RegExp(source, 'u'));
      const text = fc.oneof(
        near,
        fc.tuple(near, alphabet, fc.nat()).map(([t, c, i]) => {
          const at = t.length === 0 ? 0 : i % (t.length + 1);
          return `${t.slice(0, at)}${c}${t.slice(at)}`;
        }),
        fc.array(alphabet, { maxLength: 12 }).map((cs) => cs.join('')),
      );
      fc.assert(
        fc.property(text, (t) => {
          expect(native.test(t), `${source} on ${JSON.stringify(t)}`).toBe(re2.test(t));
        }),
        { numRuns: 400 },
      );
    }
  });

  it('examines no longer text than re2js would (the same budget)', () => {
    const source = '^[A-Za-z0-9][A-Za-z0-9_-]*$';
    const native = regexOf(source);
    expect(native.test('a'.repeat(native.maxText))).toBe(true);
    expect(native.test('a'.repeat(native.maxText + 1))).toBe(false);
  });
});
