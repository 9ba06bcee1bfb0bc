import type { Cond } from '../../conditions/ast.ts';
import { report } from '../../conditions/parse.ts';
import { compileFacts, type FactModel } from '../../facts/model.ts';
import type { FactSchema } from '../../facts/types.ts';
import { didYouMean } from '../../util/suggest.ts';
import { checkUniqueIds, child, humanAt, listAt, mapAt, textAt, whenAt } from '../common.ts';
import { warnDeadWeight } from '../dead.ts';
import { type CompileInput, type CondSet, condSet } from '../kind.ts';
import { type Completion, compileCompletion } from './completion.ts';
import { DEFAULT_TIMEZONE, isTimeZone, parseSpan, type Span } from './time.ts';

/** Where a step's input comes from: a case fact (a dotted path) or a constant. */
export interface InputMapping {
  target: string;
  source?: string;
  value?: unknown;
}

export interface CompiledStep {
  /** `stage.step`. */
  key: string;
  id: string;
  stage: string;
  stageIndex: number;
  /** Position within its stage. */
  index: number;
  title?: string;
  clause?: string | string[];
  standard: string;
  input: InputMapping[];
  completes: Completion[];
  optional: boolean;
  line: number;
  col: number;
}

export interface CompiledStage {
  index: number;
  id: string;
  title?: string;
  clause?: string | string[];
  when: Cond;
  sequential: boolean;
  steps: CompiledStep[];
  gate: { events: string[]; steps: string[] };
  line: number;
  col: number;
}

/** What a deadline runs from or is met by: the first event of a type, or the first time a step was done. */
export type Anchor = { event: string } | { step: string };

export interface CompiledDeadline {
  id: string;
  title?: string;
  clause?: string | string[];
  from: Anchor;
  within: Span;
  met: Anchor;
  line: number;
  col: number;
}

export interface CompiledEvent {
  type: string;
  title?: string;
  data: FactModel;
}

/** A process ready to evaluate: stages in order, their `when` conditions as one set. */
export interface CompiledProcess {
  timezone: string;
  stages: CompiledStage[];
  steps: Map<string, CompiledStep>;
  /** Steps by the standard they need (a standard may serve several steps). */
  byStandard: Map<string, CompiledStep[]>;
  events: Map<string, CompiledEvent>;
  deadlines: CompiledDeadline[];
  set: CondSet;
}

/** Checks a process beyond its schema and compiles it. */
export function compileProcess({ data, ctx, facts }: CompileInput): CompiledProcess {
  const timezone = textAt(data.timezone) ?? DEFAULT_TIMEZONE;
  if (!isTimeZone(timezone)) {
    report(
      ctx,
      'process_timezone_invalid',
      `\`${timezone}\` is not a time zone this runtime knows`,
      '/timezone',
      {
        hint: 'use an IANA name such as Asia/Shanghai',
      },
    );
  }
  const events = compileEvents(data.events, ctx);
  const rawStages = listAt(data.stages);
  checkUniqueIds(rawStages, '/stages', ctx, 'process_duplicate_id', 'stage');
  const stages: CompiledStage[] = rawStages.map((raw, index) => {
    const s = mapAt(raw);
    const pointer = `/stages/${index}`;
    const id = textAt(s.id) ?? `#${index + 1}`;
    const rawSteps = listAt(s.steps);
    checkUniqueIds(rawSteps, `${pointer}/steps`, ctx, 'process_duplicate_id', 'step');
    const pos = ctx.map.value.get(pointer) ?? { line: 1, col: 1 };
    const gate = mapAt(s.gate);
    return {
      index,
      id,
      ...(humanAt(s.title, ctx) ? { title: humanAt(s.title, ctx) as string } : {}),
      ...(s.clause !== undefined ? { clause: s.clause as string | string[] } : {}),
      when: whenAt(s.when, `${pointer}/when`, facts.scope, ctx),
      sequential: s.order === 'sequential',
      steps: rawSteps.map((rawStep, i) =>
        compileStep(mapAt(rawStep), id, index, i, `${pointer}/steps/${i}`, { ctx, facts }),
      ),
      gate: {
        events: listAt(gate.events).filter((e): e is string => typeof e === 'string'),
        steps: listAt(gate.steps).filter((e): e is string => typeof e === 'string'),
      },
      line: pos.line,
      col: pos.col,
    };
  });
  const steps = new Map<string, CompiledStep>();
  const byStandard = new Map<string, CompiledStep[]>();
  for (const stage of stages) {
    for (const step of stage.steps) {
      steps.set(step.key, step);
      byStandard.set(step.standard, [...(byStandard.get(step.standard) ?? []), step]);
    }
  }
  checkGates(stages, steps, events, ctx);
  // A stage whose `when` excludes every case is never entered: its steps could never be done.
  warnDeadWeight(
    stages.map((s) => ({ when: s.when, pointer: `/stages/${s.index}`, label: `stage \`${s.id}\`` })),
    'every',
    facts.declared,
    ctx,
  );
  const deadlines = compileDeadlines(data.deadlines, steps, events, ctx);
  return {
    timezone,
    stages,
    steps,
    byStandard,
    events,
    deadlines,
    set: condSet(stages.map((s) => s.when)),
  };
}

/** What compiling a step needs of the document: the diagnostics and the case's facts. */
type StepContext = Pick<CompileInput, 'ctx' | 'facts'>;

