import { type Diagnostic, error } from '../diagnostics.ts';
import { LineStarts } from './positions.ts';

const strict = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/**
 * A file's bytes as text, or a diagnostic at the first byte that is not UTF-8. Reading with
 * `'utf8'` would turn such bytes silently into U+FFFD, and a document would decide on text nobody
 * wrote. A byte order mark is kept, as reading with `'utf8'` keeps it.
 */
export function decodeUtf8(bytes: Uint8Array, file: string): { text: string } | { diagnostic: Diagnostic } {
  try {
    return { text: strict.decode(bytes) };
  } catch {
    const bad = firstInvalidByte(bytes);
    const before = Buffer.from(bytes.buffer, bytes.byteOffset, bad).toString('utf8');
    const byte = (bytes[bad] as number).toString(16).toUpperCase().padStart(2, '0');
    return {
      diagnostic: error('text_not_utf8', `the file is not valid UTF-8 (byte 0x${byte} at offset ${bad})`, {
        file,
        ...new LineStarts(before).positionAt(before.length),
        hint: 'save the file as UTF-8 (documents are UTF-8 text, not GBK, Latin-1 or UTF-16)',
      }),
    };
  }
}

/** The offset of the first byte that starts no valid UTF-8 sequence (the text up to it is valid). */
function firstInvalidByte(bytes: Uint8Array): number {
  // Decoding replaces each invalid sequence with U+FFFD; encoding again gives back the input up
  // to the first of them (a U+FFFD written in the file encodes to itself, so it is passed over).
  const again = Buffer.from(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length).toString('utf8'));
  let i = 0;
  while (i < bytes.length && again[i] === bytes[i]) i++;
  // The difference may show inside the U+FFFD: go back to where its sequence starts.
  while (i > 0 && ((again[i] as number) & 0xc0) === 0x80) i--;
  return Math.min(i, bytes.length - 1);
}
