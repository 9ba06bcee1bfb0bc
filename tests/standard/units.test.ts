import { describe, expect, it } from 'vitest';
import type { FactSchema } from '../../engine/facts/types.ts';
import { looksLikeMoney, unitOf } from '../../engine/facts/units.ts';
import { bundledStandardsDir, loadStandards } from '../../engine/index.ts';

/**
 * B18: every amount of money in the bundled standard is integer fen and says so. The engine warns
 * about a missing unit only in documents that state units at all (so older documents keep
 * loading); the bundled standard is held to the whole rule here: in the newest version of every
 * document, each money-looking number declares `unit: CNY, scale: 2` and is an integer.
 */
const index = loadStandards(bundledStandardsDir);

function amounts(declared: Record<string, FactSchema> | undefined, prefix = ''): Array<[string, FactSchema]> {
  return Object.entries(declared ?? {}).flatMap(([name, schema]) => [
    ...(looksLikeMoney(name, schema) ? [[`${prefix}${name}`, schema] as [string, FactSchema]] : []),
    ...amounts(schema.properties, `${prefix}${name}.`),
    ...amounts(schema.items?.properties, `${prefix}${name}[].`),
  ]);
}

const newest = [...index.documents.values()].flatMap((list) => list.slice(-1));

/**
 * Inputs still read in yuan under their own name, each with its unit declared, while the callers
 * that send them move to the fen field beside it: fees.work-order 1.4.0 prices a part from
 * `unitCostFen` or, for orders written before it (process.work-order's settlement step), from
 * `unitCost` in yuan; a line gives one (`fees_line_cost_twice`).
 */
const YUAN_INPUTS: Record<string, { field: string; fen: string }> = {
  'fees.work-order parts[].unitCost': { field: 'unitCost', fen: 'parts[].unitCostFen' },
};

describe('money units in the bundled standard', () => {
  it('finds the amounts it checks', () => {
    expect(newest.flatMap((doc) => amounts(doc.facts.declared)).length).toBeGreaterThan(10);
  });

  it.each(newest.map((doc) => [doc.id, doc] as const))(
    '%s: every amount is integer fen with its unit',
    (_id, doc) => {
      const declared = amounts(doc.facts.declared);
      for (const [name, schema] of declared) {
        const yuan = YUAN_INPUTS[`${doc.id} ${name}`];
        if (yuan) {
          expect(unitOf(schema), `${doc.id} ${name} says it is yuan`).toEqual({ unit: 'CNY', scale: 0 });
          expect(
            declared.map(([n]) => n),
            `${doc.id} declares the fen field beside it`,
          ).toContain(yuan.fen);
          continue;
        }
        expect(unitOf(schema), `${doc.id} ${doc.version} ${name}`).toEqual({ unit: 'CNY', scale: 2 });
        expect([schema.type].flat(), `${doc.id} ${doc.version} ${name}`).toContain('integer');
        expect(name, `${doc.id} ${doc.version}: an amount in fen is named …Fen`).toMatch(/Fen$/);
      }
    },
  );

  it('the bundled standard loads with no unit warning', () => {
    expect(index.diagnostics.filter((d) => d.code.startsWith('unit_'))).toEqual([]);
  });
});
