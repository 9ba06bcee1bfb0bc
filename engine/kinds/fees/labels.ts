/** The codes of a fee result to label: each line's pay type and payer. */

import type { FactModel } from '../../facts/model.ts';
import type { LabelSink } from '../../i18n/labels.ts';
import { listAt, mapAt } from '../common.ts';
import { payTypesOf } from './compile.ts';
import { PAYERS } from './payers.ts';

/** `payer` with the payers, and `payType` with the pay types the order and lines declare. */
export function feesLabelTargets(
  _fees: unknown,
  facts: FactModel,
): ReadonlyMap<string, readonly string[] | undefined> {
  return new Map<string, readonly string[] | undefined>([
    ['payer', [...PAYERS]],
    ['payType', payTypesOf(facts)],
  ]);
}

/** Each line's `payType` and `payer`. */
export function feesLabelsIn(result: unknown, sink: LabelSink): void {
  for (const raw of listAt(mapAt(result).lines)) {
    const line = mapAt(raw);
    sink.value('payType', line.payType);
    sink.value('payer', line.payer);
  }
}
