import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, dirname, join, relative, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import {
  type AssuranceRun,
  type CompiledDocument,
  compileDocument,
  DEFAULT_RUNS,
  type Diagnostic,
  formatRunJson,
  formatRunText,
  type IndexOptions,
  loadStandards,
  runPassed,
  sortDiagnostics,
  testDocument,
} from '../../engine/index.ts';
import { type Io, indexOptions, noLockOption, standardsDir, UsageError } from '../io.ts';

export const usage =
  'norma test [paths…] [--seed n] [--runs n] [--format text|json] [--dir path] [--no-lock]';

/** `norma test`: runs each document's tests and invariants; exit 1 when anything fails. */
export async function testCommand(argv: string[], io: Io): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      seed: { type: 'string' },
      runs: { type: 'string' },
      format: { type: 'string', default: 'text' },
      dir: { type: 'string' },
      ...noLockOption,
    },
  });
  const seed =
    values.seed === undefined ? Math.floor(Math.random() * 2 ** 31) : wholeNumber(values.seed, '--seed');
  const runs = values.runs === undefined ? DEFAULT_RUNS : wholeNumber(values.runs, '--runs');
  if (runs < 1) throw new UsageError('--runs must be at least 1');
  if (values.format !== 'text' && values.format !== 'json') {
    throw new UsageError(`--format is text or json, not \`${values.format}\``);
  }
  const targets =
    positionals.length > 0 ? positionals.map((p) => resolve(io.cwd, p)) : [standardsDir(io, values.dir)];
  const documents: CompiledDocument[] = [];
  const diagnostics: Diagnostic[] = [];
  for (const target of targets) {
    const found = collect(target, io, indexOptions(io, values['no-lock']));
    documents.push(...found.documents);
    diagnostics.push(...found.diagnostics);
  }
  const run: AssuranceRun = { seed, runs, documents: [], diagnostics: sortDiagnostics(diagnostics) };
  for (const doc of documents) run.documents.push(await testDocument(doc, { seed, runs }));
  io.out(values.format === 'json' ? formatRunJson(run) : formatRunText(run));
  return runPassed(run) ? 0 : 1;
}

function wholeNumber(text: string, flag: string): number {
  const n = Number(text);
  if (!Number.isInteger(n) || n < 0) throw new UsageError(`${flag} takes a whole number, not \`${text}\``);
  return n;
}

interface Collected {
  documents: CompiledDocument[];
  diagnostics: Diagnostic[];
}

/** The documents under a target: a standards directory, a folder inside one, any folder, or a file. */
function collect(target: string, io: Io, options: IndexOptions): Collected {
  if (!existsSync(target)) {
    return {
      documents: [],
      diagnostics: [
        {
          code: 'input_unreadable',
          message: `no such file or directory: ${target}`,
          severity: 'error',
          file: target,
        },
      ],
    };
  }
  if (!statSync(target).isDirectory()) return compileOne(target, io);
  const root = isRoot(target) ? target : findRoot(target);
  if (!root) {
    const out: Collected = { documents: [], diagnostics: [] };
    for (const file of yamlFiles(target)) {
      const one = compileOne(file, io);
      out.documents.push(...one.documents);
      out.diagnostics.push(...one.diagnostics);
    }
    return out;
  }
  const index = loadStandards(root, undefined, options);
  const shown = (file: string) => display(join(root, file), io);
  const inside = (file: string) => join(root, file).startsWith(target);
  const documents: CompiledDocument[] = [];
  for (const state of index.files.values()) {
    if (state.document && inside(state.path)) documents.push({ ...state.document, file: shown(state.path) });
  }
  const diagnostics = index.diagnostics
    .filter((d) => d.severity === 'error' && (!d.file || inside(d.file)))
    .map((d) => (d.file ? { ...d, file: shown(d.file) } : d));
  return { documents, diagnostics };
}

function compileOne(file: string, io: Io): Collected {
  const folder = basename(dirname(dirname(file)));
  const expected =
    folder === 'rules' || folder === 'checklists'
      ? { id: basename(dirname(file)), version: basename(file).replace(/\.ya?ml$/, ''), folder }
      : undefined;
  const result = compileDocument(readFileSync(file, 'utf8'), display(file, io), expected);
  return {
    documents: result.document ? [result.document] : [],
    diagnostics: result.diagnostics.filter((d) => d.severity === 'error'),
  };
}

function isRoot(dir: string): boolean {
  return existsSync(join(dir, 'rules')) || existsSync(join(dir, 'checklists'));
}

/** The standards root above a folder (…/rules or …/rules/<id>), if there is one. */
function findRoot(dir: string): string | undefined {
  let d = dir;
  for (let i = 0; i < 2; i++) {
    if (basename(d) === 'rules' || basename(d) === 'checklists') return dirname(d);
    d = dirname(d);
  }
  return undefined;
}

function yamlFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((f) => /\.ya?ml$/.test(f))
    .sort()
    .map((f) => join(dir, f));
}

function display(file: string, io: Io): string {
  const rel = relative(io.cwd, file);
  return rel.startsWith('..') ? file : rel;
}
