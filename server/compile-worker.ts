/**
 * The worker thread of `compile-pool.ts`: compiles documents sent by the server and answers with
 * their diagnostics, so that checking a large hostile document never holds the server's own
 * thread (health checks and evaluations keep answering meanwhile).
 */
import { parentPort } from 'node:worker_threads';
import { compileDocument, compileFile } from '../engine/index.ts';

/** One document to check. */
export interface CompileJob {
  id: number;
  text: string;
  file: string;
  /** Whether `file` is where the document would live (its id and version are checked against it). */
  named: boolean;
}

parentPort?.on('message', (job: CompileJob) => {
  const result = job.named ? compileFile(job.file, job.text) : compileDocument(job.text, job.file);
  parentPort?.postMessage({
    id: job.id,
    diagnostics: result.diagnostics,
    compiled: result.document !== undefined,
  });
});
