import type { Document, parseAllDocuments } from 'yaml';
import { type Diagnostic, error, type Position } from '../diagnostics.ts';
import { yaml } from '../packages.ts';
import { toData } from './data.ts';
import { readPlainYaml } from './fast.ts';
import { escapePointer } from './pointer.ts';
import { LineStarts, PositionMap, type Positions } from './positions.ts';
import { type Prescan, prescanYaml } from './prescan.ts';

export { escapePointer };

/**
 * Where each JSON pointer of a loaded document starts: its value, and its key when it has one.
 * Positions are kept as offsets and turned into line and column when asked (`get`).
 */
export interface SourceMap {
  value: Positions;
  key: Positions;
}

/** An empty source map over a text. */
export function emptySourceMap(text: string): SourceMap {
  return sourceMapOver(new LineStarts(text));
}

function sourceMapOver(lines: LineStarts): { value: PositionMap; key: PositionMap } {
  return { value: new PositionMap(lines), key: new PositionMap(lines) };
}

/** A YAML file turned into plain data, with the positions of every node. */
export interface LoadedYaml {
  file: string;
  text: string;
  /** The data, or undefined when the file could not be read as one YAML mapping. */
  data: unknown;
  map: SourceMap;
  diagnostics: Diagnostic[];
}

/** Limits that keep hostile files from hanging or crashing the loader. */
export const yamlLimits = {
  maxBytes: 1024 * 1024,
  maxDepth: 64,
  /** Nodes produced, counting every expansion of an alias: stops alias bombs. */
  maxNodes: 100_000,
};

/**
 * Parses one YAML document with positions; never throws on bad input. `plain: false` always reads
 * with the `yaml` library (the fast reader's tests compare the two).
 */
export function loadYaml(text: string, file = '<input>', options: { plain?: boolean } = {}): LoadedYaml {
  const lineStarts = new LineStarts(text);
  const map = sourceMapOver(lineStarts);
  const result: LoadedYaml = { file, text, data: undefined, map, diagnostics: [] };
  const refused = refuseText(text, file, lineStarts);
  if (refused) {
    result.diagnostics.push(refused);
    return result;
  }
  // Nearly every document is plain block YAML: read it directly, and leave the rest (and every
  // problem) to the library.
  const plain = options.plain === false ? undefined : readPlainYaml(text, lineStarts, yamlLimits);
  if (plain) {
    result.data = plain.data;
    result.map = { value: plain.value, key: plain.key };
    return result;
  }
  const prescan = prescanYaml(text, yamlLimits);
  if (prescan.exceeded) {
    result.diagnostics.push(overLimit(prescan.exceeded, file, lineStarts));
    return result;
  }
  // A megabyte of comments need not be parsed to know it holds nothing.
  if (prescan.empty) {
    result.diagnostics.push(noDocument(file));
    return result;
  }
  const lines = new (yaml().LineCounter)();
  let docs: ReturnType<typeof parseAllDocuments>;
  try {
    // Duplicate keys are found while converting (the library's check compares every pair of keys).
    docs = yaml().parseAllDocuments(text, { lineCounter: lines, uniqueKeys: false, prettyErrors: false });
  } catch (e) {
    const tooDeep = e instanceof RangeError;
    result.diagnostics.push(
      error(tooDeep ? 'yaml_too_deep' : 'yaml_syntax', tooDeep ? 'nesting is too deep to read' : String(e), {
        file,
        line: 1,
        col: 1,
      }),
    );
    return result;
  }
  const list = Array.isArray(docs) ? docs : [];
  const at = (offset: number): Position => {
    const p = lines.linePos(offset);
    return { line: p.line, col: p.col };
  };
  const problem = documentProblem(list, file, at);
  const doc = list[0];
  if (problem || !doc) {
    if (problem) result.diagnostics.push(problem);
    return result;
  }
  const converted = toData(doc, { file, text, at, ...map, limits: yamlLimits, tags: prescan.tags });
  // Not a spread: a file of duplicate keys gives more diagnostics than a call takes arguments.
  for (const d of converted.diagnostics) result.diagnostics.push(d);
  if (converted.data !== undefined) result.data = converted.data;
  return result;
}

