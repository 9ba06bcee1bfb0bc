/**
 * Compiling a document sent to `/v1/validate` off the server's thread: one worker, jobs in turn,
 * each with the evaluation budget. A job over budget ends the worker (a new one starts for the
 * next job) and answers `eval_timeout`, so no document can hold the server, whatever its size.
 */
import { Worker } from 'node:worker_threads';
import type { Diagnostic } from '../engine/index.ts';
import type { CompileJob } from './compile-worker.ts';
import { httpError } from './errors.ts';

/** What the worker found: the diagnostics, and whether the document compiled. */
export interface CompileAnswer {
  diagnostics: Diagnostic[];
  compiled: boolean;
}

interface Pending {
  resolve(answer: CompileAnswer): void;
  reject(error: unknown): void;
  timer: NodeJS.Timeout;
}

/** A compiling worker, started on first use. */
export class CompilePool {
  #worker: Worker | undefined;
  #next = 0;
  readonly #pending = new Map<number, Pending>();

  constructor(private readonly budgetMs: number) {}

  /** The diagnostics of `text` compiled as `file`; `eval_timeout` (503) past the budget. */
  compile(text: string, file: string, named: boolean): Promise<CompileAnswer> {
    const worker = this.#started();
    const id = this.#next++;
    return new Promise<CompileAnswer>((resolve, reject) => {
      const timer = setTimeout(() => {
        // The jobs queued behind it fail with it: the worker that holds them is ended.
        this.#failAll(
          httpError('eval_timeout', `checking the document did not finish within ${this.budgetMs} ms`),
        );
        this.#restart();
      }, this.budgetMs);
      this.#pending.set(id, { resolve, reject, timer });
      worker.postMessage({ id, text, file, named } satisfies CompileJob);
    });
  }

  /** Ends the worker (server shutdown). */
  async close(): Promise<void> {
    const worker = this.#worker;
    this.#worker = undefined;
    await worker?.terminate();
  }

  #started(): Worker {
    if (this.#worker) return this.#worker;
    const worker = new Worker(new URL('./compile-worker-boot.js', import.meta.url));
    // The worker never keeps the process alive: the HTTP server does while it listens.
    worker.unref();
    worker.on('message', (answer: CompileAnswer & { id: number }) => {
      const job = this.#pending.get(answer.id);
      if (!job) return;
      this.#pending.delete(answer.id);
      clearTimeout(job.timer);
      job.resolve({ diagnostics: answer.diagnostics, compiled: answer.compiled });
    });
    worker.on('error', (e) => this.#failAll(e));
    worker.on('exit', () => {
      if (this.#worker === worker) this.#worker = undefined;
      this.#failAll(new Error('the compiling worker stopped'));
    });
    this.#worker = worker;
    return worker;
  }

  /** Ends a worker stuck on a job. */
  #restart(): void {
    const worker = this.#worker;
    this.#worker = undefined;
    void worker?.terminate();
  }

  #failAll(error: unknown): void {
    for (const [id, job] of this.#pending) {
      clearTimeout(job.timer);
      job.reject(error);
      this.#pending.delete(id);
    }
  }
}
