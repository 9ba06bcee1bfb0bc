import { evaluateStandard, isIsoDate, loadStandards } from '../../engine/index.ts';
import { CliError, type Io, indexOptions, readJsonFile, standardsDir, UsageError } from '../io.ts';
import { dirFlag, flag, langFlag, noLockFlag, type ParsedCommandLine, parseCommandLine } from '../options.ts';
import { storeFlags, subjectOf, withRecords } from '../store.ts';
import { formatCaseText } from './eval-case.ts';

/** `norma eval`'s command line. */
export const spec = {
  name: 'eval',
  usage:
    'norma eval <id> --facts f.json [--answers a.json] [--at date] [--version v] [--explain] [--lang zh|en] [--record [--subject type:id]] [--dir path] [--no-lock]\n       norma eval <process> --history case.json [--at date-time] [--json]',
  summary: 'evaluate a standard on facts, or a process over a case, and print the result',
  flags: {
    facts: flag.string('f.json', 'the facts as a JSON file (`-` reads standard input)'),
    answers: flag.string('a.json', "a checklist's answers as a JSON file"),
    history: flag.string(
      'case.json',
      'a process: the case as a JSON file ({process, subject, facts, history}, docs/kinds/process.md); prints where it stands',
    ),
    at: flag.string(
      'date',
      'the evaluation date YYYY-MM-DD, which chooses the version in force (default: today); a process also takes a date-time',
    ),
    version: flag.string('v', 'evaluate this version instead of the one in force (drafts must be pinned)'),
    explain: flag.boolean('add, for every rule, item, band or price, why it applied or not'),
    json: flag.boolean('with --history: print the result envelope as JSON instead of text'),
    debug: flag.boolean('add the evaluation path taken (fast closures or json-rules-engine)'),
    lang: langFlag,
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
  if (values.history) return evalCase(id, values, io);
  if (!values.facts) {
    throw new UsageError('give the facts with --facts f.json (or --facts - for standard input)');
  }
  if (values.at !== undefined && !isIsoDate(values.at)) {
    throw new UsageError(`\`--at\` takes a date written YYYY-MM-DD (e.g. 2026-03-01), not \`${values.at}\``);
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
    { debug: values.debug, lang: values.lang },
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

type Values = ParsedCommandLine<typeof spec.flags>['values'];

/**
 * `norma eval <process> --history case.json`: where a case stands, statelessly, from the case file
 * a case service returns (`GET /v1/cases/{id}`): the process version it names (unless
 * `--version`), its facts (unless `--facts`) and its history.
 */
async function evalCase(id: string, values: Values, io: Io): Promise<number> {
  const file = values.history as string;
  const raw = readJsonFile(io, file, 'case');
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) {
    throw new CliError(
      `the case file \`${file}\` is not an object`,
      'write {"process": {"id", "version"}, "facts": {…}, "history": […]}',
    );
  }
  const kase = raw as { process?: { id?: unknown; version?: unknown }; facts?: unknown; history?: unknown };
  if (kase.process?.id !== undefined && kase.process.id !== id) {
    throw new CliError(`the case in \`${file}\` is for \`${String(kase.process.id)}\`, not \`${id}\``);
  }
  const facts = values.facts ? readJsonFile(io, values.facts, 'facts') : (kase.facts ?? {});
  const version =
    values.version ?? (typeof kase.process?.version === 'string' ? kase.process.version : undefined);
  const index = loadStandards(standardsDir(io, values.dir), undefined, indexOptions(io, values['no-lock']));
  const kind = index.documents.get(id)?.[0]?.kind;
  if (kind !== undefined && kind !== 'process') {
    throw new CliError(
      `\`${id}\` is a ${kind}: \`--history\` evaluates a process over a case`,
      'give --facts (and --answers) instead',
    );
  }
  const envelope = await evaluateStandard(
    index,
    id,
    {
      facts,
      history: kase.history ?? [],
      ...(values.at ? { at: values.at } : {}),
      ...(version ? { version } : {}),
      explain: values.explain,
    },
    { debug: values.debug, lang: values.lang },
  );
  io.out(values.json ? JSON.stringify(envelope, null, 2) : formatCaseText(envelope));
  return 0;
}
