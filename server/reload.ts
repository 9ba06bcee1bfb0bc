import { realpathSync, statSync } from 'node:fs';
import { resolve, sep } from 'node:path';
import { type FSWatcher, watch } from 'chokidar';
import { LOCK_FILE, standardFolders } from '../engine/index.ts';
import type { ReloadFailure, ReloadOutcome, StandardsHolder } from './holder.ts';
import type { Logger } from './log.ts';

export interface WatchOptions {
  /** Quiet time after the last change before reloading: an editor's save is several events. */
  debounceMs?: number;
  /** The longest a reload waits while changes keep coming. */
  maxWaitMs?: number;
  /** Rescan on a timer instead of watching (for file systems where watching does not work). */
  pollMs?: number;
  /** The first retry after a reload that could not read everything; doubled after each failure. */
  retryMs?: number;
  /** The longest wait between two retries. */
  maxRetryMs?: number;
}

/** A running watch of a standards directory. */
export interface StandardsWatcher {
  /** Stops watching; a pending reload is dropped. */
  close(): Promise<void>;
}

/** How often the fallback rescans when watching is not available and no `pollMs` was given. */
const FALLBACK_POLL_MS = 2000;

/**
 * chokidar drops a `change` of a file that comes within 50 ms of the previous one, with no event
 * after it: a reload that started this soon after an event looks once more when the window is over.
 */
const DROPPED_CHANGE_WINDOW_MS = 100;

/**
 * Watches the document folders of the standards directory and `norma.lock` (chokidar: atomic
 * saves, `git checkout`, renamed folders are all seen, unlike Node 20's recursive `fs.watch`), and
 * reloads the holder after each burst of changes. Nothing else under the directory is watched:
 * the bundled directory is the repository root, with node_modules. A reload that cannot read
 * everything is retried with exponential backoff and logged once per change of state; when the
 * directory itself is replaced or comes back after being removed, the watch starts over on it.
 */
export function watchStandards(
  holder: StandardsHolder,
  logger: Logger,
  { debounceMs = 100, maxWaitMs = 1000, pollMs, retryMs = 500, maxRetryMs = 30_000 }: WatchOptions = {},
): StandardsWatcher {
  const dir = resolve(holder.index.dir);
  let timer: NodeJS.Timeout | undefined;
  let pendingSince: number | undefined;
  let retryTimer: NodeJS.Timeout | undefined;
  let failures = 0;
  let failing: string | undefined;
  let poller: NodeJS.Timeout | undefined;
  let watcher: FSWatcher | undefined;
  let watchedRoot: string | undefined;
  let lastEventAt = Number.NEGATIVE_INFINITY;
  let closed = false;

  const reload = () => {
    timer = undefined;
    pendingSince = undefined;
    if (closed) return;
    const startedAt = Date.now();
    const outcome = holder.reload();
    logOutcome(logger, holder, outcome);
    noteFailure(outcome.failure);
    if (poller === undefined) followRoot();
    const sinceEvent = startedAt - lastEventAt;
    if (timer === undefined && sinceEvent < DROPPED_CHANGE_WINDOW_MS) {
      timer = setTimeout(reload, DROPPED_CHANGE_WINDOW_MS - sinceEvent);
    }
  };

  const onEvent = () => {
    lastEventAt = Date.now();
    schedule();
  };

  /** Logs a change between failing and not (never each attempt) and schedules the next retry. */
  const noteFailure = (failure: ReloadFailure | undefined) => {
    clearTimeout(retryTimer);
    retryTimer = undefined;
    const state = failure ? `${failure.code} ${failure.message}` : undefined;
    if (state !== failing) logFailureState(logger, failure, failing !== undefined);
    failing = state;
    if (!failure) {
      failures = 0;
      return;
    }
    // Polling already retries on its own timer.
    if (poller !== undefined) return;
    const wait = Math.min(maxRetryMs, retryMs * 2 ** Math.min(failures, 30));
    failures++;
    retryTimer = setTimeout(reload, wait);
  };

  const schedule = () => {
    if (closed) return;
    const now = Date.now();
    pendingSince ??= now;
    clearTimeout(timer);
    const wait = Math.max(0, Math.min(debounceMs, pendingSince + maxWaitMs - now));
    timer = setTimeout(reload, wait);
  };

  /** Starts the watch over again when the directory is not the one watched (removed, replaced, back). */
  const followRoot = () => {
    const root = identityOf(dir);
    if (root === watchedRoot) return;
    stopWatching();
    if (root !== undefined) startWatching(root);
  };

  const startWatching = (root: string) => {
    watchedRoot = root;
    // The real path: links are not followed below it, and a directory given as a link is watched
    // where it points (a link pointed elsewhere is a replaced directory: see followRoot).
    const real = realPath(dir);
    const w = watch(real, {
      ignoreInitial: true,
      followSymlinks: false,
      ignorePermissionErrors: true,
      // <folder>/<id>/<version>.yaml is two levels below the folder.
      depth: 2,
      ignored: (path: string) => !isWatched(real, path),
    });
    w.on('all', onEvent);
    // Changes made while the watch was starting are not reported: look once it is in place.
    w.on('ready', schedule);
    w.on('error', (e) => {
      if (w !== watcher) return;
      stopWatching();
      startPolling(pollMs ?? FALLBACK_POLL_MS, (e as Error).message);
    });
    watcher = w;
  };

  const stopWatching = () => {
    const w = watcher;
    watcher = undefined;
    watchedRoot = undefined;
    w?.close().catch(() => undefined);
  };

  const startPolling = (every: number, reason: string) => {
    logger.log('warn', `watching is not available; rescanning every ${every} ms`, { reason });
    clearTimeout(retryTimer);
    poller = setInterval(reload, every);
  };

  if (pollMs !== undefined) startPolling(pollMs, 'polling asked for');
  else followRoot();
  // A directory that could not be read at start is retried like any failed reload.
  if (holder.lastFailure) noteFailure(holder.lastFailure);

  return {
    async close() {
      closed = true;
      clearTimeout(timer);
      clearTimeout(retryTimer);
      clearInterval(poller);
      const w = watcher;
      watcher = undefined;
      await w?.close();
    },
  };
}

/** True for the directory itself, its document folders (and all below) and `norma.lock`. */
function isWatched(dir: string, path: string): boolean {
  if (path === dir) return true;
  if (!path.startsWith(`${dir}${sep}`)) return false;
  const top = path.slice(dir.length + 1).split(sep, 1)[0] ?? '';
  return top === LOCK_FILE || standardFolders.includes(top);
}

/** The directory's device and inode, or undefined when it is gone: tells a replaced directory apart. */
function identityOf(dir: string): string | undefined {
  try {
    const stats = statSync(dir);
    return stats.isDirectory() ? `${stats.dev}:${stats.ino}` : undefined;
  } catch {
    return undefined;
  }
}

function realPath(dir: string): string {
  try {
    return realpathSync(dir);
  } catch {
    return dir;
  }
}

/** Logs what a reload changed: the reload itself, files newly broken, files that load again. */
function logOutcome(
  logger: Logger,
  holder: StandardsHolder,
  { changed, broken, fixed }: ReloadOutcome,
): void {
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
}

/** Logs entering (or changing) a failing state, or leaving it. */
function logFailureState(logger: Logger, failure: ReloadFailure | undefined, wasFailing: boolean): void {
  if (failure) {
    logger.log('error', 'standards cannot be read; what was loaded keeps serving, retrying', {
      code: failure.code,
      error: failure.message,
    });
  } else if (wasFailing) {
    logger.log('info', 'standards can be read again');
  }
}
