import { parseArgs } from 'node:util';
import { isIsoDate } from '../engine/index.ts';
import { UsageError } from './io.ts';

/**
 * One shared command-line parser: every command declares its flags here once, and gets the same
 * checks (unknown flags, missing values, formats, dates, bounded numbers) and a generated `--help`.
 */

interface FlagBase {
  /** One line for `--help`. */
  help: string;
}

/** A switch such as `--explain`. */
export interface BooleanFlag extends FlagBase {
  kind: 'boolean';
}

/** A free value such as a path or a version; `value` names it in the help (`--out file.html`). */
export interface StringFlag extends FlagBase {
  kind: 'string';
  value: string;
}

/** One of a closed list; the first is the default. */
export interface ChoiceFlag<C extends string = string> extends FlagBase {
  kind: 'choice';
  choices: readonly [C, ...C[]];
}

/** A calendar date written `YYYY-MM-DD`. */
export interface DateFlag extends FlagBase {
  kind: 'date';
}

/** A whole number within `[min, max]`. */
export interface IntegerFlag extends FlagBase {
  kind: 'integer';
  value: string;
  min: number;
  max: number;
}

export type Flag = BooleanFlag | StringFlag | ChoiceFlag | DateFlag | IntegerFlag;

/** What a command accepts: its flags, how many arguments, and how to say one is missing. */
export interface CommandSpec<F extends Record<string, Flag> = Record<string, Flag>> {
  name: string;
  usage: string;
  summary: string;
  flags: F;
  args: { min: number; max: number; missing?: string };
}

/** The parsed value of each kind of flag. */
export type FlagValue<F extends Flag> = F extends BooleanFlag
  ? boolean
  : F extends ChoiceFlag<infer C>
    ? C
    : F extends IntegerFlag
      ? number | undefined
      : string | undefined;

/** What `parseCommandLine` returns: typed flag values and the positional arguments. */
export interface ParsedCommandLine<F extends Record<string, Flag>> {
  values: { [K in keyof F]: FlagValue<F[K]> };
  positionals: string[];
}

/** Builders, so that specs read as one line per flag and keep their literal types. */
export const flag = {
  boolean: (help: string): BooleanFlag => ({ kind: 'boolean', help }),
  string: (value: string, help: string): StringFlag => ({ kind: 'string', value, help }),
  choice: <const C extends string>(choices: readonly [C, ...C[]], help: string): ChoiceFlag<C> => ({
    kind: 'choice',
    choices,
    help,
  }),
  date: (help: string): DateFlag => ({ kind: 'date', help }),
  integer: (value: string, help: string, min: number, max: number): IntegerFlag => ({
    kind: 'integer',
    value,
    help,
    min,
    max,
  }),
};

/** `--dir`, which every command takes. */
export const dirFlag = flag.string(
  'path',
  'the standards directory (default: `NORMA_DIR`, else the bundled one)',
);

/** `--no-lock`, which every command that loads a standards directory takes. */
export const langFlag = flag.choice(
  ['zh', 'en'],
  'the language of summaries, labels and reports: zh (the default) or en',
);
export const noLockFlag = flag.boolean(
  'do not check norma.lock (development directories only: unsafe for production)',
);

/** The largest seed: fast-check seeds are 32-bit, and `norma test` draws its own below 2^31. */
export const MAX_SEED = 2 ** 31 - 1;

const HELP: Flag = { kind: 'boolean', help: 'print this help' };

type Token = ReturnType<typeof tokenize>[number];

function tokenize(argv: string[], flags: Record<string, Flag>) {
  const options: Record<string, { type: 'string' | 'boolean'; short?: string }> = {
    help: { type: 'boolean', short: 'h' },
  };
  for (const [name, f] of Object.entries(flags))
    options[name] = { type: f.kind === 'boolean' ? 'boolean' : 'string' };
  // strict: false, so that every mistake is reported here in norma's words rather than Node's.
  return parseArgs({ args: argv, options, strict: false, allowPositionals: true, tokens: true }).tokens;
}

/** Whether the command line asks for `--help` or `-h` (before any `--`). */
export function asksForHelp(argv: string[], spec: CommandSpec): boolean {
  return tokenize(argv, spec.flags).some((t) => t.kind === 'option' && t.name === 'help');
}

