/**
 * Loading with the documents a build checked clean before (engine/load/verified.ts) gives what
 * checking in full gives: for every document of the bundled standard the same diagnostics,
 * digest, data, compiled form and test results, and for an edited, moved or warned-about text
 * the full check's own diagnostics.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runAuthoredTests } from '../../engine/assurance/authored.ts';
import { assuranceAt } from '../../engine/assurance/boundaries.ts';
import type { CompiledDocument } from '../../engine/document.ts';
import { VerifiedDocuments } from '../../engine/load/verified.ts';
import { escapePointer } from '../../engine/load/yaml.ts';
import {
  bundledStandardsDir,
  compileFile,
  listStandardFiles,
  loadStandards,
} from '../../engine/standards/directory.ts';

const served = { code: 'generated' as const };
const files = listStandardFiles(bundledStandardsDir);
const textOf = (path: string) => readFileSync(join(bundledStandardsDir, path), 'utf8');

/** What a document is, as far as plain data shows it (functions are compared by what they do). */
function shapeOf(doc: CompiledDocument | undefined): unknown {
  if (!doc) return undefined;
  const { module: _module, facts, compiled, map, ...rest } = doc;
  return JSON.parse(
    JSON.stringify(
      {
        ...rest,
        declared: facts.declared,
        compiled,
        positions: pointersOf(doc.data).map((p) => [p, map.value.get(p), map.key.get(p)]),
      },
      plain,
    ),
  );
}

/** JSON of what JSON cannot hold (fees keep amounts as BigInt, symbols mark absent values). */
function plain(_key: string, value: unknown): unknown {
  if (typeof value === 'bigint') return `BigInt(${value})`;
  if (typeof value === 'symbol') return String(value);
  return value;
}

/** The JSON pointer of every node of a document's data. */
function pointersOf(value: unknown, at = '', out: string[] = []): string[] {
  out.push(at);
  if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) pointersOf(v, `${at}/${escapePointer(k)}`, out);
  }
  return out;
}

function testsOf(doc: CompiledDocument | undefined) {
  if (!doc) return undefined;
  const run = runAuthoredTests(doc, assuranceAt(doc));
  return { total: run.total, passed: run.passed, findings: run.findings };
}

describe('loading documents checked clean before', () => {
  it('gives every document of the bundled standard exactly as a full check does', () => {
    const verified = new VerifiedDocuments('sha256:test-build');
    expect(files.length).toBeGreaterThan(100);
    for (const path of files) {
      const text = textOf(path);
      const full = compileFile(path, text, undefined, { ...served, verified });
      const hits = verified.hits;
      const again = compileFile(path, text, undefined, { ...served, verified });
      expect(verified.hits, `${path} was checked clean and recorded`).toBe(hits + 1);
      expect(again.diagnostics, path).toEqual(full.diagnostics);
      expect(shapeOf(again.document), path).toEqual(shapeOf(full.document));
      expect(testsOf(again.document), path).toEqual(testsOf(full.document));
    }
  });

  it('loads the bundled standard the same way, the second time from the entries', () => {
    const verified = new VerifiedDocuments('sha256:test-build');
    const first = loadStandards(bundledStandardsDir, undefined, { verified });
    expect(verified.hits).toBe(0);
    const second = loadStandards(bundledStandardsDir, undefined, { verified });
    expect(verified.hits).toBe(files.length);
    expect(second.diagnostics).toEqual(first.diagnostics);
    expect([...second.documents.keys()]).toEqual([...first.documents.keys()]);
    for (const [id, versions] of first.documents) {
      const again = second.documents.get(id);
      expect(again?.map((d) => [d.version, d.digest])).toEqual(versions.map((d) => [d.version, d.digest]));
    }
  });

  const path = 'rules/approval.work-order/1.0.0.yaml';
  const text = textOf(path);

  it('checks an edited text in full', () => {
    const verified = new VerifiedDocuments('sha256:test-build');
    expect(compileFile(path, text, undefined, { ...served, verified }).document).toBeDefined();
    const edited = text.replace(/^hit: \w+$/m, 'hit: sometimes');
    expect(edited).not.toBe(text);
    const codes = compileFile(path, edited, undefined, { ...served, verified }).diagnostics.map(
      (d) => d.code,
    );
    expect(codes).toContain('schema_enum');
    expect(verified.hits).toBe(0);
  });

  it('checks the same text in full at another path', () => {
    const verified = new VerifiedDocuments('sha256:test-build');
    compileFile(path, text, undefined, { ...served, verified });
    const moved = compileFile('rules/approval.work-order/9.9.9.yaml', text, undefined, {
      ...served,
      verified,
    });
    expect(moved.diagnostics.map((d) => d.code)).toContain('path_version_mismatch');
    expect(verified.hits).toBe(0);
  });

  /** Compiles `edited` twice through one store: what each load says, and whether it was recorded. */
  function twice(edited: string) {
    expect(edited).not.toBe(text);
    const verified = new VerifiedDocuments('sha256:test-build');
    const loads = [0, 1].map(() => compileFile(path, edited, undefined, { ...served, verified }));
    return { loads, codes: loads.map((l) => l.diagnostics.map((d) => d.code)), verified };
  }

  it('records a document warned about by a check that always runs, and says the warning again', () => {
    const { loads, codes, verified } = twice(
      text.replace(/^(\s+)- id: (\S+)$/m, '$1- id: $2\n$1  priority: 5'),
    );
    expect(codes[0]).toContain('rule_priority_ignored');
    expect(codes[1]).toEqual(codes[0]);
    expect(loads[1]?.diagnostics).toEqual(loads[0]?.diagnostics);
    expect(loads[1]?.document).toBeDefined();
    expect(verified.hits).toBe(1);
  });

  it('records a document warned about by a check it skips with the warning, and says it again', () => {
    // A unit declared anywhere makes `estimateTotal`, a money-looking number, want one too.
    const unitless = text.replace(
      /^facts:\n/m,
      'facts:\n  depositFen: { type: integer, unit: CNY, scale: 2, default: 0 }\n',
    );
    const { loads, codes, verified } = twice(unitless);
    expect(codes[0]).toContain('unit_missing');
    expect(loads[1]?.diagnostics).toEqual(loads[0]?.diagnostics);
    expect(shapeOf(loads[1]?.document)).toEqual(shapeOf(loads[0]?.document));
    expect(verified.hits).toBe(1);
  });

  it('records dead weight (found while the kind compiles) with the document, and says it again', () => {
    const dead = text.replace(
      'when: { estimateTotal: { greaterThan: 20000 } }',
      'when: { estimateTotal: { greaterThan: 20000, lessThan: 100 } }',
    );
    const { loads, codes, verified } = twice(dead);
    expect(codes[0]).toContain('when_unsatisfiable');
    expect(loads[1]?.diagnostics).toEqual(loads[0]?.diagnostics);
    expect(shapeOf(loads[1]?.document)).toEqual(shapeOf(loads[0]?.document));
    expect(verified.hits).toBe(1);
  });

  it('never records a document with an error, which today can lift (a review dated in the future)', () => {
    const future = text.replace(/^(approved: .*)$/m, '$1\nreviewed: { by: 王强, at: 2999-01-01 }');
    const { codes, verified } = twice(future);
    expect(codes[0]).toContain('review_in_future');
    expect(codes[1]).toEqual(codes[0]);
    expect(verified.size).toBe(0);
  });
});
