import type { KindModule } from '../kind.ts';
import { type CompiledChecklist, compileChecklist } from './compile.ts';
import { evaluateChecklist } from './evaluate.ts';
import { prepareChecklist } from './prepare.ts';

/** `kind: checklist`, sections of items answered on site, scored against `pass.minScore`. */
export const checklistKind: KindModule<CompiledChecklist> = {
  kind: 'checklist',
  compile: compileChecklist,
  prepare: prepareChecklist,
  evaluate: evaluateChecklist,
};

export type { CompiledChecklist } from './compile.ts';
