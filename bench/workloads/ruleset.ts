/**
 * The workload: a 30-rule fee/approval/checklist-style ruleset (60 conditions, hit:
 * collect) over a work-order object, as a norma document, as plain json-rules-engine rules, and as
 * a hand-written JavaScript function of the same logic.
 */
import { stringify } from 'yaml';
import { draw, prng } from '../harness.ts';

/** One condition in a neutral form: fact path, operator, value. */
export type Test = [path: string, op: string, value: unknown];

/** One rule: two conditions and what it decides. */
export interface RuleSpec {
  id: string;
  when: [Test, Test];
  action: string;
  feePct?: number;
}

/** The 30 rules, in file order. */
export const rules: RuleSpec[] = [
  {
    id: 'gm-approval',
    when: [
      ['estimateTotal', 'greaterThan', 20000],
      ['payType', 'equal', 'customer'],
    ],
    action: 'approval-gm',
  },
  {
    id: 'sm-approval',
    when: [
      ['estimateTotal', 'greaterThan', 8000],
      ['estimateTotal', 'lessThanInclusive', 20000],
    ],
    action: 'approval-sm',
  },
  {
    id: 'warranty-claim',
    when: [
      ['payType', 'equal', 'warranty'],
      ['estimateTotal', 'greaterThan', 0],
    ],
    action: 'warranty-claim',
  },
  {
    id: 'goodwill-review',
    when: [
      ['payType', 'equal', 'goodwill'],
      ['estimateTotal', 'greaterThanInclusive', 2000],
    ],
    action: 'goodwill-review',
  },
  {
    id: 'internal-budget',
    when: [
      ['payType', 'equal', 'internal'],
      ['partsTotal', 'greaterThan', 5000],
    ],
    action: 'internal-budget',
  },
  {
    id: 'hv-permit',
    when: [
      ['jobType', 'equal', 'ev-high-voltage'],
      ['vehicle.fuel', 'in', ['hybrid', 'ev']],
    ],
    action: 'hv-permit',
  },
  {
    id: 'lift-inspection',
    when: [
      ['jobType', 'equal', 'lift'],
      ['labourHours', 'greaterThan', 1],
    ],
    action: 'lift-inspection',
  },
  {
    id: 'bodywork-photos',
    when: [
      ['jobType', 'equal', 'bodywork'],
      ['estimateTotal', 'greaterThan', 3000],
    ],
    action: 'photo-evidence',
  },
  {
    id: 'high-mileage',
    when: [
      ['vehicle.mileageKm', 'greaterThan', 150000],
      ['jobType', 'in', ['maintenance', 'repair']],
    ],
    action: 'extended-inspection',
  },
  {
    id: 'warranty-fast-track',
    when: [
      ['vehicle.mileageKm', 'lessThanInclusive', 100000],
      ['payType', 'equal', 'warranty'],
    ],
    action: 'warranty-fast-track',
  },
  {
    id: 'gold-labour',
    when: [
      ['customer.tier', 'equal', 'gold'],
      ['labourHours', 'greaterThanInclusive', 2],
    ],
    action: 'member-rate',
    feePct: -5,
  },
  {
    id: 'platinum-order',
    when: [
      ['customer.tier', 'equal', 'platinum'],
      ['estimateTotal', 'greaterThan', 1000],
    ],
    action: 'member-rate',
    feePct: -8,
  },
  {
    id: 'loyal-customer',
    when: [
      ['customer.visits', 'greaterThanInclusive', 10],
      ['customer.tier', 'notEqual', 'none'],
    ],
    action: 'loyalty-gift',
  },
  {
    id: 'first-visit',
    when: [
      ['customer.visits', 'equal', 0],
      ['payType', 'equal', 'customer'],
    ],
    action: 'welcome-call',
  },
  {
    id: 'comeback-review',
    when: [
      ['comeback', 'equal', true],
      ['payType', 'equal', 'customer'],
    ],
    action: 'comeback-review',
    feePct: -100,
  },
  {
    id: 'comeback-escalation',
    when: [
      ['comeback', 'equal', true],
      ['labourHours', 'greaterThan', 3],
    ],
    action: 'comeback-escalation',
  },
  {
    id: 'labour-review',
    when: [
      ['labourHours', 'greaterThan', 8],
      ['jobType', 'notEqual', 'maintenance'],
    ],
    action: 'labour-review',
  },
  {
    id: 'parts-deposit',
    when: [
      ['partsTotal', 'greaterThan', 10000],
      ['payType', 'in', ['customer', 'goodwill']],
    ],
    action: 'parts-deposit',
  },
  {
    id: 'deposit',
    when: [
      ['estimateTotal', 'greaterThan', 5000],
      ['payType', 'equal', 'customer'],
    ],
    action: 'deposit-30pct',
  },
  {
    id: 'discount-approval',
    when: [
      ['discountPct', 'greaterThan', 15],
      ['payType', 'equal', 'customer'],
    ],
    action: 'discount-approval',
  },
  {
    id: 'member-discount',
    when: [
      ['discountPct', 'between', [5, 15]],
      ['customer.tier', 'in', ['gold', 'platinum']],
    ],
    action: 'member-discount',
    feePct: -2,
  },
  {
    id: 'dpf-check',
    when: [
      ['vehicle.fuel', 'equal', 'diesel'],
      ['vehicle.mileageKm', 'greaterThan', 80000],
    ],
    action: 'dpf-check',
  },
  {
    id: 'battery-health',
    when: [
      ['vehicle.fuel', 'equal', 'ev'],
      ['jobType', 'equal', 'maintenance'],
    ],
    action: 'battery-health',
  },
  {
    id: 'hv-isolation',
    when: [
      ['vehicle.fuel', 'equal', 'hybrid'],
      ['jobType', 'in', ['repair', 'ev-high-voltage']],
    ],
    action: 'hv-isolation',
  },
  {
    id: 'age-advisory',
    when: [
      ['vehicle.registeredOn', 'olderThanYears', 10],
      ['jobType', 'equal', 'repair'],
    ],
    action: 'age-advisory',
  },
  {
    id: 'stale-order',
    when: [
      ['openedAt', 'olderThanDays', 30],
      ['estimateTotal', 'greaterThan', 0],
    ],
    action: 'stale-follow-up',
  },
  {
    id: 'express-lane',
    when: [
      ['labourHours', 'lessThan', 1],
      ['partsTotal', 'lessThan', 500],
    ],
    action: 'express-lane',
  },
  {
    id: 'environment-levy',
    when: [
      ['partsTotal', 'greaterThan', 0],
      ['jobType', 'in', ['maintenance', 'repair']],
    ],
    action: 'environment-levy',
    feePct: 2,
  },
  {
    id: 'minimum-charge',
    when: [
      ['estimateTotal', 'lessThan', 300],
      ['payType', 'equal', 'customer'],
    ],
    action: 'minimum-charge',
    feePct: 10,
  },
  {
    id: 'estimate-required',
    when: [
      ['estimateTotal', 'equal', 0],
      ['labourHours', 'greaterThan', 0],
    ],
    action: 'estimate-required',
  },
];

