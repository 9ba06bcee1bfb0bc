import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import {
  chooseStandardVersion,
  evaluateFast,
  loadStandards,
  renderReport,
  today,
} from '../../engine/index.ts';
import { type Io, indexOptions, noLockOption, readJsonFile, standardsDir, UsageError } from '../io.ts';

export const usage =
  'norma render <id> [--version v] [--facts f.json [--answers a.json]] [--at date] [--out file.html] [--dir path] [--no-lock]';

/**
 * `norma render`: a printable HTML report. Without facts: a checklist's blank form, or a summary
 * of any other document. With facts: the report of that evaluation.
 */
export function renderCommand(argv: string[], io: Io): number {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      version: { type: 'string' },
      facts: { type: 'string' },
      answers: { type: 'string' },
      at: { type: 'string' },
      out: { type: 'string' },
      dir: { type: 'string' },
      ...noLockOption,
    },
  });
  const id = positionals[0];
  if (!id) throw new UsageError('give the id of the standard to render');
  const index = loadStandards(standardsDir(io, values.dir), undefined, indexOptions(io, values['no-lock']));
  const at = values.at ?? today();
  const doc = chooseStandardVersion(index, id, at, values.version);
  let html: string;
  if (values.facts || values.answers) {
    const facts = values.facts ? readJsonFile(io, values.facts, 'facts') : {};
    const answers = values.answers ? readJsonFile(io, values.answers, 'answers') : undefined;
    const envelope = evaluateFast(doc, { facts, ...(answers !== undefined ? { answers } : {}), at });
    html = renderReport(doc, { envelope, facts, ...(answers !== undefined ? { answers } : {}) });
  } else html = renderReport(doc);
  if (values.out) {
    writeFileSync(resolve(io.cwd, values.out), html);
    io.err(`wrote ${values.out}`);
  } else io.out(html);
  return 0;
}
