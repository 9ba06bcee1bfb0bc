import { hasPersonal, maskPersonal, type StandardsIndex } from '../engine/index.ts';
import { CaseService } from './cases.ts';
import { DecisionRecorder } from './recorder.ts';
import { Replayer } from './replay.ts';
import type { RecordStore, StoredRecord } from './store.ts';

/** Decision records as the server and the CLI use them: the store, the recorder, replays and masking. */
export class RecordsService {
  readonly recorder: DecisionRecorder;
  readonly replayer: Replayer;
  /** Cases walked through a process (records/cases.ts). */
  readonly cases: CaseService;

  constructor(readonly store: RecordStore) {
    this.recorder = new DecisionRecorder(store);
    this.replayer = new Replayer(store);
    this.cases = new CaseService(this);
  }

  /**
   * The record as a caller may see it: values its document marks `personal: true` are masked
   * unless the caller may see personal data (the HTTP API: the `records:personal` scope;
   * 个人信息保护法, and records.access decides who is given it). The deciding version's declarations say what is personal.
   */
  async visible(
    index: StandardsIndex,
    record: StoredRecord,
    personalAllowed: boolean,
  ): Promise<StoredRecord> {
    if (personalAllowed) return record;
    let declared: Awaited<ReturnType<Replayer['documentOf']>>['facts']['declared'];
    try {
      declared = (await this.replayer.documentOf(index, record.standard)).facts.declared;
    } catch {
      // Without its document nothing says which values are personal: show none of the input.
      return {
        ...record,
        input: { masked: 'the deciding version is not available to tell personal data apart' },
      };
    }
    if (!hasPersonal(declared)) return record;
    const input = record.input as { facts?: unknown };
    return { ...record, input: { ...record.input, facts: maskPersonal(input.facts, declared) } };
  }
}
