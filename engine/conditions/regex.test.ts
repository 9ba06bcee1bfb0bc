import { describe, expect, it } from 'vitest';
import { createAjv } from '../validate/ajv.ts';
import {
  compileRegex,
  linearRegExp,
  MAX_PATTERN_LENGTH,
  MAX_PROGRAM_SIZE,
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
