/**
 * The bundled work-order process (`rules/process.work-order/1.0.0.yaml`, 11 stages) evaluated
 * over a case history of 30 entries: a full journey with a failed QC and its rework, an
 * out-of-order delivery attempt, retried follow-up calls. Inputs vary the instant (so deadlines
 * come and go) and how much of the history is in (the last 10 prefixes). Against a hand-written
 * replay of the same stage logic for this one process, which must agree on the current stage,
 * completion and the number of refused decisions.
 *
 * Standalone: `node --expose-gc --import tsx bench/workloads/process.ts` prints the figures; the
 * bench can add it with `workloads.push(await processWorkload())`.
 */
import { readFileSync } from 'node:fs';
import { compileDocument, evaluateFast, type ProcessResult } from '../../engine/index.ts';
import { measureEach, retainedBytes } from '../harness.ts';
import type { WorkloadResult } from '../run.ts';

const FILE = 'rules/process.work-order/1.0.0.yaml';
const yaml = readFileSync(new URL(`../../${FILE}`, import.meta.url), 'utf8');
const facts = { job: { type: 'maintenance' }, workLevel: 'level-1-maintenance', advisor: 'SA-01' };

const t = (day: number, hhmm: string) => `2026-12-0${day}T${hhmm}:00+08:00`;
const decision = (n: number, id: string, result: unknown, at: string, step?: string) => ({
  decisionId: `d-${n}`,
  standard: { id },
  ...(step ? { step } : {}),
  at,
  result,
});
const event = (type: string, time: string, data?: Record<string, unknown>) => ({
  type,
  time,
  actor: 'SA-01',
  ...(data ? { data } : {}),
});

/** 30 entries, reception to archive. */
export const history: unknown[] = [
  event('vehicle-received', t(3, '08:30')),
  decision(
    1,
    'registration.service',
    { outputs: { missing: ['phone'], malformed: [], problems: 1 } },
    t(3, '08:35'),
  ),
  decision(
    2,
    'registration.service',
    { outputs: { missing: [], malformed: [], problems: 0 } },
    t(3, '08:40'),
  ),
  decision(
    3,
    'scheduling.priority',
    { outputs: { priority: 'P3', assignWithinHours: 4, skill: 'general' } },
    t(3, '08:45'),
  ),
  decision(
    4,
    'qualification.technician',
    { outputs: { allowed: true, reason: 'qualified' } },
    t(3, '08:50'),
    'dispatch.assign',
  ),
  decision(5, 'safety.site', { status: 'pass' }, t(3, '09:00')),
  decision(6, 'procedure.repair', { status: 'pass' }, t(3, '11:00')),
  decision(7, 'delivery.vehicle', { status: 'pass' }, t(3, '11:10')),
  decision(8, 'quality.control', { status: 'fail', blocking: ['self-check.no-tools-left'] }, t(3, '11:30')),
  decision(9, 'procedure.repair', { status: 'pass' }, t(3, '12:30')),
  decision(10, 'quality.control', { status: 'pass' }, t(3, '13:00')),
  decision(
    11,
    'delivery.vehicle',
    { status: 'fail', blocking: ['settlement.statement-signed'] },
    t(3, '14:20'),
  ),
  decision(12, 'delivery.vehicle', { status: 'pass' }, t(3, '14:30')),
  event('delivered', t(3, '15:00'), { mileage: 45210 }),
  decision(13, 'fees.work-order', { totals: { total: 680 } }, t(3, '15:05')),
  event('customer-signed', t(3, '15:10')),
  event('call-attempted', t(4, '10:00'), { reached: false }),
  event('call-attempted', t(4, '16:00'), { reached: false }),
  event('call-attempted', t(5, '10:00'), { reached: true }),
  event('survey-sent', t(5, '10:05')),
  decision(
    14,
    'followup.after-delivery',
    { outputs: { actions: ['retry-call'], overdue: 0 } },
    t(4, '16:05'),
  ),
  decision(15, 'followup.after-delivery', { outputs: { actions: [], overdue: 0 } }, t(5, '10:10')),
  decision(
    16,
    'handover.documents',
    { outputs: { problems: ['parts-list-missing'], count: 1 } },
    t(6, '08:50'),
  ),
  decision(17, 'handover.documents', { outputs: { problems: [], count: 0 } }, t(6, '09:00')),
  decision(18, 'records.completeness', { outputs: { missing: ['inspector'], count: 1 } }, t(6, '09:05')),
  decision(19, 'records.completeness', { outputs: { missing: [], count: 0 } }, t(6, '09:10')),
  event('archived', t(6, '09:20')),
  event('call-attempted', t(7, '10:00'), { reached: true }),
  event('survey-sent', t(7, '10:05')),
  event('archived', t(7, '10:10')),
];

