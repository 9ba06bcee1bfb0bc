import { existsSync, type FSWatcher, watch } from 'node:fs';
import { join } from 'node:path';
import { LOCK_FILE, standardFolders } from '../engine/index.ts';
import type { StandardsHolder } from './holder.ts';
import type { Logger } from './log.ts';

export interface WatchOptions {
  /** Quiet time after the last change before reloading: an editor's save is several events. */
  debounceMs?: number;
  /** The longest a reload waits while changes keep coming. */
  maxWaitMs?: number;
  /** Rescan on a timer instead of watching (for file systems without recursive watch). */
  pollMs?: number;
}

/** A running watch of a standards directory. */
export interface StandardsWatcher {
  /** Stops watching; a pending reload is dropped. */
  close(): void;
}

/**
 * Watches the document folders of the standards directory (recursively) and its root (for
 * folders appearing or going, and `norma.lock`), and reloads the holder after each burst of changes. Only the
 * document folders are watched: the bundled directory is the repository root, with node_modules.
 */
export function watchStandards(
  holder: StandardsHolder,
  logger: Logger,
  { debounceMs = 100, maxWaitMs = 1000, pollMs }: WatchOptions = {},
): StandardsWatcher {
  const dir = holder.index.dir;
  const folders = new Map<string, FSWatcher>();
  let timer: NodeJS.Timeout | undefined;
  let pendingSince: number | undefined;
  let closed = false;

  const reload = () => {
    timer = undefined;
    pendingSince = undefined;
    if (closed) return;
    try {
      const { changed, broken, fixed } = holder.reload();
      if (!changed) return;
      const index = holder.index;
      logger.log('info', 'standards reloaded', {
        reloads: holder.reloads,
        standards: index.documents.size,
        files: index.files.size,
      });
      for (const problem of broken) {
        logger.log(
          'warn',
          problem.serving ? 'broken edit; the last good version keeps serving' : 'file does not load',
          {
            file: problem.file,
            serving: problem.serving,
            diagnostics: problem.diagnostics.slice(0, 20),
          },
        );
      }
      for (const file of fixed) logger.log('info', 'file loads again', { file });
    } catch (e) {
      logger.log('error', 'reload failed; the previous standards keep serving', {
        error: (e as Error).message,
      });
      schedule();
    }
  };

  const schedule = () => {
    if (closed) return;
    const now = Date.now();
    pendingSince ??= now;
    clearTimeout(timer);
    const wait = Math.max(0, Math.min(debounceMs, pendingSince + maxWaitMs - now));
    timer = setTimeout(reload, wait);
  };

  const watchFolders = () => {
    for (const name of standardFolders) {
      const path = join(dir, name);
      const present = existsSync(path);
      const current = folders.get(name);
      if (current && !present) {
        current.close();
        folders.delete(name);
      } else if (!current && present) {
        const watcher = watch(path, { recursive: true }, schedule);
        watcher.on('error', () => {
          watcher.close();
          folders.delete(name);
          schedule();
        });
        folders.set(name, watcher);
      }
    }
  };

  let root: FSWatcher | undefined;
  let poller: NodeJS.Timeout | undefined;
  try {
    if (pollMs !== undefined) throw new Error('polling asked for');
    watchFolders();
    root = watch(dir, (_event, name) => {
      if (name === null || name === LOCK_FILE || standardFolders.includes(String(name))) {
        watchFolders();
        schedule();
      }
    });
  } catch (e) {
    for (const w of folders.values()) w.close();
    folders.clear();
    const every = pollMs ?? 2000;
    logger.log('warn', `watching is not available; rescanning every ${every} ms`, {
      reason: (e as Error).message,
    });
    poller = setInterval(reload, every);
  }

  return {
    close() {
      closed = true;
      clearTimeout(timer);
      clearInterval(poller);
      root?.close();
      for (const w of folders.values()) w.close();
      folders.clear();
    },
  };
}
