/**
 * Cases over the records store: a work order opened for a process, its steps (each a decision
 * record with the case's caseId, evaluated by the version in force at the step's time), its
 * events and fact updates, all append-only; where it stands is the process evaluated over them.
 * The HTTP routes (server/routes/cases.ts) are a thin layer over this.
 */
import {
  allowedStep,
  type CompiledDocument,
  chooseStandardVersion,
  type DecisionEntry,
  type EventEntry,
  evaluateProcess,
  evaluateStandard,
  findVersion,
  NormaError,
  type ProcessResult,
  type StandardsIndex,
  stepFacts,
} from '../engine/index.ts';
import type { CaseEntry, CaseFilter, CasePlace, FactChange, StoredCase } from './case-model.ts';
import { uuidv7 } from './ids.ts';
import { type DecisionContext, type RecordedEnvelope, standardDay } from './recorder.ts';
import type { RecordsService } from './service.ts';
import type { Page, StoredRecord, Subject } from './store.ts';

/** A decision of a case's history, as the case file shows it: who submitted the step, too. */
export type CaseDecision = DecisionEntry & {
  standard: { id: string; version: string; digest: string };
  recordedAt: string;
  by: string | null;
};

/** An event of a case's history, with when it was recorded. */
export type CaseEvent = EventEntry & { recordedAt: string };

/** A fact update, as the case file shows it. */
export interface CaseChange {
  changes: FactChange[];
  by: string | null;
  recordedAt: string;
}

/**
 * A case as `GET /v1/cases/{id}` answers it: the same JSON `norma eval <process> --history` reads
 * (`process`, `facts`, `history`), with where it stands and the fact updates.
 */
export interface CaseView {
  caseId: string;
  process: { id: string; version: string; digest: string };
  subject: Subject;
  facts: Record<string, unknown>;
  openedAt: string;
  openedBy: string | null;
  updatedAt: string;
  /** The process evaluated over the history at the time of the answer. */
  state: ProcessResult;
  history: (CaseDecision | CaseEvent)[];
  changes: CaseChange[];
}

export interface StepSubmission {
  /** `stage.step`, or the id of a standard only one step needs. */
  step: string;
  facts?: Record<string, unknown>;
  answers?: unknown;
}

export interface EventSubmission {
  type: string;
  time?: string;
  actor?: string;
  data?: Record<string, unknown>;
}

/** Who is acting: the caller's name (null on an open server) and the request, for the record. */
export interface Actor {
  caller: string | null;
  requestId: string | null;
}

export class CaseService {
  /** One change of a case at a time in this process, so a step is checked against the history it extends. */
  private readonly queues = new Map<string, Promise<unknown>>();

  constructor(readonly records: RecordsService) {}

  /** Opens a case with the process version in force now, or the pinned one (a draft must be pinned). */
  async open(
    index: StandardsIndex,
    body: { process: string; subject: Subject; facts: Record<string, unknown>; version?: string },
    actor: Actor,
    now = new Date(),
  ): Promise<CaseView> {
    const doc = chooseStandardVersion(index, body.process, standardDay(now.toISOString()), body.version);
    if (doc.kind !== 'process') {
      throw new NormaError(
        'kind_unsupported',
        `\`${doc.id}\` is a ${doc.kind}, not a process: cases walk a process`,
      );
    }
    const openedAt = now.toISOString();
    const state = evaluateProcess(doc, { facts: body.facts, history: [], at: openedAt });
    const kase = await this.records.store.openCase({
      caseId: uuidv7(),
      process: { id: doc.id, version: doc.version, digest: doc.digest },
      subject: body.subject,
      facts: structuredClone(body.facts),
      openedAt,
      openedBy: actor.caller,
      ...placeOf(state),
    });
    return { ...caseHead(kase), state, history: [], changes: [] };
  }

  /** The case, where it stands at `at` (default now), and its timeline. */
  async view(index: StandardsIndex, caseId: string, at = new Date().toISOString()): Promise<CaseView> {
    const { kase, doc, history, changes } = await this.load(index, caseId);
    const state = evaluateProcess(doc, { facts: kase.facts, history, at });
    return { ...caseHead(kase), state, history, changes };
  }

  list(filter: CaseFilter, page: { after?: string; limit: number }): Promise<Page<StoredCase>> {
    return this.records.store.listCases(filter, page);
  }

