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

describe('money units in the bundled standard', () => {
  it('finds the amounts it checks', () => {
    expect(newest.flatMap((doc) => amounts(doc.facts.declared)).length).toBeGreaterThan(10);
  });

  it.each(newest.map((doc) => [doc.id, doc] as const))(
    '%s: every amount is integer fen with its unit',
    (_id, doc) => {
      for (const [name, schema] of amounts(doc.facts.declared)) {
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
