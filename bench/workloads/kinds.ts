/**
 * One workload per document kind besides rulesets, each against a hand-written function of the
 * same logic and against plain json-rules-engine deciding the same conditions (with the same
 * arithmetic around it in JavaScript): a 40-item checklist submission, a 20-line fee schedule
 * and a 6-criterion scorecard.
 */
import { Engine, type RuleProperties } from 'json-rules-engine';
import { compileDocument, type Envelope, evaluateFast } from '../../engine/index.ts';
import { draw, measureAsync, measureEach, prng, retainedBytes } from '../harness.ts';
import type { WorkloadResult } from '../run.ts';
import { checklistSameWork, feesSameWork } from './same-work.ts';

const AT = '2026-03-01';
/** The name of the same-work hand-written row in a workload's speeds. */
export const SAME_WORK = 'handwritten (same work)';
type Facts = Record<string, unknown>;
interface Request {
  facts: Facts;
  answers?: Record<string, unknown>;
  at: string;
}

interface KindSpec<H> {
  name: string;
  description: string;
  yaml: string;
  requests: Request[];
  handwritten: (q: Request) => H;
  /** A hand-written version doing the same work as norma (checks, per-item results, messages). */
  sameWork?: (q: Request) => H;
  /** Whether norma's envelope and the hand-written result agree on what matters. */
  agrees: (e: Envelope, h: H) => boolean;
  jre: (q: Request) => Promise<H>;
  jreMemory: () => unknown;
}

async function run<H>(spec: KindSpec<H>): Promise<WorkloadResult> {
  const file = `rules/${spec.name}/1.0.0.yaml`;
  // As served documents are compiled: conditions as generated code.
  const compiled = compileDocument(spec.yaml, file, undefined, { code: 'generated' });
  if (!compiled.document)
    throw new Error(`${spec.name}: ${JSON.stringify(compiled.diagnostics.slice(0, 3))}`);
  const doc = compiled.document;
  let hand = 0;
  let same = 0;
  let jre = 0;
  for (const [i, q] of spec.requests.entries()) {
    const e = evaluateFast(doc, q);
    if (!spec.agrees(e, spec.handwritten(q))) hand++;
    if (spec.sameWork && !spec.agrees(e, spec.sameWork(q))) same++;
    if (i < 500 && !spec.agrees(e, await spec.jre(q))) jre++;
  }
  const sameWork = spec.sameWork;
  const speeds = measureEach([
    ...(sameWork
      ? [{ name: SAME_WORK, fn: (q: unknown) => sameWork(q as Request), inputs: spec.requests }]
      : []),
    { name: 'handwritten', fn: (q) => spec.handwritten(q as Request), inputs: spec.requests },
    { name: 'norma', fn: (q) => evaluateFast(doc, q as Request), inputs: spec.requests },
  ]);
  speeds['json-rules-engine'] = await measureAsync(spec.jre, spec.requests.slice(0, 300), {
    passes: 3,
    warmup: 1,
  });
  const sample = spec.requests[0] as Request;
  return {
    name: spec.name,
    description: spec.description,
    inputs: spec.requests.length,
    speeds,
    memory: {
      norma: await retainedBytes(() => {
        // A fresh copy of the text per document, so the source each one keeps is counted.
        const d = compileDocument(Buffer.from(spec.yaml).toString(), file, undefined, {
          code: 'generated',
        }).document;
        if (d) evaluateFast(d, sample);
        return d;
      }),
      'json-rules-engine': await retainedBytes(spec.jreMemory),
    },
    mismatches: {
      handwritten: hand,
      ...(spec.sameWork ? { [SAME_WORK]: same } : {}),
      'json-rules-engine (first 500)': jre,
    },
  };
}

/** A json-rules-engine Engine whose rules are named conditions; `truths` runs it once. */
function engineOf(conditions: Array<[string, Record<string, unknown>]>): Engine {
  const engine = new Engine([], { allowUndefinedFacts: true });
  for (const [name, cond] of conditions) {
    engine.addRule({ name, conditions: { all: [cond] }, event: { type: name } } as unknown as RuleProperties);
  }
  return engine;
}