const payTypes = ['customer', 'warranty', 'internal', 'goodwill'] as const;
const jobTypes = ['maintenance', 'repair', 'bodywork', 'ev-high-voltage', 'lift'] as const;
const fuels = ['petrol', 'diesel', 'hybrid', 'ev'] as const;
const tiers = ['none', 'silver', 'gold', 'platinum'] as const;

/** The declared inputs: a work order. */
export const facts = {
  payType: { enum: [...payTypes], description: '付款类型 (pay type)' },
  jobType: { enum: [...jobTypes] },
  estimateTotal: { type: 'number', minimum: 0 },
  labourHours: { type: 'number', minimum: 0 },
  partsTotal: { type: 'number', minimum: 0 },
  discountPct: { type: 'number', minimum: 0, maximum: 100, default: 0 },
  comeback: { type: 'boolean' },
  openedAt: { type: 'string', format: 'date' },
  vehicle: {
    type: 'object',
    required: ['fuel', 'mileageKm', 'registeredOn'],
    properties: {
      fuel: { enum: [...fuels] },
      mileageKm: { type: 'number', minimum: 0 },
      registeredOn: { type: 'string', format: 'date' },
    },
  },
  customer: {
    type: 'object',
    required: ['tier', 'visits'],
    properties: { tier: { enum: [...tiers] }, visits: { type: 'integer', minimum: 0 } },
  },
};

