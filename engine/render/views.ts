/**
 * What each report template receives: a document's data (and an evaluation's result) arranged
 * for reading. Read defensively from the document's plain data, so a report never depends on a
 * kind's compiled internals.
 */
import type { CompiledDocument } from '../document.ts';
import type { Envelope } from '../evaluate.ts';
import { listAt, mapAt, numberAt, textAt } from '../kinds/common.ts';
import { inlineValue } from '../util/text.ts';
import { describeCondition } from './describe.ts';

/** The header every report starts with. */
export interface HeaderView {
  id: string;
  version: string;
  kind: string;
  title: string;
  status: string;
  effective?: string;
  clause?: string;
  owner?: string;
  change?: string;
  approvedBy?: string;
  approvedAt?: string;
  digest: string;
  description?: string;
}

/** The header of a document. */
export function headerView(doc: CompiledDocument): HeaderView {
  return {
    id: doc.id,
    version: doc.version,
    kind: doc.kind,
    title: doc.title,
    status: doc.status,
    digest: doc.digest,
    ...opt('effective', doc.effective),
    ...opt('clause', clauseText(doc.clause)),
    ...opt('owner', doc.owner),
    ...opt('change', doc.change),
    ...opt('approvedBy', doc.approved?.by),
    ...opt('approvedAt', doc.approved?.at === undefined ? undefined : String(doc.approved.at)),
    ...opt('description', doc.description),
  };
}

/** The declared facts as rows: name, type, description. */
export function factsView(doc: CompiledDocument): { name: string; type: string; description?: string }[] {
  return Object.entries(doc.facts.declared).map(([name, schema]) => ({
    name,
    type: typeText(schema as Record<string, unknown>),
    ...opt('description', textAt((schema as Record<string, unknown>).description)),
  }));
}

/** A checklist as a form: sections, items with how to answer, evidence and applicability. */
export function checklistFormView(doc: CompiledDocument) {
  return listAt(doc.data.sections).map((raw, s) => {
    const section = mapAt(raw);
    const id = textAt(section.id) ?? `#${s + 1}`;
    return {
      id,
      title: textAt(section.title) ?? id,
      clause: clauseText(section.clause),
      sequential: section.order === 'sequential',
      items: listAt(section.items).map((rawItem, i) => {
        const item = mapAt(rawItem);
        const itemId = textAt(item.id) ?? `#${i + 1}`;
        const answer = textAt(item.answer) ?? 'boolean';
        const evidence = textAt(item.evidence) ?? 'none';
        return {
          key: `${id}.${itemId}`,
          number: `${s + 1}.${i + 1}`,
          text: textAt(item.text) ?? itemId,
          severity: textAt(item.severity) ?? 'major',
          answer,
          isBoolean: answer === 'boolean',
          isChoice: answer === 'choice',
          choices: listAt(item.choices).map((c) => String(mapAt(c).label ?? mapAt(c).value ?? c)),
          unit: textAt(item.unit),
          weight: numberAt(item.weight) ?? 1,
          evidence: evidence === 'none' ? undefined : evidence,
          applies: item.when === undefined ? undefined : describeCondition(item.when),
          expect: item.expect === undefined ? undefined : describeCondition({ answer: item.expect }),
          clause: clauseText(item.clause),
        };
      }),
    };
  });
}

/** A checklist evaluation: the form's items with their answers and judgements. */
export function checklistReportView(doc: CompiledDocument, envelope: Envelope, answers: unknown) {
  const result = mapAt(envelope.result);
  const judged = new Map(listAt(result.items).map((x) => [String(mapAt(x).id), mapAt(x)]));
  const given = mapAt(answers);
  const sections = checklistFormView(doc).map((section) => ({
    ...section,
    items: section.items.map((item) => {
      const j = judged.get(item.key) ?? {};
      const a = mapAt(given[item.key]);
      return {
        ...item,
        status: textAt(j.status) ?? 'missing',
        reason: textAt(j.reason),
        value: a.value === undefined ? undefined : String(a.value),
        by: textAt(a.by),
        at: textAt(a.at),
        evidenceGiven: listAt(a.evidence).map(String),
      };
    }),
  }));
  return {
    status: textAt(result.status),
    score: numberAt(result.score),
    blocking: listAt(result.blocking).map(String),
    sections,
  };
}

