import { readFileSync } from 'node:fs';
import { basename, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import {
  type DiffInput,
  diffVersions,
  diffView,
  formatDiffText,
  loadStandards,
  NormaError,
  parseJsonLines,
  renderDiff,
} from '../../engine/index.ts';
import { type Io, indexOptions, noLockOption, standardsDir, UsageError } from '../io.ts';

export const usage =
  'norma diff <id> <from> <to> [--format text|md|html|json] [--inputs work-orders.jsonl] [--runs n] [--seed n] [--at date] [--no-behaviour] [--dir path] [--no-lock]';

const FORMATS = ['text', 'md', 'html', 'json'];

/** `norma diff`: what changed between two versions, and what it changes in practice. */
export function diffCommand(argv: string[], io: Io): number {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      format: { type: 'string', default: 'text' },
      inputs: { type: 'string' },
      runs: { type: 'string' },
      seed: { type: 'string' },
      at: { type: 'string' },
      'no-behaviour': { type: 'boolean', default: false },
      dir: { type: 'string' },
      ...noLockOption,
    },
  });
  const [id, from, to] = positionals;
  if (!id || !from || !to) throw new UsageError('give the id and the two versions to compare');
  if (!FORMATS.includes(values.format)) throw new UsageError(`--format is one of ${FORMATS.join(', ')}`);
  const runs = integer(values.runs, '--runs');
  const seed = integer(values.seed, '--seed');
  const index = loadStandards(standardsDir(io, values.dir), undefined, indexOptions(io, values['no-lock']));
  const report = diffVersions(index, id, from, to, {
    behaviour: !values['no-behaviour'],
    ...(runs !== undefined ? { runs } : {}),
    ...(seed !== undefined ? { seed } : {}),
    ...(values.at ? { at: values.at } : {}),
    ...(values.inputs ? { inputs: readJsonLines(io, values.inputs) } : {}),
  });
  const name = values.inputs ? basename(values.inputs) : undefined;
  if (values.format === 'json') io.out(JSON.stringify(report, null, 2));
  else if (values.format === 'text') io.out(formatDiffText(diffView(report, name)));
  else io.out(renderDiff(report, values.format as 'md' | 'html', name));
  return 0;
}

function integer(raw: string | undefined, flag: string): number | undefined {
  if (raw === undefined) return undefined;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 0) throw new UsageError(`${flag} takes a whole number, not \`${raw}\``);
  return n;
}

/** Reads real inputs from a JSON Lines file (or standard input for `-`). */
function readJsonLines(io: Io, path: string): DiffInput[] {
  let text: string;
  try {
    text = path === '-' ? io.readStdin() : readFileSync(resolve(io.cwd, path), 'utf8');
  } catch (e) {
    throw new NormaError('input_unreadable', `cannot read inputs file \`${path}\`: ${(e as Error).message}`);
  }
  return parseJsonLines(text, `inputs file \`${path}\``);
}