  /**
   * Submits a step: refused with its code unless the process allows it now; otherwise its
   * standard is evaluated on the facts the case supplies under the submission's own, by the
   * version in force today, recorded against the case, and the case moves on.
   */
  step(
    index: StandardsIndex,
    caseId: string,
    submission: StepSubmission,
    actor: Actor,
  ): Promise<{ decision: RecordedEnvelope; case: CaseView }> {
    return this.serially(caseId, async () => {
      const { kase, doc, history, changes } = await this.load(index, caseId);
      const now = new Date().toISOString();
      const permission = allowedStep(doc, { facts: kase.facts, history, at: now }, submission.step);
      if (!permission.allowed) throw new NormaError(permission.code, permission.message);
      const facts = stepFacts(doc, permission.step, kase.facts, submission.facts ?? {});
      const request = {
        facts,
        ...(submission.answers !== undefined ? { answers: submission.answers } : {}),
        at: standardDay(now),
      };
      const decision: RecordedEnvelope = await evaluateStandard(index, permission.standard, request);
      // The step it did goes with the input: the decision record alone says what it was for.
      const input: Record<string, unknown> = { facts, step: permission.step };
      if (submission.answers !== undefined) input.answers = submission.answers;
      const context: DecisionContext = {
        caller: actor.caller,
        requestId: actor.requestId,
        subject: kase.subject,
        caseId,
      };
      decision.decisionId = await this.records.recorder.record(index, decision, input, context);
      const record = await this.records.store.get(decision.decisionId);
      if (!record) throw unplaced('the step’s decision was not found once recorded');
      const next = [...history, decisionOf(record)];
      const state = evaluateProcess(doc, { facts: kase.facts, history: next, at: now });
      try {
        await this.records.store.updateCasePlace(caseId, placeOf(state), record.recordedAt);
      } catch (e) {
        throw unplaced(
          `the step was recorded (${decision.decisionId}), but not where the case stands: ${String(e)}`,
        );
      }
      return {
        decision,
        case: { ...caseHead(kase), updatedAt: record.recordedAt, state, history: next, changes },
      };
    });
  }

  /** Records an event (delivered, call attempted, …): checked against the process's declaration. */
  event(index: StandardsIndex, caseId: string, event: EventSubmission, actor: Actor): Promise<CaseView> {
    return this.serially(caseId, async () => {
      const { kase, doc, history, changes } = await this.load(index, caseId);
      const now = new Date().toISOString();
      const raw: EventEntry = {
        type: event.type,
        time: event.time ?? now,
        ...((event.actor ?? actor.caller) ? { actor: (event.actor ?? actor.caller) as string } : {}),
        ...(event.data !== undefined ? { data: event.data } : {}),
      };
      const next = [...history, { ...raw, recordedAt: now }];
      // Evaluated before anything is written: an event the process does not declare is history_invalid.
      const state = evaluateProcess(doc, { facts: kase.facts, history: next, at: now });
      const entry: CaseEntry = {
        kind: 'event',
        type: raw.type,
        time: raw.time,
        ...(raw.data !== undefined ? { data: raw.data } : {}),
        entryId: uuidv7(),
        caseId,
        recordedAt: now,
        actor: raw.actor ?? null,
      };
      await this.records.store.appendCaseEntry(entry, placeOf(state));
      return { ...caseHead(kase), updatedAt: now, state, history: next, changes };
    });
  }

  /**
   * Updates the case's facts by a JSON merge patch (RFC 7386: null removes a fact). Every change
   * is recorded as an entry with who made it and what it was before; nothing changes silently.
   */
  patch(
    index: StandardsIndex,
    caseId: string,
    patch: Record<string, unknown>,
    actor: Actor,
  ): Promise<CaseView> {
    return this.serially(caseId, async () => {
      const { kase, doc, history, changes } = await this.load(index, caseId);
      const now = new Date().toISOString();
      const facts = mergePatch(kase.facts, patch);
      const changed = factChanges(kase.facts, facts);
      const state = evaluateProcess(doc, { facts, history, at: now });
      if (changed.length === 0) return { ...caseHead(kase), state, history, changes };
      const entry: CaseEntry = {
        kind: 'facts',
        changes: changed,
        entryId: uuidv7(),
        caseId,
        recordedAt: now,
        actor: actor.caller,
      };
      await this.records.store.appendCaseEntry(entry, placeOf(state), facts);
      const change = { changes: changed, by: actor.caller, recordedAt: now };
      return {
        ...caseHead({ ...kase, facts }),
        updatedAt: now,
        state,
        history,
        changes: [...changes, change],
      };
    });
  }

