import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { behaviouralDiff } from '../../diff/behaviour.ts';
import { diffInputOf } from '../../diff/inputs.ts';
import { type CompiledDocument, compileDocument } from '../../document.ts';
import { evaluateFast, evaluateReferencePath } from '../../evaluate.ts';
import { allowedStep, caseReasons, evaluateProcess, stepFacts } from './api.ts';
import { addSpan, instantOf, isoDuration, isoInZone } from './time.ts';

const TZ = 'Asia/Shanghai';

const base = `kind: process
id: t.process
version: 1.0.0
status: draft
title: t
facts:
  jobType: { enum: [maintenance, ev-high-voltage] }
  lift: { type: boolean, default: false }
events:
  received: {}
  delivered: { data: { mileage: { type: number, minimum: 0 } } }
  called: {}
stages:
  - id: intake
    steps: []
    gate: { events: [received] }
  - id: work
    order: sequential
    steps:
      - id: safety
        standard: s.safety
        input: { jobType: jobType, liftUsed: lift, site: { value: bay-1 } }
        completes: { status: pass }
      - id: repair
        standard: s.repair
        completes: { status: pass }
  - id: hv
    when: { jobType: ev-high-voltage }
    steps:
      - id: isolate
        standard: s.hv
        completes: { outputs.allowed: true }
  - id: delivery
    steps:
      - id: handover
        standard: s.delivery
        completes: { outputs.problems: { atMost: 0 } }
    gate: { events: [delivered] }
deadlines:
  - id: call
    from: { event: delivered }
    within: 2d
    met: { event: called }
  - id: quick
    from: { step: work.safety }
    within: 90m
    met: { step: work.repair }
`;