/** The evaluation date of every benchmark input. */
export const AT = '2026-03-01';

/** The norma document of a list of rules (the 30 above, or more for the scaling runs). */
export function rulesetYaml(
  list: readonly RuleSpec[] = rules,
  id = 'bench.work-order',
  version = '1.0.0',
): string {
  const actions = [...new Set(list.map((r) => r.action))];
  const doc = {
    kind: 'ruleset',
    id,
    version,
    status: 'draft',
    title: '工单审批与费用 (work-order approvals and fees)',
    clause: '§7',
    facts,
    hit: 'collect',
    outputs: { action: { enum: actions }, feePct: { type: 'number', aggregate: 'sum' } },
    rules: list.map((r) => ({
      id: r.id,
      when: whenOf(r.when),
      // biome-ignore lint/suspicious/noThenProperty: `then` is the DSL's key for a rule's outputs
      then: { action: r.action, ...(r.feePct !== undefined ? { feePct: r.feePct } : {}) },
    })),
  };
  return stringify(doc, { lineWidth: 0 });
}

function whenOf(tests: readonly Test[]): Record<string, Record<string, unknown>> {
  const out: Record<string, Record<string, unknown>> = {};
  for (const [path, op, value] of tests) out[path] = { ...(out[path] ?? {}), [op]: value };
  return out;
}

/** Rules with every numeric threshold moved by `shift`, so that each document is different. */
export function shiftedRules(list: readonly RuleSpec[], shift: number): RuleSpec[] {
  return list.map((r) => ({
    ...r,
    when: r.when.map(([path, op, value]) => [
      path,
      op,
      typeof value === 'number' && op !== 'olderThanYears' && op !== 'olderThanDays' ? value + shift : value,
    ]) as RuleSpec['when'],
  }));
}

/**
 * The n-th of a standard's many documents like the 30-rule one: its own id, thresholds and action
 * names, the same declared facts (a standard's documents mostly read the same inputs).
 */
export function nthRuleset(n: number): { text: string; file: string } {
  const id = `bench.work-order-${n}`;
  const list = shiftedRules(rules, n).map((r) => ({ ...r, action: `${r.action}-${n}` }));
  return { text: rulesetYaml(list, id), file: `rules/${id}/1.0.0.yaml` };
}

/** The 30 rules repeated to `n` rules (ids made unique), for the scaling runs. */
export function manyRules(n: number): RuleSpec[] {
  return Array.from({ length: n }, (_, i) => {
    const base = rules[i % rules.length] as RuleSpec;
    return { ...base, id: `${base.id}-${Math.floor(i / rules.length)}` };
  });
}

export type WorkOrder = Record<string, unknown>;

/** `count` random work orders, the same for a given seed. */
export function workOrders(count: number, seed = 8): WorkOrder[] {
  const d = draw(prng(seed));
  const date = (y0: number, y1: number) =>
    `${d.int(y0, y1)}-${String(d.int(1, 12)).padStart(2, '0')}-${String(d.int(1, 28)).padStart(2, '0')}`;
  return Array.from({ length: count }, () => {
    const order: WorkOrder = {
      payType: d.pick(payTypes),
      jobType: d.pick(jobTypes),
      estimateTotal: d.chance(0.05) ? 0 : d.int(0, 30000),
      labourHours: d.int(0, 24) / 2,
      partsTotal: d.int(0, 15000),
      comeback: d.chance(0.1),
      openedAt: `2026-0${d.int(1, 2)}-${String(d.int(1, 28)).padStart(2, '0')}`,
      vehicle: { fuel: d.pick(fuels), mileageKm: d.int(0, 250000), registeredOn: date(2008, 2025) },
      customer: { tier: d.pick(tiers), visits: d.int(0, 20) },
    };
    if (d.chance(0.7)) order.discountPct = d.int(0, 25);
    return order;
  });
}

/** What every evaluator must agree on: the collected actions, the fee sum, the matched rule ids. */
export interface Decision {
  action: string[];
  feePct: number;
  matched: string[];
}

