/**
 * Checklist laws over generated checklists (severities, weights, boolean and number answers,
 * applicability, evidence) and generated submissions (the assurance generator's answers):
 * a failed critical item always fails the checklist; turning one failing answer into a passing
 * one never lowers the score and never turns `pass` into `fail`; N/A items do not change the score.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type CompiledDocument, evaluateFast, inputArbitrary } from '../../engine/index.ts';
import { compileData, header, params } from './support.ts';

const JOBS = ['maintenance', 'repair', 'ev'];
const AT = '2026-03-01';

interface ItemSpec {
  severity: 'critical' | 'major' | 'minor';
  weight: number;
  answer: 'boolean' | 'number';
  threshold: number;
  when?: string;
  photo: boolean;
}

const itemArb: fc.Arbitrary<ItemSpec> = fc.record(
  {
    severity: fc.constantFrom('critical', 'major', 'minor'),
    weight: fc.integer({ min: 1, max: 3 }),
    answer: fc.constantFrom('boolean', 'number'),
    threshold: fc.integer({ min: 0, max: 5 }),
    when: fc.constantFrom(...JOBS),
    photo: fc.boolean(),
  },
  { requiredKeys: ['severity', 'weight', 'answer', 'threshold', 'photo'] },
);

const checklistArb = fc.record({
  minScore: fc.integer({ min: 0, max: 100 }),
  sections: fc.array(fc.array(itemArb, { minLength: 1, maxLength: 4 }), { minLength: 1, maxLength: 2 }),
});

type Spec = { minScore: number; sections: ItemSpec[][] };

function itemData(item: ItemSpec, id: string): Record<string, unknown> {
  return {
    id,
    text: id,
    severity: item.severity,
    weight: item.weight,
    ...(item.answer === 'number'
      ? { answer: 'number', expect: { greaterThanInclusive: item.threshold } }
      : {}),
    ...(item.when ? { when: { job: item.when } } : {}),
    ...(item.photo ? { evidence: 'photo' } : {}),
  };
}

function checklistOf(spec: Spec, extra?: ItemSpec): CompiledDocument {
  return compileData({
    ...header('checklist'),
    facts: { job: { enum: JOBS } },
    pass: { minScore: spec.minScore },
    sections: spec.sections.map((items, s) => ({
      id: `s${s}`,
      items: [
        ...items.map((item, i) => itemData(item, `i${i}`)),
        ...(extra && s === 0 ? [itemData(extra, 'extra')] : []),
      ],
    })),
  });
}

interface ItemResult {
  id: string;
  status: string;
  severity: string;
  reason: string;
}
interface ChecklistResult {
  status: string;
  score: number;
  items: ItemResult[];
}

function evaluate(doc: CompiledDocument, input: { facts: unknown; answers?: unknown }): ChecklistResult {
  return evaluateFast(doc, { facts: input.facts, answers: input.answers ?? {}, at: AT })
    .result as ChecklistResult;
}

/** A document with inputs generated for it. */
const caseArb = checklistArb.chain((spec) => {
  const doc = checklistOf(spec);
  return fc.tuple(fc.constant(spec), fc.constant(doc), inputArbitrary(doc));
});

/** The passing answer to an item, with the evidence it asks for. */
function passingAnswer(item: ItemSpec): Record<string, unknown> {
  return {
    value: item.answer === 'boolean' ? true : item.threshold,
    by: 'T-01',
    at: '2026-03-01T08:00:00+08:00',
    ...(item.photo ? { evidence: ['photo-ok.jpg'] } : {}),
  };
}

function specOf(spec: Spec, key: string): ItemSpec | undefined {
  const [s, i] = key.split('.');
  return spec.sections[Number(s?.slice(1))]?.[Number(i?.slice(1))];
}

describe('checklists', () => {
  it('a failed critical item always fails the checklist', () => {
    fc.assert(
      fc.property(caseArb, ([, doc, input]) => {
        const result = evaluate(doc, input);
        if (result.items.some((i) => i.severity === 'critical' && i.status === 'fail')) {
          expect(result.status).toBe('fail');
        }
      }),
      params(100),
    );
  });

  it('turning one failing answer into a passing one never lowers the score nor turns pass into fail', () => {
    fc.assert(
      fc.property(caseArb, fc.nat(), ([spec, doc, input], pick) => {
        const before = evaluate(doc, input);
        const failing = before.items.filter((i) => i.status === 'fail');
        fc.pre(failing.length > 0);
        const target = failing[pick % failing.length] as ItemResult;
        const item = specOf(spec, target.id) as ItemSpec;
        const answers = { ...(input.answers ?? {}), [target.id]: passingAnswer(item) };
        const after = evaluate(doc, { ...input, answers });
        expect(after.items.find((i) => i.id === target.id)?.status).toBe('pass');
        expect(after.score).toBeGreaterThanOrEqual(before.score);
        if (before.status === 'pass') expect(after.status).not.toBe('fail');
      }),
      params(100),
    );
  });

  it('N/A items do not change the score: neither their answers nor their presence', () => {
    fc.assert(
      fc.property(caseArb, itemArb, ([spec, doc, input], extra) => {
        const before = evaluate(doc, input);
        // Whatever the answers to N/A items say (here: nothing), the result stays the same.
        const answers = { ...(input.answers ?? {}) } as Record<string, unknown>;
        for (const i of before.items) if (i.status === 'na') delete answers[i.id];
        const without = evaluate(doc, { ...input, answers });
        expect([without.score, without.status]).toEqual([before.score, before.status]);
        // An extra item that does not apply to this job leaves the score as it was.
        const job = (input.facts as { job: string }).job;
        const other = JOBS.find((j) => j !== job) as string;
        const withExtra = checklistOf(spec, { ...extra, when: other });
        const extended = evaluate(withExtra, {
          ...input,
          answers: { ...answers, 's0.extra': passingAnswer(extra) },
        });
        expect(extended.items.find((i) => i.id === 's0.extra')?.status).toBe('na');
        expect([extended.score, extended.status]).toEqual([before.score, before.status]);
      }),
      params(100),
    );
  });
});
