/**
 * One suite, every kind (the Hono pattern): each registered kind must pass the same checks, driven
 * by the fixture its folder provides (`engine/kinds/<kind>/conformance.ts`). A new kind that is
 * registered without a fixture, or whose fixture fails any check, fails here.
 */
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import {
  type CompiledDocument,
  compileDocument,
  type Envelope,
  evaluateFast,
  evaluateReferencePath,
  kinds,
  loadStandards,
  projectResult,
  renderReport,
  schemaDir,
  semanticDiff,
  standardFolders,
  templateNames,
  testDocument,
} from '../../engine/index.ts';
import type { KindFixture } from '../../engine/kinds/fixture.ts';

const kindsDir = new URL('../../engine/kinds/', import.meta.url);
const OPTIONS = { seed: 20261128, runs: 200 };

/** The fixture a kind's folder provides. */
async function fixtureOf(kind: string): Promise<KindFixture> {
  const module = (await import(new URL(`${kind}/conformance.ts`, kindsDir).href)) as {
    fixture?: KindFixture;
  };
  if (!module.fixture) throw new Error(`engine/kinds/${kind}/conformance.ts exports no \`fixture\``);
  return module.fixture;
}

/** The fixture's document with extra top-level fields (tests, invariants), compiled; it must compile. */
function compiledWith(fixture: KindFixture, extra: Record<string, unknown> = {}): CompiledDocument {
  const data = { ...(parse(fixture.document) as Record<string, unknown>), ...extra };
  const result = compileDocument(stringify(data), 'conformance.yaml');
  const errors = result.diagnostics.filter((d) => d.severity === 'error');
  expect(errors, JSON.stringify(errors)).toEqual([]);
  return result.document as CompiledDocument;
}

function requestOf(fixture: KindFixture) {
  return { at: '2026-03-01', ...fixture.request };
}

/** A test as written under `tests:`, for the fixture's request. */
function testFor(fixture: KindFixture, name: string, expectation: Record<string, unknown>) {
  const { facts, answers, history, at } = requestOf(fixture);
  return {
    name,
    facts,
    ...(answers ? { answers } : {}),
    ...(history ? { history } : {}),
    at,
    expect: expectation,
  };
}

const scratch: string[] = [];
afterAll(() => {
  for (const dir of scratch) rmSync(dir, { recursive: true, force: true });
});

describe('the registry', () => {
  it('registers every kind folder under engine/kinds, each under its own name', () => {
    for (const [name, module] of Object.entries(kinds)) {
      expect(module.kind).toBe(name);
      expect(existsSync(new URL(`${name}/index.ts`, kindsDir)), `engine/kinds/${name}/index.ts`).toBe(true);
      expect(existsSync(join(schemaDir, module.schema)), `engine/schemas/${module.schema}`).toBe(true);
    }
  });

  it('lets the loader look in every kind folder', () => {
    expect([...standardFolders].sort()).toEqual(
      [...new Set(Object.values(kinds).map((k) => k.folder))].sort(),
    );
  });

  it('refuses a kind no module implements, naming the supported ones', () => {
    const result = compileDocument(
      'kind: workflow\nid: t.workflow\nversion: 1.0.0\nstatus: draft\ntitle: t\n',
      'workflow.yaml',
    );
    expect(result.document).toBeUndefined();
    const kind = result.diagnostics.find((d) => d.path === '/kind');
    expect(kind?.severity).toBe('error');
    for (const name of Object.keys(kinds)) expect(`${kind?.message} ${kind?.hint}`).toContain(name);
  });
});

