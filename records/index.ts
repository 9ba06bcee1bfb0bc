/** What server/ and cli/ use of the decision records store. */
export { UUID_V7, uuidv7 } from './ids.ts';
export {
  DEFAULT_DATA_DIR,
  openStore,
  type RecordsOptions,
  recordsOptionsFromEnv,
  type StoreOptions,
} from './open.ts';
export { MAX_PAGE } from './query.ts';
export type {
  ChainReport,
  DecisionFilter,
  Destruction,
  LegalHold,
  NewRecord,
  Page,
  RecordStore,
  Retention,
  StoredRecord,
  StoredSource,
  Subject,
  VerifyReport,
} from './store.ts';
