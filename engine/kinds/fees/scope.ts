import { type ParseContext, report } from '../../conditions/parse.ts';
import type { FactModel } from '../../facts/model.ts';
import { type Scope, scopeOf } from '../../facts/scope.ts';
import { categoryOf, type FactSchema } from '../../facts/types.ts';

/**
 * The fields each kind of line must declare, with the rule list that prices it. Part lines also
 * declare a unit cost, `unitCost` or one in a minor unit (cost.ts), checked where the currency is known.
 */
export const LINE_FIELDS = {
  labour: { fields: ['hours'], list: 'labourRate' },
  parts: { fields: ['qty'], list: 'partsMarkupPct' },
} as const;

/**
 * The scope of a line rule: every fact, plus `line` with the properties of the line's items. A
 * line without its own `payType` declaration sees the order's, since the order's applies to it.
 */
export function lineScope(facts: FactModel, kind: 'labour' | 'parts', ctx: ParseContext): Scope {
  const list = facts.declared[kind];
  const items = list?.items;
  if (!list || categoryOf(list) !== 'array' || !items || categoryOf(items) !== 'object') {
    report(
      ctx,
      'fees_lines_undeclared',
      `a fee schedule needs the fact \`${kind}\`: a list of ${kind} lines`,
      list ? `/facts/${kind}` : '/facts',
      {
        prefer: 'key',
        hint: `declare \`${kind}: { type: array, items: { type: object, properties: { ${LINE_FIELDS[
          kind
        ].fields
          .map((f) => `${f}: { type: number, minimum: 0 }`)
          .join(', ')} } } }\` (give it \`default: []\` if orders may have none)`,
      },
    );
    return scopeOf({ ...facts.declared, line: { type: 'object', properties: {} } });
  }
  const props = items.properties ?? {};
  for (const field of LINE_FIELDS[kind].fields) {
    if (categoryOf(props[field]) !== 'number') {
      report(
        ctx,
        'fees_line_field',
        `${kind} lines must declare \`${field}\` as a number`,
        `/facts/${kind}/items${props[field] ? `/properties/${field}` : ''}`,
        { prefer: 'key', hint: `add \`${field}: { type: number, minimum: 0 }\` under \`properties\`` },
      );
    }
  }
  const payType = props.payType ?? facts.declared.payType;
  const line: FactSchema = { type: 'object', properties: { ...props, ...(payType ? { payType } : {}) } };
  return scopeOf({ ...facts.declared, line });
}

/** The scope of a discount: the order's facts; `line` exists only while a line is priced. */
export function orderScope(facts: FactModel): Scope {
  if (Object.hasOwn(facts.declared, 'line')) return facts.scope;
  return {
    names: () => facts.scope.names(),
    resolve: (path) =>
      path[0] === 'line'
        ? {
            ok: false,
            code: 'ref_unknown_fact',
            message: '`line` is only known in `labourRate` and `partsMarkupPct` rules',
            hint: 'a discount applies to the whole order: test order facts such as `customer.tier`',
          }
        : facts.scope.resolve(path),
  };
}
