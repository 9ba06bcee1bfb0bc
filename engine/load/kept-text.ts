/**
 * A compiled document's own text, as it is kept. A text with any character beyond Latin-1 (every
 * Chinese title) is a two-byte string in V8, two bytes a character even where nearly all of them
 * are ASCII, as YAML keys and values mostly are; as UTF-8 such a text takes about half. So it is
 * kept as UTF-8 bytes whenever they are fewer, and read back (`keptText`) on the rare occasions
 * it is asked for: serving the source, recording it once per digest, approving a draft.
 * A text that is not well-formed UTF-16 (a lone surrogate) stays a string: UTF-8 cannot carry it.
 */
import { isTwoByte } from './strings.ts';

export type KeptText = string | Uint8Array;

const encoder = new TextEncoder();
// A byte-order mark is text here, as it was in the string: the decoder must not drop it.
const decoder = new TextDecoder('utf-8', { ignoreBOM: true });

/** The text in its smaller form. */
export function keepText(text: string): KeptText {
  if (!isTwoByte(text) || !isWellFormed(text)) return text;
  const bytes = encoder.encode(text);
  return bytes.byteLength < text.length * 2 ? bytes : text;
}

/** Whether every surrogate is paired (ES2024's `isWellFormed`, in Node 20 but not in its types). */
function isWellFormed(text: string): boolean {
  return (text as unknown as { isWellFormed(): boolean }).isWellFormed();
}

/** The text as written. */
export function keptText(kept: KeptText): string {
  return typeof kept === 'string' ? kept : decoder.decode(kept);
}

/**
 * `target` with a `source` property reading the text back from its kept form. Made here, not
 * where the document is built: a getter there would keep that function's whole scope alive.
 */
export function withSource<T extends object>(target: T, text: string): T & { readonly source: string } {
  const kept = keepText(text);
  Object.defineProperty(target, 'source', { get: () => keptText(kept), enumerable: true });
  return target as T & { readonly source: string };
}