describe.each(Object.keys(kinds))('kind %s', (kind) => {
  const module = kinds[kind] as (typeof kinds)[string];

  it('compiles its fixture document', async () => {
    const doc = compiledWith(await fixtureOf(kind));
    expect(doc.kind).toBe(kind);
    expect(doc.module).toBe(module);
  });

  it('is loaded from its folder of a standards directory, and refused from another', async () => {
    const fixture = await fixtureOf(kind);
    const { id, version } = parse(fixture.document) as { id: string; version: string };
    const dir = mkdtempSync(join(tmpdir(), 'norma-kinds-'));
    scratch.push(dir);
    const write = (folder: string, document: string) => {
      const { id, version } = parse(document) as { id: string; version: string };
      mkdirSync(join(dir, folder, id), { recursive: true });
      writeFileSync(join(dir, folder, id, `${version}.yaml`), document);
    };
    write(module.folder, fixture.document);
    // The documents this one names (a process's steps), beside it.
    for (const other of fixture.companions ?? []) {
      write((kinds[other] as (typeof kinds)[string]).folder, (await fixtureOf(other)).document);
    }
    const index = loadStandards(dir);
    expect(index.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(index.documents.get(id)?.map((d) => d.version)).toEqual([version]);
    const elsewhere = standardFolders.find((f) => f !== module.folder) ?? 'elsewhere';
    const misplaced = compileDocument(fixture.document, `${elsewhere}/${id}/${version}.yaml`, {
      id,
      version,
      folder: elsewhere,
    });
    expect(misplaced.diagnostics.map((d) => d.code)).toContain('path_kind_folder');
  });

  it('gives the same envelope on both evaluators, with the standard envelope fields', async () => {
    const fixture = await fixtureOf(kind);
    const doc = compiledWith(fixture);
    const request = requestOf(fixture);
    const fast = evaluateFast(doc, request);
    const reference = await evaluateReferencePath(doc, { ...request, explain: false });
    expect(JSON.parse(JSON.stringify(reference))).toEqual(JSON.parse(JSON.stringify(fast)));
    expect(fast.standard).toEqual({ id: doc.id, version: doc.version, digest: doc.digest });
    expect(fast.standard.digest).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(fast.at).toBe(request.at);
    expect(fast.kind).toBe(kind);
    expect(fast.result).toBeTypeOf('object');
    expect(Array.isArray(fast.matched)).toBe(true);
    for (const m of fast.matched) expect(m.rule).toBeTypeOf('string');
  });

  it('explains every element it considered with type, id, applied and a position', async () => {
    const fixture = await fixtureOf(kind);
    const envelope = await evaluateReferencePath(compiledWith(fixture), {
      ...requestOf(fixture),
      explain: true,
    });
    expect(envelope.explain?.length ?? 0).toBeGreaterThan(0);
    for (const entry of envelope.explain ?? []) {
      expect(entry.type).toBeTypeOf('string');
      expect(entry.id).toBeTypeOf('string');
      expect(entry.applied).toBeTypeOf('boolean');
      expect(entry.line).toBeGreaterThan(0);
      expect(entry.col).toBeGreaterThan(0);
    }
  });

  it('declares exactly the outputs its results have', async () => {
    const fixture = await fixtureOf(kind);
    const doc = compiledWith(fixture);
    const result = evaluateFast(doc, requestOf(fixture)).result as Record<string, unknown>;
    const keys = module.outputs.keys(doc.compiled);
    expect(Object.keys(result).sort()).toEqual(Object.keys(keys).sort());
    for (const [key, inside] of Object.entries(keys)) {
      if (inside) expect(Object.keys(result[key] as object).sort()).toEqual([...inside].sort());
    }
  });

  it('projects its result for the behavioural diff, the same way every time', async () => {
    const fixture = await fixtureOf(kind);
    const doc = compiledWith(fixture);
    const fast = evaluateFast(doc, requestOf(fixture));
    const reference = await evaluateReferencePath(doc, requestOf(fixture));
    const projection = projectResult(kind, fast.result);
    expect(Object.keys(projection).length).toBeGreaterThan(0);
    expect(projection).not.toHaveProperty('result');
    for (const value of Object.values(projection)) expect(value).not.toBeUndefined();
    expect(projectResult(kind, structuredClone(fast.result))).toEqual(projection);
    expect(projectResult(kind, reference.result)).toEqual(projection);
  });

  it('has an empty semantic diff between a version and itself', async () => {
    const fixture = await fixtureOf(kind);
    const doc = compiledWith(fixture);
    const same = compiledWith({ ...fixture, document: stringify(parse(fixture.document)) });
    expect(semanticDiff(doc, doc).changes).toEqual([]);
    expect(semanticDiff(doc, same).changes).toEqual([]);
  });

  it('renders its reports, blank and of an evaluation, with its own templates', async () => {
    const fixture = await fixtureOf(kind);
    const doc = compiledWith(fixture);
    for (const part of Object.values(module.report)) expect(templateNames()).toContain(part.template);
    const envelope: Envelope = evaluateFast(doc, requestOf(fixture));
    for (const html of [
      renderReport(doc),
      renderReport(doc, { envelope, facts: fixture.request.facts, answers: fixture.request.answers }),
    ]) {
      expect(html).toContain('<html');
      expect(html).toContain(doc.title);
      expect(html).not.toContain('[object Object]');
    }
  });

  it('passes a test that expects what it evaluates to', async () => {
    const fixture = await fixtureOf(kind);
    const actual = evaluateFast(compiledWith(fixture), requestOf(fixture)).result as Record<string, unknown>;
    const doc = compiledWith(fixture, { tests: [testFor(fixture, 'as evaluated', actual)] });
    const report = await testDocument(doc, OPTIONS);
    expect(report.findings.filter((f) => f.kind === 'test')).toEqual([]);
    expect(report.tests).toEqual({ total: 1, passed: 1 });
  });

  it('fails an invariant that must fail, with a counterexample to paste', async () => {
    const fixture = await fixtureOf(kind);
    const doc = compiledWith(fixture, { invariants: [fixture.failingInvariant] });
    const report = await testDocument(doc, OPTIONS);
    const finding = report.findings.find((f) => f.kind === 'invariant');
    expect(finding?.severity).toBe('error');
    expect(finding?.counterexample?.tests.length ?? 0).toBeGreaterThan(0);
    expect(report.ok).toBe(false);
  });

  it('refuses, at load, a test whose expect names an unknown output', async () => {
    const fixture = await fixtureOf(kind);
    const data = { ...(parse(fixture.document) as Record<string, unknown>) };
    data.tests = [testFor(fixture, 'misnamed', { noSuchOutput: 1 })];
    const { document, diagnostics } = compileDocument(stringify(data), 'conformance.yaml');
    expect(document).toBeUndefined();
    const found = diagnostics.find((d) => d.code === 'test_expect_unknown');
    expect(found?.message).toContain('`noSuchOutput`');
  });

  it('fails invariants about an unknown output instead of holding', async () => {
    const fixture = await fixtureOf(kind);
    const fact = Object.keys((parse(fixture.document) as { facts: object }).facts)[0];
    const invariants: Record<string, unknown>[] = [
      { name: 'misnamed monotone', monotone: { fact, output: 'noSuchOutput', direction: 'increasing' } },
      { name: 'misnamed forall', forall: { expect: { noSuchOutput: 1 } } },
    ];
    // Where the kind knows what a result key holds (a ruleset's outputs), a wrong name inside fails too.
    const keys = module.outputs.keys(compiledWith(fixture).compiled);
    const known = Object.entries(keys).find(([, inside]) => inside !== undefined)?.[0];
    if (known)
      invariants.push({ name: 'misnamed inside', forall: { expect: { [`${known}.noSuchPart`]: 1 } } });
    const doc = compiledWith(fixture, { invariants });
    const report = await testDocument(doc, OPTIONS);
    const failed = report.findings.filter((f) => f.kind === 'invariant' && f.severity === 'error');
    expect(failed.map((f) => f.name).sort()).toEqual(invariants.map((i) => i.name).sort());
    for (const f of failed) expect(f.message).toContain('is not an output');
  });
});