async function truths(engine: Engine, facts: Facts): Promise<Set<string>> {
  const { events } = await engine.run(facts);
  return new Set(events.map((e) => e.type));
}

// ---------------------------------------------------------------- scorecard: 6 criteria

const criteria = [
  { id: 'efficiency', weight: 20, cuts: [110, 100, 90] },
  { id: 'productivity', weight: 20, cuts: [95, 88, 80] },
  { id: 'quality', weight: 15, cuts: [98, 95, 90] },
  { id: 'csi', weight: 15, cuts: [90, 85, 80] },
  { id: 'training', weight: 15, cuts: [40, 30, 20] },
  { id: 'attendance', weight: 15, cuts: [99, 97, 95] },
];
const bandPoints = [100, 80, 60, 30];
const grades = [
  ['A', 90],
  ['B', 75],
  ['C', 60],
  ['D', 0],
] as const;

const scorecardYaml = `kind: scorecard
id: bench.scorecard
version: 1.0.0
status: draft
title: technician scorecard
facts:
${criteria.map((c) => `  ${c.id}: { type: number, minimum: 0 }`).join('\n')}
  incidents: { type: integer, minimum: 0, default: 0 }
criteria:
${criteria
  .map(
    (c) => `  - id: ${c.id}
    weight: ${c.weight}
    bands:
${c.cuts.map((cut, i) => `      - { when: { ${c.id}: { greaterThanInclusive: ${cut} } }, points: ${bandPoints[i]} }`).join('\n')}
      - { points: ${bandPoints[3]} }`,
  )
  .join('\n')}
vetoes:
  - { id: safety, when: { incidents: { greaterThan: 0 } }, grade: D }
grades:
${grades.map(([g, min]) => `  - { grade: ${g}, min: ${min} }`).join('\n')}
`;

interface Scored {
  score: number;
  grade: string;
}

function gradeOf(score100: number, vetoed: boolean): string {
  if (vetoed) return 'D';
  for (const [g, min] of grades) if (score100 >= min * 100) return g;
  return 'D';
}

function scorecardHand(q: Request): Scored {
  const f = q.facts;
  let sum = 0;
  for (const c of criteria) {
    const v = f[c.id] as number;
    const points =
      v >= (c.cuts[0] as number)
        ? 100
        : v >= (c.cuts[1] as number)
          ? 80
          : v >= (c.cuts[2] as number)
            ? 60
            : 30;
    sum += points * c.weight;
  }
  const incidents = (f.incidents as number | undefined) ?? 0;
  return { score: sum / 100, grade: gradeOf(sum, incidents > 0) };
}

const scorecardEngine = () =>
  engineOf([
    ...criteria.flatMap((c) =>
      c.cuts.map((cut, i): [string, Record<string, unknown>] => [
        `${c.id}/${i}`,
        { fact: c.id, operator: 'greaterThanInclusive', value: cut },
      ]),
    ),
    ['veto', { fact: 'incidents', operator: 'greaterThan', value: 0 }],
  ]);
const scorecardJre = scorecardEngine();

async function scorecardViaJre(q: Request): Promise<Scored> {
  const held = await truths(scorecardJre, { incidents: 0, ...q.facts });
  let sum = 0;
  for (const c of criteria) {
    const band = c.cuts.findIndex((_, i) => held.has(`${c.id}/${i}`));
    sum += (band === -1 ? 30 : (bandPoints[band] as number)) * c.weight;
  }
  return { score: sum / 100, grade: gradeOf(sum, held.has('veto')) };
}

function scorecardRequests(n: number): Request[] {
  const d = draw(prng(6));
  return Array.from({ length: n }, () => {
    const facts: Facts = {};
    for (const c of criteria) facts[c.id] = d.int((c.cuts[2] as number) - 10, (c.cuts[0] as number) + 5);
    if (d.chance(0.5)) facts.incidents = d.chance(0.05) ? 1 : 0;
    return { facts, at: AT };
  });
}

