import { NormaError } from '../engine/index.ts';

/**
 * A request's time budget. Explained runs are asynchronous (json-rules-engine), so a timer can
 * race them; a batch also checks the clock between items, which bounds it even when each item
 * is a synchronous closure run.
 */
export class Deadline {
  readonly #ends: number;

  constructor(readonly budgetMs: number) {
    this.#ends = performance.now() + budgetMs;
  }

  /** Throws `eval_timeout` once the budget is spent; `done` of `total` items say how far it got. */
  check(done: number, total: number): void {
    if (performance.now() >= this.#ends) throw timeout(this.budgetMs, `${done} of ${total} items evaluated`);
  }

  /** Settles with `work`, or rejects with `eval_timeout` when the budget runs out first. */
  async race<T>(work: Promise<T>): Promise<T> {
    let timer: NodeJS.Timeout | undefined;
    const expired = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(timeout(this.budgetMs)), Math.max(0, this.#ends - performance.now()));
    });
    try {
      return await Promise.race([work, expired]);
    } finally {
      clearTimeout(timer);
    }
  }
}

function timeout(budgetMs: number, progress?: string): NormaError {
  return new NormaError('eval_timeout', `the evaluation did not finish within ${budgetMs} ms`, [
    {
      code: 'eval_timeout',
      message: progress ?? `budget: ${budgetMs} ms`,
      severity: 'error',
      hint: 'send fewer items per batch, or raise NORMA_EVAL_TIMEOUT_MS on the server',
    },
  ]);
}
