import { join, resolve } from 'node:path';
import {
  type AssuranceRun,
  type CompiledDocument,
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
import { type Io, indexOptions, standardsRoot } from '../io.ts';
import { dirFlag, flag, langFlag, MAX_SEED, noLockFlag, parseCommandLine } from '../options.ts';
import {
  compileFile,
  displayPath,
  emptyTarget,
  isInside,
  locateTarget,
  type Target,
  yamlFilesUnder,
} from '../targets.ts';

/** The most generated inputs per invariant one run may ask for: beyond, a run takes hours. */
const MAX_TEST_RUNS = 100_000;

/** `norma test`'s command line. */
export const spec = {
  name: 'test',
  usage:
    'norma test [paths…] [--seed n] [--runs n] [--format text|json] [--lang zh|en] [--dir path] [--no-lock]',
  summary: "run each document's tests and invariants; print shrunk counterexamples",
  flags: {
    seed: flag.integer(
      'n',
      'the seed of the generated inputs, to replay a run (default: random)',
      0,
      MAX_SEED,
    ),
    runs: flag.integer('n', `generated inputs per invariant (default: ${DEFAULT_RUNS})`, 1, MAX_TEST_RUNS),
    format: flag.choice(['text', 'json'], 'how to print the run'),
    lang: langFlag,
    dir: dirFlag,
    'no-lock': noLockFlag,
  },
  args: { min: 0, max: Number.POSITIVE_INFINITY },
};

/** `norma test`: runs each document's tests and invariants; exit 1 when anything fails. */
export async function testCommand(argv: string[], io: Io): Promise<number> {
  const { values, positionals } = parseCommandLine(argv, spec);
  const seed = values.seed ?? Math.floor(Math.random() * 2 ** 31);
  const runs = values.runs ?? DEFAULT_RUNS;
  const targets =
    positionals.length > 0 ? positionals.map((p) => resolve(io.cwd, p)) : [standardsRoot(io, values.dir)];
  const documents: CompiledDocument[] = [];
  const diagnostics: Diagnostic[] = [];
  for (const path of targets) {
    const target = locateTarget(path, io);
    const found = collect(target, io, indexOptions(io, values['no-lock']));
    const nothing = found.documents.length === 0 && found.diagnostics.length === 0;
    if (nothing && (target.kind === 'standards' || target.kind === 'folder')) {
      found.diagnostics.push(emptyTarget(path, io));
    }
    documents.push(...found.documents);
    diagnostics.push(...found.diagnostics);
  }
  const run: AssuranceRun = { seed, runs, documents: [], diagnostics: sortDiagnostics(diagnostics) };
  for (const doc of documents) run.documents.push(await testDocument(doc, { seed, runs }));
  io.out(values.format === 'json' ? formatRunJson(run, values.lang) : formatRunText(run, values.lang));
  return runPassed(run) ? 0 : 1;
}

interface Collected {
  documents: CompiledDocument[];
  diagnostics: Diagnostic[];
}

/** The documents under a target, and the errors of those that do not compile. */
function collect(target: Target, io: Io, options: IndexOptions): Collected {
  if (target.kind === 'unreadable') return { documents: [], diagnostics: [target.diagnostic] };
  if (target.kind === 'file') return compiled([target.path], io);
  if (target.kind === 'folder') return compiled(yamlFilesUnder(target.path), io);
  const index = loadStandards(target.root, undefined, options);
  const shown = (file: string) => displayPath(join(target.root, file), io);
  const documents: CompiledDocument[] = [];
  for (const state of index.files.values()) {
    if (state.document && isInside(target, state.path)) {
      documents.push({ ...state.document, file: shown(state.path) });
    }
  }
  const diagnostics = index.diagnostics
    .filter((d) => d.severity === 'error' && (!d.file || isInside(target, d.file)))
    .map((d) => (d.file ? { ...d, file: shown(d.file) } : d));
  return { documents, diagnostics };
}

function compiled(files: string[], io: Io): Collected {
  const out: Collected = { documents: [], diagnostics: [] };
  for (const file of files) {
    const result = compileFile(file, io);
    if (result.document) out.documents.push(result.document);
    out.diagnostics.push(...result.diagnostics.filter((d) => d.severity === 'error'));
  }
  return out;
}
