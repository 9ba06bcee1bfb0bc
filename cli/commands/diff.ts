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
import { recordedDiff } from '../../records/recorded-diff.ts';
import { type Io, indexOptions, readTextFile, standardsDir, UsageError } from '../io.ts';
import { dirFlag, flag, MAX_SEED, noLockFlag, parseCommandLine } from '../options.ts';
import { dayStart, storeFlags, withRecords } from '../store.ts';

/** `norma diff`'s command line. */
export const spec = {
  name: 'diff',
  usage:
    'norma diff <id> <from> <to> [--format text|md|html|json] [--lang zh|en] [--inputs work-orders.jsonl] [--runs n] [--seed n] [--at date] [--no-behaviour] [--recorded [--since date] [--until date]] [--dir path] [--no-lock]',
  summary: 'what changed between two versions (semantic diff) and how often outcomes change',
  flags: {
    format: flag.choice(['text', 'md', 'html', 'json'], 'how to print the diff'),
    lang: flag.choice(['zh', 'en'], 'the language of an html diff (default: zh)'),
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
    recorded: flag.boolean('compare on the recorded decisions of this standard instead: which would change'),
    since: flag.date('with --recorded: decisions recorded on or after this day'),
    until: flag.date('with --recorded: decisions recorded before this day'),
    ...storeFlags,
  },
  args: { min: 3, max: 3, missing: 'give the id and the two versions to compare' },
};

/** `norma diff`: what changed between two versions, and what it changes in practice. */
export async function diffCommand(argv: string[], io: Io): Promise<number> {
  const { values, positionals } = parseCommandLine(argv, spec);
  const [id, from, to] = positionals as [string, string, string];
  if ((values.since || values.until) && !values.recorded) {
    throw new UsageError('--since and --until choose recorded decisions: add --recorded');
  }
  if (values.recorded) return recordedDiffCommand(io, values, id, from, to);
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
  else
    io.out(
      renderDiff(report, values.format, name, {
        fonts: 'embed',
        ...(values.lang ? { lang: values.lang } : {}),
      }),
    );
  return 0;
}

/** Reads real inputs from a JSON Lines file (or standard input for `-`). */
function readJsonLines(io: Io, path: string): DiffInput[] {
  return parseJsonLines(readTextFile(io, path, 'inputs'), `inputs file \`${path}\``);
}

/** `--recorded`: the impact of the new version on the decisions actually recorded. */
async function recordedDiffCommand(
  io: Io,
  values: ReturnType<typeof parseCommandLine<typeof spec.flags>>['values'],
  id: string,
  from: string,
  to: string,
): Promise<number> {
  if (values.inputs) throw new UsageError('--recorded takes its inputs from the records: drop --inputs');
  const index = loadStandards(standardsDir(io, values.dir), undefined, indexOptions(io, values['no-lock']));
  const range = {
    ...(values.since ? { since: dayStart(values.since) } : {}),
    ...(values.until ? { until: dayStart(values.until) } : {}),
  };
  const diff = await withRecords(io, values, ({ store }) => recordedDiff(index, store, id, from, to, range));
  if (values.format === 'json') {
    io.out(JSON.stringify(diff, null, 2));
    return 0;
  }
  io.out(formatDiffText(diffView(diff.report, 'recorded decisions')));
  io.out(`\n${diff.changed} of ${diff.examined} recorded decisions would be decided differently by ${to}:`);
  for (const d of diff.decisions) {
    const subject = d.subject ? ` ${d.subject.type}:${d.subject.id}` : '';
    io.out(`  ${d.decisionId}${subject}  ${JSON.stringify(d.from)} → ${JSON.stringify(d.to)}`);
  }
  if (diff.truncated) io.out(`  … and ${diff.truncated} more (--format json lists the first 1000)`);
  return 0;
}
