import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { main } from '../main.ts';
import { captureIo } from '../testing.ts';

const tmp = mkdtempSync(join(tmpdir(), 'norma-decisions-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));
const env = { NORMA_DATA_DIR: join(tmp, 'data'), USER: 'quality-li' };

async function run(argv: string[]) {
  const io = captureIo({ cwd: tmp, env });
  const code = await main(argv, io);
  return { code, out: io.stdout.join('\n'), err: io.stderr.join('\n') };
}

function facts(name: string, value: unknown): string {
  const file = join(tmp, `${name}.json`);
  writeFileSync(file, JSON.stringify(value));
  return file;
}

describe('norma eval --record, decisions, records, diff --recorded', () => {
  const ids: string[] = [];

  it('records a decision from the command line only with --record, with its subject', async () => {
    const small = facts('small', { estimateTotal: 100, payType: 'customer' });
    const plain = await run(['eval', 'approval.work-order', '--facts', small, '--version', '1.1.0']);
    expect(JSON.parse(plain.out).decisionId).toBeUndefined();
    for (const [n, total] of [
      [1, 100],
      [2, 25000],
    ] as const) {
      const file = facts(`f${n}`, { estimateTotal: total, payType: 'customer' });
      const r = await run([
        'eval',
        'approval.work-order',
        '--facts',
        file,
        '--version',
        '1.1.0',
        '--record',
        '--subject',
        `work-order:WO-${n}`,
      ]);
      expect(r.code).toBe(0);
      ids.push(JSON.parse(r.out).decisionId);
    }
    expect(
      (
        await run([
          'eval',
          'approval.work-order',
          '--facts',
          small,
          '--version',
          '1.1.0',
          '--subject',
          'work-order:1',
        ])
      ).code,
    ).toBe(2);
  });

  it('lists, shows, replays and exports them', async () => {
    const list = await run(['decisions', 'list', '--subject', 'work-order:WO-1']);
    expect(list.out).toContain(ids[0]);
    expect(list.out).not.toContain(ids[1]);
    const show = await run(['decisions', 'show', ids[0] as string, '--format', 'text']);
    expect(show.out).toContain('approval.work-order 1.1.0');
    expect(show.out).toContain('by cli:quality-li');
    expect(show.out).toContain('kept     as quality until');
    const replay = await run(['decisions', 'replay', ids[1] as string]);
    expect(replay.code).toBe(0);
    expect(JSON.parse(replay.out).identical).toBe(true);
    const out = join(tmp, 'month.csv');
    const exported = await run([
      'decisions',
      'export',
      '--format',
      'csv',
      '--out',
      out,
      '--standard',
      'approval.work-order',
    ]);
    expect(exported.err).toContain('exported 2 decisions');
    const rows = readFileSync(out, 'utf8').trim().split('\r\n');
    expect(rows).toHaveLength(3);
    const jsonl = await run(['decisions', 'export']);
    const lines = jsonl.out.split('\n').filter((l) => l.trim() !== '');
    expect(lines.map((l) => JSON.parse(l).decisionId)).toEqual(ids);
    expect((await run(['decisions', 'show', '019ad5e2-5c1a-7b3e-9f00-1a2b3c4d5e6f'])).code).toBe(1);
    expect((await run(['decisions', 'show'])).code).toBe(2);
  });

  it('answers which recorded decisions a new version would decide differently', async () => {
    const r = await run([
      'diff',
      'approval.work-order',
      '1.1.0',
      '1.2.0',
      '--recorded',
      '--since',
      '2026-01-01',
    ]);
    expect(r.code).toBe(0);
    expect(r.out).toContain('1 of 2 recorded decisions would be decided differently by 1.2.0');
    expect(r.out).toContain(`${ids[0]} work-order:WO-1`);
    expect(r.out).toContain('"approver":"service-advisor"} → {"approver":"service-manager"}');
    expect((await run(['diff', 'approval.work-order', '1.1.0', '1.2.0', '--since', '2026-01-01'])).code).toBe(
      2,
    );
  });

  it('verifies the chain, holds and lifts, and lists what a purge would destroy', async () => {
    const verify = await run(['records', 'verify']);
    expect(verify.code).toBe(0);
    expect(verify.out).toContain('ok: 2 chains verify');
    const hold = await run(['records', 'hold', '--subject', 'work-order:WO-1', '--reason', '客户投诉 C-7']);
    expect(hold.code).toBe(0);
    const holdId = hold.out.trim();
    expect((await run(['records', 'holds'])).out).toContain(
      `${holdId}  work-order WO-1  客户投诉 C-7 (quality-li`,
    );
    const dry = await run([
      'records',
      'purge',
      '--dry-run',
      '--approvals',
      '陈静:records-administrator,刘洋:after-sales-manager',
    ]);
    expect(dry.code).toBe(0);
    expect(dry.out).toContain('would destroy 0 of 2 records');
    expect(dry.out).toContain('kept 1: legal-hold');
    expect(dry.out).toContain('kept 1: retention-3-years');
    expect((await run(['records', 'purge', '--approvals', '陈静:boss'])).code).toBe(2);
    expect((await run(['records', 'unhold', holdId])).out).toBe(`lifted ${holdId}`);
    expect((await run(['records', 'unhold', holdId])).code).toBe(1);
  });
});
