import { basename } from 'node:path';
import {
  type DiffInput,
  diffVersions,
  diffView,
  formatDiffText,
  loadStandards,
  MAX_DIFF_RUNS,
  parseJsonLines,
  renderDiff,
} from '../../engine/index.ts';
import { type Io, indexOptions, readTextFile, standardsDir } from '../io.ts';
import { dirFlag, flag, MAX_SEED, noLockFlag, parseCommandLine } from '../options.ts';

/** `norma diff`'s command line. */
export const spec = {
  name: 'diff',
  usage:
    'norma diff <id> <from> <to> [--format text|md|html|json] [--inputs work-orders.jsonl] [--runs n] [--seed n] [--at date] [--no-behaviour] [--dir path] [--no-lock]',
  summary: 'what changed between two versions (semantic diff) and how often outcomes change',
  flags: {
    format: flag.choice(['text', 'md', 'html', 'json'], 'how to print the diff'),
    inputs: flag.string(
      'file.jsonl',
      'also compare on real inputs, one JSON object a line (`-`: standard input)',
    ),
    runs: flag.integer('n', 'generated inputs for the behavioural diff (default: 1000)', 1, MAX_DIFF_RUNS),
    seed: flag.integer(
      'n',
      'the seed of the generated inputs, to replay a diff (default: random)',
      0,
      MAX_SEED,
    ),
    at: flag.date("the evaluation date of both versions (default: the newer version's effective date)"),
    'no-behaviour': flag.boolean('only the semantic diff: evaluate nothing'),
    dir: dirFlag,
    'no-lock': noLockFlag,
  },
  args: { min: 3, max: 3, missing: 'give the id and the two versions to compare' },
};

/** `norma diff`: what changed between two versions, and what it changes in practice. */
export function diffCommand(argv: string[], io: Io): number {
  const { values, positionals } = parseCommandLine(argv, spec);
  const [id, from, to] = positionals as [string, string, string];
  const inputs = values.inputs ? readJsonLines(io, values.inputs) : undefined;
  const index = loadStandards(standardsDir(io, values.dir), undefined, indexOptions(io, values['no-lock']));
  const report = diffVersions(index, id, from, to, {
    behaviour: !values['no-behaviour'],
    ...(values.runs !== undefined ? { runs: values.runs } : {}),
    ...(values.seed !== undefined ? { seed: values.seed } : {}),
    ...(values.at ? { at: values.at } : {}),
    ...(inputs ? { inputs } : {}),
  });
  const name = values.inputs ? basename(values.inputs) : undefined;
  if (values.format === 'json') io.out(JSON.stringify(report, null, 2));
  else if (values.format === 'text') io.out(formatDiffText(diffView(report, name)));
  else io.out(renderDiff(report, values.format, name));
  return 0;
}

/** Reads real inputs from a JSON Lines file (or standard input for `-`). */
function readJsonLines(io: Io, path: string): DiffInput[] {
  return parseJsonLines(readTextFile(io, path, 'inputs'), `inputs file \`${path}\``);
}
