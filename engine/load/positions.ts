import type { Position } from '../diagnostics.ts';
import type { Compactor } from './strings.ts';

/**
 * The offsets where the lines of a text start. Built on the first question (most documents load
 * without anything to report), or when the document is kept (`detach`), which lets the text go.
 */
export class LineStarts {
  private starts: number[] | Int32Array | undefined;

  constructor(private text: string | undefined) {}

  /** The 1-based line and column (in UTF-16 units, as the `yaml` library counts) of an offset. */
  positionAt(offset: number): Position {
    const starts = this.starts ?? this.build();
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((starts[mid] as number) <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, col: offset - (starts[lo] as number) + 1 };
  }

  /** Builds the line starts now and lets the text go (a compiled document keeps them, not it). */
  detach(): void {
    this.starts = Int32Array.from(this.starts ?? this.build());
    this.text = undefined;
  }

  private build(): number[] {
    const starts = [0];
    const text = this.text ?? '';
    for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
    this.starts = starts;
    return starts;
  }
}

/**
 * Readies a source map to be kept with a compiled document: the lookup caches go
 * (`TreePositions.release`), the key names are compacted as the data's are (read from the text,
 * they are slices of it), and the line starts are built, so the map no longer holds the text.
 * The positions stay.
 */
export function keepMap(map: { value: Positions; key: Positions }, compact: Compactor | undefined): void {
  for (const positions of [map.value, map.key]) {
    if (positions instanceof TreePositions) positions.release();
    if (positions instanceof TreePositions || positions instanceof PositionMap) positions.lines.detach();
  }
  if (map.value instanceof TreePositions && compact) map.value.compactNames(compact);
}

/** JSON pointer → where it starts (of a value, or of a key), as line and column. */
export interface Positions {
  /** The position of a pointer, or undefined when the document has no node there. */
  get(pointer: string): Position | undefined;
  /** Whether the document has a node at the pointer. */
  has(pointer: string): boolean;
  /** How many pointers have a position. */
  readonly size: number;
  /** The pointers that have a position. */
  keys(): IterableIterator<string>;
}

/**
 * JSON pointer → where it starts, filled pointer by pointer (by the `yaml` library's walk). Keeps
 * offsets and gives line and column only when asked.
 */
export class PositionMap implements Positions {
  private readonly offsets = new Map<string, number>();

  constructor(readonly lines: LineStarts) {}

  /** The position of a pointer, or undefined when the document has no node there. */
  get(pointer: string): Position | undefined {
    const offset = this.offsets.get(pointer);
    return offset === undefined ? undefined : this.lines.positionAt(offset);
  }

  /** Whether the document has a node at the pointer. */
  has(pointer: string): boolean {
    return this.offsets.has(pointer);
  }

  /** The raw offset of a pointer (what `get` turns into a position). */
  offsetOf(pointer: string): number | undefined {
    return this.offsets.get(pointer);
  }

  /** Records the offset of a pointer. */
  set(pointer: string, offset: number): this {
    this.offsets.set(pointer, offset);
    return this;
  }

  /** How many pointers are recorded. */
  get size(): number {
    return this.offsets.size;
  }

  /** The recorded pointers. */
  keys(): IterableIterator<string> {
    return this.offsets.keys();
  }
}

/**
 * The fast reader's offsets, one entry per node in document order (a node's descendants follow
 * it): where its value and its key start (-1: none), how many entries its subtree spans, and its
 * key (undefined for list items). Typed arrays, not objects or Maps: a thousand loaded documents
 * keep theirs, and compact arrays cost the garbage collector little.
 */
export interface OffsetTree {
  value: Int32Array;
  key: Int32Array;
  size: Int32Array;
  names: (string | undefined)[];
}

/** The children of one node of an offset tree, by key name and by list index. */
interface Children {
  byName: Map<string, number>;
  byIndex: number[];
}

/**
 * Positions from the fast reader's offsets: a pointer is walked only when it is asked for. The
 * children of a node are indexed the first time a pointer passes through it, so each question
 * costs the depth of its pointer, however many keys a mapping has (a file with thousands of
 * unknown keys asks thousands of questions of one mapping).
 */
export class TreePositions implements Positions {
  private readonly children = new Map<number, Children>();

  constructor(
    private readonly tree: OffsetTree,
    readonly lines: LineStarts,
    private readonly which: 'value' | 'key',
  ) {}

  get(pointer: string): Position | undefined {
    const offset = this.offsetOf(pointer);
    return offset === undefined ? undefined : this.lines.positionAt(offset);
  }

  has(pointer: string): boolean {
    return this.offsetOf(pointer) !== undefined;
  }

  /** The raw offset of a pointer. */
  offsetOf(pointer: string): number | undefined {
    const node = this.nodeAt(pointer);
    if (node === -1) return undefined;
    const offset = this.tree[this.which][node] as number;
    return offset < 0 ? undefined : offset;
  }

  get size(): number {
    return [...this.keys()].length;
  }

  /**
   * Drops the index of children built while a document compiled (a Map per mapping it passed
   * through): a compiled document keeps its positions for the few later questions, and the index
   * is built again, node by node, when they come.
   */
  release(): void {
    this.children.clear();
  }

  /** Replaces each key name with its compact copy (the value and key positions share the names). */
  compactNames(compact: Compactor): void {
    const names = this.tree.names;
    for (let i = 0; i < names.length; i++) {
      const name = names[i];
      if (name !== undefined) names[i] = compact(name);
    }
  }

  *keys(): IterableIterator<string> {
    const { size, names } = this.tree;
    const offsets = this.tree[this.which];
    const pointers: string[] = [];
    const walk = (node: number, pointer: string): void => {
      if ((offsets[node] as number) >= 0) pointers.push(pointer);
      const end = node + (size[node] as number);
      for (let child = node + 1, i = 0; child < end; child += size[child] as number, i++) {
        const name = names[child];
        walk(
          child,
          `${pointer}/${name === undefined ? i : name.replaceAll('~', '~0').replaceAll('/', '~1')}`,
        );
      }
    };
    walk(0, '');
    yield* pointers;
  }

  /** The node a JSON pointer names, or -1. */
  private nodeAt(pointer: string): number {
    if (pointer === '') return 0;
    if (pointer.charCodeAt(0) !== 47) return -1;
    let node = 0;
    let from = 1;
    for (;;) {
      const slash = pointer.indexOf('/', from);
      const raw = pointer.slice(from, slash === -1 ? undefined : slash);
      const name = raw.includes('~') ? raw.replaceAll('~1', '/').replaceAll('~0', '~') : raw;
      const children = this.childrenOf(node);
      const found =
        children.byName.get(name) ?? (INDEX.test(raw) ? children.byIndex[Number(raw)] : undefined) ?? -1;
      if (found === -1 || slash === -1) return found;
      node = found;
      from = slash + 1;
    }
  }

  private childrenOf(node: number): Children {
    let children = this.children.get(node);
    if (children) return children;
    const { size, names } = this.tree;
    children = { byName: new Map(), byIndex: [] };
    const end = node + (size[node] as number);
    for (let child = node + 1; child < end; child += size[child] as number) {
      const name = names[child];
      if (name === undefined) children.byIndex.push(child);
      else children.byName.set(name, child);
    }
    this.children.set(node, children);
    return children;
  }
}

const INDEX = /^(?:0|[1-9][0-9]*)$/;