/** Dates `years` calendar years and `days` days before `at` (ISO dates compare as text). */
function cutoffs(at: string): { tenYears: string; thirtyDays: string } {
  const tenYears = `${Number(at.slice(0, 4)) - 10}${at.slice(4)}`;
  const thirtyDays = new Date(Date.parse(`${at}T00:00:00Z`) - 30 * 86_400_000).toISOString().slice(0, 10);
  return { tenYears, thirtyDays };
}

let lastAt = '';
let lastCutoffs = cutoffs(AT);

/** The same 30 rules written by hand, as a developer would without norma. */
export function handwritten(f: WorkOrder, at: string = AT): Decision {
  if (at !== lastAt) {
    lastAt = at;
    lastCutoffs = cutoffs(at);
  }
  const { tenYears, thirtyDays } = lastCutoffs;
  const v = f.vehicle as { fuel: string; mileageKm: number; registeredOn: string };
  const c = f.customer as { tier: string; visits: number };
  const total = f.estimateTotal as number;
  const hours = f.labourHours as number;
  const parts = f.partsTotal as number;
  const pay = f.payType as string;
  const job = f.jobType as string;
  const discount = (f.discountPct as number | undefined) ?? 0;
  const action: string[] = [];
  const matched: string[] = [];
  let feePct = 0;
  const hit = (id: string, a: string, fee = 0) => {
    matched.push(id);
    action.push(a);
    feePct += fee;
  };
  if (total > 20000 && pay === 'customer') hit('gm-approval', 'approval-gm');
  if (total > 8000 && total <= 20000) hit('sm-approval', 'approval-sm');
  if (pay === 'warranty' && total > 0) hit('warranty-claim', 'warranty-claim');
  if (pay === 'goodwill' && total >= 2000) hit('goodwill-review', 'goodwill-review');
  if (pay === 'internal' && parts > 5000) hit('internal-budget', 'internal-budget');
  if (job === 'ev-high-voltage' && (v.fuel === 'hybrid' || v.fuel === 'ev')) hit('hv-permit', 'hv-permit');
  if (job === 'lift' && hours > 1) hit('lift-inspection', 'lift-inspection');
  if (job === 'bodywork' && total > 3000) hit('bodywork-photos', 'photo-evidence');
  if (v.mileageKm > 150000 && (job === 'maintenance' || job === 'repair'))
    hit('high-mileage', 'extended-inspection');
  if (v.mileageKm <= 100000 && pay === 'warranty') hit('warranty-fast-track', 'warranty-fast-track');
  if (c.tier === 'gold' && hours >= 2) hit('gold-labour', 'member-rate', -5);
  if (c.tier === 'platinum' && total > 1000) hit('platinum-order', 'member-rate', -8);
  if (c.visits >= 10 && c.tier !== 'none') hit('loyal-customer', 'loyalty-gift');
  if (c.visits === 0 && pay === 'customer') hit('first-visit', 'welcome-call');
  if (f.comeback === true && pay === 'customer') hit('comeback-review', 'comeback-review', -100);
  if (f.comeback === true && hours > 3) hit('comeback-escalation', 'comeback-escalation');
  if (hours > 8 && job !== 'maintenance') hit('labour-review', 'labour-review');
  if (parts > 10000 && (pay === 'customer' || pay === 'goodwill')) hit('parts-deposit', 'parts-deposit');
  if (total > 5000 && pay === 'customer') hit('deposit', 'deposit-30pct');
  if (discount > 15 && pay === 'customer') hit('discount-approval', 'discount-approval');
  if (discount >= 5 && discount <= 15 && (c.tier === 'gold' || c.tier === 'platinum'))
    hit('member-discount', 'member-discount', -2);
  if (v.fuel === 'diesel' && v.mileageKm > 80000) hit('dpf-check', 'dpf-check');
  if (v.fuel === 'ev' && job === 'maintenance') hit('battery-health', 'battery-health');
  if (v.fuel === 'hybrid' && (job === 'repair' || job === 'ev-high-voltage'))
    hit('hv-isolation', 'hv-isolation');
  if (v.registeredOn < tenYears && job === 'repair') hit('age-advisory', 'age-advisory');
  if ((f.openedAt as string) < thirtyDays && total > 0) hit('stale-order', 'stale-follow-up');
  if (hours < 1 && parts < 500) hit('express-lane', 'express-lane');
  if (parts > 0 && (job === 'maintenance' || job === 'repair'))
    hit('environment-levy', 'environment-levy', 2);
  if (total < 300 && pay === 'customer') hit('minimum-charge', 'minimum-charge', 10);
  if (total === 0 && hours > 0) hit('estimate-required', 'estimate-required');
  return { action, feePct, matched };
}