  /** The case, its process version (the one it opened with), its history and its fact updates. */
  async load(
    index: StandardsIndex,
    caseId: string,
  ): Promise<{
    kase: StoredCase;
    doc: CompiledDocument;
    history: (CaseDecision | CaseEvent)[];
    changes: CaseChange[];
  }> {
    const { store } = this.records;
    const kase = await store.getCase(caseId);
    if (!kase) throw new NormaError('case_unknown', `no case \`${caseId}\``);
    const doc = findVersion(index, kase.process.id, kase.process.version);
    // The history is the case's decision records and its events, in the order they were made:
    // both ids are UUIDv7 from one clock, so id order is recording order. A destroyed decision
    // (retention) is left out: the history holds what is kept.
    const timeline: { id: string; entry: CaseDecision | CaseEvent }[] = [];
    for await (const record of store.stream({ caseId }))
      timeline.push({ id: record.decisionId, entry: decisionOf(record) });
    const changes: CaseChange[] = [];
    for (const entry of await store.caseEntries(caseId)) {
      if (entry.kind === 'event') {
        const event: CaseEvent = {
          type: entry.type,
          time: entry.time,
          ...(entry.actor !== null ? { actor: entry.actor } : {}),
          ...(entry.data !== undefined ? { data: entry.data } : {}),
          recordedAt: entry.recordedAt,
        };
        timeline.push({ id: entry.entryId, entry: event });
      } else {
        changes.push({ changes: entry.changes, by: entry.actor, recordedAt: entry.recordedAt });
      }
    }
    timeline.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    return { kase, doc, history: timeline.map((t) => t.entry), changes };
  }

  /**
   * Runs `work` after every earlier change of the same case has finished: in this server (its
   * queue), and in the other servers on the same PostgreSQL (the store's lock on the case).
   */
  private serially<T>(caseId: string, work: () => Promise<T>): Promise<T> {
    const before = this.queues.get(caseId) ?? Promise.resolve();
    const locked = () => this.records.store.withKeyLock(`case:${caseId}`, work);
    const run = before.then(locked, locked);
    const settled = run.catch(() => undefined);
    this.queues.set(caseId, settled);
    void settled.then(() => {
      if (this.queues.get(caseId) === settled) this.queues.delete(caseId);
    });
    return run;
  }
}

function caseHead(kase: StoredCase) {
  return {
    caseId: kase.caseId,
    process: kase.process,
    subject: kase.subject,
    facts: kase.facts,
    openedAt: kase.openedAt,
    openedBy: kase.openedBy,
    updatedAt: kase.updatedAt,
  };
}

/** A decision record as an entry of the case's history: done at the instant it was recorded. */
function decisionOf(record: StoredRecord): CaseDecision {
  const step = (record.input as { step?: unknown }).step;
  return {
    decisionId: record.decisionId,
    standard: record.standard,
    ...(typeof step === 'string' ? { step } : {}),
    at: record.recordedAt,
    recordedAt: record.recordedAt,
    result: record.result,
    matched: record.matched,
    by: record.caller,
  };
}

/** Where a case stands, for listing: its stage and the earliest due instant of a deadline not met. */
export function placeOf(state: ProcessResult): CasePlace {
  let nextDue: string | null = null;
  for (const view of Object.values(state.deadlines)) {
    if ((view.state !== 'open' && view.state !== 'overdue') || view.due === undefined) continue;
    const due = new Date(view.due).toISOString();
    if (nextDue === null || due < nextDue) nextDue = due;
  }
  return { stage: state.stage, complete: state.complete, nextDue };
}

/** RFC 7386: objects merge key by key, null removes, anything else replaces. */
export function mergePatch(target: unknown, patch: unknown): Record<string, unknown> {
  return merged(target, patch) as Record<string, unknown>;
}

function merged(target: unknown, patch: unknown): unknown {
  if (!isMapping(patch)) return structuredClone(patch);
  const out: Record<string, unknown> = isMapping(target) ? structuredClone(target) : {};
  for (const [key, value] of Object.entries(patch)) {
    if (value === null) delete out[key];
    else out[key] = merged(out[key], value);
  }
  return out;
}

/** Every leaf that differs between two fact objects, by dotted path, in key order. */
export function factChanges(before: unknown, after: unknown, path = ''): FactChange[] {
  if (isMapping(before) && isMapping(after)) {
    const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])].sort();
    return keys.flatMap((k) => factChanges(before[k], after[k], path ? `${path}.${k}` : k));
  }
  if (JSON.stringify(before) === JSON.stringify(after)) return [];
  return [
    {
      path,
      ...(before !== undefined ? { before: structuredClone(before) } : {}),
      ...(after !== undefined ? { after: structuredClone(after) } : {}),
    },
  ];
}

function isMapping(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

/** The step's decision is recorded, but the case's place could not be written: not acknowledged. */
function unplaced(message: string): NormaError {
  return new NormaError('records_unavailable', message);
}
