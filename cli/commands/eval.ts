import { parseArgs } from 'node:util';
import { evaluateStandard, loadStandards } from '../../engine/index.ts';
import { type Io, indexOptions, noLockOption, readJsonFile, standardsDir, UsageError } from '../io.ts';

export const usage =
  'norma eval <id> --facts f.json [--answers a.json] [--at date] [--version v] [--explain] [--dir path] [--no-lock]';

/** `norma eval`: evaluates a standard and prints the result envelope as JSON. */
export async function evalCommand(argv: string[], io: Io): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      facts: { type: 'string' },
      answers: { type: 'string' },
      at: { type: 'string' },
      version: { type: 'string' },
      explain: { type: 'boolean', default: false },
      debug: { type: 'boolean', default: false },
      dir: { type: 'string' },
      ...noLockOption,
    },
  });
  const id = positionals[0];
  if (!id) throw new UsageError('give the id of the standard to evaluate');
  if (!values.facts)
    throw new UsageError('give the facts with --facts f.json (or --facts - for standard input)');
  const index = loadStandards(standardsDir(io, values.dir), undefined, indexOptions(io, values['no-lock']));
  const envelope = await evaluateStandard(
    index,
    id,
    {
      facts: readJsonFile(io, values.facts, 'facts'),
      ...(values.answers ? { answers: readJsonFile(io, values.answers, 'answers') } : {}),
      ...(values.at ? { at: values.at } : {}),
      ...(values.version ? { version: values.version } : {}),
      explain: values.explain,
    },
    { debug: values.debug },
  );
  io.out(JSON.stringify(envelope, null, 2));
  return 0;
}