function compileStep(
  s: Record<string, unknown>,
  stage: string,
  stageIndex: number,
  index: number,
  pointer: string,
  { ctx, facts }: StepContext,
): CompiledStep {
  const id = textAt(s.id) ?? `#${index + 1}`;
  const pos = ctx.map.value.get(pointer) ?? { line: 1, col: 1 };
  const mappings: InputMapping[] = Object.entries(mapAt(s.input)).map(([target, raw]) => {
    if (typeof raw === 'string') {
      const resolved = facts.scope.resolve(raw.split('.'));
      if (!resolved.ok) {
        report(ctx, resolved.code, resolved.message, child(`${pointer}/input`, target), {
          hint:
            resolved.hint ??
            'an input names a fact of the case (declared under `facts:`) or gives `{ value: … }`',
        });
      }
      return { target, source: raw };
    }
    return { target, value: mapAt(raw).value };
  });
  return {
    key: `${stage}.${id}`,
    id,
    stage,
    stageIndex,
    index,
    ...(humanAt(s.title, ctx) ? { title: humanAt(s.title, ctx) as string } : {}),
    ...(s.clause !== undefined ? { clause: s.clause as string | string[] } : {}),
    standard: textAt(s.standard) ?? '',
    input: mappings,
    completes: Object.entries(mapAt(s.completes)).map(([path, raw]) =>
      compileCompletion(path, raw, child(`${pointer}/completes`, path)),
    ),
    optional: s.optional === true,
    line: pos.line,
    col: pos.col,
  };
}

function compileEvents(raw: unknown, ctx: CompileInput['ctx']): Map<string, CompiledEvent> {
  const out = new Map<string, CompiledEvent>();
  for (const [type, value] of Object.entries(mapAt(raw))) {
    const e = mapAt(value);
    let data: FactModel;
    try {
      data = compileFacts(mapAt(e.data) as Record<string, FactSchema>);
    } catch (err) {
      report(
        ctx,
        'process_event_invalid',
        `the data of event \`${type}\` cannot be compiled: ${(err as Error).message}`,
        child('/events', type),
        { prefer: 'key', hint: 'declare the data like facts (docs/dsl.md)' },
      );
      data = compileFacts({});
    }
    out.set(type, {
      type,
      ...(humanAt(e.title, ctx) ? { title: humanAt(e.title, ctx) as string } : {}),
      data,
    });
  }
  return out;
}

/**
 * A gate names declared events and steps of its own or an earlier stage: a gate waiting for a
 * later step could never open, and every stage after it would be unreachable.
 */
function checkGates(
  stages: CompiledStage[],
  steps: Map<string, CompiledStep>,
  events: Map<string, CompiledEvent>,
  ctx: CompileInput['ctx'],
): void {
  for (const stage of stages) {
    const pointer = `/stages/${stage.index}/gate`;
    stage.gate.events.forEach((type, i) => {
      if (!events.has(type)) unknownEvent(type, `${pointer}/events/${i}`, events, ctx);
    });
    stage.gate.steps.forEach((key, i) => {
      const step = steps.get(key);
      const at = `${pointer}/steps/${i}`;
      if (!step) unknownStep(key, at, steps, ctx);
      else if (step.stageIndex > stage.index) {
        report(
          ctx,
          'process_stage_unreachable',
          `the gate of stage \`${stage.id}\` waits for \`${key}\`, a step of a later stage: no stage after \`${stage.id}\` can be reached`,
          at,
          { hint: 'a gate may wait for steps of its own stage or of earlier ones' },
        );
      }
    });
  }
}

function compileDeadlines(
  raw: unknown,
  steps: Map<string, CompiledStep>,
  events: Map<string, CompiledEvent>,
  ctx: CompileInput['ctx'],
): CompiledDeadline[] {
  const list = listAt(raw);
  checkUniqueIds(list, '/deadlines', ctx, 'process_duplicate_id', 'deadline');
  return list.map((value, i) => {
    const d = mapAt(value);
    const pointer = `/deadlines/${i}`;
    const pos = ctx.map.value.get(pointer) ?? { line: 1, col: 1 };
    const anchor = (key: 'from' | 'met'): Anchor => {
      const a = mapAt(d[key]);
      const at = `${pointer}/${key}`;
      if (typeof a.step === 'string') {
        if (!steps.has(a.step)) unknownStep(a.step, `${at}/step`, steps, ctx, 'process_deadline_ref_unknown');
        return { step: a.step };
      }
      const event = textAt(a.event) ?? '';
      if (!events.has(event)) unknownEvent(event, `${at}/event`, events, ctx, 'process_deadline_ref_unknown');
      return { event };
    };
    return {
      id: textAt(d.id) ?? `#${i + 1}`,
      ...(humanAt(d.title, ctx) ? { title: humanAt(d.title, ctx) as string } : {}),
      ...(d.clause !== undefined ? { clause: d.clause as string | string[] } : {}),
      from: anchor('from'),
      within: parseSpan(d.within) ?? { amount: 1, unit: 'd' },
      met: anchor('met'),
      line: pos.line,
      col: pos.col,
    };
  });
}

function unknownEvent(
  type: string,
  at: string,
  events: Map<string, CompiledEvent>,
  ctx: CompileInput['ctx'],
  code: 'process_event_unknown' | 'process_deadline_ref_unknown' = 'process_event_unknown',
): void {
  report(ctx, code, `no event \`${type}\` is declared under \`events:\``, at, {
    hint: didYouMean(type, events.keys()) ?? 'declare it under `events:`',
  });
}

function unknownStep(
  key: string,
  at: string,
  steps: Map<string, CompiledStep>,
  ctx: CompileInput['ctx'],
  code: 'process_step_unknown' | 'process_deadline_ref_unknown' = 'process_step_unknown',
): void {
  report(ctx, code, `no step \`${key}\` in this process`, at, {
    hint: didYouMean(key, steps.keys()) ?? 'steps are named `stage.step`',
  });
}
