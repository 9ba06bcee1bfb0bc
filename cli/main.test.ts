import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { loadStandards, writeLock } from '../engine/index.ts';
import type { Io } from './io.ts';
import { main } from './main.ts';
import { captureIo } from './testing.ts';

const repoRoot = fileURLToPath(new URL('..', import.meta.url));
const SAMPLE = 'rules/approval.work-order';
/** The sample's version files: the count `validate` reports for it (it grows as versions are published). */
const SAMPLE_VERSIONS = readdirSync(join(repoRoot, SAMPLE)).filter((f) => f.endsWith('.yaml')).length;

/** Runs the CLI with captured output, as a user would from `cwd`. */
async function run(argv: string[], options: { cwd?: string; stdin?: string; env?: Io['env'] } = {}) {
  const io = captureIo({ ...options, cwd: options.cwd ?? repoRoot });
  const code = await main(argv, io);
  return { code, out: io.stdout.join('\n'), err: io.stderr.join('\n') };
}

const temps: string[] = [];
afterEach(() => {
  for (const d of temps.splice(0)) rmSync(d, { recursive: true, force: true });
});

/** A temporary standards directory with a copy of the bundled `approval.work-order`. */
function sampleCopy(): string {
  const dir = mkdtempSync(join(tmpdir(), 'norma-cli-'));
  temps.push(dir);
  // The sample is its two versions 1.0.0 and 1.1.0: later fixes of the bundled standard stay out.
  cpSync(join(repoRoot, SAMPLE), join(dir, SAMPLE), {
    recursive: true,
    filter: (src) => !src.endsWith('.yaml') || /\/1\.[01]\.0\.yaml$/.test(src),
  });
  // A standards directory carries its lock: without one its approved versions are withheld.
  writeLock(loadStandards(dir));
  return dir;
}

function writeJson(dir: string, name: string, value: unknown): string {
  const path = join(dir, name);
  writeFileSync(path, JSON.stringify(value));
  return path;
}