interface Request {
  facts: Record<string, unknown>;
  history: unknown[];
  at: string;
}

/** 400 requests: the last 10 prefixes of the history, each at 40 instants over five days. */
export function requests(): Request[] {
  const out: Request[] = [];
  for (let n = history.length - 9; n <= history.length; n++) {
    for (let i = 0; i < 40; i++) {
      const ms = Date.parse('2026-12-03T08:00:00+08:00') + i * 3 * 3_600_000;
      out.push({ facts, history: history.slice(0, n), at: new Date(ms).toISOString() });
    }
  }
  return out;
}

// The hand-written replay: this process's stages, required steps (by standard) and gate events.
const STAGES: Array<{ id: string; steps: string[]; events: string[] }> = [
  { id: 'reception', steps: [], events: ['vehicle-received'] },
  { id: 'registration', steps: ['registration.service'], events: [] },
  { id: 'dispatch', steps: ['scheduling.priority', 'qualification.technician'], events: [] },
  { id: 'site-safety', steps: ['safety.site'], events: [] },
  { id: 'repair', steps: ['procedure.repair'], events: [] },
  { id: 'quality-control', steps: ['quality.control'], events: [] },
  { id: 'delivery', steps: ['delivery.vehicle'], events: ['delivered'] },
  { id: 'settlement', steps: ['fees.work-order'], events: ['customer-signed'] },
  { id: 'follow-up', steps: ['followup.after-delivery'], events: [] },
  { id: 'archiving', steps: ['handover.documents', 'records.completeness'], events: ['archived'] },
];

function completes(standard: string, r: Record<string, Record<string, unknown>>): boolean {
  switch (standard) {
    case 'registration.service':
      return r.outputs?.problems === 0;
    case 'scheduling.priority':
      return r.outputs?.priority != null;
    case 'qualification.technician':
      return r.outputs?.allowed === true;
    case 'fees.work-order':
      return typeof r.totals?.total === 'number' && r.totals.total >= 0;
    case 'followup.after-delivery':
      return Array.isArray(r.outputs?.actions) && r.outputs.actions.length === 0;
    case 'handover.documents':
    case 'records.completeness':
      return r.outputs?.count === 0;
    default:
      return (r as { status?: unknown }).status === 'pass';
  }
}

/** What the hand-written replay says: the current stage, completion and refused decisions. */
export function handwritten(q: Request): { stage: string | null; refused: number } {
  const done = new Map<string, boolean>();
  const seen = new Set<string>();
  let refused = 0;
  const current = () => {
    for (let i = 0; i < STAGES.length; i++) {
      const s = STAGES[i] as (typeof STAGES)[number];
      if (!s.steps.every((x) => done.get(x)) || !s.events.every((e) => seen.has(e))) return i;
    }
    return STAGES.length;
  };
  for (const raw of q.history) {
    const e = raw as {
      type?: string;
      standard?: { id: string };
      result?: Record<string, Record<string, unknown>>;
    };
    if (e.type) {
      seen.add(e.type);
      continue;
    }
    const id = e.standard?.id as string;
    const stage = STAGES.findIndex((s) => s.steps.includes(id));
    if (stage > current()) {
      refused++;
      continue;
    }
    done.set(id, completes(id, e.result ?? {}));
  }
  const i = current();
  return { stage: STAGES[i]?.id ?? null, refused };
}

/** The workload's figures. */
export async function processWorkload(): Promise<WorkloadResult> {
  const doc = compileDocument(yaml, FILE).document;
  if (!doc) throw new Error(`${FILE} does not compile`);
  const inputs = requests();
  let mismatches = 0;
  for (const q of inputs) {
    const r = evaluateFast(doc, q).result as ProcessResult;
    const h = handwritten(q);
    if (r.stage !== h.stage || r.refused.length !== h.refused) mismatches++;
  }
  const speeds = measureEach([
    { name: 'handwritten', fn: (q) => handwritten(q as Request), inputs },
    { name: 'norma', fn: (q) => evaluateFast(doc, q as Request), inputs },
  ]);
  return {
    name: 'process',
    description: 'process.work-order (11 stages, 3 deadlines) over a 30-entry case history',
    inputs: inputs.length,
    speeds,
    memory: { norma: await retainedBytes(() => compileDocument(yaml, FILE).document) },
    mismatches: { handwritten: mismatches },
  };
}

if (process.argv[1] && import.meta.url.endsWith(process.argv[1].split('/').pop() ?? '\0')) {
  console.log(JSON.stringify(await processWorkload(), null, 2));
}
