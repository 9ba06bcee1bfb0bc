import { describe, expect, it } from 'vitest';
import { GroupCommit } from './group-commit.ts';

/** A commit that records its batches and takes a turn of the event loop, as a database would. */
function recorder(fail?: (batch: number[]) => boolean) {
  const batches: number[][] = [];
  const commit = async (items: number[]) => {
    batches.push(items);
    await new Promise((resolve) => setTimeout(resolve, 5));
    if (fail?.(items)) throw new Error('commit failed');
    return items.map((n) => n * 10);
  };
  return { batches, commit };
}

describe('GroupCommit', () => {
  it('commits everything queued in one turn as one batch, in order', async () => {
    const { batches, commit } = recorder();
    const group = new GroupCommit(commit);
    const results = await Promise.all([1, 2, 3, 4].map((n) => group.add(n)));
    expect(results).toEqual([10, 20, 30, 40]);
    expect(batches).toEqual([[1, 2, 3, 4]]);
  });

  it('gathers what arrives during a commit into the next one', async () => {
    const { batches, commit } = recorder();
    const group = new GroupCommit(commit);
    const first = group.add(1);
    await new Promise((resolve) => setImmediate(resolve)); // the first commit is under way
    const later = [2, 3, 4].map((n) => group.add(n));
    await Promise.all([first, ...later]);
    expect(batches).toEqual([[1], [2, 3, 4]]);
  });

  it('resolves no promise before its commit finished', async () => {
    let committed = false;
    const group = new GroupCommit(async (items: number[]) => {
      await new Promise((resolve) => setTimeout(resolve, 20));
      committed = true;
      return items;
    });
    await group.add(1);
    expect(committed).toBe(true);
  });

  it('rejects every promise of a failed commit, and only those', async () => {
    const { batches, commit } = recorder((batch) => batch.includes(2));
    const group = new GroupCommit(commit);
    const failed = [1, 2, 3].map((n) => group.add(n));
    await new Promise((resolve) => setImmediate(resolve));
    const next = group.add(4);
    const settled = await Promise.allSettled([...failed, next]);
    expect(settled.map((s) => s.status)).toEqual(['rejected', 'rejected', 'rejected', 'fulfilled']);
    expect(batches).toEqual([[1, 2, 3], [4]]);
  });

  it('splits a queue longer than the batch limit', async () => {
    const { batches, commit } = recorder();
    const group = new GroupCommit(commit, 2);
    await Promise.all([1, 2, 3, 4, 5].map((n) => group.add(n)));
    expect(batches).toEqual([[1, 2], [3, 4], [5]]);
  });

  it('commits what was queued before close, and refuses what comes after', async () => {
    const { commit } = recorder();
    const group = new GroupCommit(commit);
    const queued = group.add(7);
    await group.close();
    await expect(queued).resolves.toBe(70);
    await expect(group.add(8)).rejects.toThrow(/closed/);
  });
});