describe('norma validate', () => {
  it('with --deep, warns about a rule no generated input reaches, and still exits 0', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'norma-deep-'));
    temps.push(dir);
    const file = writeJson(dir, 'deep.yaml', {
      kind: 'ruleset',
      id: 't.deep',
      version: '1.0.0',
      status: 'draft',
      title: 'deep',
      facts: { x: { type: 'number', minimum: 0, maximum: 10 } },
      hit: 'collect',
      outputs: { flag: { type: 'string' } },
      rules: [
        { id: 'dead', when: { all: [{ any: [{ x: { greaterThan: 5 } }] }, { x: { lessThan: 3 } }] } },
        { id: 'live', when: { x: { lessThan: 3 } } },
      ].map((r) => Object.fromEntries([...Object.entries(r), ['then', { flag: r.id }]])),
    });
    const plain = await run(['validate', file]);
    expect(plain.out).not.toContain('never_reached');
    const deep = await run(['validate', '--deep', file]);
    expect(deep.code).toBe(0);
    expect(deep.out).toContain('warning never_reached 此元素永远不会被用到：rule `dead` was never applied');
  });

  it('passes the bundled sample with exit 0', async () => {
    const r = await run(['validate', SAMPLE]);
    expect(r.out).toBe(`ok: ${SAMPLE_VERSIONS} documents, 0 errors, 0 warnings`);
    expect(r.code).toBe(0);
  });

  it('validates the whole standards directory given by --dir or NORMA_DIR when no path is given', async () => {
    const dir = sampleCopy();
    expect(await run(['validate', '--dir', dir])).toMatchObject({
      code: 0,
      out: 'ok: 2 documents, 0 errors, 0 warnings',
    });
    expect(await run(['validate'], { env: { NORMA_DIR: dir } })).toMatchObject({ code: 0 });
  });

  it('prints `file:line:col code message` with hints and exits 1 on a broken copy', async () => {
    const dir = sampleCopy();
    const file = join(dir, SAMPLE, '1.1.0.yaml');
    const text = readFileSync(file, 'utf8')
      .replace(
        'when: { estimateTotal: { greaterThan: 8000 } }',
        'when: { estimatedTotal: { greaterThan: 8000 } }',
      )
      .replace('then: { approver: service-manager }', 'then: { approver: service-manger }');
    writeFileSync(file, text);
    const r = await run(['validate', '--dir', dir], { cwd: dir });
    expect(r.code).toBe(1);
    expect(r.out).toBe(
      [
        // A locked version that no longer compiles is withheld: nothing older takes its place.
        `${SAMPLE}/1.1.0.yaml:1:1 lock_standard_withheld 锁定文件扣留了此版本：\`approval.work-order\` 1.1.0 is withheld: its file does not compile`,
        '  hint: restore the approved file from version control',
        `${SAMPLE}/1.1.0.yaml:33:13 ref_unknown_fact 引用了未声明的事实：unknown fact \`estimatedTotal\``,
        '  hint: did you mean `estimateTotal`?',
        `${SAMPLE}/1.1.0.yaml:34:23 then_invalid 规则结果不符合输出声明：\`approver: "service-manger"\` is not one of \`service-advisor\`, \`service-manager\`, \`general-manager\``,
        '  hint: did you mean `service-manager`?',
        'failed: 2 documents, 3 errors, 0 warnings',
      ].join('\n'),
    );
  });

  it('validates one file, checking its id and version against its path', async () => {
    const dir = sampleCopy();
    const file = join(dir, SAMPLE, '1.0.0.yaml');
    writeFileSync(file, readFileSync(file, 'utf8').replace('version: 1.0.0', 'version: 1.0.1'));
    const r = await run(['validate', file], { cwd: dir });
    expect(r.code).toBe(1);
    expect(r.out.split('\n')).toContain(
      `${SAMPLE}/1.0.0.yaml:4:10 path_version_mismatch 版本号与文件名不符：version \`1.0.1\` does not match its file name \`1.0.0.yaml\``,
    );
  });

  it('prints JSON with --format json', async () => {
    const dir = sampleCopy();
    const file = join(dir, SAMPLE, '1.0.0.yaml');
    writeFileSync(file, readFileSync(file, 'utf8').replace('hit: first', 'hit: frist'));
    const r = await run(['validate', '--dir', dir, '--format', 'json'], { cwd: dir });
    expect(r.code).toBe(1);
    expect(JSON.parse(r.out)).toEqual({
      documents: 2,
      errors: 2,
      warnings: 0,
      diagnostics: [
        expect.objectContaining({ code: 'lock_standard_withheld', file: `${SAMPLE}/1.0.0.yaml` }),
        {
          code: 'schema_enum',
          message: '`hit` must be one of `first`, `unique`, `any`, `priority`, `collect`, not `frist`',
          summary: '值不在允许的列表中',
          severity: 'error',
          file: `${SAMPLE}/1.0.0.yaml`,
          line: 18,
          col: 6,
          path: '/hit',
          hint: 'did you mean `first`?',
        },
      ],
    });
    const en = await run(['validate', '--dir', dir, '--format', 'json', '--lang', 'en'], { cwd: dir });
    expect(JSON.parse(en.out).diagnostics[1]).toMatchObject({
      code: 'schema_enum',
      summary: 'a value outside a fixed list',
    });
    const text = await run(['validate', '--dir', dir, '--lang', 'en'], { cwd: dir });
    expect(text.out).toContain('schema_enum a value outside a fixed list: `hit` must be one of');
    const clean = await run(['validate', SAMPLE, '--format', 'json']);
    expect(JSON.parse(clean.out)).toEqual({
      documents: SAMPLE_VERSIONS,
      errors: 0,
      warnings: 0,
      diagnostics: [],
    });
  });

  it('reports a path that does not exist', async () => {
    const r = await run(['validate', 'no/such/file.yaml']);
    expect(r.code).toBe(1);
    expect(r.out).toContain('input_unreadable');
  });
});

