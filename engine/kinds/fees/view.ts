/**
 * A fee schedule on paper: its rates and discounts, and the statement of an evaluation.
 * Read defensively from the document's plain data, so a report never depends on compiled internals.
 */
import type { CompiledDocument } from '../../document.ts';
import type { Envelope } from '../../evaluate.ts';
import type { Lang } from '../../i18n/lang.ts';
import { describeCondition } from '../../render/describe.ts';
import { valueLabel } from '../../render/views.ts';
import { listAt, mapAt, textAt } from '../common.ts';
import type { ReportPart } from '../kind.ts';

/** A fee schedule's rate, markup and discount lists, for the document summary. */
export function feesView(doc: CompiledDocument) {
  const priced = (list: unknown, field: string) =>
    listAt(list).map((raw) => ({ when: describeCondition(mapAt(raw).when), value: mapAt(raw)[field] }));
  const discounts = mapAt(doc.data.discounts);
  return {
    currency: textAt(doc.data.currency),
    taxPct: doc.data.taxPct,
    labourRate: priced(doc.data.labourRate, 'rate'),
    partsMarkupPct: priced(doc.data.partsMarkupPct, 'pct'),
    maxDiscountPct: discounts.maxPct,
    discounts: listAt(discounts.rules).map((raw) => {
      const d = mapAt(raw);
      return { id: textAt(d.id) ?? '', when: describeCondition(d.when), pct: d.pct, on: textAt(d.on) ?? '' };
    }),
  };
}

/** A fees evaluation: priced lines, discounts, tax, totals and who pays, as formatted amounts. */
export function feeStatementView(doc: CompiledDocument, envelope: Envelope, lang: Lang = doc.lang) {
  const result = mapAt(envelope.result);
  const totals = mapAt(result.totals);
  const formatted = mapAt(result.formatted ?? totals.formatted);
  const amount = (name: string) => textAt(formatted[name]) ?? money(totals[name]);
  const discounts = mapAt(result.discounts);
  return {
    currency: textAt(result.currency) ?? textAt(doc.data.currency) ?? '',
    lines: listAt(result.lines).map((raw, n) => {
      const line = mapAt(raw);
      const labour = line.type === 'labour';
      return {
        number: n + 1,
        type: textAt(line.type) ?? '',
        label: textAt(line.opCode) ?? textAt(line.partNo) ?? textAt(line.input) ?? '',
        quantity: labour ? line.hours : line.qty,
        price: labour ? `${line.rate ?? ''} / h` : `${line.unitCost ?? ''} + ${line.markupPct ?? 0} %`,
        payType: textAt(line.payType) ?? '',
        payTypeLabel: valueLabel(doc, 'payType', line.payType, lang),
        payer: textAt(line.payer) ?? '',
        payerLabel: valueLabel(doc, 'payer', line.payer, lang),
        rule: textAt(line.rule) ?? '',
        amount: textAt(line.formatted) ?? money(line.amount),
      };
    }),
    discounts: listAt(discounts.applied).map((raw) => {
      const d = mapAt(raw);
      return { id: textAt(d.id) ?? '', on: textAt(d.on) ?? '', pct: d.pct };
    }),
    discountCapped: discounts.capped === true,
    maxDiscountPct: discounts.maxPct,
    taxPct: result.taxPct,
    totals: ['labour', 'parts', 'discount', 'tax', 'total']
      .filter((k) => totals[k] !== undefined)
      .map((k) => ({ name: k, amount: amount(k), isTotal: k === 'total' })),
    payers: ['customer', 'manufacturer', 'internal']
      .filter((k) => totals[k] !== undefined)
      .map((k) => ({ name: k, label: valueLabel(doc, 'payer', k, lang), amount: amount(k) })),
  };
}

function money(v: unknown): string {
  return typeof v === 'number' ? (v / 100).toFixed(2) : v === undefined ? '' : String(v);
}

/** A fee schedule's reports: its summary, and the fee statement of an evaluation. */
export const feesReport: { blank: ReportPart; evaluated: ReportPart } = {
  blank: { template: 'document-summary', view: (doc) => ({ isFees: true, fees: feesView(doc) }) },
  evaluated: {
    template: 'fee-statement',
    view: (doc, evaluation, lang) =>
      evaluation ? { report: feeStatementView(doc, evaluation.envelope, lang) } : {},
  },
};
