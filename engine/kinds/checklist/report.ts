/**
 * What a checklist evaluation tells people: `matched` names each item that needs attention with
 * a message a quality manager can act on, and `explain` shows every check made on every item.
 */
import type { ExplainEntry, Matched, Truths } from '../kind.ts';
import type { ItemJudgement } from './judge.ts';

/** Items that failed or were not answered, in document order: what keeps the checklist from passing. */
export function matchedOf(judged: readonly ItemJudgement[]): Matched[] {
  return judged
    .filter((j) => j.status === 'fail' || j.status === 'missing')
    .map((j) => ({
      rule: j.item.key,
      ...(j.item.clause !== undefined ? { clause: j.item.clause } : {}),
      title: j.item.text,
      message: `${j.item.severity}: ${why(j)}`,
    }));
}

/** One line on why an item failed or is missing. */
export function why(j: ItemJudgement): string {
  const item = j.item;
  switch (j.reason) {
    case 'expect_not_met':
      return `answer ${show(j.answer?.value, item.unit)} does not meet \`${item.expectText}\``;
    case 'evidence_missing':
      return `a ${item.evidence} is required as evidence and none was attached`;
    case 'at_missing':
      return `section \`${item.section}\` is sequential and the answer has no time \`at\``;
    case 'out_of_order':
      return `done at ${j.answer?.at}, before \`${j.order?.previous?.id}\` (done at ${j.order?.previous?.at}) which comes earlier in the sequence`;
    case 'not_answered':
      return 'not answered';
    case 'not_applicable':
      return 'not applicable';
    case 'ok':
      return 'passed';
  }
}

/** For every item: applicability (with the `when` explained), the answer and each check made. */
export function explainItems(judged: readonly ItemJudgement[], truths: Truths): ExplainEntry[] {
  return judged.map((j) => {
    const item = j.item;
    const when = truths.explain?.(item.whenIndex);
    const expect = j.answer && j.applicable ? truths.explain?.(item.expectIndex) : undefined;
    return {
      type: 'item',
      id: item.key,
      applied: j.applicable,
      ...(item.clause !== undefined ? { clause: item.clause } : {}),
      line: item.line,
      col: item.col,
      reason: j.reason,
      status: j.status,
      text: item.text,
      severity: item.severity,
      weight: item.weight,
      ...(when ? { conditions: when } : {}),
      ...(j.answer ? { answer: j.answer } : {}),
      ...(j.met !== undefined
        ? { expect: { text: item.expectText, met: j.met, ...(expect ? { conditions: expect } : {}) } }
        : {}),
      ...(j.evidenceOk !== undefined && item.evidence !== 'none'
        ? { evidence: { required: item.evidence, given: j.answer?.evidence ?? [], ok: j.evidenceOk } }
        : {}),
      ...(j.order ? { order: j.order } : {}),
      ...(j.status !== 'pass' ? { message: why(j) } : {}),
    };
  });
}

function show(value: unknown, unit: string | undefined): string {
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  return `\`${text}${unit ? ` ${unit}` : ''}\``;
}