/** A scorecard evaluation: each criterion's points with its title, the grade and vetoes. */
export function scorecardReportView(doc: CompiledDocument, envelope: Envelope) {
  const result = mapAt(envelope.result);
  const criteria = new Map(listAt(doc.data.criteria).map((c) => [String(mapAt(c).id), mapAt(c)]));
  const vetoes = new Map(listAt(doc.data.vetoes).map((v) => [String(mapAt(v).id), mapAt(v)]));
  return {
    score: result.score,
    grade: result.grade,
    outcome: Object.entries(mapAt(result.outcome)).map(([name, value]) => ({ name, value })),
    criteria: listAt(result.criteria).map((raw) => {
      const c = mapAt(raw);
      const declared = criteria.get(String(c.id)) ?? {};
      return {
        id: String(c.id),
        title: textAt(declared.title) ?? String(c.id),
        points: c.points,
        weight: c.weight,
        weighted:
          typeof c.points === 'number' && typeof c.weight === 'number' ? (c.points * c.weight) / 100 : '',
      };
    }),
    vetoed: listAt(result.vetoed).map((id) => {
      const v = vetoes.get(String(id)) ?? {};
      return { id: String(id), grade: v.grade, when: describeCondition(v.when, envelope.at) };
    }),
  };
}

/** A fees evaluation: priced lines, discounts, tax, totals and who pays, as formatted amounts. */
export function feeStatementView(doc: CompiledDocument, envelope: Envelope) {
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
        payer: textAt(line.payer) ?? '',
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
      .map((k) => ({ name: k, amount: amount(k) })),
  };
}

/** A ruleset's decision table (and its default), for the document summary. */
export function rulesView(doc: CompiledDocument) {
  return {
    hit: textAt(doc.data.hit) ?? 'first',
    outputs: Object.entries(mapAt(doc.data.outputs)).map(([name, schema]) => ({
      name,
      type: typeText(mapAt(schema)),
    })),
    rules: listAt(doc.data.rules).map((raw, n) => {
      const r = mapAt(raw);
      return {
        number: n + 1,
        id: textAt(r.id) ?? `#${n + 1}`,
        title: textAt(r.title),
        clause: clauseText(r.clause),
        when: describeCondition(r.when),
        sets: thenText(r.then),
      };
    }),
    default: doc.data.default === undefined ? undefined : thenText(doc.data.default),
  };
}

/** A scorecard's criteria, bands and grades, for the document summary. */
export function scorecardView(doc: CompiledDocument) {
  return {
    criteria: listAt(doc.data.criteria).map((raw) => {
      const c = mapAt(raw);
      return {
        id: String(c.id),
        title: textAt(c.title) ?? String(c.id),
        weight: c.weight,
        bands: listAt(c.bands).map((b) => ({
          when: describeCondition(mapAt(b).when),
          points: mapAt(b).points,
        })),
      };
    }),
    vetoes: listAt(doc.data.vetoes).map((raw) => ({
      id: String(mapAt(raw).id),
      when: describeCondition(mapAt(raw).when),
      grade: mapAt(raw).grade,
    })),
    grades: listAt(doc.data.grades).map((raw) => ({
      grade: mapAt(raw).grade,
      min: mapAt(raw).min,
      outcome: thenText(mapAt(raw).outcome),
    })),
  };
}

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

function thenText(v: unknown): string {
  return Object.entries(mapAt(v))
    .map(([k, x]) => `${k}: ${typeof x === 'string' ? x : JSON.stringify(x)}`)
    .join(', ');
}

function typeText(schema: Record<string, unknown>): string {
  if (Array.isArray(schema.enum)) return `one of ${schema.enum.map(inlineValue).join(', ')}`;
  const type = Array.isArray(schema.type) ? schema.type.join(' | ') : textAt(schema.type);
  const format = textAt(schema.format);
  const range = [
    schema.minimum !== undefined ? `≥ ${schema.minimum}` : '',
    schema.maximum !== undefined ? `≤ ${schema.maximum}` : '',
  ].filter(Boolean);
  const base = format ?? type ?? (schema.properties ? 'object' : 'any');
  const extra = [
    ...range,
    schema.default !== undefined ? `default ${JSON.stringify(schema.default)}` : '',
  ].filter(Boolean);
  return extra.length > 0 ? `${base} (${extra.join(', ')})` : base;
}

/** A clause or list of clauses as one text. */
export function clauseText(clause: unknown): string | undefined {
  if (Array.isArray(clause)) return clause.map(String).join(', ');
  return typeof clause === 'string' ? clause : undefined;
}

function money(v: unknown): string {
  return typeof v === 'number' ? (v / 100).toFixed(2) : v === undefined ? '' : String(v);
}

function opt<K extends string>(key: K, v: string | undefined): { [P in K]?: string } {
  return (v === undefined ? {} : { [key]: v }) as { [P in K]?: string };
}