/** A work order refused by the same-work baseline: what norma answers with `facts_invalid`. */
class InvalidOrder extends Error {}

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** A plain date that exists in the calendar, as `format: date` requires. */
function isDate(v: unknown): boolean {
  if (typeof v !== 'string' || !DATE.test(v)) return false;
  const y = Number(v.slice(0, 4));
  const m = Number(v.slice(5, 7));
  const d = Number(v.slice(8, 10));
  const leap = (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
  return m >= 1 && m <= 12 && d >= 1 && d <= (m === 2 ? (leap ? 29 : 28) : (MONTH_DAYS[m - 1] as number));
}

const MONTH_DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function oneOf(v: unknown, allowed: readonly string[], name: string): void {
  if (typeof v !== 'string' || !allowed.includes(v)) throw new InvalidOrder(`${name}: not one of ${allowed}`);
}

function amount(v: unknown, name: string, max = Number.POSITIVE_INFINITY): void {
  if (typeof v !== 'number' || !Number.isFinite(v) || v < 0 || v > max) throw new InvalidOrder(`${name}`);
}

/** The envelope norma returns, built by hand. */
export interface SameWorkEnvelope {
  standard: { id: string; version: string; digest: string };
  at: string;
  kind: 'ruleset';
  result: { outputs: { action: string[]; feePct: number } };
  matched: Array<{ rule: string; clause: string }>;
}

/**
 * The 30 rules written by hand doing the work norma does around the decision: the input checked
 * as the declared facts require (every fact present but `discountPct`, its default 0 filled in on
 * a copy, types, enums, bounds and calendar dates, the nested vehicle and customer), and the
 * result built as norma's envelope (which standard decided, the outputs, each matched rule with
 * its clause). The minimal `handwritten` (the decision alone) stays as the target's baseline.
 */
export function handwrittenSameWork(
  q: { facts: WorkOrder; at: string },
  standard: SameWorkEnvelope['standard'],
): SameWorkEnvelope {
  const f = q.facts;
  if (f === null || typeof f !== 'object' || Array.isArray(f)) throw new InvalidOrder('facts');
  oneOf(f.payType, payTypes, 'payType');
  oneOf(f.jobType, jobTypes, 'jobType');
  amount(f.estimateTotal, 'estimateTotal');
  amount(f.labourHours, 'labourHours');
  amount(f.partsTotal, 'partsTotal');
  if (f.discountPct !== undefined) amount(f.discountPct, 'discountPct', 100);
  if (typeof f.comeback !== 'boolean') throw new InvalidOrder('comeback');
  if (!isDate(f.openedAt)) throw new InvalidOrder('openedAt');
  const v = f.vehicle as Record<string, unknown> | null;
  if (v === null || typeof v !== 'object' || Array.isArray(v)) throw new InvalidOrder('vehicle');
  oneOf(v.fuel, fuels, 'vehicle.fuel');
  amount(v.mileageKm, 'vehicle.mileageKm');
  if (!isDate(v.registeredOn)) throw new InvalidOrder('vehicle.registeredOn');
  const c = f.customer as Record<string, unknown> | null;
  if (c === null || typeof c !== 'object' || Array.isArray(c)) throw new InvalidOrder('customer');
  oneOf(c.tier, tiers, 'customer.tier');
  if (!Number.isInteger(c.visits) || (c.visits as number) < 0) throw new InvalidOrder('customer.visits');
  const facts = f.discountPct === undefined ? { ...f, discountPct: 0 } : f;
  const d = handwritten(facts, q.at);
  return {
    standard,
    at: q.at,
    kind: 'ruleset',
    result: { outputs: { action: d.action, feePct: d.feePct } },
    matched: d.matched.map((rule) => ({ rule, clause: '§7' })),
  };
}
