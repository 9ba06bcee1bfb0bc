import { type Cond, factsRead } from '../../conditions/ast.ts';
import { type ParseContext, report } from '../../conditions/parse.ts';
import type { FactModel } from '../../facts/model.ts';
import type { Scope } from '../../facts/scope.ts';
import {
  compileMessage,
  humanAt,
  listAt,
  type MessageFn,
  mapAt,
  numberAt,
  textAt,
  whenAt,
} from '../common.ts';
import { warnDeadWeight } from '../dead.ts';
import { type CompileInput, type CondSet, condSet } from '../kind.ts';
import { type CostField, costFieldsOf } from './cost.ts';
import {
  type Decimal,
  decimalOf,
  MAX_PLACES,
  type RoundingMode,
  type SmallDecimal,
  smallDecimal,
} from './decimal.ts';
import { checkPayType, type Payer, payerTable } from './payers.ts';
import { LINE_FIELDS, lineScope, orderScope } from './scope.ts';

type Clause = string | string[];
/** The lines a discount rule reaches: labour, parts, or both (`total`). */
export type DiscountBase = 'labour' | 'parts' | 'total';

/** A rate or markup rule: `value` is the rate per hour, or the markup percent. */
export interface PriceRule {
  index: number;
  /** Its `id`, or `labourRate#N` / `partsMarkupPct#N` (1-based, file order). */
  label: string;
  title?: string;
  clause?: Clause;
  value: Decimal;
  /** `value` without BigInts, for the number path (small.ts); undefined if it does not fit. */
  small: SmallDecimal | undefined;
  line: number;
  col: number;
}

/** A discount rule: its percent is `value`; every matching rule applies. */
export interface DiscountRule extends PriceRule {
  on: DiscountBase;
  /** Only lines of these payTypes; absent: every line. */
  payTypes?: ReadonlySet<string>;
  message?: MessageFn;
}

/** A fee schedule ready to evaluate; each rule list has its own condition set. */
export interface CompiledFees {
  currency: string;
  scale: number;
  mode: RoundingMode;
  taxPct: Decimal;
  maxPct: Decimal;
  /** `taxPct` and `maxPct` for the number path; undefined if they do not fit. */
  small: { taxPct: SmallDecimal; maxPct: SmallDecimal } | undefined;
  labour: { rules: PriceRule[]; set: CondSet };
  parts: { rules: PriceRule[]; set: CondSet };
  /**
   * Whether a line rule reads `line.payType` (or the whole line): only then does a line without
   * its own payType need a copy with the order's filled in (lines.ts).
   */
  linesReadPayType: boolean;
  discounts: { rules: DiscountRule[]; set: CondSet };
  payerOf: (payType: string) => Payer;
  /** The payTypes whose lines carry no tax (`taxExempt`: not sold, or borne by the dealer). */
  taxExempt: ReadonlySet<string>;
  /** The unit-cost fields part lines may give (exactly one per line). */
  costFields: CostField[];
  clause?: Clause;
}

const ZERO: Decimal = { units: 0n, scale: 0 };
const HUNDRED: Decimal = { units: 100n, scale: 0 };

/** Checks a fee schedule beyond its schema and compiles it. */
export function compileFees({ data, ctx, facts }: CompileInput): CompiledFees {
  if (Object.hasOwn(facts.declared, 'line')) {
    report(
      ctx,
      'fees_line_reserved',
      '`line` names the line being priced and cannot be a fact',
      '/facts/line',
      {
        prefer: 'key',
        hint: 'rename the fact',
      },
    );
  }
  checkUniqueRuleIds(data, ctx);
  const rounding = mapAt(data.rounding);
  const discounts = mapAt(data.discounts);
  const currency = textAt(data.currency) ?? 'CNY';
  const taxPct = decimalAt(data.taxPct, '/taxPct', ctx) ?? ZERO;
  const maxPct = decimalAt(discounts.maxPct, '/discounts/maxPct', ctx) ?? HUNDRED;
  const smallTax = smallDecimal(taxPct);
  const smallMax = smallDecimal(maxPct);
  const labour = priceRules(data, 'labour', 'rate', lineScope(facts, 'labour', ctx), ctx);
  const parts = priceRules(data, 'parts', 'pct', lineScope(facts, 'parts', ctx), ctx);
  return {
    currency,
    scale: numberAt(rounding.scale) ?? 2,
    mode: rounding.mode === 'half-even' ? 'half-even' : 'half-up',
    taxPct,
    maxPct,
    small: smallTax && smallMax ? { taxPct: smallTax, maxPct: smallMax } : undefined,
    labour,
    parts,
    linesReadPayType: readsLinePayType([...labour.set.conds, ...parts.set.conds]),
    discounts: discountRules(listAt(discounts.rules), orderScope(facts), payTypesOf(facts), ctx),
    payerOf: payerTable(mapAt(data.payers), payTypesOf(facts), ctx),
    taxExempt: taxExemptAt(data.taxExempt, payTypesOf(facts), ctx),
    costFields: costFields(facts, currency, ctx),
    ...(data.clause !== undefined ? { clause: data.clause as Clause } : {}),
  };
}

