/**
 * Reading one version file of a standards directory with bounded work: the open never blocks and
 * never follows a link (the listing resolved links already), the descriptor's own `fstat` checks
 * that it is a regular file no larger than the loader's limit before a byte is read, and the read
 * stops at the limit even when the file grows meanwhile.
 */
import { closeSync, constants, fstatSync, openSync, readSync } from 'node:fs';
import { type Diagnostic, error } from '../diagnostics.ts';
import { decodeUtf8 } from '../load/utf8.ts';
import { yamlLimits } from '../load/yaml.ts';
import { errno, kindOf, notRegular, type SkippedFile, transient, unreadable } from './listing.ts';

/** The text of a version file, or why it was not read. */
export type ReadResult = { text: string } | { skipped: SkippedFile };

/**
 * Reads the file at `open` (a real path from the listing), reported as `path`. A file swapped
 * for a FIFO or a link since it was listed is refused, not waited on.
 */
export function readVersionFile(open: string, path: string): ReadResult {
  let fd: number;
  try {
    // O_NONBLOCK: a FIFO put in its place after the listing opens at once instead of waiting for a writer.
    fd = openSync(open, constants.O_RDONLY | constants.O_NOFOLLOW | constants.O_NONBLOCK);
  } catch (e) {
    return { skipped: transient(unreadable(path, `\`${path}\` cannot be read (${errno(e)})`)) };
  }
  try {
    const stats = fstatSync(fd);
    if (!stats.isFile()) return { skipped: notRegular(path, kindOf(stats)) };
    if (stats.size > yamlLimits.maxBytes) return { skipped: tooLarge(path, stats.size) };
    const bytes = readAtMost(fd, stats.size, yamlLimits.maxBytes);
    if (bytes === undefined) return { skipped: tooLarge(path) };
    // Strict: a byte that is not UTF-8 must not silently become U+FFFD in an approved rule.
    const decoded = decodeUtf8(bytes, path);
    return 'text' in decoded ? decoded : { skipped: { diagnostic: decoded.diagnostic, transient: false } };
  } catch (e) {
    return { skipped: transient(unreadable(path, `\`${path}\` cannot be read (${errno(e)})`)) };
  } finally {
    closeSync(fd);
  }
}

/** Reads to the end of the file, or returns undefined once more than `limit` bytes came. */
function readAtMost(fd: number, expected: number, limit: number): Buffer | undefined {
  let buffer = Buffer.allocUnsafe(Math.min(expected, limit) + 1);
  let length = 0;
  for (;;) {
    if (length === buffer.length) {
      if (length > limit) return undefined;
      const grown = Buffer.allocUnsafe(Math.min(buffer.length * 2, limit + 1));
      buffer.copy(grown, 0, 0, length);
      buffer = grown;
    }
    const n = readSync(fd, buffer, length, buffer.length - length, null);
    if (n === 0) return buffer.subarray(0, length);
    length += n;
  }
}

/** Too large to read: the same code the YAML loader gives, found before reading. */
function tooLarge(path: string, bytes?: number): SkippedFile {
  const size = bytes === undefined ? 'grew while being read' : `is ${bytes} bytes`;
  const diagnostic: Diagnostic = error(
    'yaml_too_large',
    `file ${size}, more than the limit of ${yamlLimits.maxBytes}`,
    { file: path, line: 1, col: 1, hint: 'split the document, or check that the right file was given' },
  );
  return { diagnostic, transient: false };
}
