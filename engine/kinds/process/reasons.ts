/**
 * Why a stage is not done, why a step may not be submitted, why an attempt did not complete its
 * step: the texts people read on a case, in English (what the API's results and 409 answers say,
 * naming ids) or in Chinese (the case page and the printed case file, naming the process's own
 * titles). One builder per reason, so the two languages always say the same thing.
 */
import type { Lang } from '../../i18n/lang.ts';
import type { CompiledEvent, CompiledProcess, CompiledStage, CompiledStep } from './compile.ts';
import { type Completion, describe, describeZh, showValue, showValueZh } from './completion.ts';

/** A completion test a decision's result failed, with the value it had. */
export interface Unmet {
  test: Completion;
  actual: unknown;
}

/** `「title」` where the process gives one (Chinese), else the id in backticks. */
function named(title: string | undefined, id: string, lang: Lang): string {
  return lang === 'zh' && title ? `「${title}」` : `\`${id}\``;
}

const stepName = (step: CompiledStep, lang: Lang) => named(step.title, step.key, lang);
const stageName = (stage: CompiledStage, lang: Lang) => named(stage.title, stage.id, lang);

function eventName(process: CompiledProcess, type: string, lang: Lang): string {
  const event: CompiledEvent | undefined = process.events.get(type);
  return named(event?.title, type, lang);
}

/** `` `outputs.allowed` is false, needs true `` */
export function unmetText(u: Unmet, lang: Lang): string {
  return lang === 'zh'
    ? `\`${u.test.written}\` 为 ${showValueZh(u.actual)}，须${describeZh(u.test)}`
    : `\`${u.test.written}\` is ${showValue(u.actual)}, needs ${describe(u.test)}`;
}

export function stepNotDone(step: CompiledStep, unmet: Unmet | undefined, lang: Lang): string {
  if (lang === 'zh')
    return unmet
      ? `步骤${stepName(step, lang)}未完成：${unmetText(unmet, lang)}`
      : `步骤${stepName(step, lang)}未完成`;
  return unmet
    ? `step \`${step.key}\` is not done: ${unmetText(unmet, lang)}`
    : `step \`${step.key}\` is not done`;
}

export function gateWaitsForStep(step: CompiledStep | undefined, key: string, lang: Lang): string {
  return lang === 'zh'
    ? `放行条件等待步骤${named(step?.title, key, lang)}`
    : `its gate waits for step \`${key}\``;
}

export function gateWaitsForEvent(process: CompiledProcess, type: string, lang: Lang): string {
  return lang === 'zh'
    ? `放行条件等待事件${eventName(process, type, lang)}`
    : `its gate waits for the event \`${type}\``;
}

export function stageNotApplicable(stage: CompiledStage, step: CompiledStep, lang: Lang): string {
  return lang === 'zh'
    ? `阶段${stageName(stage, lang)}不适用于此案件，因此不能提交${stepName(step, lang)}`
    : `stage \`${stage.id}\` does not apply to this case, so \`${step.key}\` cannot be submitted`;
}

export function stepOutOfOrder(
  step: CompiledStep,
  stage: CompiledStage,
  open: CompiledStage,
  why: string | undefined,
  lang: Lang,
): string {
  return lang === 'zh'
    ? `${stepName(step, lang)}属于阶段${stageName(stage, lang)}，但阶段${stageName(open, lang)}尚未完成：${why}`
    : `\`${step.key}\` belongs to stage \`${stage.id}\`, but stage \`${open.id}\` is not done: ${why}`;
}

export function stepBeforeInSequence(
  stage: CompiledStage,
  before: CompiledStep,
  step: CompiledStep,
  lang: Lang,
): string {
  return lang === 'zh'
    ? `阶段${stageName(stage, lang)}须按顺序进行：${stepName(before, lang)}须在${stepName(step, lang)}之前完成`
    : `stage \`${stage.id}\` is sequential: \`${before.key}\` must be done before \`${step.key}\``;
}

export function attemptUnmet(unmet: Unmet, lang: Lang): string {
  return lang === 'zh'
    ? `最近一次提交未完成该步骤：${unmetText(unmet, lang)}`
    : `the latest attempt did not complete it: ${unmetText(unmet, lang)}`;
}
