/**
 * The request bodies: published as components and compiled by the server (server/requests.ts)
 * from these same objects, so what the description says and what is checked cannot drift apart.
 * Shapes only: the values (the facts a standard declares, answers, dates) are the engine's to
 * check, with their own codes (`facts_invalid`, `answers_invalid`, `at_invalid`).
 */
import { reportHeadingSchema } from '../../engine/index.ts';
import { caseRequestComponents } from './cases.ts';
import { closed, type Json, listOf } from './helpers.ts';
import { holdRequest, purgeRequest, subject } from './records.ts';

// Facts and answers are any JSON here: the engine checks them against the standard and answers
// `facts_invalid` or `answers_invalid` with a diagnostic per problem, more than a type could say.
const facts: Json = {
  description:
    "an object of the inputs the standard declares under `facts` (their JSON Schema is the document's `facts`, " +
    'GET …/versions/{v}); `{}` when it declares none; anything else is 422 `facts_invalid`',
  examples: [{ estimateTotal: 25000, payType: 'customer' }],
};

const answers: Json = {
  description:
    'a checklist’s answers, an object by item key (`section.item`: `{value, by?, at?, evidence?}`); ' +
    'checked by the engine (422 `answers_invalid`)',
};

const at: Json = {
  type: 'string',
  format: 'date',
  description: 'the date that decides the version (default: today); a process also takes an ISO date-time',
};

const history: Json = {
  type: 'array',
  description:
    'a process: the case’s decisions and events, in order (docs/kinds/process.md); checked by the engine (422 `history_invalid`)',
};

/** The body of `POST …/evaluate`. */
export const evaluateRequest = closed(
  {
    facts,
    answers,
    history,
    at,
    version: { type: 'string', description: 'pin a version instead of the one in force' },
    explain: { type: 'boolean', description: 'add `explain` (runs json-rules-engine, the reference)' },
    subject: { $ref: '#/components/schemas/Subject' },
  },
  ['facts'],
);

/** What identifies a printed report: the engine's own schema (engine/render/heading.ts). */
export const reportHeading: Json = reportHeadingSchema as Json;

/** The body of `POST …/versions/{v}/report`: an evaluation and what identifies its report. */
export const reportRequest = closed(
  {
    facts,
    answers,
    history,
    at,
    subject: { $ref: '#/components/schemas/Subject' },
    heading: { $ref: '#/components/schemas/ReportHeading' },
  },
  ['facts'],
);

/** One item of a batch: evaluated on its own, with its own result or error. */
export const batchItem = closed(
  { facts, answers, history, at, subject: { $ref: '#/components/schemas/Subject' } },
  ['facts'],
);

/** The body of `POST …/evaluate/batch`. */
export const batchRequest = closed(
  {
    items: listOf({ $ref: '#/components/schemas/BatchItem' }, 'at most NORMA_BATCH_MAX items'),
    version: { type: 'string', description: 'pin a version for every item' },
  },
  ['items'],
);

/** The JSON body of `POST …/diff`: real inputs, each a request or bare facts. */
export const diffRequest = closed(
  {
    inputs: listOf(
      {
        type: 'object',
        description: '`{facts, answers?}`, or the facts themselves',
        additionalProperties: true,
      },
      'at most 10,000 inputs',
    ),
  },
  ['inputs'],
);

/** The body of `POST …/versions/{v}/approve`. */
export const approveRequest = closed(
  {
    effective: {
      type: 'string',
      format: 'date',
      description: 'the date the version takes effect: today or later',
    },
    by: { type: 'string', minLength: 1, maxLength: 100, description: 'who approves (written into the file)' },
  },
  ['effective', 'by'],
);

/** The request components, by name. */
export function requestComponents(): Record<string, Json> {
  return {
    EvaluateRequest: evaluateRequest,
    BatchItem: batchItem,
    BatchRequest: batchRequest,
    ReportRequest: reportRequest,
    ReportHeading: reportHeading,
    DiffRequest: diffRequest,
    Subject: subject,
    HoldRequest: holdRequest,
    PurgeRequest: purgeRequest,
    ApproveRequest: approveRequest,
    ...caseRequestComponents(),
  };
}
