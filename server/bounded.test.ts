import { describe, expect, it } from 'vitest';
import { type Diagnostic, NormaError } from '../engine/index.ts';
import {
  BATCH_ERROR_BYTES,
  boundedError,
  boundedResults,
  capDiagnostics,
  clip,
  type ErrorBody,
  MAX_TEXT,
  NOT_SHOWN,
} from './bounded.ts';

const detail = (i: number, text = `problem ${i}`): Diagnostic => ({
  code: 'type',
  message: text,
  severity: 'error',
  path: `/f${i}`,
});
const bytes = (value: unknown) => Buffer.byteLength(JSON.stringify(value));

describe('capDiagnostics', () => {
  it('keeps a short list as it is', () => {
    const list = [detail(1), detail(2)];
    expect(capDiagnostics(list)).toEqual(list);
  });

  it('keeps the first 100 entries and counts the rest in a last details_truncated entry', () => {
    const out = capDiagnostics(Array.from({ length: 60_000 }, (_, i) => detail(i)));
    expect(out).toHaveLength(101);
    expect(out[99]?.path).toBe('/f99');
    expect(out.at(-1)).toMatchObject({
      code: 'details_truncated',
      message: '59900 more problems are not shown',
    });
  });

  it('stops early when the entries are long, and clips every text', () => {
    const out = capDiagnostics(
      Array.from({ length: 200 }, (_, i) => ({ ...detail(i, 'x'.repeat(1e6)), hint: 'y'.repeat(1e6) })),
    );
    expect(bytes(out)).toBeLessThan(48 * 1024);
    expect(out.at(-1)?.code).toBe('details_truncated');
    expect(out[0]?.message).toHaveLength(MAX_TEXT);
    expect(out[0]?.message.endsWith('…')).toBe(true);
    expect(out[0]?.hint).toHaveLength(MAX_TEXT);
  });

  it("keeps the engine's own summary entry after its cut", () => {
    const engineSummary: Diagnostic = { code: 'details_truncated', message: '5000 more', severity: 'error' };
    const out = capDiagnostics([...Array.from({ length: 150 }, (_, i) => detail(i)), engineSummary]);
    expect(out.slice(-2).map((d) => d.message)).toEqual(['50 more problems are not shown', '5000 more']);
  });

  it('says warning when only warnings were left out', () => {
    const warnings = Array.from({ length: 3 }, (_, i) => ({ ...detail(i), severity: 'warning' as const }));
    expect(capDiagnostics(warnings, { maxItems: 1 }).at(-1)).toMatchObject({ severity: 'warning' });
  });
});

describe('boundedError', () => {
  it('clips a message built from a long input', () => {
    const body = boundedError(new NormaError('at_invalid', `not \`${'9'.repeat(1e6)}\``));
    expect(body.error.message.length).toBeLessThanOrEqual(2 * MAX_TEXT);
    expect(body.error).not.toHaveProperty('details');
  });
  it('clip leaves short text alone', () => expect(clip('abc')).toBe('abc'));
});

describe('boundedResults', () => {
  const failing = (i: number) =>
    new NormaError(
      'facts_invalid',
      'facts do not match the declared inputs',
      Array.from({ length: 50 }, (_, j) => detail(i * 100 + j)),
    );

  it('answers 1000 failing items in well under 64 KB, each keeping its place and code', () => {
    const out = boundedResults(Array.from({ length: 1000 }, (_, i) => failing(i))) as ErrorBody[];
    expect(out).toHaveLength(1000);
    expect(bytes({ results: out })).toBeLessThan(64 * 1024);
    expect(out.every((r) => r.error.code === 'facts_invalid')).toBe(true);
    expect(out[999]?.error).toEqual({ code: 'facts_invalid', message: NOT_SHOWN });
  });

  it('shows the first failing items with their first details while the budget lasts', () => {
    const out = boundedResults(Array.from({ length: 100 }, (_, i) => failing(i))) as ErrorBody[];
    expect(out[0]?.error.details).toHaveLength(11);
    expect(out[0]?.error.details?.at(-1)?.code).toBe('details_truncated');
    expect(out[99]?.error).toEqual({ code: 'facts_invalid', message: NOT_SHOWN });
    expect(bytes(out)).toBeLessThan(BATCH_ERROR_BYTES);
  });

  it('never cuts a successful item, and spends at most the budget on errors', () => {
    const envelope = { result: 'x'.repeat(10_000) };
    const out = boundedResults([
      envelope,
      failing(1),
      envelope,
      ...Array.from({ length: 100 }, (_, i) => failing(i)),
    ]);
    expect(out[0]).toBe(envelope);
    expect(out[2]).toBe(envelope);
    expect(bytes(out.filter((r) => r !== envelope))).toBeLessThan(BATCH_ERROR_BYTES + 100 * 60);
  });
});
