/**
 * Document regexes run in linear time (RE2 on re2js): patterns that make a backtracking engine
 * take seconds or years on a 28-character text answer at once, on both evaluators and in ajv's
 * `pattern`, and the two evaluators agree on every generated text.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  type CompiledDocument,
  compileDocument,
  type Envelope,
  evaluateDocument,
  NormaError,
} from '../../engine/index.ts';
import { createAjv } from '../../engine/validate/ajv.ts';

/** Catastrophic for a backtracking engine: each of these blocked the server for seconds. */
const HOSTILE = [
  '^((a+))+$',
  '^(a|a)+$',
  '^(a*){12}$',
  '^(a+)+$',
  '^(a|aa)+$',
  '(x+x+)+y',
  '^(\\w+\\s?)*$',
  '^([a-zA-Z0-9]+)*@',
  '(.*a){12}',
  '^(([a-z])+.)+[A-Z]([a-z])+$',
];

/** A text just off a match: the shape that makes backtracking try every split. */
function hostileTexts(length: number): string[] {
  return [`${'a'.repeat(length - 1)}!`, `${'x'.repeat(length - 1)}!`, `${'a '.repeat(length / 2 - 1)}a!`];
}

const GENEROUS_MS = 1000;

function timed<T>(run: () => T): { value: T; ms: number } {
  const start = performance.now();
  const value = run();
  return { value, ms: performance.now() - start };
}

async function timedAsync<T>(run: () => Promise<T>): Promise<{ value: T; ms: number }> {
  const start = performance.now();
  const value = await run();
  return { value, ms: performance.now() - start };
}

function yamlString(s: string): string {
  return `'${s.replaceAll("'", "''")}'`;
}

function compileOrThrow(yaml: string): CompiledDocument {
  const { document, diagnostics } = compileDocument(yaml, 'hostile.yaml');
  if (!document) throw new Error(diagnostics.map((d) => `${d.code}: ${d.message}`).join('\n'));
  return document;
}

/** A collect ruleset with one `matches` rule per pattern on the fact `text`. */
function matchesDocument(patterns: readonly string[]): CompiledDocument {
  const rules = patterns
    .map(
      (p, i) => `  - id: r${i}\n    when: { text: { matches: ${yamlString(p)} } }\n    then: { hit: r${i} }`,
    )
    .join('\n');
  return compileOrThrow(`kind: ruleset
id: t.hostile-matches
version: 1.0.0
status: draft
title: hostile matches
facts:
  text: { type: string }
hit: collect
outputs:
  hit: { type: string }
rules:
${rules}
`);
}

/** A ruleset whose facts each declare one pattern (JSON Schema `pattern`, run by ajv). */
function patternDocument(patterns: readonly string[]): CompiledDocument {
  const facts = patterns.map((p, i) => `  f${i}: { type: string, pattern: ${yamlString(p)} }`);
  return compileOrThrow(`kind: ruleset
id: t.hostile-pattern
version: 1.0.0
status: draft
title: hostile pattern
facts:
${facts.join('\n')}
hit: first
outputs:
  ok: { type: boolean }
default: { ok: true }
rules: []
`);
}

async function outcome(run: () => Promise<Envelope>): Promise<Envelope | NormaError> {
  try {
    return await run();
  } catch (e) {
    if (e instanceof NormaError) return e;
    throw e;
  }
}

describe('hostile patterns in `matches`', () => {
  const doc = matchesDocument(HOSTILE);

  for (const length of [28, 10_000]) {
    for (const path of ['closures', 'json-rules-engine'] as const) {
      it(`answer at once on ${length}-character texts (${path})`, async () => {
        for (const text of hostileTexts(length)) {
          const { value, ms } = await timedAsync(() => evaluateDocument(doc, { facts: { text } }, { path }));
          expect(ms).toBeLessThan(GENEROUS_MS);
          expect(value.result).toBeDefined();
        }
      });
    }
  }

  it('still match what they describe', async () => {
    const run = await evaluateDocument(matchesDocument(['^(a|a)+$', '^((a+))+$']), {
      facts: { text: 'a'.repeat(10_000) },
    });
    expect((run.result as { outputs: { hit: string[] } }).outputs.hit).toEqual(['r0', 'r1']);
  });
});

describe('hostile patterns in fact declarations', () => {
  for (const length of [28, 10_000]) {
    for (const path of ['closures', 'json-rules-engine'] as const) {
      it(`refuse ${length}-character texts at once (${path})`, async () => {
        // One document per pattern, so every pattern is tried on the text.
        for (const pattern of HOSTILE) {
          const doc = patternDocument([pattern]);
          for (const text of hostileTexts(length)) {
            const { value, ms } = await timedAsync(() =>
              outcome(() => evaluateDocument(doc, { facts: { f0: text } }, { path })),
            );
            expect(ms).toBeLessThan(GENEROUS_MS);
            if (value instanceof NormaError) expect(value.code).toBe('facts_invalid');
          }
        }
      });
    }
  }

  it('run in ajv on 10,000-character texts at once', () => {
    const ajv = createAjv();
    for (const pattern of HOSTILE) {
      const validate = ajv.compile({ type: 'string', pattern });
      for (const text of hostileTexts(10_000)) {
        const { ms } = timed(() => validate(text));
        expect(ms).toBeLessThan(GENEROUS_MS);
      }
    }
  });
});

describe('a long document text', () => {
  it('of 1 MiB against a simple pattern answers well under a second', async () => {
    const doc = matchesDocument(['^(a|a)+$', 'recall']);
    const text = `${'a'.repeat(1024 * 1024 - 1)}!`;
    const { ms } = await timedAsync(() => evaluateDocument(doc, { facts: { text } }));
    expect(ms).toBeLessThan(GENEROUS_MS);
  });
});

/** Patterns the two evaluators must agree on, with an alphabet that hits their edges. */
const AGREEMENT = [
  ...HOSTILE,
  '^L[A-Z0-9]{16}$',
  '(?i)^ev\\b',
  '\\p{Han}{2}',
  '^.$',
  '^\\d{3}-\\d{2}$',
  '\\s',
  'a|b|ab',
];

describe('the fast path and the reference path', () => {
  const doc = matchesDocument(AGREEMENT);
  const alphabet = fc.constantFrom(...'aAbxyLEVev 1-2!@中国\u00a0\n🚗'.split(''), '🚗', 'aa', 'ab');
  const text = fc.oneof(
    fc.array(alphabet, { maxLength: 40 }).map((parts) => parts.join('')),
    fc.stringMatching(/^L[A-Z0-9]{16}$/),
    fc.string({ maxLength: 30, unit: 'grapheme' }),
  );

  it('agree on every generated text for every pattern', async () => {
    await fc.assert(
      fc.asyncProperty(text, async (t) => {
        const fast = await evaluateDocument(doc, { facts: { text: t } }, { path: 'closures' });
        const reference = await evaluateDocument(doc, { facts: { text: t } }, { path: 'json-rules-engine' });
        expect(reference.result).toEqual(fast.result);
      }),
      { numRuns: 200, seed: 11 },
    );
  });
});
