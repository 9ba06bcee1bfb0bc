/**
 * Request bodies, checked against the schemas the OpenAPI document publishes (openapi/requests.ts),
 * compiled once with ajv: one description of each body, for clients and for the server. Problems
 * are `body_invalid` (422), one diagnostic per problem with its JSON pointer and a hint.
 */
import type { Ajv2020, ErrorObject, ValidateFunction } from 'ajv/dist/2020.js';
import {
  ajv2020,
  type Diagnostic,
  NormaError,
  type ReportHeading,
  type StandardRequest,
} from '../engine/index.ts';
import type { LegalHold, Subject } from '../records/store.ts';
import type { Json } from './openapi/helpers.ts';
import { requestComponents } from './openapi/requests.ts';

/** The body of `POST …/evaluate`, checked for shape; facts and answers are the engine's to check. */
export interface EvaluateBody extends SubjectedRequest {
  explain?: boolean;
}

/** A request with what its decision is about (recorded with it, never evaluated). */
export interface SubjectedRequest extends StandardRequest {
  subject?: Subject;
}

/** The body of `POST …/evaluate/batch`: each item is evaluated on its own. */
export interface BatchBody {
  items: SubjectedRequest[];
  version?: string;
}

/** The body of `POST /v1/records/holds`. */
export interface HoldBody {
  target: LegalHold['target'];
  reason: string;
}

/** The body of `POST /v1/records/purge`. */
export interface PurgeBody {
  dryRun: boolean;
  approvals: { name: string; role: string }[];
}

/** The JSON body of `POST …/diff`: real inputs, each a request or bare facts. */
export interface DiffBody {
  inputs: unknown[];
}

const API_ID = 'https://norma.invalid/openapi.json';

/**
 * The ajv of the request schemas. Formats (`date`) are annotations, as in OpenAPI 3.1: a bad `at`
 * is the engine's `at_invalid`. The schemas are norma's own and are checked against the
 * meta-schema by requests.test.ts, not at every start (compiling the meta-schema costs start-up).
 */
export function requestAjv(validateSchema: boolean): Ajv2020 {
  const ajv = new (ajv2020().Ajv2020)({
    strict: true,
    allErrors: true,
    validateFormats: false,
    verbose: true,
    validateSchema,
  });
  // The schemas sit where the OpenAPI document has them, so their `$ref`s resolve as published;
  // `components` is the document's keyword, not a schema's: ajv is told to pass over it.
  ajv.addKeyword('components');
  ajv.addSchema({ $id: API_ID, components: { schemas: requestComponents() } });
  return ajv;
}

let ajv: Ajv2020 | undefined;
/** The ajv of the request schemas, made when the first body is checked. */
const requestSchemas = (): Ajv2020 => {
  ajv ??= requestAjv(false);
  return ajv;
};

/** A body's validator, compiled when the first such body comes (not at start-up), then kept. */
type LazyValidator = () => ValidateFunction;

function validator(name: string): LazyValidator {
  let validate: ValidateFunction | undefined;
  return () => {
    validate ??= requestSchemas().getSchema(`${API_ID}#/components/schemas/${name}`);
    if (!validate) throw new Error(`no request schema ${name}`);
    return validate;
  };
}

const evaluateSchema = validator('EvaluateRequest');
const reportSchema = validator('ReportRequest');
const batchSchema = validator('BatchRequest');
const diffSchema = validator('DiffRequest');
const holdSchema = validator('HoldRequest');
const purgeSchema = validator('PurgeRequest');
const approveSchema = validator('ApproveRequest');

/** Checks a legal hold: `{target, reason}`. */
export function holdBody(raw: unknown): HoldBody {
  const body = checked(holdSchema, raw);
  return { target: body.target as HoldBody['target'], reason: body.reason as string };
}

/** Checks a purge: `{approvals, dryRun?}`; a purge is a dry run unless it says `dryRun: false`. */
export function purgeBody(raw: unknown): PurgeBody {
  const body = checked(purgeSchema, raw);
  return { dryRun: body.dryRun !== false, approvals: body.approvals as PurgeBody['approvals'] };
}

/** Checks an evaluate body: `{facts, answers?, history?, at?, version?, explain?}`. */
export function evaluateBody(raw: unknown): EvaluateBody {
  const body = checked(evaluateSchema, raw);
  const out: EvaluateBody = request(body);
  if (body.version !== undefined) out.version = body.version as string;
  if (body.explain !== undefined) out.explain = body.explain as boolean;
  return out;
}

/** The body of `POST …/versions/{v}/report`: an evaluation and the report's heading. */
export interface ReportBody extends SubjectedRequest {
  heading?: ReportHeading;
}

/** Checks a report body: `{facts, answers?, history?, at?, subject?, heading?}`. */
export function reportBody(raw: unknown): ReportBody {
  const body = checked(reportSchema, raw);
  const out: ReportBody = request(body);
  if (body.heading !== undefined) out.heading = body.heading as ReportHeading;
  return out;
}

/** Checks a batch body: `{items: [{facts, answers?, at?}, …], version?}`. */
export function batchBody(raw: unknown): BatchBody {
  const body = checked(batchSchema, raw);
  const items = (body.items as Record<string, unknown>[]).map(request);
  return body.version !== undefined ? { items, version: body.version as string } : { items };
}

/** Checks the JSON body of a diff: `{inputs: [...]}`. */
export function diffBody(raw: unknown): DiffBody {
  return { inputs: checked(diffSchema, raw).inputs as unknown[] };
}

/** Checks an approval: `{effective, by}`; the date itself is checked by the route. */
export function approveBody(raw: unknown): { effective: string; by: string } {
  const body = checked(approveSchema, raw);
  return { effective: body.effective as string, by: (body.by as string).trim() };
}

