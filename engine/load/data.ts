import type { Document, Node } from 'yaml';
import { type Diagnostic, error, type Position } from '../diagnostics.ts';
import { yaml } from '../packages.ts';
import { escapePointer } from './pointer.ts';
import type { PositionMap } from './positions.ts';

/** Where the conversion reads from and writes to. */
export interface DataContext {
  file: string;
  text: string;
  /** Line and column of an offset. */
  at: (offset: number) => Position;
  value: PositionMap;
  key: PositionMap;
  limits: { maxDepth: number; maxNodes: number };
  /** Offsets of the tags written in the text, in order (from the pre-scan). */
  tags: readonly number[];
}

/** The tags of the YAML 1.2 core schema: what a document may write. Others are refused. */
const CORE_TAGS: Record<string, (value: unknown, node: Node) => boolean> = {
  'tag:yaml.org,2002:str': (v) => typeof v === 'string',
  'tag:yaml.org,2002:int': (v) => Number.isInteger(v),
  'tag:yaml.org,2002:float': (v) => typeof v === 'number',
  'tag:yaml.org,2002:bool': (v) => typeof v === 'boolean',
  'tag:yaml.org,2002:null': (v) => v === null,
  'tag:yaml.org,2002:map': (_v, node) => yaml().isMap(node),
  'tag:yaml.org,2002:seq': (_v, node) => yaml().isSeq(node),
};

class LimitExceeded extends Error {
  constructor(readonly diagnostic: Diagnostic) {
    super(diagnostic.message);
  }
}

/**
 * Turns a parsed YAML document into plain data, recording the position of every value and key.
 * Reports every duplicate key, refused tag and non-finite number; stops at the first limit
 * exceeded (too deep, too many values). Aliases are resolved from one walk of the document made
 * beforehand, so each costs what it expands to, never a search of the whole document.
 */
export function toData(doc: Document, ctx: DataContext): { data: unknown; diagnostics: Diagnostic[] } {
  const converter = new Converter(ctx, aliasTargets(doc));
  try {
    const data = converter.convert(doc.contents as Node | null, '', 0);
    return { data, diagnostics: converter.diagnostics };
  } catch (e) {
    if (e instanceof LimitExceeded) return { data: undefined, diagnostics: [e.diagnostic] };
    if (e instanceof RangeError) {
      const diagnostic = error('yaml_too_deep', 'nesting is too deep to read', {
        file: ctx.file,
        line: 1,
        col: 1,
        hint: `documents nest at most ${ctx.limits.maxDepth} levels`,
      });
      return { data: undefined, diagnostics: [diagnostic] };
    }
    throw e;
  }
}

/** What each alias names: the last node before it with that anchor (undefined: none). */
function aliasTargets(doc: Document): Map<Node, Node | undefined> {
  const anchors = new Map<string, Node>();
  const targets = new Map<Node, Node | undefined>();
  // `visit` walks in document order and never follows aliases: one pass over the document.
  const lib = yaml();
  lib.visit(doc, (_key, node) => {
    if (lib.isAlias(node)) targets.set(node, anchors.get(node.source));
    else if (lib.isNode(node) && node.anchor) anchors.set(node.anchor, node);
  });
  return targets;
}

class Converter {
  readonly diagnostics: Diagnostic[] = [];
  private nodes = 0;
  private aliases = 0;
  private readonly lib = yaml();

  constructor(
    private readonly ctx: DataContext,
    private readonly targets: Map<Node, Node | undefined>,
  ) {}

  convert(node: Node | null, pointer: string, depth: number): unknown {
    if (node === null) return null;
    const offset = node.range?.[0] ?? 0;
    if (++this.nodes > this.ctx.limits.maxNodes) throw new LimitExceeded(this.tooMany(offset));
    if (depth > this.ctx.limits.maxDepth) {
      throw new LimitExceeded(
        error('yaml_too_deep', `nesting is deeper than ${this.ctx.limits.maxDepth} levels`, {
          file: this.ctx.file,
          ...this.ctx.at(offset),
          hint: `documents nest at most ${this.ctx.limits.maxDepth} levels`,
        }),
      );
    }
    if (node.range) this.ctx.value.set(pointer, offset);
    if (this.lib.isAlias(node)) return this.alias(node, pointer, depth);
    let value: unknown = null;
    if (this.lib.isScalar(node)) value = this.scalar(node.value, offset, pointer);
    else if (this.lib.isSeq(node))
      value = node.items.map((item, i) => this.convert(item as Node | null, `${pointer}/${i}`, depth + 1));
    else if (this.lib.isMap(node)) value = this.mapping(node.items, pointer, depth);
    this.checkTag(node, value, offset, pointer);
    return value;
  }