/** Whether any of the conditions reads `line.payType`, or `line` as a whole. */
function readsLinePayType(conds: readonly Cond[]): boolean {
  for (const c of conds) {
    for (const path of factsRead(c)) if (path === 'line' || path.startsWith('line.payType')) return true;
  }
  return false;
}

function priceRules(
  data: Record<string, unknown>,
  kind: 'labour' | 'parts',
  key: 'rate' | 'pct',
  scope: Scope,
  ctx: ParseContext,
): { rules: PriceRule[]; set: CondSet } {
  const list = LINE_FIELDS[kind].list;
  const raw = listAt(data[list]);
  const conds: Cond[] = [];
  const rules = raw.map((r, i) => {
    const rule = mapAt(r);
    const pointer = `/${list}/${i}`;
    conds.push(whenAt(rule.when, `${pointer}/when`, scope, ctx));
    const value = decimalAt(rule[key], `${pointer}/${key}`, ctx) ?? ZERO;
    return { ...ruleHead(rule, i, list, pointer, ctx), value, small: smallDecimal(value) };
  });
  checkCoverage(raw, `/${list}`, kind, ctx);
  warnDeadWeight(
    conds.map((when, i) => ({ when, pointer: `/${list}/${i}`, label: `rule \`${rules[i]?.label}\`` })),
    'first',
    {},
    ctx,
    { otherwiseReported: true },
  );
  return { rules, set: condSet(conds) };
}

function discountRules(
  raw: unknown[],
  scope: Scope,
  declared: string[] | undefined,
  ctx: ParseContext,
): { rules: DiscountRule[]; set: CondSet } {
  const conds: Cond[] = [];
  const rules = raw.map((r, i) => {
    const rule = mapAt(r);
    const pointer = `/discounts/rules/${i}`;
    conds.push(whenAt(rule.when, `${pointer}/when`, scope, ctx));
    const message = compileMessage(rule.message, `${pointer}/message`, ctx);
    const on = rule.on === 'labour' || rule.on === 'parts' ? rule.on : 'total';
    const payTypes = Array.isArray(rule.payTypes)
      ? rule.payTypes.filter((t) => typeof t === 'string')
      : undefined;
    payTypes?.forEach((t, j) => {
      checkPayType(t, declared, `${pointer}/payTypes/${j}`, ctx);
    });
    const value = decimalAt(rule.pct, `${pointer}/pct`, ctx) ?? ZERO;
    return {
      ...ruleHead(rule, i, 'discounts', pointer, ctx),
      value,
      small: smallDecimal(value),
      on,
      ...(payTypes ? { payTypes: new Set(payTypes) } : {}),
      ...(message ? { message } : {}),
    } satisfies DiscountRule;
  });
  warnDeadWeight(
    conds.map((when, i) => ({
      when,
      pointer: `/discounts/rules/${i}`,
      label: `discount \`${rules[i]?.label}\``,
    })),
    'every',
    {},
    ctx,
  );
  return { rules, set: condSet(conds) };
}

function ruleHead(
  rule: Record<string, unknown>,
  i: number,
  list: string,
  pointer: string,
  ctx: ParseContext,
) {
  const pos = ctx.map.value.get(pointer) ?? { line: 1, col: 1 };
  const title = humanAt(rule.title, ctx);
  return {
    index: i,
    label: textAt(rule.id) ?? `${list}#${i + 1}`,
    ...(title !== undefined ? { title } : {}),
    ...(rule.clause !== undefined ? { clause: rule.clause as Clause } : {}),
    line: pos.line,
    col: pos.col,
  };
}