// ---------------------------------------------------------------- checklist: 40 items

const jobTypes = ['maintenance', 'repair', 'bodywork', 'ev-high-voltage'] as const;
interface ItemSpec {
  key: string;
  number?: number;
  critical: boolean;
  when?: string;
}
const items: ItemSpec[] = Array.from({ length: 40 }, (_, i) => ({
  key: `s${Math.floor(i / 10) + 1}.i${(i % 10) + 1}`,
  ...(i % 4 === 3 ? { number: 1 + (i % 7) } : {}),
  critical: i % 9 === 0,
  ...(i % 5 === 4 ? { when: jobTypes[i % jobTypes.length] as string } : {}),
}));

const checklistYaml = `kind: checklist
id: bench.checklist
version: 1.0.0
status: draft
title: 40-item inspection
facts:
  jobType: { enum: [${jobTypes.join(', ')}] }
pass: { minScore: 90 }
sections:
${[1, 2, 3, 4]
  .map(
    (s) => `  - id: s${s}
    title: section ${s}
    items:
${items
  .filter((it) => it.key.startsWith(`s${s}.`))
  .map((it) => {
    const lines = [`      - id: ${it.key.split('.')[1]}`, `        text: item ${it.key}`];
    if (it.critical) lines.push('        severity: critical');
    if (it.number !== undefined)
      lines.push('        answer: number', `        expect: { greaterThanInclusive: ${it.number} }`);
    if (it.when) lines.push(`        when: { jobType: ${it.when} }`);
    return lines.join('\n');
  })
  .join('\n')}`,
  )
  .join('\n')}
`;

interface Judged {
  status: string;
  score: number;
}

function judge(
  q: Request,
  applies: (it: ItemSpec) => boolean,
  meets: (it: ItemSpec, v: unknown) => boolean,
): Judged {
  const answers = q.answers ?? {};
  let applicable = 0;
  let passed = 0;
  let blocking = false;
  let missing = false;
  for (const it of items) {
    if (!applies(it)) continue;
    applicable += 1;
    const a = answers[it.key] as { value: unknown } | undefined;
    if (!a) {
      missing = true;
      continue;
    }
    if (meets(it, a.value)) passed += 1;
    else if (it.critical) blocking = true;
  }
  const score = applicable === 0 ? 100 : Math.round((passed * 10_000) / applicable) / 100;
  return { status: blocking ? 'fail' : missing ? 'incomplete' : score < 90 ? 'fail' : 'pass', score };
}

function checklistHand(q: Request): Judged {
  const job = q.facts.jobType;
  return judge(
    q,
    (it) => it.when === undefined || it.when === job,
    (it, v) => (it.number === undefined ? v === true : typeof v === 'number' && v >= it.number),
  );
}

const checklistEngine = () =>
  engineOf(
    items.flatMap(
      (it): Array<[string, Record<string, unknown>]> => [
        ...(it.when
          ? [
              [`when:${it.key}`, { fact: 'jobType', operator: 'equal', value: it.when }] as [
                string,
                Record<string, unknown>,
              ],
            ]
          : []),
        [
          `expect:${it.key}`,
          it.number === undefined
            ? { fact: it.key, operator: 'equal', value: true }
            : { fact: it.key, operator: 'greaterThanInclusive', value: it.number },
        ],
      ],
    ),
  );
const checklistJre = checklistEngine();

async function checklistViaJre(q: Request): Promise<Judged> {
  const facts: Facts = { ...q.facts };
  for (const [k, a] of Object.entries(q.answers ?? {})) facts[k] = (a as { value: unknown }).value;
  const held = await truths(checklistJre, facts);
  return judge(
    q,
    (it) => it.when === undefined || held.has(`when:${it.key}`),
    (it) => held.has(`expect:${it.key}`),
  );
}

