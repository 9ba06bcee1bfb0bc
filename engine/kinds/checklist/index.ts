import type { KindModule } from '../kind.ts';
import { type CompiledChecklist, compileChecklist } from './compile.ts';
import { evaluateChecklist } from './evaluate.ts';
import { checklistLabelsIn, checklistLabelTargets } from './labels.ts';
import { checklistAnswerItems, checklistDiff, checklistOutputs } from './outputs.ts';
import { prepareChecklist } from './prepare.ts';
import { checklistReport } from './view.ts';

/** `kind: checklist`, sections of items answered on site, scored against `pass.minScore`. */
export const checklistKind: KindModule<CompiledChecklist> = {
  kind: 'checklist',
  schema: 'checklist.schema.json',
  folder: 'checklists',
  compile: compileChecklist,
  prepare: prepareChecklist,
  answerItems: checklistAnswerItems,
  evaluate: evaluateChecklist,
  outputs: checklistOutputs,
  labelTargets: checklistLabelTargets,
  labelsIn: checklistLabelsIn,
  diff: checklistDiff,
  report: checklistReport,
};

export type { CompiledChecklist } from './compile.ts';
