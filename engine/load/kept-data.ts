/**
 * A compiled document's data (the YAML as plain values), kept weakly. Evaluations never read it:
 * the compiled kind holds what they need. Serving a document's JSON, reports, diffs, drafts and
 * `norma test` read it, rarely, so a document lets the garbage collector take it (about a tenth
 * of what a compiled document keeps) and reads it again from its text when it is asked for after
 * that: the same text read the same way gives the same data (kept-data.test.ts holds every
 * bundled and corpus document to it). While anything holds the data, or within one synchronous
 * run, every read gives the same object.
 */
import { compactStrings } from './strings.ts';
import { loadYaml } from './yaml.ts';

type Data = Record<string, unknown>;

/** The data of a document, or its way back to it. */
class KeptData {
  #ref: WeakRef<Data> | undefined;

  constructor(
    data: Data,
    private readonly read: () => Data,
  ) {
    this.#ref = new WeakRef(data);
  }

  get(): Data {
    let data = this.#ref?.deref();
    if (data === undefined) {
      data = this.read();
      this.#ref = new WeakRef(data);
    }
    return data;
  }

  /** As if the collector had taken the data (for the tests that read it back). */
  forget(): void {
    this.#ref = undefined;
  }
}

const keptOf = new WeakMap<object, KeptData>();

/**
 * `target` with a `data` property: `data` while something holds it, read again from the
 * target's `source` (and `file`) when it was collected. Made here, not where the document is
 * built: a getter there would keep that function's whole scope, the data among it, alive.
 */
export function withData<T extends { readonly source: string; readonly file: string }>(
  target: T,
  data: Data,
): T & { readonly data: Data } {
  const kept = new KeptData(data, () => readData(target.source, target.file));
  keptOf.set(target, kept);
  Object.defineProperty(target, 'data', { get: () => kept.get(), enumerable: true });
  return target as T & { readonly data: Data };
}

/** A document's data as compiling it read it: the YAML's values, their strings compacted. */
export function readData(text: string, file: string): Data {
  return compactStrings(loadYaml(text, file).data, text) as Data;
}

/** Drops a document's data as a collection would, so the next read reads the text again. */
export function forgetData(target: object): void {
  keptOf.get(target)?.forget();
}