function compiled(text = base): CompiledDocument {
  const r = compileDocument(text, 't.yaml');
  expect(r.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  return r.document as CompiledDocument;
}

function codes(text: string): string[] {
  return compileDocument(text, 't.yaml').diagnostics.map((d) => d.code);
}

const t = (hhmm: string, day = '03') => `2026-12-${day}T${hhmm}:00+08:00`;
const decision = (n: number, standard: string, result: unknown, at: string, step?: string) => ({
  decisionId: `d-${n}`,
  standard: { id: standard, version: '1.0.0' },
  ...(step ? { step } : {}),
  at,
  result,
});
const event = (type: string, time: string, data?: Record<string, unknown>) => ({
  type,
  time,
  actor: 'A-1',
  ...(data ? { data } : {}),
});

describe('process time', () => {
  it('counts days as calendar days in the zone and hours as instants', () => {
    const from = instantOf(t('15:00'), TZ) as number;
    expect(isoInZone(TZ, addSpan(TZ, from, { amount: 3, unit: 'd' }))).toBe('2026-12-07T00:00:00+08:00');
    expect(isoInZone(TZ, addSpan(TZ, from, { amount: 72, unit: 'h' }))).toBe('2026-12-06T15:00:00+08:00');
    expect(isoInZone(TZ, addSpan(TZ, from, { amount: 30, unit: 'm' }))).toBe('2026-12-03T15:30:00+08:00');
    // 16:30 UTC on the 3rd is already the 4th in Shanghai: the zone's calendar counts.
    const late = instantOf('2026-12-03T16:30:00Z', TZ) as number;
    expect(isoInZone(TZ, addSpan(TZ, late, { amount: 1, unit: 'd' }))).toBe('2026-12-06T00:00:00+08:00');
  });

  it('reads a plain date as the end of that day, and writes ISO durations', () => {
    expect(isoInZone(TZ, (instantOf('2026-12-03', TZ) as number) + 1)).toBe('2026-12-04T00:00:00+08:00');
    expect(instantOf('not a date', TZ)).toBeUndefined();
    expect([0, 45, 60, 540, 1500].map(isoDuration)).toEqual(['PT0M', 'PT45M', 'PT1H', 'PT9H', 'P1DT1H']);
  });
});

describe('compiling a process', () => {
  it('reports unknown events, steps and facts, duplicate ids and bad time zones', () => {
    const broken = base
      .replace('gate: { events: [received] }', 'gate: { events: [recieved] }')
      .replace('from: { event: delivered }', 'from: { event: deliverd }')
      .replace('met: { step: work.repair }', 'met: { step: work.repiar }')
      .replace('input: { jobType: jobType,', 'input: { jobType: jobTyp,')
      .replace('  - id: hv\n', '  - id: work\n')
      .replace('title: t\n', 'title: t\ntimezone: Mars/Olympus\n');
    expect(codes(broken).sort()).toEqual(
      [
        'process_deadline_ref_unknown',
        'process_deadline_ref_unknown',
        'process_duplicate_id',
        'process_event_unknown',
        'process_timezone_invalid',
        'ref_unknown_fact',
      ].sort(),
    );
  });

  it('refuses a gate that waits for a later stage: the stages after it are unreachable', () => {
    const text = base.replace('gate: { events: [received] }', 'gate: { steps: [delivery.handover] }');
    expect(codes(text)).toContain('process_stage_unreachable');
    expect(codes(base.replace('gate: { events: [received] }', 'gate: { steps: [work.nope] }'))).toContain(
      'process_step_unknown',
    );
  });

  it('accepts a date-time `at` for a process and keeps a plain date meaning the end of the day', () => {
    const doc = compiled();
    const history = [event('received', t('08:00'))];
    expect(evaluateFast(doc, { facts: { jobType: 'maintenance' }, history, at: t('09:00') }).at).toBe(
      t('09:00'),
    );
    expect(() => evaluateFast(doc, { facts: { jobType: 'maintenance' }, history, at: 'soon' })).toThrow(
      expect.objectContaining({ code: 'at_invalid' }),
    );
    expect(evaluateProcess(doc, { facts: { jobType: 'maintenance' }, history, at: '2026-12-03' }).stage).toBe(
      'work',
    );
  });
});

describe('evaluating a process over a history', () => {
  const doc = compiled();
  const facts = { jobType: 'ev-high-voltage' };
  const walked = [
    event('received', t('08:00')),
    decision(1, 's.safety', { status: 'pass' }, t('09:00')),
    decision(2, 's.repair', { status: 'pass' }, t('10:00')),
  ];

  it('gives the current stage, each step with its decision, and the next actions', () => {
    const r = evaluateProcess(doc, { facts, history: walked, at: t('10:05') });
    expect(r.stage).toBe('hv');
    expect(r.stages.work?.steps.safety).toMatchObject({ state: 'done', decisionId: 'd-1', attempts: 1 });
    expect(r.stages.hv?.state).toBe('current');
    expect(r.stages.delivery?.steps.handover).toMatchObject({ state: 'blocked', code: 'step_out_of_order' });
    expect(r.next).toEqual([{ step: 'hv.isolate', standard: 's.hv' }]);
    // The repair came 60 minutes after the check, inside the 90.
    expect(r.deadlines.quick).toMatchObject({ state: 'met' });
  });

  it('skips a stage that does not apply and refuses its steps', () => {
    const r = evaluateProcess(doc, { facts: { jobType: 'maintenance' }, history: walked, at: t('10:05') });
    expect(r.stage).toBe('delivery');
    expect(r.stages.hv?.state).toBe('not-applicable');
    expect(
      allowedStep(doc, { facts: { jobType: 'maintenance' }, history: walked, at: t('10:05') }, 'hv.isolate'),
    ).toMatchObject({
      allowed: false,
      code: 'stage_not_applicable',
    });
  });

  it('refuses out of order, not yet allowed in a sequential stage, and unknown steps', () => {
    const request = { facts, history: [event('received', t('08:00'))], at: t('08:30') };
    expect(allowedStep(doc, request, 'work.repair')).toMatchObject({
      allowed: false,
      code: 'step_not_allowed',
    });
    expect(allowedStep(doc, request, 'delivery.handover')).toMatchObject({
      allowed: false,
      code: 'step_out_of_order',
    });
    expect(allowedStep(doc, request, 'work.nope')).toMatchObject({ allowed: false, code: 'step_unknown' });
    expect(allowedStep(doc, request, 's.safety')).toEqual({
      allowed: true,
      step: 'work.safety',
      standard: 's.safety',
    });
  });

  it('lets the latest attempt decide, and lets an earlier stage be worked again', () => {
    const history = [
      ...walked,
      decision(3, 's.safety', { status: 'fail' }, t('10:30')),
      decision(4, 's.hv', { outputs: { allowed: true } }, t('10:40')),
    ];
    const r = evaluateProcess(doc, { facts, history, at: t('11:00') });
    expect(r.stage).toBe('work');
    expect(r.stages.work?.steps.safety).toMatchObject({ state: 'pending', decisionId: 'd-3', attempts: 2 });
    expect(r.stages.work?.steps.safety?.reason).toContain('`status` is "fail", needs "pass"');
    expect(r.refused).toEqual([expect.objectContaining({ decisionId: 'd-4', code: 'step_out_of_order' })]);
    // The case page and the printed case file say why in the reader's language; the API keeps English.
    const zh = caseReasons(doc, { facts, history, at: t('11:00') }, 'zh').refused['d-4'];
    expect(zh).toMatch(/[\u4e00-\u9fff]/);
    expect(zh).not.toBe(r.refused[0]?.message);
    expect(caseReasons(doc, { facts, history, at: t('11:00') }, 'en').refused['d-4']).toBe(
      r.refused[0]?.message,
    );
  });

  it('reports overdue deadlines with how late, and meets them with later events', () => {
    const history = [
      ...walked,
      decision(3, 's.hv', { outputs: { allowed: true } }, t('10:40')),
      decision(4, 's.delivery', { outputs: { problems: 0 } }, t('14:00')),
      event('delivered', t('15:00'), { mileage: 100 }),
    ];
    const late = evaluateProcess(doc, { facts, history, at: t('09:15', '06') });
    expect(late.complete).toBe(true);
    expect(late.overdue).toEqual([
      { deadline: 'call', due: '2026-12-06T00:00:00+08:00', late: 'PT9H15M', lateMinutes: 555 },
    ]);
    expect(late.next).toEqual([{ event: 'called' }]);
    const called = evaluateProcess(doc, {
      facts,
      history: [...history, event('called', t('10:00', '06'))],
      at: t('11:00', '06'),
    });
    expect(called.deadlines.call).toMatchObject({ state: 'met-late', late: 'PT10H', lateMinutes: 600 });
    expect(called.overdue).toEqual([]);
  });

  it('refuses a history that does not fit, every problem with its path', () => {
    const history = [
      event('recieved', t('08:00')),
      event('delivered', 'yesterday', { mileage: -1 }),
      decision(1, 's.nope', { status: 'pass' }, t('09:00')),
      decision(2, 's.safety', { status: 'pass' }, t('09:00'), 'work.repair'),
      { decisionId: 'd-3', standard: { id: 's.repair' }, at: t('09:00') },
      7,
    ];
    try {
      evaluateProcess(doc, { facts, history, at: t('10:00') });
      expect.unreachable();
    } catch (e) {
      const err = e as { code: string; details: { code: string; path: string }[] };
      expect(err.code).toBe('history_invalid');
      expect(err.details.map((d) => `${d.code} ${d.path}`)).toEqual([
        'history_event_unknown /history/0/type',
        'history_entry_invalid /history/1/time',
        'history_event_data_invalid /history/1/data/mileage',
        'history_step_unknown /history/2/standard/id',
        'history_step_unknown /history/3/standard/id',
        'history_entry_invalid /history/4/result',
        'history_entry_invalid /history/5',
      ]);
    }
  });

  it('explains every stage, step and deadline with its position; matched are the steps done', async () => {
    const env = await evaluateReferencePath(doc, { facts, history: walked, at: t('10:05'), explain: true });
    expect(env.matched.map((m) => m.rule)).toEqual(['work.safety', 'work.repair']);
    const entries = (env.explain ?? []).map((e) => `${e.type} ${e.id} ${e.applied}`);
    expect(entries).toEqual([
      'stage intake true',
      'stage work true',
      'step work.safety true',
      'step work.repair true',
      'stage hv true',
      'step hv.isolate false',
      'stage delivery true',
      'step delivery.handover false',
      'deadline call false',
      'deadline quick true',
    ]);
  });
});

describe('the facts of a step', () => {
  it('fills the standard’s facts from the case and constants, under what the submission gives', () => {
    const doc = compiled();
    expect(stepFacts(doc, 'work.safety', { jobType: 'maintenance', lift: true })).toEqual({
      jobType: 'maintenance',
      liftUsed: true,
      site: 'bay-1',
    });
    expect(stepFacts(doc, 'work.safety', { jobType: 'maintenance' }, { site: 'bay-2' })).toMatchObject({
      site: 'bay-2',
    });
    expect(() => stepFacts(doc, 'nope', {})).toThrow(expect.objectContaining({ code: 'step_unknown' }));
  });
});

describe('the behavioural diff of two versions of a process', () => {
  it('generates histories and sees a deadline come due sooner', () => {
    const from = compiled();
    const to = compiled(base.replace('version: 1.0.0', 'version: 1.1.0').replace('within: 2d', 'within: 1d'));
    const diff = behaviouralDiff(from, to, { seed: 7, runs: 400 });
    const labels = diff.generated.transitions.map((t) => t.label);
    expect(labels).toContain('overdue: [] → ["call"]');
    expect(diff.generated.transitions[0]?.example.input.history?.length).toBeGreaterThan(0);
  });

  it('takes real cases with their histories as inputs', () => {
    const history = [event('received', t('08:00'))];
    expect(diffInputOf({ facts: { jobType: 'maintenance' }, history })).toEqual({
      facts: { jobType: 'maintenance' },
      history,
    });
  });
});

describe('compiling damaged processes', () => {
  const sample = readFileSync(
    new URL('../../../rules/process.work-order/1.0.0.yaml', import.meta.url),
    'utf8',
  );
  const lines = sample.split('\n');

  it('survives any deletion, duplication or swap of the bundled process’s lines with located diagnostics', () => {
    const edit = fc.oneof(
      fc.record({ op: fc.constant('delete' as const), at: fc.nat(lines.length - 1) }),
      fc.record({ op: fc.constant('duplicate' as const), at: fc.nat(lines.length - 1) }),
      fc.record({ op: fc.constant('swap' as const), at: fc.nat(lines.length - 2) }),
    );
    fc.assert(
      fc.property(fc.array(edit, { minLength: 1, maxLength: 3 }), (edits) => {
        const copy = [...lines];
        for (const e of edits) {
          if (e.op === 'delete') copy.splice(e.at, 1);
          else if (e.op === 'duplicate') copy.splice(e.at, 0, copy[e.at] ?? '');
          else [copy[e.at], copy[e.at + 1]] = [copy[e.at + 1] ?? '', copy[e.at] ?? ''];
        }
        const r = compileDocument(copy.join('\n'), 'x.yaml');
        for (const d of r.diagnostics) {
          expect(d.code).toMatch(/^[a-z]+(_[a-z]+)+$/);
          expect(d.line).toBeGreaterThan(0);
        }
        if (r.document) expect(r.diagnostics.every((d) => d.severity === 'warning')).toBe(true);
      }),
      { numRuns: 150, seed: 20261128 },
    );
  });
});
