import { describe, expect, it } from 'vitest';
import { bundledStandardsDir, chooseVersion, evaluateFast, loadStandards } from '../../engine/index.ts';

/**
 * B11: estimate.authorisation decides when a final bill needs the customer's renewed consent
 * (any amount above the written estimate, or above the signed revised total once items were
 * added); approval.controls refers to it and computes the overrun the same way from the same
 * amounts (integer fen). The two must agree on every case, at every boundary.
 */
const index = loadStandards(bundledStandardsDir);
const AT = '2026-12-15';

function inForce(id: string) {
  return chooseVersion(id, index.documents.get(id) ?? [], AT);
}

interface Case {
  estimateTotalFen: number;
  authorisedTotalFen: number | null;
  finalTotalFen: number;
  consent: boolean;
}

function authorisationBlocks(c: Case): boolean {
  const added = c.authorisedTotalFen !== null;
  const { result } = evaluateFast(inForce('estimate.authorisation'), {
    facts: {
      estimateIssuedOn: '2026-12-14',
      estimateSignedAt: '2026-12-14T09:00:00+08:00',
      estimateTotalFen: c.estimateTotalFen,
      workStartedAt: '2026-12-15T08:30:00+08:00',
      additions: added
        ? [
            {
              item: '更换前刹车片',
              amountFen: (c.authorisedTotalFen as number) - c.estimateTotalFen,
              authorisedAmountFen: (c.authorisedTotalFen as number) - c.estimateTotalFen,
              authorisedAt: '2026-12-15T10:00:00+08:00',
              authorisedHow: 'signature',
              doneAt: '2026-12-15T10:30:00+08:00',
            },
          ]
        : [],
      authorisedTotalFen: c.authorisedTotalFen,
      finalTotalFen: c.finalTotalFen,
      overrunConsentAt: c.consent ? '2026-12-15T16:00:00+08:00' : null,
    },
    at: AT,
  });
  return (result as { outputs: { settlement: string[] } }).outputs.settlement.includes(
    'overrun-without-consent',
  );
}

function controlsBlock(c: Case): boolean {
  const { result } = evaluateFast(inForce('approval.controls'), {
    facts: {
      estimateTotalFen: c.estimateTotalFen,
      authorisedTotalFen: c.authorisedTotalFen,
      finalTotalFen: c.finalTotalFen,
      customerReauthorised: c.consent,
      openedBy: '赵敏',
      approvedBy: '刘洋',
      approverRole: 'service-manager',
      requiredRole: 'service-manager',
    },
    at: AT,
  });
  return (result as { outputs: { blocks: string[] } }).outputs.blocks.includes(
    'customer-reauthorisation-needed',
  );
}

const cases: Case[] = [];
for (const authorisedTotalFen of [null, 188000])
  for (const delta of [-1, 0, 1, 10000, 20000])
    for (const consent of [false, true]) {
      const base = authorisedTotalFen ?? 120000;
      cases.push({ estimateTotalFen: 120000, authorisedTotalFen, finalTotalFen: base + delta, consent });
    }

describe('the overrun: approval.controls follows estimate.authorisation', () => {
  it.each(cases)('%o: both block, or neither', (c) => {
    const blocks = authorisationBlocks(c);
    expect(controlsBlock(c)).toBe(blocks);
    const base = c.authorisedTotalFen ?? c.estimateTotalFen;
    expect(blocks).toBe(c.finalTotalFen > base && !c.consent);
  });
});
