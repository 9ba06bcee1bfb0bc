/**
 * A document's `tests` checked when it is loaded, so a green `validate` means every test can run
 * as written: its facts (and a checklist's answers) fit the declarations, with the path of each
 * problem and a "did you mean" for misspelt names; its `expect` names keys the result has; and it
 * does not give both `expect` and `expectError`.
 */
import { type ParseContext, report } from '../conditions/parse.ts';
import { NormaError } from '../diagnostics.ts';
import type { FactModel } from '../facts/model.ts';
import type { FactSchema } from '../facts/types.ts';
import type { KindModule } from '../kinds/kind.ts';
import { escapePointer } from '../load/yaml.ts';
import { closest } from '../util/suggest.ts';
import { inlineValue } from '../util/text.ts';
import { expectKeysOf, type KeyTree } from './expect-keys.ts';
import { isMapping } from './outcome.ts';

/** The parts of a document being compiled that its tests are checked against. */
export interface TestedDocument {
  data: Record<string, unknown>;
  facts: FactModel;
  module: KindModule<unknown>;
  compiled: unknown;
}

/** Reports every problem of the document's `tests` that would make one fail or pass for nothing. */
export function checkTestsAtLoad(doc: TestedDocument, ctx: ParseContext): void {
  const list = Array.isArray(doc.data.tests) ? doc.data.tests : [];
  const keys = expectKeysOf(doc.module.kind, doc.data);
  list.forEach((raw, i) => {
    if (!isMapping(raw)) return;
    const at = `/tests/${i}`;
    if (raw.expect !== undefined && raw.expectError !== undefined) {
      report(
        ctx,
        'test_expect_conflict',
        'a test gives both `expect` and `expectError`',
        `${at}/expectError`,
        {
          prefer: 'key',
          hint: 'keep `expect` for a result, or `expectError` for an evaluation that must fail, not both',
        },
      );
    }
    if (keys && isMapping(raw.expect)) checkExpectKeys(raw.expect, keys, `${at}/expect`, ctx);
    checkRequest(doc, raw, at, ctx);
  });
}

/** Facts, then (when they fit) the kind's own request parts, such as a checklist's answers. */
function checkRequest(
  doc: TestedDocument,
  test: Record<string, unknown>,
  at: string,
  ctx: ParseContext,
): void {
  const facts = isMapping(test.facts) ? test.facts : {};
  const name = typeof test.name === 'string' ? `test \`${inlineValue(test.name)}\`` : 'a test';
  const misspelt = unknownFacts(facts, doc.facts.declared, `${at}/facts`, ctx);
  const expected = typeof test.expectError === 'string' ? test.expectError : undefined;
  // A test of facts that must not fit needs no details of why they do not (nor a validator).
  if (expected === 'facts_invalid' && !doc.facts.fits(facts)) return;
  const prepared = doc.facts.prepare(facts);
  if (!prepared.ok) {
    if (expected === 'facts_invalid') return;
    for (const d of prepared.details) {
      // A missing fact that a misspelt name was meant to give is said once, at the misspelling.
      if (d.code === 'required' && misspelt.has(d.path ?? '')) continue;
      report(
        ctx,
        'test_facts_invalid',
        `${name}: the facts do not fit: ${d.message}`,
        `${at}/facts${d.path ?? ''}`,
        {
          hint: inputHint(d.hint),
        },
      );
    }
    return;
  }
  if (!doc.module.prepare) return;
  const request = {
    facts,
    ...(test.answers !== undefined ? { answers: test.answers } : {}),
    ...(test.history !== undefined ? { history: test.history } : {}),
  };
  const input = doc.module.prepare(doc.compiled, request, prepared.facts);
  if (!(input instanceof NormaError) || input.code === expected) return;
  const answers = input.code === 'answers_invalid';
  const history = input.code === 'history_invalid';
  for (const d of input.details ?? []) {
    const pointer = answers || history ? `${at}${d.path ?? ''}` : `${at}/facts${d.path ?? ''}`;
    const what = answers ? 'answers' : history ? 'history' : 'facts';
    report(
      ctx,
      answers ? 'test_answers_invalid' : history ? 'test_history_invalid' : 'test_facts_invalid',
      `${name}: the ${what} do${history ? 'es' : ''} not fit: ${d.message}`,
      pointer,
      {
        hint: inputHint(d.hint),
      },
    );
  }
}

/** The detail's own hint (what the declaration expects, or a "did you mean"), else a general one. */
function inputHint(hint: string | undefined): string {
  return hint ?? "give the test an input that fits the document's declarations";
}

/**
 * Reports names in a test's facts that no declaration has, at any depth of declared objects;
 * returns the JSON paths (from the facts) of the names they were probably meant to be.
 */
function unknownFacts(
  facts: Record<string, unknown>,
  declared: Record<string, FactSchema>,
  pointer: string,
  ctx: ParseContext,
  path = '',
  meant = new Set<string>(),
): Set<string> {
  const names = Object.keys(declared);
  for (const [name, value] of Object.entries(facts)) {
    const at = `${pointer}/${escapePointer(name)}`;
    const schema = Object.hasOwn(declared, name) ? declared[name] : undefined;
    if (!schema) {
      const guess = closest(
        name,
        names.filter((n) => !Object.hasOwn(facts, n)),
      );
      if (guess) meant.add(`${path}/${escapePointer(guess)}`);
      const where = path === '' ? 'fact' : `property of \`${path.slice(1).replaceAll('/', '.')}\``;
      report(ctx, 'test_fact_unknown', `the test gives \`${name}\`, which is not a declared ${where}`, at, {
        prefer: 'key',
        hint: guess
          ? `did you mean \`${guess}\`?`
          : `declared: ${names.join(', ') || 'none'}; an undeclared input is ignored, so the test would not test it`,
      });
      continue;
    }
    const inner = nestedDeclarations(schema, value);
    if (inner) unknownFacts(inner.value, inner.declared, at, ctx, `${path}/${escapePointer(name)}`, meant);
  }
  return meant;
}

/** The declared properties of an object value, when the schema declares them. */
function nestedDeclarations(
  schema: FactSchema,
  value: unknown,
): { value: Record<string, unknown>; declared: Record<string, FactSchema> } | undefined {
  if (!isMapping(value) || !schema.properties || schema.additionalProperties === true) return undefined;
  return { value, declared: schema.properties };
}

/** Reports `expect` keys the result does not have, with a "did you mean". */
function checkExpectKeys(
  expect: Record<string, unknown>,
  tree: KeyTree,
  pointer: string,
  ctx: ParseContext,
  prefix = '',
): void {
  for (const [key, value] of Object.entries(expect)) {
    const at = `${pointer}/${escapePointer(key)}`;
    const below = Object.hasOwn(tree, key) ? tree[key] : undefined;
    if (below === undefined) {
      const guess = closest(key, Object.keys(tree));
      report(ctx, 'test_expect_unknown', `the result has no \`${prefix}${key}\``, at, {
        prefer: 'key',
        hint: guess
          ? `did you mean \`${prefix}${guess}\`?`
          : `${prefix ? `\`${prefix.slice(0, -1)}\` has` : 'the result has'}: ${Object.keys(tree).join(', ') || 'no keys'}`,
      });
      continue;
    }
    if (below !== true && isMapping(value)) checkExpectKeys(value, below, at, ctx, `${prefix}${key}.`);
  }
}
