import { describe, expect, it } from 'vitest';
import { describeCondition } from './describe.ts';
import { escapeMarkdown } from './templates.ts';

describe('describeCondition', () => {
  it('reads operators as symbols and joins entries with and', () => {
    expect(
      describeCondition({
        estimateTotal: { greaterThan: 5000, lessThanInclusive: 8000 },
        payType: 'customer',
      }),
    ).toBe('estimateTotal > 5000 and estimateTotal ≤ 8000 and payType = customer');
  });

  it('reads any, not, between, quantifiers, fact operands and the evaluation date', () => {
    expect(
      describeCondition({
        any: [{ 'vehicle.fuel': { in: ['hybrid', 'ev'] } }, { not: { estimateTotal: { lessThan: 1000 } } }],
        'vehicle.mileageKm': { between: [0, 100000] },
        technicians: { some: { expiresOn: { onOrAfter: '$at' }, type: { equal: { fact: 'jobType' } } } },
      }),
    ).toBe(
      '(vehicle.fuel in [hybrid, ev] or not (estimateTotal < 1000)) and vehicle.mileageKm between 0 and 100000 and some technicians: (expiresOn on or after the evaluation date and type = jobType)',
    );
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
