import { error, NormaError } from '../../diagnostics.ts';
import { DetailCollector } from '../../util/details.ts';
import { mapAt } from '../common.ts';
import type { PreparedInput, RawRequest } from '../kind.ts';
import type { CompiledFees } from './compile.ts';
import { type CostField, inMajorUnits, MAJOR_COST } from './cost.ts';
import { decimalOf, MAX_PLACES, smallDecimalOf } from './decimal.ts';
import { DEFAULT_PAY_TYPE, type Payer } from './payers.ts';
import type { Exact } from './small.ts';

/** A work-order line read exactly: its quantities as decimals and who pays it. */
export interface OrderLine {
  kind: 'labour' | 'parts';
  index: number;
  /** The JSON pointer of the line in the facts (`/labour/0`). */
  input: string;
  /** The line as conditions see it (`line.*`): as sent, with `payType` resolved if a rule reads it. */
  view: Record<string, unknown>;
  payType: string;
  payer: Payer;
  /** Labour: hours. Parts: qty. */
  quantity: Exact;
  /** Parts only: the unit cost in the currency's major unit (read from whichever field the line gives). */
  unitCost?: Exact;
  /** Parts only: whether the line carries tax (its payType is not in `taxExempt`). */
  taxed: boolean;
}

/** The lines of a request, ready to price. */
export interface OrderLines {
  labour: OrderLine[];
  parts: OrderLine[];
}

/**
 * Reads the labour and parts lines of a checked request. Quantities and costs are JSON numbers in
 * major units, taken at their shortest decimal text (1.5 hours is exactly 1.5); negative values,
 * and values with more than MAX_PLACES decimals, are `facts_invalid` with the line's path.
 */
export function prepareFees(
  fees: CompiledFees,
  _request: RawRequest,
  facts: Record<string, unknown>,
): PreparedInput | NormaError {
  const problems = new DetailCollector();
  const orderPayType = typeof facts.payType === 'string' ? facts.payType : undefined;
  const lines: OrderLines = {
    labour: linesOf(fees, facts, 'labour', orderPayType, problems),
    parts: linesOf(fees, facts, 'parts', orderPayType, problems),
  };
  if (problems.count > 0)
    return new NormaError('facts_invalid', 'facts do not match the declared inputs', problems.list());
  return { facts, extra: lines };
}

/** Reads the lines of one kind; problems go to `problems`. */
function linesOf(
  fees: CompiledFees,
  facts: Record<string, unknown>,
  kind: 'labour' | 'parts',
  orderPayType: string | undefined,
  problems: DetailCollector,
): OrderLine[] {
  const list = Array.isArray(facts[kind]) ? (facts[kind] as unknown[]) : [];
  const out: OrderLine[] = [];
  for (let index = 0; index < list.length; index++) {
    const line = mapAt(list[index]);
    const input = pointerOf(kind, index);
    const payType = typeof line.payType === 'string' ? line.payType : (orderPayType ?? DEFAULT_PAY_TYPE);
    const quantity = read(kind, kind === 'labour' ? 'hours' : 'qty', line, input, problems);
    const unitCost = kind === 'parts' ? cost(fees.costFields, line, input, problems) : undefined;
    // The line as conditions see it: itself, unless its payType comes from the order and a rule
    // reads it (a copy costs more than the rest of reading the line).
    const view =
      line.payType === payType || !fees.linesReadPayType ? line : Object.assign({}, line, { payType });
    const orderLine: OrderLine = {
      kind,
      index,
      input,
      view,
      payType,
      payer: fees.payerOf(payType),
      quantity: quantity ?? ZERO,
      taxed: !fees.taxExempt.has(payType),
    };
    if (unitCost) orderLine.unitCost = unitCost;
    out.push(orderLine);
  }
  return out;
}

const ZERO: Exact = { units: 0, scale: 0 };

/** `/labour/0` … : the pointers of the first lines of each kind, written once. */
const POINTERS = {
  labour: Array.from({ length: 64 }, (_, i) => `/labour/${i}`),
  parts: Array.from({ length: 64 }, (_, i) => `/parts/${i}`),
};

function pointerOf(kind: 'labour' | 'parts', index: number): string {
  return POINTERS[kind][index] ?? `/${kind}/${index}`;
}

/**
 * A part line's unit cost from the one cost field it gives, in the currency's major unit;
 * undefined with a problem when it gives none or more than one (two costs of one part would be
 * two prices, and which one counts cannot be guessed).
 */
function cost(
  fields: readonly CostField[],
  line: Record<string, unknown>,
  at: string,
  problems: DetailCollector,
): Exact | undefined {
  // One field given (the usual case) is found without building a list.
  let only: CostField | undefined;
  let count = 0;
  for (const f of fields) {
    if (line[f.name] !== undefined) {
      only = f;
      count++;
    }
  }
  if (count > 1) {
    const given = fields.filter((f) => line[f.name] !== undefined);
    const path = `${at}/${(given[1] as CostField).name}`;
    const names = given.map((f) => `\`${f.name}\``).join(' and ');
    problems.add(() =>
      error('fees_line_cost_twice', `\`${at}\` gives ${names}: a part line has one unit cost`, {
        path,
        hint: 'give the cost once, in the unit its name says',
      }),
    );
    return undefined;
  }
  const field = only ?? fields[0] ?? { name: MAJOR_COST, scale: 0 };
  const value = read('parts', field.name, line, at, problems);
  return value === undefined ? undefined : inMajorUnits(value, field);
}

/** A line's quantity or cost as an exact decimal, or undefined with a problem reported. */
function read(
  kind: 'labour' | 'parts',
  field: string,
  line: Record<string, unknown>,
  at: string,
  problems: DetailCollector,
): Exact | undefined {
  const v = line[field];
  if (typeof v !== 'number') {
    const path = `${at}/${field}`;
    problems.add(() =>
      error(v === undefined ? 'required' : 'type', `\`${path}\` must be a number`, { path }),
    );
    return undefined;
  }
  // Without BigInts when the units are a safe integer, as nearly all are.
  const d: Exact | undefined = smallDecimalOf(v) ?? decimalOf(v);
  if (!d || d.units < 0) {
    const path = `${at}/${field}`;
    problems.add(() => error('minimum', `\`${path}\` must be 0 or more`, { path }));
    return undefined;
  }
  if (d.scale > MAX_PLACES) {
    const path = `${at}/${field}`;
    problems.add(() =>
      error('precision', `\`${path}\` has more than ${MAX_PLACES} decimals`, {
        path,
        hint: `${kind} amounts are exact decimals in the unit their name says, e.g. 12.5`,
      }),
    );
    return undefined;
  }
  return d;
}
