import { describe, expect, it } from 'vitest';
import { NormaError } from '../engine/index.ts';
import { CompilePool } from './compile-pool.ts';

const broken = 'kind: ruleset\nid: t.x\nversion: 1.0.0\nstatus: draft\ntitle: x\n';

describe('CompilePool', () => {
  it('compiles off the thread and answers with the diagnostics', async () => {
    const pool = new CompilePool(20_000);
    try {
      const answer = await pool.compile(broken, 'x.yaml', false);
      expect(answer.compiled).toBe(false);
      expect(answer.diagnostics.map((d) => d.code)).toContain('schema_required');
      const named = await pool.compile(broken, 'rules/t.y/1.0.0.yaml', true);
      expect(named.diagnostics.map((d) => d.code)).toContain('path_id_mismatch');
    } finally {
      await pool.close();
    }
  });

  it('answers eval_timeout past its budget', async () => {
    let big = broken;
    for (let i = 0; big.length < 900_000; i++) big += `unknown_key_${i}: 1\n`;
    const pool = new CompilePool(1);
    try {
      const late = await pool.compile(big, 'x.yaml', false).catch((e: unknown) => e);
      expect(late).toBeInstanceOf(NormaError);
      expect((late as NormaError).code).toBe('eval_timeout');
      const patient = new CompilePool(20_000);
      expect((await patient.compile(broken, 'x.yaml', false)).compiled).toBe(false);
      await patient.close();
    } finally {
      await pool.close();
    }
  });
});
