import { describe, expect, it } from 'vitest';
import type { Truths } from '../kind.ts';
import { blockingOf, judgeItems, scoreOf, statusOf } from './judge.ts';
import type { Answer, Answers } from './prepare.ts';
import { compileChecklistText, sample } from './testing.ts';

const { cl } = compileChecklistText(sample);

/** Truths where every `when` holds unless listed as not applicable, and expects hold unless listed as failing. */
function truths(options: { na?: string[]; failing?: string[] } = {}): Truths {
  const byIndex = new Map<number, boolean>();
  for (const item of cl.items) {
    byIndex.set(item.whenIndex, !(options.na ?? []).includes(item.key));
    byIndex.set(item.expectIndex, !(options.failing ?? []).includes(item.key));
  }
  return { get: (i) => byIndex.get(i) === true };
}

function answers(entries: Record<string, Partial<Answer>>): Answers {
  return new Map(Object.entries(entries).map(([k, a]) => [k, { value: true, evidence: [], ...a }]));
}

const complete = {
  'ppe.goggles': {},
  'ppe.gloves': { evidence: ['g.jpg'] },
  'ppe.depth': { value: 2 },
  'ppe.fluid': { value: 'good' },
  'proc.inspect': { at: '2026-03-01T09:00:00Z' },
  'proc.handle': { at: '2026-03-01T10:00:00Z' },
};

describe('judgeItems', () => {
  it('passes every answered applicable item whose checks all hold', () => {
    const judged = judgeItems(cl, answers(complete), truths());
    expect(judged.map((j) => j.status)).toEqual(['pass', 'pass', 'pass', 'pass', 'pass', 'pass']);
  });

  it('marks items whose when does not hold as N/A, even when answered', () => {
    const judged = judgeItems(cl, answers(complete), truths({ na: ['ppe.gloves'] }));
    expect(judged[1]).toMatchObject({ status: 'na', reason: 'not_applicable', applicable: false });
  });

  it('reports the first failing check: expect, then evidence, then time, then order', () => {
    const judged = judgeItems(
      cl,
      answers({ ...complete, 'ppe.gloves': {}, 'proc.handle': { at: '2026-03-01T08:00:00Z' } }),
      truths({ failing: ['ppe.depth'] }),
    );
    expect(judged.map((j) => j.reason)).toEqual([
      'ok',
      'evidence_missing',
      'expect_not_met',
      'ok',
      'ok',
      'out_of_order',
    ]);
    expect(judged[5]?.order).toEqual({
      ok: false,
      previous: { id: 'proc.inspect', at: '2026-03-01T09:00:00Z' },
    });
  });

  it('fails an answer without `at` in a sequential section', () => {
    const judged = judgeItems(cl, answers({ ...complete, 'proc.inspect': {} }), truths());
    expect(judged[4]).toMatchObject({ status: 'fail', reason: 'at_missing' });
    expect(judged[5]).toMatchObject({ status: 'pass', order: { ok: true } });
  });
});

describe('scoreOf', () => {
  it('is the passed share of applicable weight, missing items included, N/A items left out', () => {
    // goggles 1 pass, gloves N/A, depth 2 fail, fluid 1 pass, inspect 1 missing, handle 1 pass: 3 of 6.
    const { 'proc.inspect': _, ...rest } = complete;
    const judged = judgeItems(cl, answers(rest), truths({ na: ['ppe.gloves'], failing: ['ppe.depth'] }));
    expect(scoreOf(judged)).toBe(50);
  });

  it('rounds half up to two decimals', () => {
    const judged = judgeItems(
      cl,
      answers(complete),
      truths({ na: ['ppe.gloves', 'ppe.depth', 'proc.inspect'], failing: ['ppe.goggles'] }),
    );
    expect(scoreOf(judged)).toBe(66.67);
  });

  it('is 100 when nothing is applicable', () => {
    const judged = judgeItems(cl, answers({}), truths({ na: cl.items.map((i) => i.key) }));
    expect(scoreOf(judged)).toBe(100);
  });
});

describe('statusOf', () => {
  it('fails on a failed critical item before anything else', () => {
    const { 'ppe.goggles': _, ...rest } = complete;
    const judged = judgeItems(cl, answers({ ...rest, 'ppe.gloves': {} }), truths());
    expect(blockingOf(judged).map((j) => j.item.key)).toEqual(['ppe.gloves']);
    expect(statusOf(judged, 100, 0)).toBe('fail');
  });

  it('is incomplete when an applicable item is unanswered, whatever the score', () => {
    const { 'ppe.goggles': _, ...rest } = complete;
    const judged = judgeItems(cl, answers(rest), truths());
    expect(statusOf(judged, 0, 100)).toBe('incomplete');
  });

  it('compares the score with minScore, passing exactly at it', () => {
    const judged = judgeItems(cl, answers(complete), truths());
    expect(statusOf(judged, 80, 80)).toBe('pass');
    expect(statusOf(judged, 79.99, 80)).toBe('fail');
  });
});
