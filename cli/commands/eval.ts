import { evaluateStandard, loadStandards } from '../../engine/index.ts';
import { type Io, indexOptions, readJsonFile, standardsDir, UsageError } from '../io.ts';
import { dirFlag, flag, noLockFlag, parseCommandLine } from '../options.ts';
import { storeFlags, subjectOf, withRecords } from '../store.ts';

/** `norma eval`'s command line. */
export const spec = {
  name: 'eval',
  usage:
    'norma eval <id> --facts f.json [--answers a.json] [--at date] [--version v] [--explain] [--record [--subject type:id]] [--dir path] [--no-lock]',
  summary: 'evaluate a standard on facts and print the result envelope',
  flags: {
    facts: flag.string('f.json', 'the facts as a JSON file (`-` reads standard input)'),
    answers: flag.string('a.json', "a checklist's answers as a JSON file"),
    at: flag.date('the evaluation date, which chooses the version in force (default: today)'),
    version: flag.string('v', 'evaluate this version instead of the one in force (drafts must be pinned)'),
    explain: flag.boolean('add, for every rule, item, band or price, why it applied or not'),
    debug: flag.boolean('add the evaluation path taken (fast closures or json-rules-engine)'),
    dir: dirFlag,
    'no-lock': noLockFlag,
    record: flag.boolean(
      'record the decision in the records store, as the server does (prints its decisionId)',
    ),
    subject: flag.string(
      'type:id',
      'with --record: what the decision is about, e.g. work-order:WO-2026-0001',
    ),
    ...storeFlags,
  },
  args: { min: 1, max: 1, missing: 'give the id of the standard to evaluate' },
};

/** `norma eval`: evaluates a standard and prints the result envelope as JSON. */
export async function evalCommand(argv: string[], io: Io): Promise<number> {
  const { values, positionals } = parseCommandLine(argv, spec);
  const id = positionals[0] as string;
  if (!values.facts) {
    throw new UsageError('give the facts with --facts f.json (or --facts - for standard input)');
  }
  const facts = readJsonFile(io, values.facts, 'facts');
  const answers = values.answers ? readJsonFile(io, values.answers, 'answers') : undefined;
  const index = loadStandards(standardsDir(io, values.dir), undefined, indexOptions(io, values['no-lock']));
  const envelope = await evaluateStandard(
    index,
    id,
    {
      facts,
      ...(answers !== undefined ? { answers } : {}),
      ...(values.at ? { at: values.at } : {}),
      ...(values.version ? { version: values.version } : {}),
      explain: values.explain,
    },
    { debug: values.debug },
  );
  if (values.subject && !values.record)
    throw new UsageError('--subject is recorded with the decision: add --record');
  if (!values.record) {
    io.out(JSON.stringify(envelope, null, 2));
    return 0;
  }
  const subject = values.subject ? subjectOf(values.subject, '--subject') : null;
  const input: Record<string, unknown> = { facts };
  if (answers !== undefined) input.answers = answers;
  const decisionId = await withRecords(io, values, ({ recorder }) =>
    recorder.record(index, envelope, input, {
      caller: `cli:${io.env.USER ?? 'unknown'}`,
      requestId: null,
      subject,
    }),
  );
  io.out(JSON.stringify({ decisionId, ...envelope }, null, 2));
  return 0;
}
