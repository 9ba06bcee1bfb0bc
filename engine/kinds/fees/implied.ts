import type { FactSchema } from '../../facts/types.ts';
import { preferredCost } from './cost.ts';

/**
 * The quantities each kind of line must carry: `prepareFees` refuses a line without them. A part
 * line's cost is its schedule's minor-unit cost field when it declares one, else `unitCost`.
 */
function lineQuantities(kind: string, properties: Record<string, FactSchema>): string[] {
  return kind === 'labour' ? ['hours'] : ['qty', preferredCost(properties)];
}

/**
 * The declared facts as a fee schedule reads them: every labour line needs `hours`, every part
 * line `qty` and its unit cost, each a number of 0 or more, whatever the declaration says. Generators
 * use this so the inputs they make are ones the schedule prices, not ones it refuses.
 */
export function feesImpliedFacts(declared: Record<string, FactSchema>): Record<string, FactSchema> {
  const out: Record<string, FactSchema> = { ...declared };
  for (const kind of ['labour', 'parts']) {
    const list = declared[kind];
    if (list?.type !== 'array') continue;
    const items = list.items ?? {};
    const properties: Record<string, FactSchema> = { ...(items.properties ?? {}) };
    const fields = lineQuantities(kind, properties);
    // One cost per line: a generated line gives only the preferred one.
    for (const name of Object.keys(properties)) {
      if (kind === 'parts' && name.startsWith('unitCost') && !fields.includes(name)) delete properties[name];
    }
    for (const field of fields) {
      const own = properties[field] ?? {};
      const type = own.type === 'integer' ? 'integer' : 'number';
      properties[field] = { ...own, type, minimum: Math.max(0, own.minimum ?? 0) };
    }
    const required = [...new Set([...(items.required ?? []), ...fields])];
    out[kind] = { ...list, items: { ...items, type: 'object', properties, required } };
  }
  return out;
}
