import { execFileSync } from 'node:child_process';
import { cpSync, readFileSync, renameSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { StandardsHolder } from './holder.ts';
import { memoryLogger } from './log.ts';
import { type StandardsWatcher, type WatchOptions, watchStandards } from './reload.ts';
import { copyTestdata, eventually, testdataDir } from './testing.ts';

const DRAFT = 'rules/routing.job/2.0.0.yaml';
const draftText = readFileSync(join(testdataDir, DRAFT), 'utf8');
/** The draft with another title: each kind of save writes one, and the index must show it. */
const titled = (title: string) => draftText.replace('title: Job routing, draft', `title: ${title}`);

const running: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const stop of running.splice(0).reverse()) await stop();
});

/** A copy of the test standards, loaded, watched, with its log. */
function watched(options: WatchOptions = {}) {
  const copy = copyTestdata();
  // The watcher is under test, not the lock: a removed locked file would keep serving from memory.
  const holder = StandardsHolder.load(copy.dir, { lock: false });
  const logger = memoryLogger();
  const watcher: StandardsWatcher = watchStandards(holder, logger, { debounceMs: 20, ...options });
  running.push(copy.remove, () => watcher.close());
  const title = () => holder.index.files.get(DRAFT)?.document?.title;
  const seen = (what: string, expected: string) =>
    eventually(what, () => (title() === expected ? true : undefined));
  const messages = (msg: string) => logger.records.filter((r) => r.msg === msg).length;
  return { dir: copy.dir, holder, logger, title, seen, messages, path: (p: string) => join(copy.dir, p) };
}

/** Writes a temporary file beside the target and renames it over: an editor's atomic save. */
function atomicSave(path: string, text: string): void {
  writeFileSync(`${path}.tmp~`, text);
  renameSync(`${path}.tmp~`, path);
}

