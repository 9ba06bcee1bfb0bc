import { describe, expect, it } from 'vitest';
import { describeCondition } from './describe.ts';
import { escapeMarkdown } from './templates.ts';

describe('describeCondition', () => {
  it('reads a condition in Chinese for a report printed in Chinese', () => {
    const zh = (raw: unknown, at?: string) => describeCondition(raw, at, 'zh');
    expect(zh({ estimateTotal: { greaterThan: 5000, lessThanInclusive: 8000 }, payType: 'customer' })).toBe(
      'estimateTotal 大于 5000 且 estimateTotal 不超过 8000 且 payType 为 customer',
    );
    expect(
      zh({ any: [{ jobType: { in: ['repair', 'bodywork'] } }, { not: { owner: { filled: true } } }] }),
    ).toBe('(jobType 属于 repair、bodywork 或 并非(owner 已填写))');
    expect(zh({ parts: { some: { category: 'oem' } } })).toBe('parts 中有一项满足(category 为 oem)');
    expect(zh({ vin: { exists: false }, score: { between: [60, 80] } })).toBe(
      'vin 未提供 且 score 介于 60 与 80 之间',
    );
    expect(zh({ lastService: { onOrAfter: '$at-30d' } }, '2026-06-01')).toBe(
      'lastService 不早于 2026-05-02(评估日前 30 天)',
    );
    expect(zh({ lastService: { onOrAfter: '$at-30d' } })).toBe('lastService 不早于 评估日前 30 天');
    expect(zh({ openedOn: { withinDays: 7 } }, '2026-06-01')).toBe(
      'openedOn 介于 2026-05-25 与 2026-06-01 之间(评估日前 7 天内)',
    );
    expect(zh(undefined)).toBe('始终适用');
  });

  it('reads operators in words and joins entries with and', () => {
    expect(
      describeCondition({
        estimateTotal: { greaterThan: 5000, lessThanInclusive: 8000 },
        payType: 'customer',
      }),
    ).toBe('estimateTotal is greater than 5000 and estimateTotal is at most 8000 and payType is customer');
  });

  it('reads any, not, between, quantifiers, fact operands and the evaluation date', () => {
    expect(
      describeCondition({
        any: [{ 'vehicle.fuel': { in: ['hybrid', 'ev'] } }, { not: { estimateTotal: { lessThan: 1000 } } }],
        'vehicle.mileageKm': { between: [0, 100000] },
        technicians: { some: { expiresOn: { onOrAfter: '$at' }, type: { equal: { fact: 'jobType' } } } },
      }),
    ).toBe(
      '(vehicle.fuel is one of hybrid, ev or not (estimateTotal is less than 1000)) and vehicle.mileageKm is between 0 and 100000 and some technicians: (expiresOn is on or after the evaluation date and type is jobType)',
    );
  });

  it('shows evaluation-date shifts in words, and resolved when the date is known', () => {
    const when = {
      returnedOn: { onOrAfter: '$at-30d', before: '$at+1y' },
      openedOn: { withinDays: 7, olderThanDays: 2 },
      bornOn: { olderThanYears: 18 },
    };
    expect(describeCondition(when)).toBe(
      'returnedOn is on or after 30 days before the evaluation date and returnedOn is before 1 year after the evaluation date and openedOn is within the 7 days before the evaluation date and openedOn is before 2 days before the evaluation date and bornOn is before 18 years before the evaluation date',
    );
    expect(describeCondition(when, '2026-06-01')).toBe(
      'returnedOn is on or after 2026-05-02 (30 days before the evaluation date) and returnedOn is before 2027-06-01 (1 year after the evaluation date) and openedOn is between 2026-05-25 and 2026-06-01 (within the 7 days before the evaluation date) and openedOn is before 2026-05-30 (2 days before the evaluation date) and bornOn is before 2008-06-01 (18 years before the evaluation date)',
    );
    expect(describeCondition(when, '2026-06-01')).not.toMatch(/\$at/);
  });

  it('says always when there is no condition', () => {
    expect(describeCondition(undefined)).toBe('always');
  });
});

describe('escapeMarkdown', () => {
  it('leaves no markup, no raw HTML and no line break in a table cell', () => {
    expect(escapeMarkdown('a|b <script>*x*\n`y`')).toBe('a\\|b &lt;script&gt;\\*x\\* \\`y\\`');
  });
});
