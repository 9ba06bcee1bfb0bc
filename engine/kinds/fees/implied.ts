import type { FactSchema } from '../../facts/types.ts';

/** The quantities each kind of line must carry: `prepareFees` refuses a line without them. */
const LINE_QUANTITIES = { labour: ['hours'], parts: ['qty', 'unitCost'] } as const;

/**
 * The declared facts as a fee schedule reads them: every labour line needs `hours`, every part
 * line `qty` and `unitCost`, each a number of 0 or more, whatever the declaration says. Generators
 * use this so the inputs they make are ones the schedule prices, not ones it refuses.
 */
export function feesImpliedFacts(declared: Record<string, FactSchema>): Record<string, FactSchema> {
  const out: Record<string, FactSchema> = { ...declared };
  for (const [kind, fields] of Object.entries(LINE_QUANTITIES)) {
    const list = declared[kind];
    if (list?.type !== 'array') continue;
    const items = list.items ?? {};
    const properties: Record<string, FactSchema> = { ...(items.properties ?? {}) };
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
