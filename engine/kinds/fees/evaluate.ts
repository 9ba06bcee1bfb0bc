import type { EvalEnv } from '../../conditions/env.ts';
import { NormaError } from '../../diagnostics.ts';
import type { Ask, CondSet, ExplainEntry, KindOutcome, Matched, PreparedInput, Truths } from '../kind.ts';
import type { CompiledFees, DiscountRule, PriceRule } from './compile.ts';
import { type Decimal, decimalNumber } from './decimal.ts';
import type { OrderLine, OrderLines } from './lines.ts';
import { formatMoney, minorNumber } from './money.ts';
import { labourAmount, lineDiscountPct, type PricedLine, partsAmount, reaches, settle } from './price.ts';

/** One priced line of the result. */
export interface LineResult {
  type: 'labour' | 'parts';
  index: number;
  input: string;
  opCode?: string;
  partNo?: string;
  payType: string;
  payer: string;
  hours?: number;
  rate?: number;
  qty?: number;
  unitCost?: number;
  markupPct?: number;
  /** The percent the matching discounts take off this line, after the cap. */
  discountPct: number;
  /** The rule that priced it: its id, or `labourRate#N` / `partsMarkupPct#N`. */
  rule: string;
  /** In minor units (10^-scale of the currency). */
  amount: number;
  formatted: string;
}

const TOTALS = [
  'labour',
  'parts',
  'discount',
  'tax',
  'total',
  'customer',
  'manufacturer',
  'internal',
] as const;

/**
 * Prices every line by its first matching rate or markup (one ask per line, the line as `line`),
 * then applies every matching discount (one ask on the order), the tax and the payer split.
 */
export function* evaluateFees(
  fees: CompiledFees,
  input: PreparedInput,
  _env: EvalEnv,
  explain: boolean,
): Generator<Ask, KindOutcome, Truths> {
  const lines = input.extra as OrderLines;
  const explained: ExplainEntry[] = [];
  const priced: Array<{ line: OrderLine; rule: PriceRule; amount: bigint }> = [];
  for (const line of [...lines.labour, ...lines.parts]) {
    const rules = line.kind === 'labour' ? fees.labour : fees.parts;
    const truths = yield { set: rules.set, scope: lineScope(input.facts, line) };
    const rule = rules.rules.find((r) => truths.get(r.index));
    if (explain) explained.push(...explainLine(fees, rules, line, rule, truths));
    if (!rule) throw unpriced(line);
    priced.push({ line, rule, amount: amountOf(fees, line, rule) });
  }
  const truths = yield { set: fees.discounts.set, scope: input.facts };
  const applied = fees.discounts.rules.filter((r) => truths.get(r.index));
  const discounted = priced.map((p) => ({
    ...p,
    ...lineDiscountPct(p.line.kind, p.line.payType, applied, fees.maxPct),
  }));
  const settlement = settle(
    discounted.map(
      ({ line, amount, pct }): PricedLine => ({
        kind: line.kind,
        payer: line.payer,
        amount,
        discountPct: pct,
      }),
    ),
    fees.taxPct,
    fees.mode,
  );
  const cappedLines = discounted.filter((d) => d.capped).map((d) => d.line);
  const totals = Object.fromEntries(TOTALS.map((k) => [k, number(settlement[k])])) as Record<string, number>;
  const formatted = Object.fromEntries(
    TOTALS.map((k) => [k, formatMoney(settlement[k], fees.scale, fees.currency)]),
  ) as Record<string, string>;
  if (explain) explained.push(...explainDiscounts(fees, truths, cappedLines));
  const context = Object.assign({}, input.facts, { totals, formatted });
  return {
    result: {
      currency: fees.currency,
      scale: fees.scale,
      lines: discounted.map((d) => lineResult(fees, d)),
      discounts: {
        applied: applied.map((r) => ({
          id: r.label,
          on: r.on,
          pct: decimalNumber(r.value),
          ...(r.payTypes ? { payTypes: [...r.payTypes] } : {}),
        })),
        maxPct: decimalNumber(fees.maxPct),
        capped: cappedLines.length > 0,
      },
      taxPct: decimalNumber(fees.taxPct),
      totals,
      formatted,
    },
    matched: [
      ...distinctRules(priced.map((p) => p.rule)).map((r) => matchedOf(fees, r)),
      ...applied.map((r) => matchedOf(fees, r, context)),
    ],
    explain: explained,
  };
}

/** The facts with the line being priced as `line` (set last: an undeclared input cannot shadow it). */
function lineScope(facts: Record<string, unknown>, line: OrderLine): Record<string, unknown> {
  const scope = Object.assign({}, facts);
  scope.line = line.view;
  return scope;
}

