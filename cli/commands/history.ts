import { parseArgs } from 'node:util';
import { formatHistoryText, historyOf, loadStandards, today } from '../../engine/index.ts';
import { type Io, indexOptions, noLockOption, standardsDir, UsageError } from '../io.ts';

export const usage = 'norma history <id> [--at date] [--format text|json] [--dir path] [--no-lock]';

/** `norma history`: a standard's versions, approvals, changes, digests and the one in force. */
export function historyCommand(argv: string[], io: Io): number {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      at: { type: 'string' },
      format: { type: 'string', default: 'text' },
      dir: { type: 'string' },
      ...noLockOption,
    },
  });
  const id = positionals[0];
  if (!id) throw new UsageError('give the id of the standard');
  const index = loadStandards(standardsDir(io, values.dir), undefined, indexOptions(io, values['no-lock']));
  const history = historyOf(index, id, values.at ?? today());
  io.out(values.format === 'json' ? JSON.stringify(history, null, 2) : formatHistoryText(history));
  return 0;
}
