/** The decision records' schemas: a record, a page of them, a replay, the chain, holds, a purge. */
import { closed, type Json, listOf, ref } from './helpers.ts';

const string: Json = { type: 'string' };
const nullableString: Json = { type: ['string', 'null'] };
const instant: Json = { type: 'string', format: 'date-time' };
const date: Json = { type: 'string', format: 'date' };
/** The evaluation's `at`: a date, or for a process the instant its case was evaluated at. */
const evaluatedAt: Json = {
  type: 'string',
  description: 'the evaluation date (YYYY-MM-DD); for a process, the instant it was evaluated at',
};

export const subject = closed(
  {
    type: {
      type: 'string',
      minLength: 1,
      maxLength: 64,
      description: 'what the decision is about: work-order, vehicle, staff, …',
    },
    id: {
      type: 'string',
      minLength: 1,
      maxLength: 128,
      description: 'its id: the work order number, the VIN, …',
    },
  },
  ['type', 'id'],
  'who or what the decision is about, so that its decisions can be found together',
);

const retention = closed(
  {
    recordClass: string,
    keepUntil: {
      type: ['string', 'null'],
      format: 'date',
      description: 'the last day the record must be kept',
    },
    from: { type: 'string', description: 'the event the period runs from' },
    decidedBy: listOf(string, '`id@version#digest/rule` of the records documents that decided'),
  },
  ['recordClass', 'keepUntil', 'from', 'decidedBy'],
);

const decisionRecord = closed(
  {
    decisionId: { type: 'string', format: 'uuid', description: 'UUIDv7: time-ordered' },
    recordedAt: instant,
    standard: ref('StandardRef'),
    at: evaluatedAt,
    kind: string,
    input: {
      type: 'object',
      description: 'the facts and answers as evaluated; personal values masked without `records:personal`',
    },
    result: { description: 'the envelope’s result' },
    matched: listOf(ref('Matched')),
    outcome: nullableString,
    caller: nullableString,
    requestId: nullableString,
    subject: { oneOf: [ref('Subject'), { type: 'null' }] },
    caseId: nullableString,
    retention: { oneOf: [retention, { type: 'null' }] },
    writer: { type: 'string', description: 'the process that wrote it: each writer keeps its own chain' },
    seq: { type: 'integer', minimum: 1 },
    hash: string,
    prevHash: string,
  },
  [
    'decisionId',
    'recordedAt',
    'standard',
    'at',
    'kind',
    'input',
    'result',
    'matched',
    'outcome',
    'caller',
    'requestId',
    'subject',
    'caseId',
    'retention',
    'writer',
    'seq',
    'hash',
    'prevHash',
  ],
  'one recorded decision, as committed',
);

const replay = closed(
  {
    decisionId: string,
    identical: {
      type: 'boolean',
      description: 'whether the replayed result and matched equal the recorded ones',
    },
    recorded: closed(
      {
        standard: ref('StandardRef'),
        at: evaluatedAt,
        kind: string,
        result: {},
        matched: listOf(ref('Matched')),
      },
      ['standard', 'at', 'kind', 'result', 'matched'],
    ),
    replayed: ref('Envelope'),
  },
  ['decisionId', 'identical', 'recorded', 'replayed'],
);

const verify = closed(
  {
    ok: { type: 'boolean' },
    chains: listOf(
      closed({ writer: string, records: { type: 'integer' }, head: nullableString }, [
        'writer',
        'records',
        'head',
      ]),
    ),
    broken: closed(
      {
        writer: string,
        seq: { type: 'integer' },
        decisionId: string,
        reason: { enum: ['hash', 'link', 'gap'] },
      },
      ['writer', 'seq', 'decisionId', 'reason'],
      'the first record that breaks its chain',
    ),
  },
  ['ok', 'chains'],
);

const holdTarget: Json = {
  oneOf: [
    closed({ decisionId: string }, ['decisionId']),
    closed({ subject: ref('Subject') }, ['subject']),
    closed({ caseId: string }, ['caseId']),
  ],
};

const hold = closed({ holdId: string, target: holdTarget, reason: string, setBy: string, setAt: instant }, [
  'holdId',
  'target',
  'reason',
  'setBy',
  'setAt',
]);

const purgeEntry = closed(
  {
    decisionId: string,
    recordedAt: instant,
    recordClass: nullableString,
    decision: { enum: ['keep', 'destroy'] },
    reason: string,
    rule: nullableString,
  },
  ['decisionId', 'recordedAt', 'recordClass', 'decision', 'reason', 'rule'],
);

const purge = closed(
  {
    at: date,
    dryRun: { type: 'boolean' },
    decidedBy: nullableString,
    examined: { type: 'integer' },
    destroyable: { type: 'integer' },
    kept: {
      type: 'object',
      additionalProperties: { type: 'integer' },
      description: 'records kept, by reason',
    },
    entries: listOf(
      purgeEntry,
      'the records that may be destroyed (dry run) or were destroyed; at most 1000',
    ),
    truncated: { type: 'integer', description: 'entries left out of the list' },
  },
  ['at', 'dryRun', 'decidedBy', 'examined', 'destroyable', 'kept', 'entries'],
);

/** Request bodies. */
export const holdRequest = closed(
  { target: holdTarget, reason: { type: 'string', minLength: 1, maxLength: 500 } },
  ['target', 'reason'],
);

export const purgeRequest = closed(
  {
    dryRun: { type: 'boolean', description: 'list what may be destroyed, destroy nothing (default true)' },
    approvals: listOf(
      closed(
        {
          name: { type: 'string', minLength: 1, maxLength: 64 },
          role: { enum: ['records-administrator', 'after-sales-manager', 'service-advisor', 'technician'] },
        },
        ['name', 'role'],
      ),
      'who approved the destruction: retention.records wants the records administrator and the after-sales manager',
    ),
  },
  ['approvals'],
);

/** The response components of records (the request ones are with the other requests). */
export function recordComponents(): Record<string, Json> {
  return {
    DecisionRecord: decisionRecord,
    Replay: replay,
    ChainVerification: verify,
    LegalHold: hold,
    Purge: purge,
  };
}
