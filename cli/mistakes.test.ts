import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { loadStandards, MAX_DIFF_RUNS, writeLock } from '../engine/index.ts';
import type { Io } from './io.ts';
import { commands, main } from './main.ts';
import { captureIo } from './testing.ts';

// Every user mistake gets one clear line (and the exit code of its class), never a stack trace.

const repoRoot = fileURLToPath(new URL('..', import.meta.url));
const SAMPLE = 'rules/approval.work-order';
const STACK_LINE = /^\s+at /m;

const tmp = mkdtempSync(join(tmpdir(), 'norma-mistakes-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const standards = join(tmp, 'standards');
cpSync(join(repoRoot, SAMPLE), join(standards, SAMPLE), { recursive: true });
// A standards directory carries its lock: without one its approved versions are withheld.
writeLock(loadStandards(standards));
const facts = join(tmp, 'facts.json');
writeFileSync(facts, JSON.stringify({ estimateTotal: 6000, payType: 'customer' }));

interface Ran {
  code: number;
  out: string;
  err: string;
}

async function run(argv: string[], options: { stdin?: string; env?: Io['env'] } = {}): Promise<Ran> {
  const io = captureIo({ cwd: tmp, ...options });
  const code = await main(argv, io);
  const r = { code, out: io.stdout.join('\n'), err: io.stderr.join('\n') };
  expect(r.err, `a stack trace for ${argv.join(' ')}`).not.toMatch(STACK_LINE);
  expect(r.out, `a stack trace for ${argv.join(' ')}`).not.toMatch(STACK_LINE);
  return r;
}

/** One well-formed invocation of each command, to which a test adds its mistake. */
const base: Record<string, string[]> = {
  validate: ['validate', '--dir', standards],
  test: ['test', '--runs', '5', '--seed', '1', '--dir', standards],
  eval: ['eval', 'approval.work-order', '--facts', facts, '--dir', standards],
  diff: ['diff', 'approval.work-order', '1.0.0', '1.1.0', '--no-behaviour', '--dir', standards],
  lock: ['lock', '--check', '--dir', standards],
  history: ['history', 'approval.work-order', '--dir', standards],
  render: ['render', 'approval.work-order', '--dir', standards],
  serve: ['serve', '--port', '0', '--dir', standards],
  decisions: ['decisions', 'list', '--data-dir', join(tmp, 'data')],
  records: ['records', 'verify', '--data-dir', join(tmp, 'data')],
};

it('has a well-formed invocation for every command', () => {
  expect(Object.keys(base).sort()).toEqual(Object.keys(commands).sort());
});

describe('--help and -h', () => {
  it('print the help of every command and exit 0, whatever else is on the line', async () => {
    for (const name of Object.keys(commands)) {
      for (const argv of [
        [name, '--help'],
        [name, '-h'],
        [...(base[name] ?? []), '--bogus', '-h'],
      ]) {
        const r = await run(argv);
        expect(r.code, argv.join(' ')).toBe(0);
        expect(r.out).toContain(`usage: norma ${name}`);
        expect(r.out).toContain('-h, --help');
        expect(r.err).toBe('');
      }
    }
    const render = await run(['render', '--help']);
    expect(render.out).toContain('--out file.html');
    expect(render.out).toContain('--at YYYY-MM-DD');
  });

  it('documents the exit codes in `norma --help`', async () => {
    const r = await run(['--help']);
    expect(r.out).toMatch(/exit codes: 0 ok; 1 .*\n2 a usage mistake/);
    expect(r.out).toContain('NORMA_DEBUG=1');
  });
});

describe('a standards directory that is not there', () => {
  it('is an error naming the path on every command, never an empty "up to date" standard', async () => {
    const file = join(tmp, 'a-file');
    writeFileSync(file, 'x');
    for (const [name, argv] of Object.entries(base)) {
      const missing = await run([...argv, '--dir', '/nonexistent/norma'], { stdin: '{}' });
      expect(missing.code, name).toBe(1);
      expect(missing.err).toContain('the standards directory `/nonexistent/norma` (--dir) does not exist');
      expect(missing.err).toContain('hint:');
      expect(missing.out).not.toContain('up to date');
      const notDir = await run([...argv, '--dir', file]);
      expect(notDir.code, name).toBe(1);
      expect(notDir.err).toContain('is not a directory');
    }
    const env = await run(['lock'], { env: { NORMA_DIR: 'nowhere' } });
    expect(env).toMatchObject({
      code: 1,
      err: expect.stringContaining('`nowhere` (NORMA_DIR) does not exist'),
    });
  });

  it('without standards in it fails validate, test and lock with a clear message', async () => {
    const empty = mkdtempSync(join(tmp, 'empty-'));
    for (const argv of [['validate'], ['test', '--runs', '5'], ['lock']]) {
      const r = await run([...argv, '--dir', empty]);
      expect(r.code, argv[0]).toBe(1);
      expect(r.err).toContain(`no standards in \`${empty}\`: it has no \`rules/\` or \`checklists/\` folder`);
    }
    mkdirSync(join(empty, 'rules'));
    const noDocuments = await run(['validate', '--dir', empty]);
    expect(noDocuments.code).toBe(1);
    expect(noDocuments.out).toContain('input_empty 没有找到任何文件：no documents in');
    const json = JSON.parse((await run(['validate', '--dir', empty, '--format', 'json'])).out);
    expect(json.diagnostics.map((d: { code: string }) => d.code)).toEqual(['input_empty']);
    for (const argv of [
      ['validate', empty],
      ['test', empty, '--runs', '5'],
    ]) {
      const r = await run(argv);
      expect(r.code, argv[0]).toBe(1);
      expect(r.out).toContain('input_empty');
    }
  });
});

describe('flag values', () => {
  it('refuse an unknown format on every command that has one, listing the allowed ones', async () => {
    const formats: Record<string, string> = {
      validate: '`text`, `json`',
      test: '`text`, `json`',
      lock: '`text`, `json`',
      history: '`text`, `json`',
      diff: '`text`, `md`, `html`, `json`',
      decisions: '`text`, `json`, `jsonl`, `csv`',
    };
    for (const [name, allowed] of Object.entries(formats)) {
      const r = await run([...(base[name] ?? []), '--format', 'xml']);
      expect(r.code, name).toBe(2);
      expect(r.err).toContain(`\`--format\` is one of ${allowed}, not \`xml\``);
      expect(r.err).toContain(`usage: norma ${name}`);
    }
  });

  it('refuse an invalid date on every command that takes one, naming the flag and the form', async () => {
    for (const name of ['eval', 'history', 'render', 'diff']) {
      for (const at of ['1999-99-99', '2026-02-30', 'soon', '2026-3-1', '2026-03-01T10:00:00Z']) {
        const r = await run([...(base[name] ?? []), '--at', at]);
        expect(r.code, `${name} --at ${at}`).toBe(2);
        expect(r.err).toContain(`\`--at\` takes a date written YYYY-MM-DD (e.g. 2026-03-01), not \`${at}\``);
      }
    }
  });

  it('bound `diff --runs` and refuse 0, negative and non-integer runs and seeds', async () => {
    for (const runs of [String(MAX_DIFF_RUNS + 1), '0', '-1', '1.5', '1e3', 'many', '99999999999999999999']) {
      const r = await run([...(base.diff ?? []), '--runs', runs]);
      expect(r.code, runs).toBe(2);
      expect(r.err).toContain(`\`--runs\` takes a whole number from 1 to 100,000, not \`${runs}\``);
    }
    for (const seed of ['-1', '1e30', '0x10', String(2 ** 31)]) {
      for (const name of ['diff', 'test']) {
        const r = await run([...(base[name] ?? []), '--seed', seed]);
        expect(r.code, `${name} --seed ${seed}`).toBe(2);
        expect(r.err).toContain(`\`--seed\` takes a whole number from 0 to 2,147,483,647, not \`${seed}\``);
      }
    }
    const testRuns = await run([...(base.test ?? []), '--runs', '100001']);
    expect(testRuns.code).toBe(2);
  });

  it('are usage errors when unknown, missing, given to a switch or followed by a stray argument', async () => {
    const cases: Array<[string[], string]> = [
      [['validate', '--bogus'], 'unknown option `--bogus`'],
      [['validate', '--constructor'], 'unknown option `--constructor`'],
      [['validate', '--__proto__'], 'unknown option `--__proto__`'],
      [['eval', 'approval.work-order', '-x', '--facts', facts], 'unknown option `-x`'],
      [['eval', 'approval.work-order', '--facts'], '`--facts` needs a value: `--facts f.json`'],
      [['eval', 'approval.work-order', '--facts', '--explain'], '`--facts` needs a value'],
      [['eval', 'approval.work-order', '--facts='], '`--facts` needs a value'],
      [['eval', 'approval.work-order', '--facts', facts, '--explain=yes'], '`--explain` takes no value'],
      [['eval', 'approval.work-order', 'extra', '--facts', facts], 'unexpected argument `extra`'],
      [['history'], 'give the id of the standard'],
      [['serve', 'now'], 'unexpected argument `now`'],
      [['diff', 'approval.work-order', '1.0.0'], 'give the id and the two versions to compare'],
    ];
    for (const [argv, message] of cases) {
      const r = await run(argv);
      expect(r.code, argv.join(' ')).toBe(2);
      expect(r.err).toContain(message);
      expect(r.err).toContain('usage: norma ');
    }
  });
});

describe('input files', () => {
  it('that cannot be read or are not JSON fail with a coded error naming the file', async () => {
    const notJson = join(tmp, 'not.json');
    writeFileSync(notJson, '{ estimateTotal: 1');
    const cases: Array<[string, string, string]> = [
      [join(tmp, 'nope.json'), 'input_unreadable', 'does not exist'],
      [tmp, 'input_unreadable', 'is a directory, not a file'],
      [notJson, 'input_malformed', 'not'],
    ];
    for (const [path, code, words] of cases) {
      for (const argv of [
        ['eval', 'approval.work-order', '--facts', path],
        ['render', 'approval.work-order', '--facts', path],
        ['eval', 'approval.work-order', '--facts', facts, '--answers', path],
        ['diff', 'approval.work-order', '1.0.0', '1.1.0', '--inputs', path, '--runs', '5'],
      ]) {
        const r = await run([...argv, '--dir', standards]);
        expect(r.code, argv.join(' ')).toBe(1);
        const error = JSON.parse(r.out).error;
        expect(error.code).toBe(code);
        expect(error.message).toContain(path);
        expect(error.message).toContain(words);
      }
    }
  });

  it('are read up to a limit, as UTF-8 (a byte-order mark is allowed)', async () => {
    const endless = await run(['eval', 'approval.work-order', '--facts', '/dev/zero', '--dir', standards]);
    expect(endless.code).toBe(1);
    expect(JSON.parse(endless.out).error.code).toBe('input_too_large');
    const latin1 = join(tmp, 'latin1.json');
    writeFileSync(latin1, Buffer.from('{"payType": "customer", "note": "caf\xe9"}', 'latin1'));
    const notUtf8 = await run(['eval', 'approval.work-order', '--facts', latin1, '--dir', standards]);
    expect(notUtf8.code).toBe(1);
    expect(JSON.parse(notUtf8.out).error).toMatchObject({
      code: 'input_malformed',
      message: expect.stringContaining('not UTF-8'),
    });
    const bom = join(tmp, 'bom.json');
    writeFileSync(bom, `\ufeff${JSON.stringify({ estimateTotal: 6000, payType: 'customer' })}`);
    const withBom = await run([...(base.eval ?? []), '--facts', bom, '--at', '2026-03-01']);
    expect(withBom.code).toBe(0);
  });

  it('includes standard input that cannot be read', async () => {
    const io = captureIo({ cwd: tmp });
    io.readStdin = () => {
      throw Object.assign(new Error('EAGAIN: resource temporarily unavailable, read'), {
        code: 'EAGAIN',
        syscall: 'read',
      });
    };
    expect(await main([...(base.eval ?? []), '--facts', '-'], io)).toBe(1);
    expect(JSON.parse(io.stdout.join('')).error).toMatchObject({
      code: 'input_unreadable',
      message: expect.stringContaining('standard input (the facts) cannot be accessed'),
    });
  });

  it('given to validate and test that are not regular files are reported, not read', async () => {
    const fifo = join(tmp, 'pipe.yaml');
    execFileSync('mkfifo', [fifo]);
    for (const argv of [
      ['validate', fifo],
      ['test', fifo, '--seed', '1'],
    ]) {
      const r = await run(argv);
      expect(r.code, argv[0]).toBe(1);
      expect(r.out).toContain('input_unreadable');
      expect(r.out).toContain('is not a regular file');
    }
  });

  it('lock refuses an id it does not know instead of saying "up to date"', async () => {
    const r = await run(['lock', 'approval.workorder', '--check', '--dir', standards]);
    expect(r.code).toBe(1);
    expect(JSON.parse(r.out).error).toMatchObject({ code: 'standard_unknown' });
  });
});

describe('render --out', () => {
  it('names a path it cannot write and exits 1', async () => {
    const r = await run([...(base.render ?? []), '--out', '/nonexistent/x.html']);
    expect(r.code).toBe(1);
    expect(r.err).toContain('norma render: cannot write `/nonexistent/x.html`: its directory does not exist');
    const dir = await run([...(base.render ?? []), '--out', tmp]);
    expect(dir.code).toBe(1);
    expect(dir.err).toContain(`cannot write \`${tmp}\`: is a directory`);
  });
});

describe('serve', () => {
  it('refuses a port that is not one as a usage error, before loading anything', async () => {
    for (const port of ['99999', 'abc', '-1', '3.5', '65536', '']) {
      const r = await run(['serve', '--port', port, '--dir', standards]);
      expect(r.code, port).toBe(2);
      expect(r.err).toMatch(/`--port` (takes a port from 0 to 65535|needs a value)/);
    }
    const env = await run(['serve', '--dir', standards], { env: { PORT: 'http' } });
    expect(env).toMatchObject({ code: 2, err: expect.stringContaining('PORT takes a port from 0 to 65535') });
  });

  it("says it cannot listen on an address that is not this machine's, and exits 1", async () => {
    const r = await run(['serve', '--host', '192.0.2.1', '--port', '0', '--dir', standards]);
    expect(r.code).toBe(1);
    expect(r.err).toContain("cannot listen on 192.0.2.1:0: the address is not one of this machine's");
  });

  it('says a port in use is in use, and exits 1', async () => {
    const busy = await listening();
    try {
      const port = String((busy.address() as { port: number }).port);
      const r = await run(['serve', '--host', '127.0.0.1', '--port', port, '--dir', standards]);
      expect(r.code).toBe(1);
      expect(r.err).toContain(`norma serve: cannot listen on 127.0.0.1:${port}: it is already in use`);
    } finally {
      busy.close();
    }
  });
});

function listening(): Promise<Server> {
  return new Promise((resolve) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => resolve(server));
  });
}