function checklistRequests(n: number): Request[] {
  const d = draw(prng(40));
  return Array.from({ length: n }, () => {
    const answers: Record<string, unknown> = {};
    for (const it of items) {
      if (d.chance(0.02)) continue;
      const value = it.number === undefined ? d.chance(0.97) : d.int(it.number - 1, it.number + 6);
      answers[it.key] = { value, by: 'T-12', at: '2026-03-01T09:12:00+08:00' };
    }
    return { facts: { jobType: d.pick(jobTypes) }, answers, at: AT };
  });
}

// ---------------------------------------------------------------- fees: 20 lines

const rates: Record<string, number> = { ev: 400, senior: 320, general: 280 };
const markups: Record<string, number> = { oem: 30, aftermarket: 35 };
const feesYaml = `kind: fees
id: bench.fees
version: 1.0.0
status: draft
title: 20-line work order
currency: CNY
rounding: { scale: 2, mode: half-up }
facts:
  customer:
    type: object
    required: [tier]
    properties: { tier: { enum: [none, silver, gold] } }
  labour:
    type: array
    items:
      type: object
      required: [skill, hours]
      properties:
        skill: { enum: [general, senior, ev] }
        hours: { type: number, minimum: 0 }
  parts:
    type: array
    items:
      type: object
      required: [category, qty, unitCost]
      properties:
        category: { enum: [oem, aftermarket] }
        qty: { type: integer, minimum: 0 }
        unitCost: { type: number, minimum: 0 }
labourRate:
  - { id: ev, when: { line.skill: ev }, rate: 400 }
  - { id: senior, when: { line.skill: senior }, rate: 320 }
  - { id: general, rate: 280 }
partsMarkupPct:
  - { id: oem, when: { line.category: oem }, pct: 30 }
  - { id: aftermarket, pct: 35 }
discounts:
  maxPct: 15
  rules:
    - { id: silver-labour, when: { customer.tier: silver }, pct: 5, on: labour }
    - { id: gold-labour, when: { customer.tier: gold }, pct: 10, on: labour }
    - { id: gold-parts, when: { customer.tier: gold }, pct: 5, on: parts }
taxPct: 13
`;

/** n / d rounded half up, for n, d ≥ 0 integers. */
function halfUp(n: number, d: number): number {
  return Math.floor((2 * n + d) / (2 * d));
}

interface Labour {
  skill: string;
  hours: number;
}
interface Part {
  category: string;
  qty: number;
  unitCost: number;
}

function price(q: Request, labourPct: number, partsPct: number): number {
  const labour = q.facts.labour as Labour[];
  const parts = q.facts.parts as Part[];
  let subtotal = 0;
  let drawn = 0; // percent × fen
  for (const l of labour) {
    const amount = Math.round(l.hours * 10) * (rates[l.skill] as number) * 10; // hours have one decimal
    subtotal += amount;
    drawn += labourPct * amount;
  }
  for (const p of parts) {
    const amount = halfUp(
      p.qty * Math.round(p.unitCost * 100) * (100 + (markups[p.category] as number)),
      100,
    );
    subtotal += amount;
    drawn += partsPct * amount;
  }
  const discount = halfUp(drawn, 100);
  const net = subtotal - discount;
  return net + halfUp(13 * net, 100);
}

function feesHand(q: Request): number {
  const tier = (q.facts.customer as { tier: string }).tier;
  return price(q, tier === 'silver' ? 5 : tier === 'gold' ? 10 : 0, tier === 'gold' ? 5 : 0);
}

// Per-line rules run once per line, as a json-rules-engine user would price lines.
const lineEngine = () =>
  engineOf([
    ['ev', { fact: 'skill', operator: 'equal', value: 'ev' }],
    ['senior', { fact: 'skill', operator: 'equal', value: 'senior' }],
    ['oem', { fact: 'category', operator: 'equal', value: 'oem' }],
  ]);
const orderEngine = () =>
  engineOf([
    ['silver-labour', { fact: 'customer', path: '$.tier', operator: 'equal', value: 'silver' }],
    ['gold', { fact: 'customer', path: '$.tier', operator: 'equal', value: 'gold' }],
  ]);
