/**
 * Hand-written baselines that do the work norma must do, not only the decision: for the checklist,
 * checking every answer (known item, object shape, value type, `by`, an ISO date-time `at`,
 * evidence), a result line per item and a message per failed or missing item; for fees, checking
 * the input, a priced line per input line with its money formatted, the discounts applied, and
 * formatted totals. The minimal baselines in kinds.ts (the decision alone) stay as a second row.
 */

type Facts = Record<string, unknown>;
interface Request {
  facts: Facts;
  answers?: Record<string, unknown>;
  at: string;
}

// ---------------------------------------------------------------- checklist

/** What the checklist baseline needs to know about an item. */
export interface SameWorkItem {
  key: string;
  number?: number;
  critical: boolean;
  when?: string;
}

const ISO_DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;

interface ItemLine {
  id: string;
  status: string;
  reason: string;
  severity: string;
}

/** The checklist evaluated by hand with the same checks and outputs as norma's. */
export function checklistSameWork(items: readonly SameWorkItem[]): (q: Request) => {
  status: string;
  score: number;
} {
  const byKey = new Map(items.map((it) => [it.key, it]));
  return (q) => {
    const answers = q.answers ?? {};
    for (const key in answers) {
      const item = byKey.get(key);
      if (item === undefined) throw new Error(`no item ${key}`);
      const a = answers[key] as Record<string, unknown>;
      if (a === null || typeof a !== 'object' || Array.isArray(a)) throw new Error(`${key}: not an object`);
      for (const f in a)
        if (f !== 'value' && f !== 'by' && f !== 'at' && f !== 'evidence') throw new Error(f);
      const v = a.value;
      if (item.number === undefined ? typeof v !== 'boolean' : typeof v !== 'number' || !Number.isFinite(v))
        throw new Error(`${key}: wrong type`);
      if (a.by !== undefined && typeof a.by !== 'string') throw new Error(`${key}: by`);
      if (a.at !== undefined) {
        const at = a.at as string;
        if (typeof at !== 'string' || !ISO_DATE_TIME.test(at) || Number.isNaN(Date.parse(at)))
          throw new Error(`${key}: at`);
      }
      if (a.evidence !== undefined && !Array.isArray(a.evidence)) throw new Error(`${key}: evidence`);
    }
    const job = q.facts.jobType;
    const lines: ItemLine[] = [];
    const blocking: string[] = [];
    const matched: Array<{ rule: string; title: string; message: string }> = [];
    let applicable = 0;
    let passed = 0;
    let missing = false;
    for (const it of items) {
      const severity = it.critical ? 'critical' : 'major';
      if (it.when !== undefined && it.when !== job) {
        lines.push({ id: it.key, status: 'na', reason: 'not_applicable', severity });
        continue;
      }
      applicable += 1;
      const a = answers[it.key] as { value: unknown } | undefined;
      if (a === undefined) {
        missing = true;
        lines.push({ id: it.key, status: 'missing', reason: 'not_answered', severity });
        matched.push({ rule: it.key, title: `item ${it.key}`, message: `${severity}: not answered` });
        continue;
      }
      const v = a.value;
      const met = it.number === undefined ? v === true : (v as number) >= it.number;
      if (met) {
        passed += 1;
        lines.push({ id: it.key, status: 'pass', reason: 'ok', severity });
      } else {
        lines.push({ id: it.key, status: 'fail', reason: 'expect_not_met', severity });
        if (it.critical) blocking.push(it.key);
        const expect = it.number === undefined ? 'equal true' : `greaterThanInclusive ${it.number}`;
        matched.push({
          rule: it.key,
          title: `item ${it.key}`,
          message: `${severity}: answer \`${JSON.stringify(v)}\` does not meet \`${expect}\``,
        });
      }
    }
    const score = applicable === 0 ? 100 : Math.round((passed * 10_000) / applicable) / 100;
    const status = blocking.length > 0 ? 'fail' : missing ? 'incomplete' : score < 90 ? 'fail' : 'pass';
    return { status, score, blocking, items: lines, matched } as { status: string; score: number };
  };
}

// ---------------------------------------------------------------- fees

const RATES: Record<string, number> = { ev: 400, senior: 320, general: 280 };
const MARKUPS: Record<string, number> = { oem: 30, aftermarket: 35 };

function halfUp(n: number, d: number): number {
  return Math.floor((2 * n + d) / (2 * d));
}

