import { resolve } from 'node:path';
import {
  type CompiledDocument,
  DEEP_RUNS,
  type Diagnostic,
  deepSearch,
  formatDiagnosticsText,
  hasErrors,
  type IndexOptions,
  loadStandards,
  sortDiagnostics,
  warning,
  withSummaries,
} from '../../engine/index.ts';
import { type Io, indexOptions, standardsRoot } from '../io.ts';
import { dirFlag, flag, langFlag, noLockFlag, parseCommandLine } from '../options.ts';
import {
  compileFile,
  displayPath,
  emptyTarget,
  isInside,
  locateTarget,
  type Target,
  yamlFilesUnder,
} from '../targets.ts';

/** `norma validate`'s command line. */
export const spec = {
  name: 'validate',
  usage: 'norma validate [paths…] [--dir path] [--format text|json] [--deep] [--lang zh|en] [--no-lock]',
  summary: 'check documents; print file:line:col code message; exit 1 on any error',
  flags: {
    dir: dirFlag,
    'no-lock': noLockFlag,
    deep: flag.boolean(
      `also search with ${DEEP_RUNS} generated inputs per document for rules, items and bands nothing reaches`,
    ),
    format: flag.choice(['text', 'json'], 'how to print the diagnostics'),
    lang: langFlag,
  },
  args: { min: 0, max: Number.POSITIVE_INFINITY },
};

/** `norma validate`: checks documents and prints every diagnostic; exit 1 on any error. */
export async function validateCommand(argv: string[], io: Io): Promise<number> {
  const { values, positionals } = parseCommandLine(argv, spec);
  const targets =
    positionals.length > 0 ? positionals.map((p) => resolve(io.cwd, p)) : [standardsRoot(io, values.dir)];
  const diagnostics: Diagnostic[] = [];
  let documents = 0;
  const options = indexOptions(io, values['no-lock']);
  for (const path of targets) {
    const found = checkTarget(locateTarget(path, io), io, options);
    diagnostics.push(...found.diagnostics);
    documents += found.documents;
    if (values.deep) for (const doc of found.compiled) diagnostics.push(...(await deepSearch(doc)));
  }
  const sorted = sortDiagnostics(diagnostics);
  const errors = sorted.filter((d) => d.severity === 'error').length;
  const warnings = sorted.length - errors;
  if (values.format === 'json') {
    io.out(
      JSON.stringify(
        { documents, errors, warnings, diagnostics: withSummaries(sorted, values.lang) },
        null,
        2,
      ),
    );
  } else {
    if (sorted.length > 0) io.out(formatDiagnosticsText(sorted, values.lang));
    io.out(
      `${errors === 0 ? 'ok' : 'failed'}: ${documents} document${documents === 1 ? '' : 's'}, ${errors} error${errors === 1 ? '' : 's'}, ${warnings} warning${warnings === 1 ? '' : 's'}`,
    );
  }
  return hasErrors(sorted) ? 1 : 0;
}

interface Checked {
  diagnostics: Diagnostic[];
  documents: number;
  /** The documents that compiled, for `--deep`. */
  compiled: CompiledDocument[];
}

/** A standards directory (or a folder in one), a folder of documents, or one file. */
function checkTarget(target: Target, io: Io, options: IndexOptions): Checked {
  const checked = checkFound(target, io, options);
  if ((target.kind === 'standards' || target.kind === 'folder') && checked.documents === 0) {
    checked.diagnostics.push(emptyTarget(target.path, io));
  }
  return checked;
}

function checkFound(target: Target, io: Io, options: IndexOptions): Checked {
  if (target.kind === 'unreadable') return { diagnostics: [target.diagnostic], documents: 0, compiled: [] };
  if (target.kind === 'file' || target.kind === 'folder') {
    const files = target.kind === 'file' ? [target.path] : yamlFilesUnder(target.path);
    const results = files.map((f) => compileFile(f, io));
    return {
      diagnostics: results.flatMap((r) => [...r.diagnostics, ...lockUnchecked(r.document)]),
      documents: files.length,
      compiled: results.flatMap((r) => (r.document ? [r.document] : [])),
    };
  }
  const index = loadStandards(target.root, undefined, options);
  const shown = (d: Diagnostic) =>
    d.file ? { ...d, file: displayPath(resolve(target.root, d.file), io) } : d;
  return {
    diagnostics: index.diagnostics.filter((d) => !d.file || isInside(target, d.file)).map(shown),
    documents: [...index.files.keys()].filter((f) => isInside(target, f)).length,
    compiled: [...index.files.values()].flatMap((f) =>
      f.document && isInside(target, f.path)
        ? [{ ...f.document, file: displayPath(resolve(target.root, f.path), io) }]
        : [],
    ),
  };
}

/** An approved or retired version checked on its own: no norma.lock can vouch for it. */
function lockUnchecked(doc: CompiledDocument | undefined): Diagnostic[] {
  if (!doc || doc.status === 'draft') return [];
  return [
    warning(
      'lock_unchecked',
      `${doc.status} version ${doc.version} was checked on its own: no norma.lock vouches for it`,
      {
        file: doc.file,
        hint: 'validate its standards directory (`norma validate --dir <root>`) to check it against the lock',
      },
    ),
  ];
}
