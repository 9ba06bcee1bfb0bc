import { isAlias, isMap, isScalar, isSeq, LineCounter, type Node, parseAllDocuments } from 'yaml';
import { type Diagnostic, error, type Position } from '../diagnostics.ts';
import { readPlainYaml } from './fast.ts';
import { LineStarts, PositionMap, type Positions } from './positions.ts';

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

class LimitExceeded extends Error {
  constructor(readonly diagnostic: Diagnostic) {
    super(diagnostic.message);
  }
}

/**
 * Parses one YAML document with positions; never throws on bad input. `plain: false` always reads
 * with the `yaml` library (the fast reader's tests compare the two).
 */
export function loadYaml(text: string, file = '<input>', options: { plain?: boolean } = {}): LoadedYaml {
  const lineStarts = new LineStarts(text);
  const map = sourceMapOver(lineStarts);
  const result: LoadedYaml = { file, text, data: undefined, map, diagnostics: [] };
  const bytes = Buffer.byteLength(text, 'utf8');
  if (bytes > yamlLimits.maxBytes) {
    result.diagnostics.push(
      error('yaml_too_large', `file is ${bytes} bytes, more than the limit of ${yamlLimits.maxBytes}`, {
        file,
        line: 1,
        col: 1,
        hint: 'split the document, or check that the right file was given',
      }),
    );
    return result;
  }
  if (text.trim() === '') {
    result.diagnostics.push(
      error('yaml_empty', 'the file is empty', {
        file,
        line: 1,
        col: 1,
        hint: 'a document starts with `kind:`',
      }),
    );
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
  const lines = new LineCounter();
  let docs: ReturnType<typeof parseAllDocuments>;
  try {
    docs = parseAllDocuments(text, { lineCounter: lines, uniqueKeys: true, prettyErrors: false });
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
  if (list.some((doc) => doc.errors.some((e) => /call stack/i.test(e.message)))) {
    result.diagnostics.push(
      error('yaml_too_deep', 'nesting is too deep to read', {
        file,
        line: 1,
        col: 1,
        hint: `documents nest at most ${yamlLimits.maxDepth} levels`,
      }),
    );
    return result;
  }
  // After a syntax error the parser's recovery reports follow-on errors that only confuse: keep
  // the first one. Duplicate keys are independent of each other, so each is reported.
  const errors = list.flatMap((doc) => doc.errors).sort((a, b) => a.pos[0] - b.pos[0]);
  const firstSyntax = errors.find((e) => e.code !== 'DUPLICATE_KEY');
  for (const doc of list) {
    for (const e of doc.errors) {
      if (firstSyntax && e !== firstSyntax) continue;
      const code = e.code === 'DUPLICATE_KEY' ? 'yaml_duplicate_key' : 'yaml_syntax';
      const message = e.message.split('\n')[0]?.replace(/ at line \d+, column \d+:?$/, '') ?? e.message;
      const key = code === 'yaml_duplicate_key' ? keyAt(text, e.pos[0]) : undefined;
      result.diagnostics.push(
        error(code, key ? `key \`${key}\` appears twice in the same mapping` : lowerFirst(message), {
          file,
          ...at(e.pos[0]),
          hint:
            code === 'yaml_duplicate_key'
              ? 'each key may appear once in a mapping: remove or merge the second one'
              : 'check the indentation and the brackets and quotes around this position',
        }),
      );
    }
  }
  if (list.length > 1) {
    const second = list[1];
    result.diagnostics.push(
      error('yaml_multiple_documents', 'a file holds one document; found more after `---`', {
        file,
        ...at(second?.range?.[0] ?? 0),
        hint: 'put each version in its own file',
      }),
    );
  }
  if (result.diagnostics.length > 0) return result;
  const doc = list[0];
  if (!doc || doc.contents === null) {
    result.diagnostics.push(
      error('yaml_empty', 'the file holds no document', {
        file,
        line: 1,
        col: 1,
        hint: 'a document starts with `kind:`',
      }),
    );
    return result;
  }
  const state = { nodes: 0 };
  const anchors = new Map<Node, Node | null>();
  const convert = (node: Node | null, pointer: string, depth: number): unknown => {
    if (node === null) return null;
    if (++state.nodes > yamlLimits.maxNodes) {
      throw new LimitExceeded(
        error('yaml_alias_limit', `the document expands to more than ${yamlLimits.maxNodes} nodes`, {
          file,
          ...at(node.range?.[0] ?? 0),
          hint: 'aliases (`*name`) that repeat large anchors multiply the size: write the data out',
        }),
      );
    }
    if (depth > yamlLimits.maxDepth) {
      throw new LimitExceeded(
        error('yaml_too_deep', `nesting is deeper than ${yamlLimits.maxDepth} levels`, {
          file,
          ...at(node.range?.[0] ?? 0),
          hint: `documents nest at most ${yamlLimits.maxDepth} levels`,
        }),
      );
    }
    if (node.range) map.value.set(pointer, node.range[0]);
    if (isAlias(node)) {
      // Resolving searches the document for the anchor: remember it, as a bomb repeats aliases.
      let target = anchors.get(node);
      if (target === undefined) {
        target = (node.resolve(doc) as Node | undefined) ?? null;
        anchors.set(node, target);
      }
      return convert(target, pointer, depth + 1);
    }
    if (isScalar(node)) return node.value;
    if (isSeq(node)) {
      return node.items.map((item, i) => convert(item as Node | null, `${pointer}/${i}`, depth + 1));
    }
    if (isMap(node)) {
      const obj: Record<string, unknown> = {};
      for (const pair of node.items) {
        const keyNode = pair.key as Node | null;
        const key = isScalar(keyNode) ? String(keyNode.value) : null;
        if (key === null) {
          throw new LimitExceeded(
            error('yaml_key_not_scalar', 'mapping keys must be plain text', {
              file,
              ...at(keyNode?.range?.[0] ?? 0),
            }),
          );
        }
        const child = `${pointer}/${escapePointer(key)}`;
        if (keyNode?.range) map.key.set(child, keyNode.range[0]);
        // defineProperty keeps keys such as `__proto__` as plain data, never a prototype change.
        Object.defineProperty(obj, key, {
          value: convert(pair.value as Node | null, child, depth + 1),
          enumerable: true,
          writable: true,
          configurable: true,
        });
        if (!map.value.has(child) && keyNode?.range) map.value.set(child, keyNode.range[0]);
      }
      return obj;
    }
    return null;
  };
  try {
    result.data = convert(doc.contents as Node, '', 0);
  } catch (e) {
    if (e instanceof LimitExceeded) result.diagnostics.push(e.diagnostic);
    else if (e instanceof RangeError)
      result.diagnostics.push(
        error('yaml_too_deep', 'nesting is too deep to read', { file, line: 1, col: 1 }),
      );
    else throw e;
  }
  return result;
}

/** The key written at an offset (plain or quoted), for naming a duplicate key. */
function keyAt(text: string, offset: number): string | undefined {
  const m = /^("(?:[^"\\]|\\.)*"|'[^']*'|[^:\n,{}[\]]+?)\s*:/.exec(text.slice(offset, offset + 200));
  return m?.[1]?.replace(/^(["'])(.*)\1$/, '$2');
}

/** Escapes a key for a JSON pointer (RFC 6901). */
export function escapePointer(key: string): string {
  return key.replaceAll('~', '~0').replaceAll('/', '~1');
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
