import { formatHistoryText, historyOf, loadStandards, today } from '../../engine/index.ts';
import { type Io, indexOptions, standardsDir } from '../io.ts';
import { dirFlag, flag, noLockFlag, parseCommandLine } from '../options.ts';

/** `norma history`'s command line. */
export const spec = {
  name: 'history',
  usage: 'norma history <id> [--at date] [--format text|json] [--dir path] [--no-lock]',
  summary: "a standard's versions: status, effective dates, approver, change, digest, in force",
  flags: {
    at: flag.date('the date whose version in force is marked (default: today)'),
    format: flag.choice(['text', 'json'], 'how to print the history'),
    dir: dirFlag,
    'no-lock': noLockFlag,
  },
  args: { min: 1, max: 1, missing: 'give the id of the standard' },
};

/** `norma history`: a standard's versions, approvals, changes, digests and the one in force. */
export function historyCommand(argv: string[], io: Io): number {
  const { values, positionals } = parseCommandLine(argv, spec);
  const id = positionals[0] as string;
  const index = loadStandards(standardsDir(io, values.dir), undefined, indexOptions(io, values['no-lock']));
  const history = historyOf(index, id, values.at ?? today());
  io.out(values.format === 'json' ? JSON.stringify(history, null, 2) : formatHistoryText(history));
  return 0;
}
