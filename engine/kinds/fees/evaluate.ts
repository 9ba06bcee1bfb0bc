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

/** The percent a line is discounted by, after the cap, and whether the cap took some off. */
type LinePct = { pct: Decimal; capped: boolean };

/** A priced line with its discount. */
interface Discounted extends LinePct {
  line: OrderLine;
  rule: PriceRule;
  amount: bigint;
}

/** The totals of every fee result, in the order they are reported. */
export const TOTALS = [
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
  // One scope for every line, built once: only `line` changes from line to line. The truths of
  // one ask are read before the next is made, so no line ever sees another's scope.
  const scope: Record<string, unknown> = Object.assign({}, input.facts);
  for (const list of [lines.labour, lines.parts]) {
    for (const line of list) {
      const rules = line.kind === 'labour' ? fees.labour : fees.parts;
      // Set last: an undeclared input called `line` cannot shadow the line being priced.
      scope.line = line.view;
      const truths = yield { set: rules.set, scope };
      const rule = firstMatch(rules.rules, truths);
      if (explain) explained.push(...explainLine(fees, rules, line, rule, truths));
      if (!rule) throw unpriced(line);
      priced.push({ line, rule, amount: amountOf(fees, line, rule) });
    }
  }
  const truths = yield { set: fees.discounts.set, scope: input.facts };
  const applied = fees.discounts.rules.filter((r) => truths.get(r.index));
  const discounted = discountLines(priced, applied, fees.maxPct);
  const settlement = settle(
    discounted.map(
      ({ line, amount, pct }): PricedLine => ({
        kind: line.kind,
        payer: line.payer,
        amount,
        discountPct: pct,
        taxed: line.taxed,
      }),
    ),
    fees.taxPct,
    fees.mode,
  );
  const cappedLines = discounted.filter((d) => d.capped).map((d) => d.line);
  const totals: Record<string, number> = {};
  for (const k of TOTALS) totals[k] = number(settlement[k]);
  const formatted: Record<string, string> = {};
  for (const k of TOTALS) formatted[k] = formatMoney(settlement[k], fees.scale, fees.currency);
  if (explain) explained.push(...explainDiscounts(fees, truths, cappedLines));
  // What discount messages are rendered with; built only when a matching rule has a message.
  const context = applied.some((r) => r.message !== undefined)
    ? Object.assign({}, input.facts, { totals, formatted })
    : undefined;
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

/** Each priced line with the percent the applied discounts take off it. */
function discountLines(
  priced: ReadonlyArray<{ line: OrderLine; rule: PriceRule; amount: bigint }>,
  applied: readonly DiscountRule[],
  maxPct: Decimal,
): Discounted[] {
  // Lines of the same kind and payType are discounted alike: work each percent out once.
  const pcts = { labour: new Map<string, LinePct>(), parts: new Map<string, LinePct>() };
  const discounted: Discounted[] = [];
  for (const { line, rule, amount } of priced) {
    const byPayType = pcts[line.kind];
    let pct = byPayType.get(line.payType);
    if (!pct) {
      pct = lineDiscountPct(line.kind, line.payType, applied, maxPct);
      byPayType.set(line.payType, pct);
    }
    discounted.push({ line, rule, amount, pct: pct.pct, capped: pct.capped });
  }
  return discounted;
}

/** The first rule whose conditions hold (rules are in file order). */
function firstMatch(rules: readonly PriceRule[], truths: Truths): PriceRule | undefined {
  for (const r of rules) if (truths.get(r.index)) return r;
  return undefined;
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
  // Built field by field, in the order the result has always shown them.
  const out: Partial<LineResult> = { type: line.kind, index: line.index, input: line.input };
  if (typeof v.opCode === 'string') out.opCode = v.opCode;
  if (typeof v.partNo === 'string') out.partNo = v.partNo;
  out.payType = line.payType;
  out.payer = line.payer;
  if (line.kind === 'labour') {
    out.hours = decimalNumber(line.quantity);
    out.rate = decimalNumber(rule.value);
  } else {
    out.qty = decimalNumber(line.quantity);
    out.unitCost = decimalNumber(line.unitCost as Decimal);
    out.markupPct = decimalNumber(rule.value);
  }
  out.discountPct = decimalNumber(pct);
  out.rule = rule.label;
  out.amount = number(amount);
  out.formatted = formatMoney(amount, fees.scale, fees.currency);
  return out as LineResult;
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
