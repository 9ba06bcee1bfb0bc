/** Cases: the request bodies (components the server validates with) and the answers. */
import { closed, type Json, listOf, ref } from './helpers.ts';

const string: Json = { type: 'string' };
const nullableString: Json = { type: ['string', 'null'] };
const instant: Json = { type: 'string', format: 'date-time' };
const facts: Json = {
  type: 'object',
  description: 'the case’s facts, as the process declares them (checked by the engine: 422 `facts_invalid`)',
};

/** The body of `POST /v1/cases`. */
export const caseOpenRequest = closed(
  {
    process: { type: 'string', minLength: 1, description: 'the process’s id, e.g. `process.work-order`' },
    subject: { $ref: '#/components/schemas/Subject' },
    facts,
    version: {
      type: 'string',
      description: 'pin a process version instead of the one in force (a draft must be pinned)',
    },
  },
  ['process', 'subject', 'facts'],
  'opens a case with the process version in force now, or the pinned one; the case keeps that version',
);

/** The body of `POST /v1/cases/{caseId}/steps`. */
export const caseStepRequest = closed(
  {
    step: {
      type: 'string',
      minLength: 1,
      description: '`stage.step`, or the id of a standard only one step needs (`safety.site`)',
    },
    facts: {
      type: 'object',
      description: 'the step standard’s facts beyond those the process derives from the case (they win)',
    },
    answers: { description: 'a checklist’s answers, by item key' },
  },
  ['step'],
  'a step of the case, evaluated by its standard’s version in force now and recorded against the case',
);

/** The body of `POST /v1/cases/{caseId}/events`. */
export const caseEventRequest = closed(
  {
    type: { type: 'string', minLength: 1, description: 'an event the process declares' },
    time: { type: 'string', description: 'when it happened (ISO date-time; default: now)' },
    actor: { type: 'string', description: 'who did it (default: the caller)' },
    data: { type: 'object', description: 'the event’s data, as the process declares it' },
  },
  ['type'],
);

/** The body of `PATCH /v1/cases/{caseId}`. */
export const casePatchRequest = closed(
  {
    facts: {
      type: 'object',
      description: 'a JSON merge patch (RFC 7386) of the case’s facts: `null` removes a fact',
    },
  },
  ['facts'],
);

const caseDecision = closed(
  {
    decisionId: { type: 'string', format: 'uuid' },
    standard: ref('StandardRef'),
    step: { type: 'string', description: '`stage.step`: the step it did (the record’s `input.step`)' },
    at: { ...instant, description: 'when the step was done' },
    recordedAt: instant,
    result: { description: 'the decision’s result' },
    matched: listOf(ref('Matched')),
    by: { ...nullableString, description: 'who submitted the step (the token’s name)' },
  },
  ['decisionId', 'standard', 'at', 'recordedAt', 'result', 'matched', 'by'],
  'a step done: the decision record with the case’s caseId',
);

const caseEvent = closed(
  {
    type: string,
    time: instant,
    actor: string,
    data: { type: 'object' },
    recordedAt: instant,
  },
  ['type', 'time', 'recordedAt'],
  'an event of the case',
);

const factChange = closed({ path: string, before: {}, after: {} }, ['path']);

const caseChange = closed(
  { changes: listOf(factChange), by: nullableString, recordedAt: instant },
  ['changes', 'by', 'recordedAt'],
  'an update of the case’s facts: each fact that changed, what it was and what it is',
);

const head = {
  caseId: { type: 'string', format: 'uuid', description: 'UUIDv7' },
  process: ref('StandardRef'),
  subject: ref('Subject'),
  openedAt: instant,
  openedBy: nullableString,
  updatedAt: instant,
};

const caseView = closed(
  {
    ...head,
    facts: { type: 'object' },
    state: ref('ProcessResult'),
    history: listOf(
      { oneOf: [ref('CaseDecision'), ref('CaseEvent')] },
      'every decision and event, in the order recorded: `norma eval <process> --history` reads this file',
    ),
    changes: listOf(ref('CaseChange')),
  },
  [
    'caseId',
    'process',
    'subject',
    'facts',
    'openedAt',
    'openedBy',
    'updatedAt',
    'state',
    'history',
    'changes',
  ],
  'a case: where it stands now, and its timeline',
);

const caseSummary = closed(
  {
    ...head,
    stage: nullableString,
    complete: { type: 'boolean' },
    nextDue: { type: ['string', 'null'], format: 'date-time', description: 'the earliest deadline not met' },
  },
  ['caseId', 'process', 'subject', 'openedAt', 'openedBy', 'updatedAt', 'stage', 'complete', 'nextDue'],
);

/** The request components of cases (server/requests.ts compiles them). */
export function caseRequestComponents(): Record<string, Json> {
  return {
    CaseOpenRequest: caseOpenRequest,
    CaseStepRequest: caseStepRequest,
    CaseEventRequest: caseEventRequest,
    CasePatchRequest: casePatchRequest,
  };
}

/** The answers of the case routes. */
export function caseComponents(): Record<string, Json> {
  return {
    Case: caseView,
    CaseDecision: caseDecision,
    CaseEvent: caseEvent,
    CaseChange: caseChange,
    CaseSummary: caseSummary,
    CaseStep: closed({ decision: ref('Envelope'), case: ref('Case') }, ['decision', 'case']),
    CaseList: closed({ cases: listOf(ref('CaseSummary')), next: string }, ['cases']),
  };
}
