import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import type { Io } from '../io.ts';
import { main } from '../main.ts';

const repo = fileURLToPath(new URL('../..', import.meta.url));

async function run(argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const io: Io = {
    out: (t) => {
      out += t.endsWith('\n') ? t : `${t}\n`;
    },
    err: (t) => {
      err += t.endsWith('\n') ? t : `${t}\n`;
    },
    readStdin: () => '',
    env: {},
    cwd: repo,
  };
  const code = await main(['test', ...argv], io);
  return { code, out, err };
}

describe('norma test', () => {
  it('passes the bundled approval ruleset and exits 0', async () => {
    const { code, out } = await run(['rules/approval.work-order', '--seed', '7', '--runs', '200']);
    expect(out).toContain(
      'ok   rules/approval.work-order/1.1.0.yaml  tests 3/3, invariants 2/2, coverage 2/2',
    );
    // Every version of the folder is tested, however many the standard has published.
    const versions = readdirSync(`${repo}rules/approval.work-order`).filter((f) =>
      f.endsWith('.yaml'),
    ).length;
    expect(versions).toBeGreaterThanOrEqual(5);
    expect(out.trimEnd().split('\n').at(-1)).toBe(`ok: ${versions} documents, 0 failed (seed 7, 200 runs)`);
    expect(code).toBe(0);
  });

  it('fails a broken invariant with a shrunk counterexample ready to paste, and exits 1', async () => {
    const file = 'tests/fixtures/assurance/rules/broken.approval/1.0.0.yaml';
    const { code, out } = await run([file, '--seed', '42', '--runs', '300']);
    expect(code).toBe(1);
    expect(out).toContain(`FAIL ${file}`);
    expect(out).toContain(
      `✗ ${file}:32:5 invariant \`approval never drops as the estimate grows\`: \`approver\` went down from \`general-manager\` to \`service-manager\` as \`estimateTotal\` grew from 99999 to 100000`,
    );
    expect(out).toContain(`replay: norma test ${file} --seed 42 --runs 300`);
    // The indented block after "paste under `tests:`" is YAML: a list of tests.
    const block = out.split('paste under `tests:`:\n')[1]?.split('\n    replay:')[0] ?? '';
    const tests = parse(block.replace(/^ {6}/gm, '')) as { name: string; facts: unknown; expect: unknown }[];
    expect(tests.map((t) => t.facts)).toEqual([
      { payType: 'customer', estimateTotal: 99999 },
      { payType: 'customer', estimateTotal: 100000 },
    ]);
  });

  it('prints JSON for machines with --format json', async () => {
    const { code, out } = await run([
      'tests/fixtures/assurance',
      '--seed',
      '42',
      '--runs',
      '200',
      '--format',
      'json',
    ]);
    expect(code).toBe(1);
    const json = JSON.parse(out) as {
      passed: boolean;
      seed: number;
      summary: { documents: number; failed: number };
      documents: { id: string; ok: boolean; findings: { kind: string; severity: string }[] }[];
    };
    expect(json.passed).toBe(false);
    expect(json.seed).toBe(42);
    expect(json.summary).toMatchObject({ documents: 2, failed: 2 });
    const overlap = json.documents.find((d) => d.id === 'overlap.discount');
    expect(overlap?.findings.map((f) => `${f.kind}/${f.severity}`)).toEqual([
      'test/error',
      'overlap/error',
      'gap/warning',
    ]);
  });

  it('rejects a bad option as a usage error', async () => {
    const { code, err } = await run(['--runs', 'many']);
    expect(code).toBe(2);
    expect(err).toContain('`--runs` takes a whole number from 1 to 100,000, not `many`');
  });

  it('reports a missing path as a failure', async () => {
    const { code, out } = await run(['no/such/file.yaml', '--seed', '1']);
    expect(code).toBe(1);
    expect(out).toContain('input_unreadable');
  });
});
