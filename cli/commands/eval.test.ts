import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { main } from '../main.ts';
import { captureIo } from '../testing.ts';

const CASE = 'docs/examples/case.work-order.json';
const AT = '2026-12-07T09:00:00+08:00';
const scratch = mkdtempSync(join(tmpdir(), 'norma-eval-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

async function run(argv: string[]) {
  const io = captureIo();
  const code = await main(argv, io);
  return { code, out: io.stdout.join('\n'), err: io.stderr.join('\n') };
}

describe('norma eval <process> --history', () => {
  it('prints where the case stands: stages, steps, what is overdue, next, and what was not taken', async () => {
    const r = await run(['eval', 'process.work-order', '--history', CASE, '--at', AT]);
    expect(r.code).toBe(0);
    expect(r.out).toContain(`process.work-order 1.0.0 at ${AT}: stage settlement`);
    expect(r.out).toContain('✓ inspect        done ← d-7');
    expect(r.out).toContain('follow-up-call  due 2026-12-07T00:00:00+08:00, late PT9H (540 min)');
    expect(r.out).toContain('step settlement.fees (fees.work-order)');
    expect(r.out).toMatch(/d-6 delivery\.handover step_out_of_order: /);
  });

  it('prints the result envelope with --json, at the version the case names', async () => {
    const r = await run(['eval', 'process.work-order', '--history', CASE, '--at', AT, '--json']);
    const envelope = JSON.parse(r.out);
    expect(envelope).toMatchObject({
      kind: 'process',
      at: AT,
      standard: { id: 'process.work-order', version: '1.0.0' },
    });
    expect(envelope.result).toMatchObject({ stage: 'settlement', complete: false });
  });

  it('refuses a case of another process, a standard that is not a process, and a history that does not fit', async () => {
    expect((await run(['eval', 'process.complaint', '--history', CASE])).code).toBe(1);
    const bad = join(scratch, 'bad.json');
    writeFileSync(
      bad,
      JSON.stringify({
        facts: { job: { type: 'maintenance' }, workLevel: 'minor-repair', advisor: 'A' },
        history: [{ type: 'nope', time: AT }],
      }),
    );
    expect((await run(['eval', 'safety.site', '--history', bad])).err).toContain(
      '`safety.site` is a checklist',
    );
    const r = await run(['eval', 'process.work-order', '--history', bad, '--at', AT]);
    expect(r.code).toBe(1);
    expect(JSON.parse(r.out).error).toMatchObject({
      code: 'history_invalid',
      details: [{ code: 'history_event_unknown' }],
    });
  });

  it('keeps `--at` a plain date for every other kind', async () => {
    const facts = join(scratch, 'facts.json');
    writeFileSync(facts, JSON.stringify({ estimateTotal: 100, payType: 'customer' }));
    const r = await run(['eval', 'approval.work-order', '--facts', facts, '--at', AT]);
    expect(r.code).toBe(2);
    expect(r.err).toContain('`--at` takes a date written YYYY-MM-DD');
  });
});