describe('the real `norma` bin', () => {
  it('prints no stack trace for the mistakes of the review', () => {
    const cases: Array<[string[], number]> = [
      [['render', 'approval.work-order', '--out', '/nonexistent/x.html'], 1],
      [['serve', '--port', '99999'], 2],
      [['history', 'approval.work-order', '--at', '1999-99-99'], 2],
      [['render', '--help'], 0],
    ];
    for (const [argv, status] of cases) {
      const r = spawnSync(process.execPath, [join(repoRoot, 'bin/norma.js'), ...argv], {
        cwd: tmp,
        encoding: 'utf8',
        timeout: 60_000,
        env: { ...process.env, NORMA_DEBUG: '' },
      });
      expect(r.status, argv.join(' ')).toBe(status);
      expect(r.stderr).not.toMatch(STACK_LINE);
    }
  }, 180_000);
});

describe('a reader that stops early', () => {
  it('ends the output quietly (EPIPE), with no stack trace', () => {
    // Three lines of output in two writes: `head -1` closes the pipe before the second one.
    const run = spawnSync(
      'sh',
      ['-c', `"${process.execPath}" bin/norma.js validate --no-lock --dir "${standards}" | head -1`],
      {
        cwd: repoRoot,
        encoding: 'utf8',
        timeout: 60_000,
      },
    );
    expect(run.stdout.split('\n')[0]).toContain('lock_off');
    expect(run.stderr).toBe('');
  }, 90_000);
});