/** Warns when a line could get no rate (no rule without `when`), or a rule can never be reached. */
function checkCoverage(raw: unknown[], pointer: string, kind: 'labour' | 'parts', ctx: ParseContext): void {
  const otherwise = raw.findIndex((r) => isOtherwise(mapAt(r).when));
  const what = kind === 'labour' ? 'rate' : 'markup';
  if (otherwise === -1 && raw.length > 0) {
    report(
      ctx,
      'fees_rate_gap',
      `every \`${pointer.slice(1)}\` rule has a \`when\`, so a ${kind} line may get no ${what} (and the evaluation fails)`,
      pointer,
      {
        prefer: 'key',
        severity: 'warning',
        hint: `end the list with an otherwise, e.g. \`- { ${kind === 'labour' ? 'rate' : 'pct'}: … }\``,
      },
    );
    return;
  }
  for (let i = otherwise + 1; otherwise !== -1 && i < raw.length; i++) {
    report(
      ctx,
      'fees_rule_unreachable',
      `rule ${i + 1} of \`${pointer.slice(1)}\` can never apply: rule ${otherwise + 1} has no \`when\` and matches first`,
      `${pointer}/${i}`,
      { severity: 'warning', hint: 'move the rule without `when` to the end' },
    );
  }
}

/** Ids name rules in results and diffs: unique across rates, markups and discounts. */
function checkUniqueRuleIds(data: Record<string, unknown>, ctx: ParseContext): void {
  const seen = new Map<string, string>();
  const lists: Array<[string, unknown[]]> = [
    ['/labourRate', listAt(data.labourRate)],
    ['/partsMarkupPct', listAt(data.partsMarkupPct)],
    ['/discounts/rules', listAt(mapAt(data.discounts).rules)],
  ];
  for (const [pointer, list] of lists) {
    list.forEach((r, i) => {
      const id = textAt(mapAt(r).id);
      if (id === undefined) return;
      const first = seen.get(id);
      if (first !== undefined) {
        report(ctx, 'fees_duplicate_id', `rule id \`${id}\` is used twice`, `${pointer}/${i}/id`, {
          hint: `the first is at ${first}; ids must be unique so results and diffs can name them`,
        });
      } else seen.set(id, `${pointer}/${i}`);
    });
  }
}

/** An absent or empty `when`: the otherwise (read from the source, so a broken `when` is not one). */
function isOtherwise(when: unknown): boolean {
  return when === undefined || (mapAt(when) === when && Object.keys(when as object).length === 0);
}

/** A document number as an exact decimal; more than MAX_PLACES decimals is reported. */
function decimalAt(v: unknown, pointer: string, ctx: ParseContext): Decimal | undefined {
  const n = numberAt(v);
  if (n === undefined) return undefined;
  const d = decimalOf(n);
  if (!d || d.scale > MAX_PLACES) {
    report(ctx, 'fees_precision', `\`${n}\` has more than ${MAX_PLACES} decimals`, pointer, {
      hint: 'rates and percentages are exact decimals; write at most 6 decimals',
    });
    return undefined;
  }
  return d;
}

/** `taxExempt`: payTypes, each checked against the declared values. */
function taxExemptAt(raw: unknown, declared: string[] | undefined, ctx: ParseContext): ReadonlySet<string> {
  const list = listAt(raw).filter((t): t is string => typeof t === 'string');
  list.forEach((t, i) => {
    checkPayType(t, declared, `/taxExempt/${i}`, ctx);
  });
  return new Set(list);
}

/** The cost fields of part lines; none declared is `fees_line_field` (as a missing `qty` is). */
function costFields(facts: FactModel, currency: string, ctx: ParseContext): CostField[] {
  const items = facts.declared.parts?.items;
  // Undeclared part lines are reported by lineScope.
  if (items?.type !== 'object') return [];
  const fields = costFieldsOf(items.properties ?? {}, currency, ctx).filter((f) =>
    ['number', 'integer'].includes(String(items.properties?.[f.name]?.type)),
  );
  if (fields.length === 0) {
    report(ctx, 'fees_line_field', 'parts lines must declare a unit cost as a number', '/facts/parts/items', {
      prefer: 'key',
      hint: `add \`unitCost: { type: number, minimum: 0 }\` (the currency's major unit) or one in a minor unit, e.g. \`unitCostFen: { type: integer, minimum: 0, unit: ${currency}, scale: 2 }\``,
    });
  }
  return fields;
}

/** The payType values the document declares (order and line enums), for checking `payers`. */
export function payTypesOf(facts: FactModel): string[] | undefined {
  const schemas = [
    facts.declared.payType,
    facts.declared.labour?.items?.properties?.payType,
    facts.declared.parts?.items?.properties?.payType,
  ];
  // Pay types are text: other enum values (a mistaken number or mapping) can never name one.
  const values = schemas.flatMap((s) =>
    Array.isArray(s?.enum) ? s.enum.filter((v): v is string => typeof v === 'string') : [],
  );
  return values.length > 0 ? [...new Set(values)] : undefined;
}
