/**
 * The unit cost of a part line. A schedule counts it in the currency's major unit as `unitCost`,
 * or in a minor unit under a name of its own that says so (`unitCostFen: { unit: CNY, scale: 2 }`):
 * a changed unit is a new name, never `unitCost` silently 100× off. A line gives exactly one.
 */
import { type ParseContext, report } from '../../conditions/parse.ts';
import type { FactSchema } from '../../facts/types.ts';
import { unitOf } from '../../facts/units.ts';
import type { Decimal } from './decimal.ts';

/** A declared cost field of part lines: its name and the power of ten of its unit. */
export interface CostField {
  name: string;
  scale: number;
}

/** The name every schedule may use: the cost in the currency's major unit. */
export const MAJOR_COST = 'unitCost';
/** Names of costs in another unit: `unitCost` and a capitalised suffix (`unitCostFen`). */
const OTHER_COST = /^unitCost[A-Z][A-Za-z0-9]*$/;

/**
 * The cost fields part lines declare: `unitCost` (its declared scale, else 0), and every
 * `unitCost…` that declares its `unit` (the schedule's currency) and `scale`. A `unitCost…` in
 * another currency is `unit_mismatch`: a schedule prices in one currency.
 */
export function costFieldsOf(
  properties: Record<string, FactSchema>,
  currency: string,
  ctx: ParseContext,
): CostField[] {
  const out: CostField[] = [];
  for (const [name, schema] of Object.entries(properties)) {
    if (name !== MAJOR_COST && !OTHER_COST.test(name)) continue;
    const unit = unitOf(schema);
    if (name !== MAJOR_COST && !unit) continue;
    if (unit && unit.unit !== currency) {
      report(
        ctx,
        'unit_mismatch',
        `\`${name}\` is in ${unit.unit} and the schedule prices in ${currency}`,
        `/facts/parts/items/properties/${name}`,
        { prefer: 'key', hint: `declare \`unit: ${currency}\`, or price in ${unit.unit}` },
      );
      continue;
    }
    out.push({ name, scale: unit?.scale ?? 0 });
  }
  return out;
}

/** The cost field a generated line carries: one in a minor unit when declared, else `unitCost`. */
export function preferredCost(properties: Record<string, FactSchema>): string {
  return (
    Object.keys(properties).find((n) => OTHER_COST.test(n) && unitOf(properties[n]) !== undefined) ??
    MAJOR_COST
  );
}

/** A cost read in its field's unit, as an exact decimal in the currency's major unit. */
export function inMajorUnits<D extends Decimal | { units: number; scale: number }>(
  value: D,
  field: CostField,
): D {
  return { ...value, scale: value.scale + field.scale };
}
