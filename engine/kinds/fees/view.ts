/**
 * A fee schedule on paper: its rates and discounts, and the statement of an evaluation.
 * Read defensively from the document's plain data, so a report never depends on compiled internals.
 */

import type { CompiledDocument } from '../../document.ts';
import type { Envelope } from '../../evaluate.ts';
import type { Lang } from '../../i18n/lang.ts';
import { codeWord, type ReportLang, textIn } from '../../i18n/report-words.ts';
import { describeCondition } from '../../render/describe.ts';
import { valueLabel } from '../../render/views.ts';
import { listAt, mapAt, numberAt, textAt } from '../common.ts';
import type { ReportPart } from '../kind.ts';
import { decimalOf, type RoundingMode, toUnits } from './decimal.ts';
import { formatMoney } from './money.ts';
import { PAYERS, type Payer } from './payers.ts';
import { type PayerShare, type PricedLine, partsAmount, payerShares } from './price.ts';

/** A fee schedule's rate, markup and discount lists, for the document summary. */
export function feesView(doc: CompiledDocument, lang: Lang = 'zh') {
  const priced = (list: unknown, field: string) =>
    listAt(list).map((raw) => ({
      when: describeCondition(mapAt(raw).when, undefined, lang),
      value: mapAt(raw)[field],
    }));
  const discounts = mapAt(doc.data.discounts);
  return {
    currency: textAt(doc.data.currency),
    taxPct: doc.data.taxPct,
    labourRate: priced(doc.data.labourRate, 'rate'),
    partsMarkupPct: priced(doc.data.partsMarkupPct, 'pct'),
    maxDiscountPct: discounts.maxPct,
    discounts: listAt(discounts.rules).map((raw) => {
      const d = mapAt(raw);
      return {
        id: textAt(d.id) ?? '',
        when: describeCondition(d.when, undefined, lang),
        pct: d.pct,
        on: textAt(d.on) ?? '',
      };
    }),
  };
}

/**
 * The internal pricing statement of a fees evaluation: priced lines with cost and markup,
 * discounts, tax, totals and who pays. For the dealership's own files, never for the customer
 * (the customer's statement is settlementView).
 */