  private tooMany(offset: number): Diagnostic {
    const max = this.ctx.limits.maxNodes;
    const where = { file: this.ctx.file, ...this.ctx.at(offset) };
    if (this.aliases === 0) {
      return error('yaml_too_many_values', `the document holds more than ${max} values`, {
        ...where,
        hint: 'split the document, or check that the right file was given',
      });
    }
    return error('yaml_alias_limit', `the document expands to more than ${max} values`, {
      ...where,
      hint: 'aliases (`*name`) that repeat large anchors multiply the size: write the data out',
    });
  }

  private alias(node: Node & { source: string }, pointer: string, depth: number): unknown {
    const target = this.targets.get(node);
    if (target === undefined) {
      this.diagnostics.push(
        error('yaml_syntax', `alias \`*${node.source}\` names no anchor written before it`, {
          file: this.ctx.file,
          ...this.ctx.at(node.range?.[0] ?? 0),
          path: pointer,
          hint: `write \`&${node.source}\` on the value to repeat, before the alias`,
        }),
      );
      return null;
    }
    this.aliases++;
    return this.convert(target, pointer, depth + 1);
  }

  /** A scalar's value; numbers must be finite (`.inf`, `.nan` and `1e400` cannot be compared). */
  private scalar(value: unknown, offset: number, pointer: string): unknown {
    if (typeof value === 'number' && !Number.isFinite(value)) {
      this.diagnostics.push(
        error('number_not_finite', `\`${this.sourceAt(offset)}\` is not a finite number`, {
          file: this.ctx.file,
          ...this.ctx.at(offset),
          path: pointer,
          hint: 'write a number within ±1.7e308 (`.inf` and `.nan` are not allowed); to leave a bound open, leave the field out',
        }),
      );
    }
    return value;
  }

  private mapping(pairs: readonly { key: unknown; value: unknown }[], pointer: string, depth: number) {
    const obj: Record<string, unknown> = {};
    for (const pair of pairs) {
      const keyNode = pair.key as Node | null;
      const keyOffset = keyNode?.range?.[0] ?? 0;
      if (!this.lib.isScalar(keyNode)) {
        throw new LimitExceeded(
          error('yaml_key_not_scalar', 'mapping keys must be plain text', {
            file: this.ctx.file,
            ...this.ctx.at(keyOffset),
            hint: 'write the key as text, for example `name:`',
          }),
        );
      }
      const key = String(keyNode.value);
      const child = `${pointer}/${escapePointer(key)}`;
      this.checkTag(keyNode, keyNode.value, keyOffset, child);
      if (Object.hasOwn(obj, key)) {
        this.diagnostics.push(
          error('yaml_duplicate_key', `key \`${key}\` appears twice in the same mapping`, {
            file: this.ctx.file,
            ...this.ctx.at(keyOffset),
            path: child,
            hint: 'each key may appear once in a mapping: remove or merge the second one',
          }),
        );
        continue;
      }
      if (keyNode.range) this.ctx.key.set(child, keyOffset);
      // defineProperty keeps keys such as `__proto__` as plain data, never a prototype change.
      Object.defineProperty(obj, key, {
        value: this.convert(pair.value as Node | null, child, depth + 1),
        enumerable: true,
        writable: true,
        configurable: true,
      });
      if (!this.ctx.value.has(child) && keyNode.range) this.ctx.value.set(child, keyOffset);
    }
    return obj;
  }

  /** Only the core schema's tags, on values they fit: `!!binary`, `!foo` and `!!int x` are refused. */
  private checkTag(node: Node, value: unknown, offset: number, pointer: string): void {
    const tag = node.tag;
    if (tag === undefined) return;
    const fits = Object.hasOwn(CORE_TAGS, tag) ? CORE_TAGS[tag] : undefined;
    if (fits?.(value, node)) return;
    const at = this.tagOffsetBefore(offset);
    const written = /^\S{1,60}/.exec(this.ctx.text.slice(at, at + 60))?.[0] ?? tag;
    this.diagnostics.push(
      error(
        'yaml_tag_unsupported',
        fits
          ? `the value cannot be read as \`${written}\``
          : `tag \`${written}\` is not supported in documents`,
        {
          file: this.ctx.file,
          ...this.ctx.at(at),
          path: pointer,
          hint: 'documents use plain YAML values; the tags allowed are !!str, !!int, !!float, !!bool, !!null, !!map and !!seq',
        },
      ),
    );
  }

  /** The tag written before a node's content: the last tag at or before its offset. */
  private tagOffsetBefore(offset: number): number {
    const tags = this.ctx.tags;
    let lo = 0;
    let hi = tags.length - 1;
    let found = offset;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const at = tags[mid] as number;
      if (at <= offset) {
        found = at;
        lo = mid + 1;
      } else hi = mid - 1;
    }
    return found;
  }

  /** The text of a scalar as written, cut short for a message. */
  private sourceAt(offset: number): string {
    const written = /^[^\s,\]}#]+/.exec(this.ctx.text.slice(offset, offset + 41))?.[0] ?? '';
    return written.length > 40 ? `${written.slice(0, 40)}…` : written;
  }
}
