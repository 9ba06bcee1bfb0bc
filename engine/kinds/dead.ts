/**
 * Dead weight in a list of conditional elements (rules, bands, rates, items): an element whose
 * conditions contradict each other can never apply, and in a first-match list an element that an
 * earlier one always wins over can never be selected. Both are warnings with the reason. Only the
 * cheap reasoning of `conditions/regions.ts` is used, and at most MAX_COMPARISONS pairs per list,
 * so loading stays linear and the warnings are the same on every load.
 */
import type { Cond } from '../conditions/ast.ts';
import { type ParseContext, report } from '../conditions/parse.ts';
import { covers, emptyRegion, type Regions, regionsOf } from '../conditions/regions.ts';
import type { Diagnostic } from '../diagnostics.ts';
import type { FactSchema } from '../facts/types.ts';

/** One element of a list, as the check sees it. */
export interface ListElement {
  when: Cond;
  /** Where the element is written (`/rules/3`). */
  pointer: string;
  /** How messages name it: `rule \`manager\``, `band 2 of criterion \`csi\``. */
  label: string;
  /** Under `priority`: the element's priority (higher wins; ties go to the earlier element). */
  priority?: number;
}

/** How the list is decided: first match, highest priority, or every match (no shadowing). */
export type ListOrder = 'first' | 'priority' | 'every';

// Pairs compared per list at most: a list of thousands of rules is checked in its first part only.
const MAX_COMPARISONS = 50_000;

/**
 * Warns about the elements of a list that can never apply or never be selected. Skipped for a
 * document checked before (it depends on the text alone): its entry holds what this said.
 */
export function warnDeadWeight(
  list: readonly ListElement[],
  order: ListOrder,
  declared: Record<string, FactSchema>,
  ctx: ParseContext,
  options: { otherwiseReported?: boolean } = {},
): void {
  if (ctx.checkedBefore) return;
  const before = ctx.diagnostics.length;
  findDeadWeight(list, order, declared, ctx, options);
  for (let i = before; i < ctx.diagnostics.length; i++) ctx.skipped?.push(ctx.diagnostics[i] as Diagnostic);
}

function findDeadWeight(
  list: readonly ListElement[],
  order: ListOrder,
  declared: Record<string, FactSchema>,
  ctx: ParseContext,
  options: { otherwiseReported?: boolean },
): void {
  // Reasoning about conditions that are already in error (an operator that does not fit its fact)
  // would only add follow-on noise: the document is checked once it is otherwise clean.
  if (ctx.diagnostics.some((d) => d.severity === 'error')) return;
  const regions = list.map((el) => regionsOf(el.when, declared));
  let budget = MAX_COMPARISONS;
  list.forEach((el, j) => {
    const own = regions[j] as Regions;
    const empty = emptyRegion(own);
    if (empty !== undefined) {
      report(
        ctx,
        'when_unsatisfiable',
        `${el.label} can never apply: no value of \`${empty}\` meets all its conditions`,
        `${el.pointer}/when`,
        {
          prefer: 'key',
          severity: 'warning',
          hint: `check the conditions on \`${empty}\`: together they exclude every value`,
        },
      );
      return;
    }
    if (order === 'every') return;
    for (let i = 0; i < list.length && budget > 0; i++) {
      if (i === j || !wins(list, order, i, j)) continue;
      budget--;
      const other = regions[i] as Regions;
      if (!covers(other, own)) continue;
      // A kind that reports "after the otherwise" with its own code says it once, not twice.
      if (options.otherwiseReported && other.size === 0 && other.exact !== false) return;
      const winner = list[i] as ListElement;
      report(
        ctx,
        'rule_shadowed',
        `${el.label} can never be selected: ${winner.label} matches every input it matches, and wins`,
        el.pointer,
        {
          severity: 'warning',
          hint:
            order === 'first'
              ? `move it above ${winner.label}, or narrow that one's conditions`
              : `give it a higher priority than ${winner.label}, or narrow that one's conditions`,
        },
      );
      return;
    }
  });
}

/** Whether element i is chosen over element j when both match. */
function wins(list: readonly ListElement[], order: ListOrder, i: number, j: number): boolean {
  if (order === 'first') return i < j;
  const pi = list[i]?.priority ?? 0;
  const pj = list[j]?.priority ?? 0;
  return pi > pj || (pi === pj && i < j);
}