export function feeStatementView(doc: CompiledDocument, envelope: Envelope, lang: ReportLang = 'zh') {
  const result = mapAt(envelope.result);
  const totals = mapAt(result.totals);
  const formatted = mapAt(result.formatted ?? totals.formatted);
  const amount = (name: string) => textAt(formatted[name]) ?? money(totals[name]);
  const discounts = mapAt(result.discounts);
  const word = wordFor(doc, lang);
  return {
    currency: textAt(result.currency) ?? textAt(doc.data.currency) ?? '',
    lines: listAt(result.lines).map((raw, n) => {
      const line = mapAt(raw);
      const labour = line.type === 'labour';
      return {
        number: n + 1,
        type: codeWord('lineType', line.type, lang),
        label: textAt(line.opCode) ?? textAt(line.partNo) ?? textAt(line.input) ?? '',
        quantity: labour ? line.hours : line.qty,
        price: labour ? `${line.rate ?? ''} / h` : `${line.unitCost ?? ''} + ${line.markupPct ?? 0} %`,
        payType: word('payType', line.payType),
        payer: word('payer', line.payer),
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
      .map((k) => ({ name: codeWord('total', k, lang), amount: amount(k), isTotal: k === 'total' })),
    payers: ['customer', 'manufacturer', 'internal']
      .filter((k) => totals[k] !== undefined)
      .map((k) => ({ name: word('payer', k), amount: amount(k) })),
  };
}

/**
 * The word for a code on a statement: the document's own label (`labels:`, as its author wrote
 * it: 客户付费 / Customer-paid) where it has one, else the report catalogue's.
 */
function wordFor(doc: CompiledDocument, lang: ReportLang): (vocabulary: string, code: unknown) => string {
  return (vocabulary, code) => valueLabel(doc, vocabulary, code, lang) ?? codeWord(vocabulary, code, lang);
}

function money(v: unknown): string {
  return typeof v === 'number' ? (v / 100).toFixed(2) : v === undefined ? '' : String(v);
}

/**
 * The customer's 结算清单 of a fees evaluation: 工时费 (hours × rate) and 材料费 (qty × unit
 * price, with the part's category) itemised, the customer's discount, tax and what the customer
 * pays. It never shows a cost or a markup: a part's unit price is its selling price, and a line
 * the customer does not pay (warranty, internal, goodwill: priced at or near cost) shows who
 * bears it and no price at all. The customer's totals are their share of the settlement,
 * computed by the same arithmetic (payerShares), so they add up to what the customer pays.
 */
export function settlementView(
  doc: CompiledDocument,
  envelope: Envelope,
  facts: unknown,
  lang: ReportLang = 'zh',
) {
  const result = mapAt(envelope.result);
  const scale = typeof result.scale === 'number' ? result.scale : 2;
  const currency = textAt(result.currency) ?? textAt(doc.data.currency) ?? 'CNY';
  const mode = (mapAt(doc.data.rounding).mode === 'half-even' ? 'half-even' : 'half-up') as RoundingMode;
  const money = (minor: bigint) => formatMoney(minor, scale, currency);
  const word = wordFor(doc, lang);
  const lines = listAt(result.lines).map(mapAt);
  const input = mapAt(facts);
  const defaultCategory = textAt(
    mapAt(mapAt(mapAt(mapAt(mapAt(doc.data.facts).parts).items).properties).category).default,
  );
  const charged = (l: Record<string, unknown>) => l.payer === 'customer';
  const labour = lines
    .filter((l) => l.type === 'labour')
    .map((l, n) => {
      const given = mapAt(listAt(input.labour)[numberAt(l.index) ?? n]);
      return {
        number: n + 1,
        operation: [textAt(l.opCode), textIn(given.name ?? given.title, lang)].filter(Boolean).join(' '),
        hours: l.hours,
        charged: charged(l),
        rate: charged(l) ? money(minorOf(l.rate, scale)) : undefined,
        amount: charged(l) ? money(BigInt(numberAt(l.amount) ?? 0)) : undefined,
        discountPct: charged(l) && numberAt(l.discountPct) ? l.discountPct : undefined,
        borne: charged(l) ? undefined : `${word('payType', l.payType)} · ${word('payer', l.payer)}`,
      };
    });
  const parts = lines
    .filter((l) => l.type === 'parts')
    .map((l, n) => {
      const given = mapAt(listAt(input.parts)[numberAt(l.index) ?? n]);
      const qty = decimalOf(numberAt(l.qty) ?? 0);
      const cost = decimalOf(numberAt(l.unitCost) ?? 0);
      const pct = decimalOf(numberAt(l.markupPct) ?? 0);
      const unitPrice =
        qty && cost && pct ? partsAmount({ units: 1n, scale: 0 }, cost, pct, scale, mode) : 0n;
      return {
        number: n + 1,
        part: [textAt(l.partNo), textIn(given.name ?? given.title, lang)].filter(Boolean).join(' '),
        category: word('category', textAt(given.category) ?? defaultCategory),
        qty: l.qty,
        charged: charged(l),
        unitPrice: charged(l) ? money(unitPrice) : undefined,
        amount: charged(l) ? money(BigInt(numberAt(l.amount) ?? 0)) : undefined,
        discountPct: charged(l) && numberAt(l.discountPct) ? l.discountPct : undefined,
        borne: charged(l) ? undefined : `${word('payType', l.payType)} · ${word('payer', l.payer)}`,
      };
    });
  const share = customerShare(lines, numberAt(result.taxPct) ?? 0, mode);
  const customer = BigInt(numberAt(mapAt(result.totals).customer) ?? 0);
  return {
    currency,
    labour,
    parts,
    taxPct: result.taxPct,
    totals: {
      labour: money(share.labour),
      parts: money(share.parts),
      discount: share.discount > 0n ? `− ${money(share.discount)}` : undefined,
      tax: money(share.tax),
      customer: money(customer),
    },
    borneByOthers: lines.some((l) => !charged(l)),
  };
}

/** The customer's part of the settlement, from the result's priced lines. */
function customerShare(lines: Record<string, unknown>[], taxPct: number, mode: RoundingMode): PayerShare {
  const priced: PricedLine[] = lines.map((l) => ({
    kind: l.type === 'labour' ? 'labour' : 'parts',
    payer: (PAYERS as readonly string[]).includes(String(l.payer)) ? (l.payer as Payer) : 'customer',
    amount: BigInt(numberAt(l.amount) ?? 0),
    discountPct: decimalOf(numberAt(l.discountPct) ?? 0) ?? { units: 0n, scale: 0 },
  }));
  const tax = decimalOf(taxPct) ?? { units: 0n, scale: 0 };
  return payerShares(priced, tax, mode)[PAYERS.indexOf('customer')] as PayerShare;
}

/** A major-unit rate as minor units. */
function minorOf(v: unknown, scale: number): bigint {
  const d = decimalOf(numberAt(v) ?? 0);
  return d ? toUnits(d, scale, 'half-up') : 0n;
}

/** A fee schedule's reports: its summary, and the statements of an evaluation. */
export const feesReport: { blank: ReportPart; evaluated: ReportPart } = {
  blank: {
    template: 'document-summary',
    view: (doc, _evaluation, lang) => ({ isFees: true, fees: feesView(doc, lang) }),
  },
  evaluated: {
    // The internal statement; renderReport prints the customer's 结算清单 (`settlement`) unless asked.
    template: 'fee-statement',
    view: (doc, evaluation, lang) =>
      evaluation
        ? {
            report: feeStatementView(doc, evaluation.envelope, lang),
            settlement: settlementView(doc, evaluation.envelope, evaluation.facts, lang),
          }
        : {},
  },
};
