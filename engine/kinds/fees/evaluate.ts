import type { EvalEnv } from '../../conditions/env.ts';
import { NormaError } from '../../diagnostics.ts';
import type { Ask, CondSet, ExplainEntry, KindOutcome, Matched, PreparedInput, Truths } from '../kind.ts';
import type { CompiledFees, DiscountRule, PriceRule } from './compile.ts';
import { type Decimal, decimalNumber } from './decimal.ts';
import type { OrderLine, OrderLines } from './lines.ts';
import { formatMoney, minorNumber } from './money.ts';
import { labourAmount, lineDiscountPct, type PricedLine, partsAmount, reaches, settle } from './price.ts';
import {
  big,
  type Exact,
  exactNumber,
  labourAmountSmall,
  lineDiscountPctSmall,
  partsAmountSmall,
  type SmallPct,
  type SmallPricedLine,
  settleSmall,
  small,
  smallNumber,
  TOO_LARGE,
} from './small.ts';

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

/** A line with the rule that priced it. */
interface Chosen {
  line: OrderLine;
  rule: PriceRule;
}

/** What the arithmetic gives a line: its amount in minor units and its discount after the cap. */
interface LineMoney {
  amount: number;
  /** The discount percent, as reported. */
  pct: number;
  capped: boolean;
}

/** A priced order: each line's money, in the order of the lines, and the totals. */
interface PricedOrder {
  lines: LineMoney[];
  totals: Record<(typeof TOTALS)[number], number>;
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
  const chosen: Chosen[] = [];
  // One scope for every line, built once: only `line` changes from line to line. The truths of
  // one ask are read before the next is made, so no line ever sees another's scope, and one ask
  // per rule list serves every line.
  const scope: Record<string, unknown> = Object.assign({}, input.facts);
  const asks = { labour: { set: fees.labour.set, scope }, parts: { set: fees.parts.set, scope } };
  for (const list of [lines.labour, lines.parts]) {
    for (const line of list) {
      const rules = line.kind === 'labour' ? fees.labour : fees.parts;
      // Set last: an undeclared input called `line` cannot shadow the line being priced.
      scope.line = line.view;
      const truths = yield asks[line.kind];
      const rule = firstMatch(rules.rules, truths);
      if (explain) explained.push(...explainLine(fees, rules, line, rule, truths));
      if (!rule) throw unpriced(line);
      chosen.push({ line, rule });
    }
  }
  const truths = yield { set: fees.discounts.set, scope: input.facts };
  const applied = fees.discounts.rules.filter((r) => truths.get(r.index));
  const order = priceOrder(fees, chosen, applied);
  const cappedLines = chosen.filter((_, i) => order.lines[i]?.capped).map((c) => c.line);
  const totals = order.totals;
  const formatted = formattedTotals(totals, fees.scale, fees.currency);
  if (explain) explained.push(...explainDiscounts(fees, truths, cappedLines));
  // What discount messages are rendered with; built only when a matching rule has a message.
  const context = applied.some((r) => r.message !== undefined)
    ? Object.assign({}, input.facts, { totals, formatted })
    : undefined;
  return {
    result: {
      currency: fees.currency,
      scale: fees.scale,
      lines: chosen.map((c, i) => lineResult(fees, c, order.lines[i] as LineMoney)),
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
      ...distinctRules(chosen).map((r) => matchedOf(fees, r)),
      ...applied.map((r) => matchedOf(fees, r, context)),
    ],
    explain: explained,
  };
}

/**
 * Prices the order on JS numbers (small.ts), which is exact while every value stays below 2^53;
 * when one could not, prices it again on BigInts, which is always exact. Both give the same
 * figures wherever the first one finishes.
 */
function priceOrder(
  fees: CompiledFees,
  chosen: readonly Chosen[],
  applied: readonly DiscountRule[],
): PricedOrder {
  try {
    return priceOnNumbers(fees, chosen, applied);
  } catch (e) {
    if (e !== TOO_LARGE) throw e;
    return priceOnBigInts(fees, chosen, applied);
  }
}

/** The order priced on numbers; throws TOO_LARGE when a value could leave the exact range. */
export function priceOnNumbers(
  fees: CompiledFees,
  chosen: readonly Chosen[],
  applied: readonly DiscountRule[],
): PricedOrder {
  const limits = fees.small;
  if (!limits) throw TOO_LARGE;
  // Lines of the same kind and payType are discounted alike: work each percent out once. An
  // order has a few of each, so a list searched from the start beats a map.
  const pcts: Array<{ kind: string; payType: string; pct: SmallPct }> = [];
  const settled: SmallPricedLine[] = [];
  const lines: LineMoney[] = [];
  for (const { line, rule } of chosen) {
    const value = rule.small;
    if (!value) throw TOO_LARGE;
    const amount =
      line.kind === 'labour'
        ? labourAmountSmall(small(line.quantity), value, fees.scale, fees.mode)
        : partsAmountSmall(small(line.quantity), small(line.unitCost as Exact), value, fees.scale, fees.mode);
    let pct: SmallPct | undefined;
    for (const p of pcts) {
      if (p.kind === line.kind && p.payType === line.payType) {
        pct = p.pct;
        break;
      }
    }
    if (!pct) {
      pct = lineDiscountPctSmall(line.kind, line.payType, applied, limits.maxPct);
      pcts.push({ kind: line.kind, payType: line.payType, pct });
    }
    settled.push({ kind: line.kind, payer: line.payer, amount, discountPct: pct.pct, taxed: line.taxed });
    lines.push({ amount, pct: pct.reported, capped: pct.capped });
  }
  return { lines, totals: settleSmall(settled, limits.taxPct, fees.mode) };
}