/** What makes a text unreadable before any parsing: its size, its line ends, having no content. */
function refuseText(text: string, file: string, lines: LineStarts): Diagnostic | undefined {
  const bytes = Buffer.byteLength(text, 'utf8');
  if (bytes > yamlLimits.maxBytes) {
    return error('yaml_too_large', `file is ${bytes} bytes, more than the limit of ${yamlLimits.maxBytes}`, {
      file,
      line: 1,
      col: 1,
      hint: 'split the document, or check that the right file was given',
    });
  }
  // YAML reads a lone CR as a line break, the `yaml` library as text: refuse rather than guess.
  const cr = /\r(?!\n)/.exec(text);
  if (cr) {
    return error('yaml_cr_line_end', 'a line ends with a lone carriage return (CR), not LF or CRLF', {
      file,
      ...lines.positionAt(cr.index),
      hint: 'save the file with LF (or CRLF) line ends; old Mac line ends are not read',
    });
  }
  if (text.trim() === '') {
    return error('yaml_empty', 'the file is empty', {
      file,
      line: 1,
      col: 1,
      hint: 'a document starts with `kind:`',
    });
  }
  return undefined;
}

/** The pre-scan's finding as a diagnostic. */
function overLimit(exceeded: NonNullable<Prescan['exceeded']>, file: string, lines: LineStarts): Diagnostic {
  const where = { file, ...lines.positionAt(exceeded.offset) };
  if (exceeded.limit === 'depth') {
    return error('yaml_too_deep', `nesting is deeper than ${yamlLimits.maxDepth} levels`, {
      ...where,
      hint: `documents nest at most ${yamlLimits.maxDepth} levels`,
    });
  }
  if (exceeded.limit === 'documents') {
    return error('yaml_multiple_documents', 'a file holds one document; found more after `---`', {
      ...where,
      hint: 'put each version in its own file',
    });
  }
  if (exceeded.limit === 'properties') {
    return error('yaml_syntax', 'a value has more than one anchor (`&name`) or more than one tag', {
      ...where,
      hint: 'write at most one anchor and one tag before a value',
    });
  }
  return error('yaml_too_many_values', `the document holds more than ${yamlLimits.maxNodes} values`, {
    ...where,
    hint: 'split the document, or check that the right file was given',
  });
}

/**
 * The first problem of the parsed documents: nesting too deep for the parser, a syntax error,
 * more than one document, or none.
 */
function documentProblem(
  list: readonly Document[],
  file: string,
  at: (offset: number) => Position,
): Diagnostic | undefined {
  if (list.some((doc) => doc.errors.some((e) => /call stack/i.test(e.message)))) {
    return error('yaml_too_deep', 'nesting is too deep to read', {
      file,
      line: 1,
      col: 1,
      hint: `documents nest at most ${yamlLimits.maxDepth} levels`,
    });
  }
  // After a syntax error the parser's recovery reports follow-on errors that only confuse: keep
  // the first one.
  const first = list.flatMap((doc) => doc.errors).sort((a, b) => a.pos[0] - b.pos[0])[0];
  if (first) {
    const message = first.message.split('\n')[0]?.replace(/ at line \d+, column \d+:?$/, '') ?? first.message;
    return error('yaml_syntax', lowerFirst(message), {
      file,
      ...at(first.pos[0]),
      hint: 'check the indentation and the brackets and quotes around this position',
    });
  }
  if (list.length > 1) {
    return error('yaml_multiple_documents', 'a file holds one document; found more after `---`', {
      file,
      ...at(list[1]?.range?.[0] ?? 0),
      hint: 'put each version in its own file',
    });
  }
  if (list[0]?.contents == null) return noDocument(file);
  return undefined;
}

function noDocument(file: string): Diagnostic {
  return error('yaml_empty', 'the file holds no document', {
    file,
    line: 1,
    col: 1,
    hint: 'a document starts with `kind:`',
  });
}

/** Finds the closest known position for a pointer, walking up to its parents. */
export function positionOf(map: SourceMap, pointer: string, prefer: 'key' | 'value' = 'value'): Position {
  let p = pointer;
  for (;;) {
    const hit =
      prefer === 'key' ? (map.key.get(p) ?? map.value.get(p)) : (map.value.get(p) ?? map.key.get(p));
    if (hit) return hit;
    if (p === '') return { line: 1, col: 1 };
    p = p.slice(0, p.lastIndexOf('/'));
  }
}

function lowerFirst(s: string): string {
  return s.charAt(0).toLowerCase() + s.slice(1);
}
