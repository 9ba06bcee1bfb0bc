import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { documentDigest } from '../load/digest.ts';
import { loadYaml } from '../load/yaml.ts';
import { bundledStandardsDir, loadStandards } from '../standards/directory.ts';
import { evaluateStandard } from '../standards/evaluate.ts';
import { LOCK_FILE } from './lockfile.ts';
import { writeLock } from './update.ts';

/**
 * A check added later (here: a value outside a fact's enum, `op_value_enum`) must not withhold a
 * version locked before it existed. The test writes the lock entry that an older norma, without
 * the check, would have written for the same text.
 */
const ID = 'approval.work-order';
const V110 = `rules/${ID}/1.1.0.yaml`;
const FACTS = { estimateTotal: 25000, payType: 'customer' };
let dir: string;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'norma-later-'));
  cpSync(join(bundledStandardsDir, 'rules', ID), join(dir, 'rules', ID), { recursive: true });
  writeLock(loadStandards(dir));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

/** Rewrites 1.1.0 with `text` and records its digest in the lock, as if it had been locked so. */
function lockedAs(text: string): void {
  writeFileSync(join(dir, V110), text);
  const digest = documentDigest(loadYaml(text, V110).data as Record<string, unknown>);
  expect(digest).toMatch(/^sha256:/);
  const lock = readFileSync(join(dir, LOCK_FILE), 'utf8');
  const entry = /( {4}1\.1\.0:\n {6}digest: )(sha256:[0-9a-f]+)/;
  writeFileSync(join(dir, LOCK_FILE), lock.replace(entry, `$1${digest}`));
}

const original = () => readFileSync(join(bundledStandardsDir, V110), 'utf8');

describe('checks added after a version was locked', () => {
  it('warn on a locked, unchanged version that is safe to evaluate, which keeps serving', async () => {
    lockedAs(
      original().replace(
        'when: { estimateTotal: { greaterThan: 20000 } }',
        'when: { estimateTotal: { greaterThan: 20000 }, payType: { in: [customer, fleet] } }',
      ),
    );
    const index = loadStandards(dir);
    expect(index.diagnostics.map((d) => [d.code, d.severity])).toEqual([['op_value_enum', 'warning']]);
    const envelope = await evaluateStandard(index, ID, { facts: FACTS, at: '2026-03-01' });
    expect(envelope.standard.version).toBe('1.1.0');
    expect(envelope.result).toMatchObject({ outputs: { approver: 'general-manager' } });
  });

  it('stay errors on a version that is not locked as it is', () => {
    writeFileSync(
      join(dir, V110),
      original()
        .replace('payType: customer }', 'payType: fleet }')
        .replace('greaterThan: 8000', 'greaterThan: 9000'),
    );
    const index = loadStandards(dir);
    expect(index.diagnostics.filter((d) => d.severity === 'error').map((d) => d.code)).toContain(
      'lock_standard_withheld',
    );
  });

  it('stay errors, and withhold the version, when evaluating past them is unsafe', () => {
    lockedAs(original().replace('greaterThan: 20000', 'greaterThan: 20000, matches: "(?=a)a"'));
    const index = loadStandards(dir);
    const errors = index.diagnostics.filter((d) => d.severity === 'error').map((d) => d.code);
    expect(errors).toEqual(expect.arrayContaining(['op_regex_invalid', 'lock_standard_withheld']));
    expect(index.withheld.get(ID)?.map((w) => w.version)).toEqual(['1.1.0']);
  });
});