/** Fen as people read them: `¥1,234.50`. */
export function yuan(fen: number): string {
  const negative = fen < 0;
  const digits = String(negative ? -fen : fen).padStart(3, '0');
  const whole = digits.slice(0, -2);
  let grouped = whole.slice(0, whole.length % 3 || 3);
  for (let i = grouped.length; i < whole.length; i += 3) grouped += `,${whole.slice(i, i + 3)}`;
  return `${negative ? '-' : ''}¥${grouped}.${digits.slice(-2)}`;
}

function enumCheck(v: unknown, allowed: Record<string, number>, what: string): void {
  if (typeof v !== 'string' || !Object.hasOwn(allowed, v)) throw new Error(`${what}: ${String(v)}`);
}

function nonNegative(v: unknown, what: string): number {
  if (typeof v !== 'number' || !Number.isFinite(v) || v < 0) throw new Error(what);
  return v;
}

/** The fee schedule priced by hand with the same checks and outputs as norma's. */
export function feesSameWork(q: Request): number {
  const f = q.facts;
  const customer = f.customer as { tier?: unknown } | undefined;
  const tier = customer?.tier;
  if (tier !== 'none' && tier !== 'silver' && tier !== 'gold') throw new Error('tier');
  const labour = f.labour as Array<Record<string, unknown>>;
  const parts = f.parts as Array<Record<string, unknown>>;
  if (!Array.isArray(labour) || !Array.isArray(parts)) throw new Error('lines');
  const labourPct = tier === 'silver' ? 5 : tier === 'gold' ? 10 : 0;
  const partsPct = tier === 'gold' ? 5 : 0;
  const lines: Array<Record<string, unknown>> = [];
  const matched: Array<{ rule: string }> = [];
  const seen = new Set<string>();
  let labourTotal = 0;
  let partsTotal = 0;
  for (let i = 0; i < labour.length; i++) {
    const l = labour[i] as Record<string, unknown>;
    enumCheck(l.skill, RATES, 'skill');
    const hours = nonNegative(l.hours, 'hours');
    const skill = l.skill as string;
    const rate = RATES[skill] as number;
    const amount = Math.round(hours * 10) * rate * 10;
    labourTotal += amount;
    if (!seen.has(skill)) {
      seen.add(skill);
      matched.push({ rule: skill });
    }
    lines.push({
      type: 'labour',
      index: i,
      input: `/labour/${i}`,
      payType: 'customer',
      payer: 'customer',
      hours,
      rate,
      discountPct: labourPct,
      rule: skill,
      amount,
      formatted: yuan(amount),
    });
  }
  for (let i = 0; i < parts.length; i++) {
    const p = parts[i] as Record<string, unknown>;
    enumCheck(p.category, MARKUPS, 'category');
    const qty = nonNegative(p.qty, 'qty');
    if (!Number.isInteger(qty)) throw new Error('qty');
    const unitCost = nonNegative(p.unitCost, 'unitCost');
    const category = p.category as string;
    const markupPct = MARKUPS[category] as number;
    const amount = halfUp(qty * Math.round(unitCost * 100) * (100 + markupPct), 100);
    partsTotal += amount;
    if (!seen.has(category)) {
      seen.add(category);
      matched.push({ rule: category });
    }
    lines.push({
      type: 'parts',
      index: i,
      input: `/parts/${i}`,
      payType: 'customer',
      payer: 'customer',
      qty,
      unitCost,
      markupPct,
      discountPct: partsPct,
      rule: category,
      amount,
      formatted: yuan(amount),
    });
  }
  const applied: Array<{ id: string; on: string; pct: number }> = [];
  if (tier === 'silver') applied.push({ id: 'silver-labour', on: 'labour', pct: 5 });
  if (tier === 'gold')
    applied.push({ id: 'gold-labour', on: 'labour', pct: 10 }, { id: 'gold-parts', on: 'parts', pct: 5 });
  for (const a of applied) matched.push({ rule: a.id });
  const discount = halfUp(labourPct * labourTotal + partsPct * partsTotal, 100);
  const net = labourTotal + partsTotal - discount;
  const tax = halfUp(13 * net, 100);
  const total = net + tax;
  const totals = {
    labour: labourTotal,
    parts: partsTotal,
    discount,
    tax,
    total,
    customer: total,
    manufacturer: 0,
    internal: 0,
  };
  const formatted: Record<string, string> = {};
  for (const k in totals) formatted[k] = yuan(totals[k as keyof typeof totals]);
  const result = {
    currency: 'CNY',
    scale: 2,
    lines,
    discounts: { applied, maxPct: 15, capped: false },
    taxPct: 13,
    totals,
    formatted,
    matched,
  };
  return result.totals.total;
}