function amountOf(fees: CompiledFees, line: OrderLine, rule: PriceRule): bigint {
  return line.kind === 'labour'
    ? labourAmount(line.quantity, rule.value, fees.scale, fees.mode)
    : partsAmount(line.quantity, line.unitCost as Decimal, rule.value, fees.scale, fees.mode);
}

function unpriced(line: OrderLine): NormaError {
  const what = line.kind === 'labour' ? 'labour rate' : 'parts markup';
  return new NormaError(
    'eval_fees_unpriced',
    `${line.kind} line ${line.index + 1} (\`${line.input}\`) matches no ${what} rule`,
    [
      {
        code: 'line_unpriced',
        message: `no \`${line.kind === 'labour' ? 'labourRate' : 'partsMarkupPct'}\` rule matches this line`,
        severity: 'error',
        path: line.input,
        hint: 'the schedule needs a rule without `when` at the end of the list',
      },
    ],
  );
}

function number(minor: bigint): number {
  const n = minorNumber(minor);
  if (n === undefined) {
    throw new NormaError('eval_fees_overflow', 'an amount is too large to report exactly in minor units');
  }
  return n;
}

function lineResult(
  fees: CompiledFees,
  { line, rule, amount, pct }: { line: OrderLine; rule: PriceRule; amount: bigint; pct: Decimal },
): LineResult {
  const v = line.view;
  return {
    type: line.kind,
    index: line.index,
    input: line.input,
    ...(typeof v.opCode === 'string' ? { opCode: v.opCode } : {}),
    ...(typeof v.partNo === 'string' ? { partNo: v.partNo } : {}),
    payType: line.payType,
    payer: line.payer,
    ...(line.kind === 'labour'
      ? { hours: decimalNumber(line.quantity), rate: decimalNumber(rule.value) }
      : {
          qty: decimalNumber(line.quantity),
          unitCost: decimalNumber(line.unitCost as Decimal),
          markupPct: decimalNumber(rule.value),
        }),
    discountPct: decimalNumber(pct),
    rule: rule.label,
    amount: number(amount),
    formatted: formatMoney(amount, fees.scale, fees.currency),
  };
}

function distinctRules(rules: PriceRule[]): PriceRule[] {
  return [...new Set(rules)];
}

function matchedOf(
  fees: CompiledFees,
  r: PriceRule | DiscountRule,
  context?: Record<string, unknown>,
): Matched {
  const clause = r.clause ?? fees.clause;
  const template = 'message' in r ? r.message : undefined;
  const message = template && context ? template(context) : undefined;
  return {
    rule: r.label,
    ...(clause !== undefined ? { clause } : {}),
    ...(r.title !== undefined ? { title: r.title } : {}),
    ...(message !== undefined ? { message } : {}),
  };
}

function explainLine(
  fees: CompiledFees,
  rules: { rules: PriceRule[]; set: CondSet },
  line: OrderLine,
  chosen: PriceRule | undefined,
  truths: Truths,
): ExplainEntry[] {
  return rules.rules.map((r) => {
    const held = truths.get(r.index);
    const conditions = truths.explain?.(r.index);
    const clause = r.clause ?? fees.clause;
    return {
      type: line.kind === 'labour' ? 'rate' : 'markup',
      id: r.label,
      input: line.input,
      [line.kind === 'labour' ? 'rate' : 'pct']: decimalNumber(r.value),
      applied: r === chosen,
      ...(clause !== undefined ? { clause } : {}),
      line: r.line,
      col: r.col,
      reason: !held ? 'conditions_not_met' : r === chosen ? 'selected' : 'earlier_rule_selected',
      ...(conditions ? { conditions } : {}),
    };
  });
}

function explainDiscounts(fees: CompiledFees, truths: Truths, cappedLines: OrderLine[]): ExplainEntry[] {
  return fees.discounts.rules.map((r) => {
    const held = truths.get(r.index);
    const conditions = truths.explain?.(r.index);
    const clause = r.clause ?? fees.clause;
    const capped = cappedLines.some((l) => reaches(r, l.kind, l.payType));
    return {
      type: 'discount',
      id: r.label,
      on: r.on,
      pct: decimalNumber(r.value),
      applied: held,
      ...(clause !== undefined ? { clause } : {}),
      line: r.line,
      col: r.col,
      reason: !held
        ? 'conditions_not_met'
        : capped
          ? `applied_capped (maxPct ${decimalNumber(fees.maxPct)})`
          : 'applied',
      ...(conditions ? { conditions } : {}),
    };
  });
}
