import {
  type CompiledDocument,
  canonicalJson,
  compileDocument,
  type Envelope,
  evaluateDocument,
  NormaError,
  type StandardsIndex,
} from '../engine/index.ts';
import type { RecordStore, StoredRecord } from './store.ts';

/** What a replay answers: the recorded decision, the decision made again, and whether they agree. */
export interface Replay {
  decisionId: string;
  identical: boolean;
  recorded: Pick<StoredRecord, 'standard' | 'at' | 'kind' | 'result' | 'matched'>;
  replayed: Envelope;
}

/** Compiled versions kept for replays, by digest: a replay run again needs no new compile. */
const COMPILED_MAX = 64;

/**
 * Re-evaluates recorded inputs with the version that decided them (by digest: the store keeps
 * its source, so a replay works after the file is gone or another branch is checked out), with
 * an explanation. A served document with the same digest is used as is.
 */
export class Replayer {
  private readonly compiled = new Map<string, CompiledDocument>();

  constructor(private readonly store: RecordStore) {}

  async replay(index: StandardsIndex, record: StoredRecord): Promise<Replay> {
    const doc = await this.documentOf(index, record.standard);
    const input = record.input as { facts?: unknown; answers?: unknown; history?: unknown };
    const replayed = await evaluateDocument(doc, {
      at: record.at,
      facts: input.facts ?? {},
      ...(input.answers !== undefined ? { answers: input.answers } : {}),
      ...(input.history !== undefined ? { history: input.history } : {}),
      explain: true,
    });
    const identical =
      canonicalJson({ result: record.result, matched: record.matched }) ===
      canonicalJson({ result: replayed.result, matched: replayed.matched });
    const { standard, at, kind, result, matched } = record;
    return {
      decisionId: record.decisionId,
      identical,
      recorded: { standard, at, kind, result, matched },
      replayed,
    };
  }

  /** The version that decided: served, cached, or compiled from the kept source. */
  async documentOf(index: StandardsIndex, standard: StoredRecord['standard']): Promise<CompiledDocument> {
    const served = index.documents.get(standard.id)?.find((d) => d.digest === standard.digest);
    if (served) return served;
    const cached = this.compiled.get(standard.digest);
    if (cached) return cached;
    const source = await this.store.source(standard.digest);
    if (!source) {
      throw new NormaError(
        'decision_source_missing',
        `the source of ${standard.id} ${standard.version} (${standard.digest}) is not in the store`,
      );
    }
    const compiled = compileDocument(source.source, `records:${standard.id}/${standard.version}.yaml`);
    const doc = compiled.document ?? compiled.provisional;
    if (!doc || doc.digest !== standard.digest) {
      throw new NormaError(
        'decision_source_mismatch',
        `the kept source of ${standard.id} ${standard.version} no longer compiles to ${standard.digest}`,
        compiled.diagnostics.slice(0, 20),
      );
    }
    if (this.compiled.size >= COMPILED_MAX) this.compiled.delete(this.compiled.keys().next().value as string);
    this.compiled.set(standard.digest, doc);
    return doc;
  }
}
