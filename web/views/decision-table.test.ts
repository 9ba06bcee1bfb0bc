import { describe, expect, it } from 'vitest';
import { decisionTable } from './decision-table.ts';

describe('a ruleset as a decision table', () => {
  const table = decisionTable({
    hit: 'first',
    default: { approver: 'service-advisor' },
    rules: [
      {
        id: 'gm',
        title: 'GM above 20000',
        clause: '§7.4',
        when: { estimateTotal: { greaterThan: 20000 } },
        // biome-ignore lint/suspicious/noThenProperty: rule data as written in YAML, never awaited
        then: { approver: 'general-manager' },
      },
      {
        id: 'manager',
        when: { payType: 'customer', any: [{ urgent: true }, { estimateTotal: { greaterThan: 8000 } }] },
        // biome-ignore lint/suspicious/noThenProperty: rule data as written in YAML, never awaited
        then: { approver: 'service-manager' },
      },
    ],
  });

  it('has a column per tested fact and per output, and a row per rule in order', () => {
    expect(table.facts).toEqual(['estimateTotal', 'payType']);
    expect(table.outputs).toEqual(['approver']);
    expect(table.rows.map((r) => r.id)).toEqual(['gm', 'manager']);
    expect(table.otherwise).toEqual({ approver: 'service-advisor' });
  });

  it('says each test in words without repeating the fact, and keeps combined conditions apart', () => {
    expect(table.rows[0]?.tests.estimateTotal).toMatch(/greater than 20000/);
    expect(table.rows[0]?.tests.estimateTotal).not.toMatch(/estimateTotal|greaterThan/);
    expect(table.rows[1]?.tests.payType).toMatch(/customer/);
    expect(table.other).toBe(true);
    expect(table.rows[1]?.other).toMatch(/urgent .* or .*estimateTotal/);
  });
});