describe('norma eval', () => {
  const facts = { estimateTotal: 6000, payType: 'customer' };

  it('evaluates the version in force at each date: 1.0.0 in 2025, 1.1.0 with the raised threshold in 2026', async () => {
    const dir = sampleCopy();
    const f = writeJson(dir, 'f.json', facts);
    const before = await run([
      'eval',
      'approval.work-order',
      '--facts',
      f,
      '--at',
      '2025-06-01',
      '--dir',
      dir,
    ]);
    expect(before.code).toBe(0);
    const env2025 = JSON.parse(before.out);
    expect(env2025).toMatchObject({
      standard: { id: 'approval.work-order', version: '1.0.0' },
      at: '2025-06-01',
      kind: 'ruleset',
      result: { outputs: { approver: 'service-manager' } },
      matched: [{ rule: 'manager-over-5000', clause: '§7.4', message: '预估总额 6000 元,需服务经理审批' }],
    });
    expect(env2025.standard.digest).toMatch(/^sha256:/);
    expect(env2025.explain).toBeUndefined();
    const after = JSON.parse(
      (await run(['eval', 'approval.work-order', '--facts', f, '--at', '2026-03-01', '--dir', dir])).out,
    );
    expect(after).toMatchObject({
      standard: { version: '1.1.0' },
      result: { outputs: { approver: 'service-advisor' } },
      matched: [],
    });
  });

  it('adds the explanation with --explain', async () => {
    const dir = sampleCopy();
    const f = writeJson(dir, 'f.json', facts);
    const r = await run([
      'eval',
      'approval.work-order',
      '--facts',
      f,
      '--at',
      '2026-03-01',
      '--explain',
      '--dir',
      dir,
    ]);
    expect(r.code).toBe(0);
    const env = JSON.parse(r.out);
    expect(env.explain).toHaveLength(2);
    expect(env.explain[1]).toMatchObject({
      id: 'manager-over-5000',
      applied: false,
      reason: 'conditions_not_met',
      conditions: {
        op: 'greaterThan',
        fact: 'estimateTotal',
        value: 6000,
        expected: 8000,
        outcome: false,
        line: 33,
      },
    });
  });

  it('reads facts from standard input with --facts -', async () => {
    const r = await run(
      ['eval', 'approval.work-order', '--facts', '-', '--at', '2026-03-01', '--version', '1.0.0'],
      {
        stdin: JSON.stringify(facts),
      },
    );
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out)).toMatchObject({
      standard: { version: '1.0.0' },
      result: { outputs: { approver: 'service-manager' } },
    });
  });

  it('prints the error JSON and exits 1 when evaluation fails', async () => {
    const cases: Array<[string[], string, string]> = [
      [
        ['--at', '2026-03-01'],
        JSON.stringify({ estimateTotal: 'lots', payType: 'customer' }),
        'facts_invalid',
      ],
      [['--at', '2024-06-01'], JSON.stringify(facts), 'version_not_in_force'],
      [['--version', '9.0.0'], JSON.stringify(facts), 'version_unknown'],
      [[], '{ not json', 'input_malformed'],
    ];
    for (const [extra, stdin, code] of cases) {
      const r = await run(['eval', 'approval.work-order', '--facts', '-', ...extra], { stdin });
      expect(r.code, code).toBe(1);
      expect(JSON.parse(r.out).error.code).toBe(code);
    }
    const invalid = JSON.parse(
      (
        await run(['eval', 'approval.work-order', '--facts', '-', '--at', '2026-03-01'], {
          stdin: '{"payType":"cash"}',
        })
      ).out,
    );
    expect(invalid.error.details.map((d: { path: string }) => d.path)).toEqual([
      '/estimateTotal',
      '/payType',
    ]);
    const unknown = await run(['eval', 'approval.workorder', '--facts', '-'], { stdin: '{}' });
    expect(JSON.parse(unknown.out).error).toMatchObject({ code: 'standard_unknown' });
    const missing = await run(['eval', 'approval.work-order', '--facts', 'nope.json']);
    expect(JSON.parse(missing.out).error.code).toBe('input_unreadable');
  });
});

describe('norma usage', () => {
  it('exits 2 with the usage line on a usage mistake', async () => {
    for (const argv of [
      ['eval'],
      ['eval', 'approval.work-order'],
      ['eval', 'approval.work-order', '--facts', 'f.json', '--nope'],
      ['validate', '--bogus'],
    ]) {
      const r = await run(argv);
      expect(r.code, argv.join(' ')).toBe(2);
      expect(r.err).toMatch(/usage: norma /);
    }
  });

  it('exits 2 on an unknown command or none, and 0 for help', async () => {
    expect(await run(['evaluate'])).toMatchObject({
      code: 2,
      err: expect.stringContaining('unknown command `evaluate`'),
    });
    expect((await run([])).code).toBe(2);
    const help = await run(['--help']);
    expect(help.code).toBe(0);
    expect(help.out).toContain('norma validate');
    expect(help.out).toContain('norma eval <id>');
  });

  it('runs as the real `norma` bin', () => {
    const r = spawnSync(process.execPath, [join(repoRoot, 'bin/norma.js'), 'validate', SAMPLE], {
      cwd: repoRoot,
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect(r.stderr).toBe('');
    expect(r.stdout).toBe(`ok: ${SAMPLE_VERSIONS} documents, 0 errors, 0 warnings\n`);
    expect(r.status).toBe(0);
  });
});
