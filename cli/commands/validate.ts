import { existsSync, readFileSync, statSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import {
  type CompiledDocument,
  compileDocument,
  type Diagnostic,
  formatDiagnosticsText,
  hasErrors,
  type IndexOptions,
  loadStandards,
  sortDiagnostics,
  warning,
} from '../../engine/index.ts';
import { type Io, indexOptions, noLockOption, standardsDir } from '../io.ts';

export const usage = 'norma validate [paths…] [--dir path] [--format text|json] [--no-lock]';

/** `norma validate`: checks documents and prints every diagnostic; exit 1 on any error. */
export function validateCommand(argv: string[], io: Io): number {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: { dir: { type: 'string' }, format: { type: 'string', default: 'text' }, ...noLockOption },
  });
  const targets =
    positionals.length > 0 ? positionals.map((p) => resolve(io.cwd, p)) : [standardsDir(io, values.dir)];
  const diagnostics: Diagnostic[] = [];
  let documents = 0;
  const options = indexOptions(io, values['no-lock']);
  for (const target of targets) {
    const found = checkTarget(target, io, options);
    diagnostics.push(...found.diagnostics);
    documents += found.documents;
  }
  const sorted = sortDiagnostics(diagnostics);
  const errors = sorted.filter((d) => d.severity === 'error').length;
  const warnings = sorted.length - errors;
  if (values.format === 'json') {
    io.out(JSON.stringify({ documents, errors, warnings, diagnostics: sorted }, null, 2));
  } else {
    if (sorted.length > 0) io.out(formatDiagnosticsText(sorted));
    io.out(
      `${errors === 0 ? 'ok' : 'failed'}: ${documents} document${documents === 1 ? '' : 's'}, ${errors} error${errors === 1 ? '' : 's'}, ${warnings} warning${warnings === 1 ? '' : 's'}`,
    );
  }
  return hasErrors(sorted) ? 1 : 0;
}

/** A standards directory, a folder of documents, or one file. */
function checkTarget(
  target: string,
  io: Io,
  options: IndexOptions,
): { diagnostics: Diagnostic[]; documents: number } {
  if (!existsSync(target)) {
    return {
      diagnostics: [
        {
          code: 'input_unreadable',
          message: `no such file or directory: ${target}`,
          severity: 'error',
          file: target,
        },
      ],
      documents: 0,
    };
  }
  const isDirectory = statSync(target).isDirectory();
  if (isDirectory || findRoot(dirname(target))) {
    // A file inside a standards directory is checked with it, so the lock vouches for it too.
    const isRoot =
      isDirectory && (existsSync(join(target, 'rules')) || existsSync(join(target, 'checklists')));
    const root = isRoot ? target : findRoot(isDirectory ? target : dirname(target));
    if (root) {
      const index = loadStandards(root, undefined, options);
      const inside = (file: string | undefined) => !file || join(root, file).startsWith(target);
      return {
        diagnostics: index.diagnostics.filter((d) => inside(d.file)).map((d) => relocate(d, root, io)),
        documents: [...index.files.keys()].filter((f) => join(root, f).startsWith(target)).length,
      };
    }
    return { diagnostics: [], documents: 0 };
  }
  const text = readFileSync(target, 'utf8');
  const folder = basename(dirname(dirname(target)));
  const id = basename(dirname(target));
  const version = basename(target).replace(/\.ya?ml$/, '');
  const expected = folder === 'rules' || folder === 'checklists' ? { id, version, folder } : undefined;
  const result = compileDocument(text, displayPath(target, io), expected);
  return { diagnostics: [...result.diagnostics, ...lockUnchecked(result.document)], documents: 1 };
}

/** A file checked on its own, outside a standards directory: no lock can vouch for it. */
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

/** The standards root above a folder (…/rules/<id>), if there is one. */
function findRoot(dir: string): string | undefined {
  let d = dir;
  for (let i = 0; i < 3; i++) {
    if (basename(d) === 'rules' || basename(d) === 'checklists') return dirname(d);
    d = dirname(d);
  }
  return undefined;
}

function relocate(d: Diagnostic, root: string, io: Io): Diagnostic {
  return d.file ? { ...d, file: displayPath(join(root, d.file), io) } : d;
}

function displayPath(file: string, io: Io): string {
  return file.startsWith(`${io.cwd}/`) ? file.slice(io.cwd.length + 1) : file;
}