const lineJre = lineEngine();
const orderJre = orderEngine();

async function feesViaJre(q: Request): Promise<number> {
  const labour = q.facts.labour as Labour[];
  const parts = q.facts.parts as Part[];
  let subtotal = 0;
  let labourTotal = 0;
  let partsTotal = 0;
  for (const l of labour) {
    const held = await truths(lineJre, { ...l });
    const rate = held.has('ev') ? 400 : held.has('senior') ? 320 : 280;
    const amount = Math.round(l.hours * 10) * rate * 10;
    labourTotal += amount;
  }
  for (const p of parts) {
    const held = await truths(lineJre, { ...p });
    const pct = held.has('oem') ? 30 : 35;
    partsTotal += halfUp(p.qty * Math.round(p.unitCost * 100) * (100 + pct), 100);
  }
  const held = await truths(orderJre, q.facts);
  const labourPct = held.has('gold') ? 10 : held.has('silver-labour') ? 5 : 0;
  const partsPct = held.has('gold') ? 5 : 0;
  subtotal = labourTotal + partsTotal;
  const net = subtotal - halfUp(labourPct * labourTotal + partsPct * partsTotal, 100);
  return net + halfUp(13 * net, 100);
}

function feesRequests(n: number): Request[] {
  const d = draw(prng(20));
  return Array.from({ length: n }, () => ({
    facts: {
      customer: { tier: d.pick(['none', 'silver', 'gold'] as const) },
      labour: Array.from({ length: 10 }, () => ({
        skill: d.pick(['general', 'senior', 'ev'] as const),
        hours: d.int(1, 40) / 10,
      })),
      parts: Array.from({ length: 10 }, () => ({
        category: d.pick(['oem', 'aftermarket'] as const),
        qty: d.int(1, 6),
        unitCost: d.int(100, 200_000) / 100,
      })),
    },
    at: AT,
  }));
}

/** Runs the three kind workloads. */
export async function kindWorkloads(): Promise<WorkloadResult[]> {
  const out: WorkloadResult[] = [];
  out.push(
    await run<Judged>({
      name: 'bench.checklist',
      description: 'checklist: a 40-item submission (4 sections, 8 conditional items, 10 measured values)',
      yaml: checklistYaml,
      requests: checklistRequests(5000),
      handwritten: checklistHand,
      sameWork: checklistSameWork(items),
      agrees: (e, h) => {
        const r = e.result as Judged;
        return r.status === h.status && r.score === h.score;
      },
      jre: checklistViaJre,
      jreMemory: checklistEngine,
    }),
  );
  out.push(
    await run<number>({
      name: 'bench.fees',
      description: 'fees: a 20-line work order (10 labour, 10 parts lines), member discounts, 13 % tax',
      yaml: feesYaml,
      requests: feesRequests(3000),
      handwritten: feesHand,
      sameWork: feesSameWork,
      agrees: (e, h) => (e.result as { totals: { total: number } }).totals.total === h,
      jre: feesViaJre,
      jreMemory: () => [lineEngine(), orderEngine()],
    }),
  );
  out.push(
    await run<Scored>({
      name: 'bench.scorecard',
      description: 'scorecard: 6 criteria of 4 bands, a veto, 4 grades',
      yaml: scorecardYaml,
      requests: scorecardRequests(10_000),
      handwritten: scorecardHand,
      agrees: (e, h) => {
        const r = e.result as Scored;
        return r.score === h.score && r.grade === h.grade;
      },
      jre: scorecardViaJre,
      jreMemory: scorecardEngine,
    }),
  );
  return out;
}

/** The kind documents and their requests, for profiling one workload on its own. */
export const kindDocuments: Record<string, () => { yaml: string; requests: Request[] }> = {
  checklist: () => ({ yaml: checklistYaml, requests: checklistRequests(500) }),
  fees: () => ({ yaml: feesYaml, requests: feesRequests(300) }),
  scorecard: () => ({ yaml: scorecardYaml, requests: scorecardRequests(1000) }),
};
