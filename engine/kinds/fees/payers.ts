import { type ParseContext, report } from '../../conditions/parse.ts';
import { escapePointer } from '../../load/yaml.ts';
import { didYouMean } from '../../util/suggest.ts';

/** Who settles a line: the three shares of a settlement statement (结算清单). */
export type Payer = 'customer' | 'manufacturer' | 'internal';

/** The payers in the order shares are reported and ties are broken when splitting. */
export const PAYERS: readonly Payer[] = ['customer', 'manufacturer', 'internal'];

/**
 * Warranty is claimed from the manufacturer; internal work and goodwill are borne by the
 * dealership itself; every other payType (customer, service contract, …) is the customer's.
 */
const DEFAULT_PAYERS: Readonly<Record<string, Payer>> = {
  warranty: 'manufacturer',
  internal: 'internal',
  goodwill: 'internal',
};

/** The payType a line has when neither it nor the order names one. */
export const DEFAULT_PAY_TYPE = 'customer';

/**
 * Reports a payType that is not among the declared values: a typo there would silently bill the
 * wrong payer or drop a discount. Nothing is checked when payType is not declared as an enum.
 */
export function checkPayType(
  payType: string,
  declared: string[] | undefined,
  pointer: string,
  ctx: ParseContext,
  prefer: 'key' | 'value' = 'value',
): void {
  if (!declared || declared.includes(payType)) return;
  report(ctx, 'fees_paytype_unknown', `\`${payType}\` is not a declared payType value`, pointer, {
    prefer,
    hint: didYouMean(payType, declared) ?? `declared: ${declared.join(', ')}`,
  });
}

/** Compiles the schedule's `payers` overrides over the defaults. */
export function payerTable(
  overrides: Record<string, unknown>,
  declared: string[] | undefined,
  ctx: ParseContext,
): (payType: string) => Payer {
  const table = new Map<string, Payer>(Object.entries(DEFAULT_PAYERS));
  for (const [payType, payer] of Object.entries(overrides)) {
    checkPayType(payType, declared, `/payers/${escapePointer(payType)}`, ctx, 'key');
    if (payer === 'customer' || payer === 'manufacturer' || payer === 'internal') table.set(payType, payer);
  }
  return (payType) => table.get(payType) ?? 'customer';
}