/** The order priced on BigInts; an amount that does not fit a JSON number is eval_fees_overflow. */
export function priceOnBigInts(
  fees: CompiledFees,
  chosen: readonly Chosen[],
  applied: readonly DiscountRule[],
): PricedOrder {
  const pcts = { labour: new Map<string, LinePct>(), parts: new Map<string, LinePct>() };
  const settled: PricedLine[] = [];
  const amounts: bigint[] = [];
  const linePcts: LinePct[] = [];
  for (const { line, rule } of chosen) {
    const amount = amountOf(fees, line, rule);
    const byPayType = pcts[line.kind];
    let pct = byPayType.get(line.payType);
    if (!pct) {
      pct = lineDiscountPct(line.kind, line.payType, applied, fees.maxPct);
      byPayType.set(line.payType, pct);
    }
    settled.push({ kind: line.kind, payer: line.payer, amount, discountPct: pct.pct, taxed: line.taxed });
    amounts.push(amount);
    linePcts.push(pct);
  }
  const settlement = settle(settled, fees.taxPct, fees.mode);
  const totals = {} as PricedOrder['totals'];
  for (const k of TOTALS) totals[k] = number(settlement[k]);
  return {
    lines: amounts.map((amount, i) => {
      const pct = linePcts[i] as LinePct;
      return { amount: number(amount), pct: decimalNumber(pct.pct), capped: pct.capped };
    }),
    totals,
  };
}

/** Every total as people read it, in TOTALS order (one literal: its final layout at once). */
function formattedTotals(
  totals: PricedOrder['totals'],
  scale: number,
  currency: string,
): Record<string, string> {
  const money = (n: number) => formatMoney(n, scale, currency);
  return {
    labour: money(totals.labour),
    parts: money(totals.parts),
    discount: money(totals.discount),
    tax: money(totals.tax),
    total: money(totals.total),
    customer: money(totals.customer),
    manufacturer: money(totals.manufacturer),
    internal: money(totals.internal),
  };
}

/** The first rule whose conditions hold (rules are in file order). */
function firstMatch(rules: readonly PriceRule[], truths: Truths): PriceRule | undefined {
  for (const r of rules) if (truths.get(r.index)) return r;
  return undefined;
}

function amountOf(fees: CompiledFees, line: OrderLine, rule: PriceRule): bigint {
  return line.kind === 'labour'
    ? labourAmount(big(line.quantity), rule.value, fees.scale, fees.mode)
    : partsAmount(big(line.quantity), big(line.unitCost as Exact), rule.value, fees.scale, fees.mode);
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

function lineResult(fees: CompiledFees, { line, rule }: Chosen, money: LineMoney): LineResult {
  const v = line.view;
  const opCode = typeof v.opCode === 'string' ? v.opCode : undefined;
  const partNo = typeof v.partNo === 'string' ? v.partNo : undefined;
  const value = rule.small ? smallNumber(rule.small) : decimalNumber(rule.value);
  const formatted = formatMoney(money.amount, fees.scale, fees.currency);
  // One object literal per shape the result has always shown, in its key order: literals get
  // their final layout at once, where adding keys one by one makes a new shape at every key.
  if (line.kind === 'labour' && partNo === undefined) {
    const hours = exactNumber(line.quantity);
    const { index, input, payType, payer } = line;
    const { pct: discountPct, amount } = money;
    return opCode === undefined
      ? {
          type: 'labour',
          index,
          input,
          payType,
          payer,
          hours,
          rate: value,
          discountPct,
          rule: rule.label,
          amount,
          formatted,
        }
      : {
          type: 'labour',
          index,
          input,
          opCode,
          payType,
          payer,
          hours,
          rate: value,
          discountPct,
          rule: rule.label,
          amount,
          formatted,
        };
  }
  if (line.kind === 'parts' && opCode === undefined) {
    const qty = exactNumber(line.quantity);
    const unitCost = exactNumber(line.unitCost as Exact);
    const { index, input, payType, payer } = line;
    const { pct: discountPct, amount } = money;
    return partNo === undefined
      ? {
          type: 'parts',
          index,
          input,
          payType,
          payer,
          qty,
          unitCost,
          markupPct: value,
          discountPct,
          rule: rule.label,
          amount,
          formatted,
        }
      : {
          type: 'parts',
          index,
          input,
          partNo,
          payType,
          payer,
          qty,
          unitCost,
          markupPct: value,
          discountPct,
          rule: rule.label,
          amount,
          formatted,
        };
  }
  // A line with both an opCode and a partNo: field by field, in the same order.
  const out: Partial<LineResult> = { type: line.kind, index: line.index, input: line.input };
  if (opCode !== undefined) out.opCode = opCode;
  if (partNo !== undefined) out.partNo = partNo;
  out.payType = line.payType;
  out.payer = line.payer;
  if (line.kind === 'labour') {
    out.hours = exactNumber(line.quantity);
    out.rate = value;
  } else {
    out.qty = exactNumber(line.quantity);
    out.unitCost = exactNumber(line.unitCost as Exact);
    out.markupPct = value;
  }
  out.discountPct = money.pct;
  out.rule = rule.label;
  out.amount = money.amount;
  out.formatted = formatted;
  return out as LineResult;
}

/** The rules that priced the lines, each once, in the order they first priced one. */
function distinctRules(chosen: readonly Chosen[]): PriceRule[] {
  const out: PriceRule[] = [];
  for (const { rule } of chosen) if (!out.includes(rule)) out.push(rule);
  return out;
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
