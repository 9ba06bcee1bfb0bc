/**
 * Group commit: callers queue items and get a promise each; one commit takes everything queued so
 * far, and every promise of that batch settles together with it: resolved after the commit
 * returned, or all rejected when it failed. A batch starts on the next turn of the event loop, or
 * as soon as the commit before it finishes, so under load each commit carries what arrived while
 * the previous one was being made durable, and a lone append waits for nothing but its own commit.
 */

interface Pending<T, R> {
  item: T;
  resolve: (result: R) => void;
  reject: (error: unknown) => void;
}

/** Commits a batch; returns one result per item, in order. */
export type CommitBatch<T, R> = (items: T[]) => Promise<R[]>;

export class GroupCommit<T, R> {
  private queue: Pending<T, R>[] = [];
  private committing = false;
  private scheduled = false;
  private closed = false;
  private idle: (() => void)[] = [];

  constructor(
    private readonly commit: CommitBatch<T, R>,
    /** The most items one commit takes; the rest wait for the next. */
    private readonly maxBatch = 1000,
  ) {}

  /** Queues the item; resolves with its result once the batch holding it committed. */
  add(item: T): Promise<R> {
    if (this.closed) return Promise.reject(new Error('the records store is closed'));
    return new Promise<R>((resolve, reject) => {
      this.queue.push({ item, resolve, reject });
      this.schedule();
    });
  }

  /** Stops taking items and resolves once everything queued has committed (or failed). */
  async close(): Promise<void> {
    this.closed = true;
    if (!this.committing && !this.scheduled && this.queue.length === 0) return;
    await new Promise<void>((resolve) => this.idle.push(resolve));
  }

  private schedule(): void {
    if (this.committing || this.scheduled) return;
    this.scheduled = true;
    setImmediate(() => {
      this.scheduled = false;
      void this.flush();
    });
  }

  private async flush(): Promise<void> {
    if (this.committing) return;
    this.committing = true;
    while (this.queue.length > 0) {
      const batch = this.queue.splice(0, this.maxBatch);
      try {
        const results = await this.commit(batch.map((p) => p.item));
        for (const [i, p] of batch.entries()) p.resolve(results[i] as R);
      } catch (error) {
        for (const p of batch) p.reject(error);
      }
    }
    this.committing = false;
    for (const resolve of this.idle.splice(0)) resolve();
  }
}