/** Parses a command line against its spec; every mistake is a UsageError naming the flag. */
export function parseCommandLine<F extends Record<string, Flag>>(
  argv: string[],
  spec: CommandSpec<F>,
): ParsedCommandLine<F> {
  const raw = new Map<string, string | true>();
  const positionals: string[] = [];
  for (const token of tokenize(argv, spec.flags)) {
    if (token.kind === 'positional') positionals.push(token.value);
    else if (token.kind === 'option') raw.set(token.name, rawValue(token, spec.flags));
  }
  checkArgumentCount(positionals, spec);
  const values: Record<string, unknown> = {};
  for (const [name, f] of Object.entries(spec.flags)) values[name] = parsedValue(name, f, raw.get(name));
  return { values: values as ParsedCommandLine<F>['values'], positionals };
}

function rawValue(token: Extract<Token, { kind: 'option' }>, flags: Record<string, Flag>): string | true {
  // Own keys only: `--constructor` is not a flag because every object has one.
  const f = Object.hasOwn(flags, token.name) ? flags[token.name] : undefined;
  if (!f) throw new UsageError(`unknown option \`${token.rawName}\``);
  if (f.kind === 'boolean') {
    if (token.inlineValue) throw new UsageError(`\`--${token.name}\` takes no value`);
    return true;
  }
  const value = token.value;
  // `--facts --explain` would read `--explain` as the file name: almost always a forgotten value.
  if (value === undefined || value === '' || (!token.inlineValue && value.startsWith('--'))) {
    throw new UsageError(`\`--${token.name}\` needs a value: \`--${token.name} ${placeholder(f)}\``);
  }
  return value;
}

function checkArgumentCount(positionals: string[], spec: CommandSpec): void {
  if (positionals.length < spec.args.min) {
    throw new UsageError(spec.args.missing ?? `expected ${spec.args.min} argument(s)`);
  }
  if (positionals.length > spec.args.max) {
    throw new UsageError(`unexpected argument \`${positionals[spec.args.max]}\``);
  }
}

function parsedValue(name: string, f: Flag, raw: string | true | undefined): unknown {
  if (f.kind === 'boolean') return raw === true;
  if (f.kind === 'choice') return raw === undefined ? f.choices[0] : choiceOf(name, f, raw as string);
  if (raw === undefined) return undefined;
  const text = raw as string;
  if (f.kind === 'date') return dateOf(name, text);
  if (f.kind === 'integer') return integerOf(name, f, text);
  return text;
}

function choiceOf(name: string, f: ChoiceFlag, raw: string): string {
  if ((f.choices as readonly string[]).includes(raw)) return raw;
  throw new UsageError(
    `\`--${name}\` is one of ${f.choices.map((c) => `\`${c}\``).join(', ')}, not \`${raw}\``,
  );
}

function dateOf(name: string, raw: string): string {
  if (isIsoDate(raw)) return raw;
  throw new UsageError(`\`--${name}\` takes a date written YYYY-MM-DD (e.g. 2026-03-01), not \`${raw}\``);
}

function integerOf(name: string, f: IntegerFlag, raw: string): number {
  // Digits only: `Number` would also read `1e3`, `0x10`, ` 5` and `5.0` as whole numbers.
  const n = /^-?\d{1,16}$/.test(raw) ? Number(raw) : Number.NaN;
  if (!Number.isSafeInteger(n) || n < f.min || n > f.max) {
    throw new UsageError(
      `\`--${name}\` takes a whole number from ${f.min} to ${f.max.toLocaleString('en')}, not \`${raw}\``,
    );
  }
  return n;
}

function placeholder(f: Flag): string {
  if (f.kind === 'choice') return f.choices.join('|');
  if (f.kind === 'date') return 'YYYY-MM-DD';
  if (f.kind === 'string' || f.kind === 'integer') return f.value;
  return '';
}

/** A command's `--help`: usage, what it does, and every flag with its meaning. */
export function commandHelp(spec: CommandSpec): string {
  const flags: Record<string, Flag> = { ...spec.flags, help: HELP };
  const rows = Object.entries(flags).map(([name, f]) => {
    const value = placeholder(f);
    const left = `${name === 'help' ? '-h, ' : ''}--${name}${value ? ` ${value}` : ''}`;
    return [left, f.kind === 'choice' ? `${f.help} (default: ${f.choices[0]})` : f.help] as const;
  });
  const width = Math.max(...rows.map(([left]) => left.length));
  const lines = rows.map(([left, help]) => `  ${left.padEnd(width)}  ${help}`);
  return `usage: ${spec.usage}\n\n${spec.summary}\n\noptions:\n${lines.join('\n')}\n`;
}
