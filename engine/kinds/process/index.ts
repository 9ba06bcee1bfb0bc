import type { KindModule } from '../kind.ts';
import { requestArbitrary } from './arbitrary.ts';
import { type CompiledProcess, compileProcess } from './compile.ts';
import { evaluateProcess } from './evaluate.ts';
import { prepareProcess } from './history.ts';
import { processLabelsIn } from './labels.ts';
import { checkProcessLinks } from './links.ts';
import { processDiff, processOutputs } from './outputs.ts';
import { processReport } from './view.ts';

/** `kind: process`, stages of steps a case walks through, each done by a decision of another standard. */
export const processKind: KindModule<CompiledProcess> = {
  kind: 'process',
  schema: 'process.schema.json',
  folder: 'rules',
  at: 'instant',
  compile: compileProcess,
  prepare: prepareProcess,
  evaluate: evaluateProcess,
  checkLinks: checkProcessLinks,
  requestArbitrary,
  outputs: processOutputs,
  labelsIn: processLabelsIn,
  diff: processDiff,
  report: processReport,
};

export type { CompiledProcess } from './compile.ts';