describe('watching the standards directory', () => {
  it.each([
    ['a watch', {}],
    ['a rescan timer', { pollMs: 40 }],
  ])('reloads a broken edit and a removal with %s', async (_name, options) => {
    const { holder, logger, path } = watched(options);
    const first = holder.index;
    writeFileSync(path(DRAFT), 'kind: ruleset\nid: [broken\n');
    await eventually('the broken edit', () => (holder.index !== first ? true : undefined));
    expect(holder.index.files.get(DRAFT)?.lastGood?.version).toBe('2.0.0');
    expect(logger.records.some((r) => r.msg === 'broken edit; the last good version keeps serving')).toBe(
      true,
    );

    rmSync(path(DRAFT));
    await eventually('the removal', () => (holder.index.files.has(DRAFT) ? undefined : true));
    expect(holder.index.documents.get('routing.job')?.map((d) => d.version)).toEqual(['1.0.0']);
  });

  it('sees every edit after an atomic save (a rename over the file), not only the first', async () => {
    const { seen, path, holder } = watched();
    atomicSave(path(DRAFT), titled('atomic one'));
    await seen('the atomic save', 'atomic one');
    // Node 20's recursive fs.watch lost the file here: the renamed-over inode is not watched.
    writeFileSync(path(DRAFT), titled('in place after'));
    await seen('an edit in place after it', 'in place after');
    atomicSave(path(DRAFT), titled('atomic two'));
    await seen('a second atomic save', 'atomic two');
    rmSync(path(DRAFT));
    await eventually('the removal', () => (holder.index.files.has(DRAFT) ? undefined : true));
  });

  it('sees the last of two saves a few milliseconds apart', async () => {
    const { seen, path } = watched();
    writeFileSync(path(DRAFT), titled('first save'));
    await new Promise((r) => setTimeout(r, 10));
    writeFileSync(path(DRAFT), titled('second save'));
    await seen('the second save', 'second save');
  });

  it('sees `sed -i` and the edits after it', async () => {
    const { seen, path } = watched();
    execFileSync('sed', ['-i', 's/title: Job routing, draft/title: sed one/', path(DRAFT)]);
    await seen('sed -i', 'sed one');
    execFileSync('sed', ['-i', 's/title: sed one/title: sed two/', path(DRAFT)]);
    await seen('a second sed -i', 'sed two');
    writeFileSync(path(DRAFT), titled('in place after sed'));
    await seen('an edit in place after it', 'in place after sed');
  });

  it('sees `git checkout` of another branch and back', async () => {
    const { dir, seen, path, holder } = watched();
    const git = (...args: string[]) =>
      execFileSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@example.com', ...args], {
        cwd: dir,
        stdio: 'pipe',
      });
    git('init', '-q', '-b', 'main');
    git('add', '.');
    git('commit', '-qm', 'main');
    git('checkout', '-qb', 'other');
    writeFileSync(path(DRAFT), titled('on the other branch'));
    rmSync(path('rules/approval.work-order'), { recursive: true });
    git('commit', '-qam', 'other');
    await seen('the branch being made', 'on the other branch');
    git('checkout', '-q', 'main');
    await seen('the checkout of main', 'Job routing, draft');
    await eventually('the folder back', () =>
      holder.index.documents.has('approval.work-order') ? true : undefined,
    );
    git('checkout', '-q', 'other');
    await seen('the checkout of other', 'on the other branch');
    await eventually('the folder gone', () =>
      holder.index.documents.has('approval.work-order') ? undefined : true,
    );
  });

  it('sees an id folder renamed away and back, and edits inside it afterwards', async () => {
    const { dir, seen, path, holder } = watched();
    renameSync(path('rules/routing.job'), join(dir, 'parked'));
    await eventually('the folder renamed away', () =>
      holder.index.documents.has('routing.job') ? undefined : true,
    );
    renameSync(join(dir, 'parked'), path('rules/routing.job'));
    await seen('the folder renamed back', 'Job routing, draft');
    writeFileSync(path(DRAFT), titled('edited after the rename'));
    await seen('an edit inside the renamed folder', 'edited after the rename');
  });

  it('keeps the last good index while the directory is gone, backs off, and recovers when it is back', async () => {
    const { dir, holder, messages, seen, path } = watched({ retryMs: 20, maxRetryMs: 200 });
    const served = holder.index;
    let attempts = 0;
    const reload = holder.reload.bind(holder);
    holder.reload = () => {
      attempts++;
      return reload();
    };
    rmSync(dir, { recursive: true, force: true });
    await eventually('the failure', () => holder.lastFailure);
    expect(holder.lastFailure?.code).toBe('dir_unreadable');
    await new Promise((r) => setTimeout(r, 1500));
    expect(holder.index).toBe(served);
    // Retries at 20, 40, 80, 160 ms and then every 200 ms: about 10 in 1.5 s, not one per 20 ms.
    expect(attempts).toBeLessThan(25);
    expect(messages('standards cannot be read; what was loaded keeps serving, retrying')).toBe(1);

    cpSync(testdataDir, dir, { recursive: true });
    writeFileSync(path(DRAFT), titled('restored'));
    await seen('the restored directory', 'restored');
    expect(holder.lastFailure).toBeUndefined();
    expect(messages('standards can be read again')).toBe(1);
    // The watch follows the new directory: an edit is seen without waiting for a retry.
    writeFileSync(path(DRAFT), titled('edited after the restore'));
    await seen('an edit in the restored directory', 'edited after the restore');
  });

  it('follows a directory replaced by a rename (a deployment swapping the whole tree)', async () => {
    const { dir, seen, path } = watched({ retryMs: 20, maxRetryMs: 200 });
    const next = `${dir}.next`;
    cpSync(dir, next, { recursive: true });
    running.push(() => rmSync(next, { recursive: true, force: true }));
    writeFileSync(join(next, DRAFT), titled('the new tree'));
    renameSync(dir, `${dir}.old`);
    running.push(() => rmSync(`${dir}.old`, { recursive: true, force: true }));
    renameSync(next, dir);
    await seen('the new tree', 'the new tree');
    writeFileSync(path(DRAFT), titled('edited in the new tree'));
    await seen('an edit in the new tree', 'edited in the new tree');
  });

  it('keeps serving a file that cannot be read now, logs it once, and reads it again when it can', async () => {
    const { holder, messages, path } = watched({ retryMs: 20, maxRetryMs: 100 });
    const good = holder.index.files.get(DRAFT)?.document;
    rmSync(path(DRAFT));
    symlinkSync('2.0.0.yaml', path(DRAFT));
    await eventually('the failure', () => holder.lastFailure);
    expect(holder.lastFailure?.code).toBe('file_unreadable');
    expect(holder.index.documents.get('routing.job')?.[1]).toBe(good);
    await new Promise((r) => setTimeout(r, 500));
    expect(messages('standards cannot be read; what was loaded keeps serving, retrying')).toBe(1);
    rmSync(path(DRAFT));
    writeFileSync(path(DRAFT), draftText);
    await eventually('the recovery', () => (holder.lastFailure ? undefined : true));
    expect(holder.index.files.get(DRAFT)?.document?.title).toBe('Job routing, draft');
  });

  it('does not swap the index when nothing changed', () => {
    const copy = copyTestdata();
    running.push(copy.remove);
    const holder = StandardsHolder.load(copy.dir);
    const before = holder.index;
    expect(holder.reload()).toEqual({ changed: false, broken: [], fixed: [] });
    expect(holder.index).toBe(before);
    expect(holder.reloads).toBe(0);
  });
});