// Built field by field: never spread a parsed body (slow on Node 20, and it would let extras through).
function request(body: Record<string, unknown>): SubjectedRequest {
  const out: SubjectedRequest = { facts: body.facts };
  if (body.answers !== undefined) out.answers = body.answers;
  if (body.history !== undefined) out.history = body.history;
  if (body.at !== undefined) out.at = body.at as string;
  if (body.subject !== undefined) out.subject = body.subject as Subject;
  return out;
}

function checked(schema: LazyValidator, raw: unknown): Record<string, unknown> {
  const validate = schema();
  if (validate(raw)) return raw as Record<string, unknown>;
  throw new NormaError(
    'body_invalid',
    'the request body does not have the expected shape',
    (validate.errors ?? []).map(problemOf),
  );
}

/** How to send a required field, where an example says more than the list of fields. */
const REQUIRED_HINTS: Record<string, string> = {
  facts: 'send `{"facts": {…}}`, with `{}` when the standard declares no facts',
  items: 'send `{"items": [{"facts": {…}}]}`',
  inputs: 'send `{"inputs": [{…}, …]}`',
};

/** One ajv error as a diagnostic: what is wrong, where (a JSON pointer), and how to fix it. */
function problemOf(e: ErrorObject): Diagnostic {
  const at = e.instancePath;
  const fields = fieldsHint(e.parentSchema);
  switch (e.keyword) {
    case 'additionalProperties': {
      const key = String(e.params.additionalProperty);
      return problem(`${at}/${pointerToken(key)}`, `unknown field \`${key}\`${within(at)}`, fields);
    }
    case 'required': {
      const key = String(e.params.missingProperty);
      return problem(
        `${at}/${pointerToken(key)}`,
        `\`${key}\` is required${within(at)}`,
        REQUIRED_HINTS[key] ?? fields,
      );
    }
    case 'type': {
      const type = String(e.params.type);
      return at === ''
        ? problem(
            '',
            `the body must be ${article(type)}`,
            fieldsHint(e.schema === 'object' ? e.parentSchema : undefined),
          )
        : problem(at, `${name(at)} must be ${article(type)}`);
    }
    default:
      return problem(at, `${at === '' ? 'the body' : name(at)} ${e.message ?? 'is not valid'}`);
  }
}

/** `fields: facts, answers, at` from an object schema's properties. */
function fieldsHint(schema: unknown): string | undefined {
  const properties = (schema as Json | undefined)?.properties;
  return properties && typeof properties === 'object'
    ? `fields: ${Object.keys(properties).join(', ')}`
    : undefined;
}

/** A pointer as people read it: `/items/3/facts` → `` `items[3].facts` ``. */
function name(pointer: string): string {
  const readable = pointer
    .slice(1)
    .split('/')
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'))
    .reduce((out, s) => (/^\d+$/.test(s) ? `${out}[${s}]` : out === '' ? s : `${out}.${s}`), '');
  return `\`${readable}\``;
}

function within(pointer: string): string {
  return pointer === '' ? '' : ` in ${name(pointer)}`;
}

function pointerToken(key: string): string {
  return key.replace(/~/g, '~0').replace(/\//g, '~1');
}

function article(type: string): string {
  if (type === 'object') return 'a JSON object';
  return /^[aeiou]/.test(type) ? `an ${type}` : `a ${type}`;
}

function problem(path: string, message: string, hint?: string): Diagnostic {
  return { code: 'body_invalid', message, severity: 'error', path, ...(hint ? { hint } : {}) };
}

const caseOpenSchema = validator('CaseOpenRequest');
const caseStepSchema = validator('CaseStepRequest');
const caseEventSchema = validator('CaseEventRequest');
const casePatchSchema = validator('CasePatchRequest');

/** The body of `POST /v1/cases`. */
export interface CaseOpenBody {
  process: string;
  subject: Subject;
  facts: Record<string, unknown>;
  version?: string;
}

/** Checks a case to open: `{process, subject, facts}`. */
export function caseOpenBody(raw: unknown): CaseOpenBody {
  const body = checked(caseOpenSchema, raw);
  const out: CaseOpenBody = {
    process: body.process as string,
    subject: body.subject as Subject,
    facts: body.facts as Record<string, unknown>,
  };
  if (body.version !== undefined) out.version = body.version as string;
  return out;
}

/** Checks a step: `{step, facts?, answers?}`. */
export function caseStepBody(raw: unknown): {
  step: string;
  facts?: Record<string, unknown>;
  answers?: unknown;
} {
  const body = checked(caseStepSchema, raw);
  const out: { step: string; facts?: Record<string, unknown>; answers?: unknown } = {
    step: body.step as string,
  };
  if (body.facts !== undefined) out.facts = body.facts as Record<string, unknown>;
  if (body.answers !== undefined) out.answers = body.answers;
  return out;
}

/** Checks an event: `{type, time?, actor?, data?}`. */
export function caseEventBody(raw: unknown): {
  type: string;
  time?: string;
  actor?: string;
  data?: Record<string, unknown>;
} {
  const body = checked(caseEventSchema, raw);
  const out: { type: string; time?: string; actor?: string; data?: Record<string, unknown> } = {
    type: body.type as string,
  };
  if (body.time !== undefined) out.time = body.time as string;
  if (body.actor !== undefined) out.actor = body.actor as string;
  if (body.data !== undefined) out.data = body.data as Record<string, unknown>;
  return out;
}

/** Checks a facts update: `{facts}` (a JSON merge patch). */
export function casePatchBody(raw: unknown): { facts: Record<string, unknown> } {
  return { facts: checked(casePatchSchema, raw).facts as Record<string, unknown> };
}
