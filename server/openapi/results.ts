/**
 * The result envelope of an evaluation, typed per kind: each kind's `result`, `matched` and
 * `explain` entries exactly as `engine/kinds/<kind>/evaluate.ts` builds them. Closed schemas, so a
 * field added to a result without being described here fails the response checks of the tests.
 */
import { closed, type Json, listOf, ref, taggedUnion } from './helpers.ts';

const clause = ref('schema.header.clause');
const integer: Json = { type: 'integer' };
const number: Json = { type: 'number' };
const string: Json = { type: 'string' };
const boolean: Json = { type: 'boolean' };
const strings = listOf(string);

/** How one condition was decided (on the json-rules-engine path, with `explain: true`). */
const conditionExplain = closed(
  {
    op: { type: 'string', description: '`all`, `any`, `not`, `some`, `every`, `none`, or an operator' },
    fact: { type: 'string', description: 'the fact path tested' },
    value: { description: 'the fact’s value at evaluation' },
    expected: { description: 'what it was compared with, after resolving `$at` and `{fact: …}`' },
    text: { type: 'string', description: 'the test in words, with the resolved value' },
    outcome: { type: ['boolean', 'null'], description: 'whether it held; null when not needed to decide' },
    line: integer,
    col: integer,
    conditions: listOf(ref('ConditionExplain')),
  },
  ['op', 'outcome', 'line', 'col'],
  'how one condition was decided',
);

const matched = closed(
  { rule: string, clause, message: string, title: string },
  ['rule'],
  'a rule, item, band or price that decided part of the result',
);

/** The fields every explain entry has; `type` is the kind of element. */
function explainEntry(type: string, extra: Json, required: string[], description: string): Json {
  return closed(
    {
      type: { const: type },
      id: string,
      applied: boolean,
      clause,
      line: integer,
      col: integer,
      reason: string,
      conditions: ref('ConditionExplain'),
      ...extra,
    },
    ['type', 'id', 'applied', 'line', 'col', ...required],
    description,
  );
}

const itemStatus: Json = { enum: ['pass', 'fail', 'na', 'missing'] };
const itemReason: Json = {
  enum: [
    'ok',
    'expect_not_met',
    'evidence_missing',
    'at_missing',
    'out_of_order',
    'not_applicable',
    'not_answered',
  ],
};
const severity: Json = { enum: ['critical', 'major', 'minor'] };

const answer = closed(
  {
    value: { description: 'the answer as given' },
    by: string,
    at: { type: 'string', format: 'date-time' },
    evidence: strings,
  },
  ['value', 'evidence'],
  'the answer as checked',
);

const checklistItemExplain = explainEntry(
  'item',
  {
    reason: itemReason,
    status: itemStatus,
    text: string,
    severity,
    weight: number,
    answer,
    expect: closed({ text: string, met: boolean, conditions: ref('ConditionExplain') }, ['text', 'met']),
    evidence: closed({ required: string, given: strings, ok: boolean }, ['required', 'given', 'ok']),
    order: closed(
      { ok: boolean, previous: closed({ id: string, at: string }, ['id', 'at']) },
      ['ok'],
      'in sequential sections: the latest earlier answer compared with',
    ),
    message: { type: 'string', description: 'why the item did not pass' },
  },
  ['reason', 'status', 'text', 'severity', 'weight'],
  'one checklist item: applicability, the answer and each check made',
);

const ruleExplain = explainEntry('rule', {}, ['reason'], 'one rule of a ruleset');
const bandExplain = explainEntry(
  'band',
  { criterion: string, points: number },
  ['criterion', 'points', 'reason'],
  'one band of a scorecard criterion',
);
const vetoExplain = explainEntry('veto', { grade: string }, ['grade', 'reason'], 'one veto of a scorecard');
const gradeExplain = explainEntry('grade', { min: number }, ['min', 'reason'], 'one grade of a scorecard');
const rateExplain = explainEntry(
  'rate',
  { input: string, rate: number },
  ['input', 'rate', 'reason'],
  'one labour rate rule, for one labour line',
);
const markupExplain = explainEntry(
  'markup',
  { input: string, pct: number },
  ['input', 'pct', 'reason'],
  'one parts markup rule, for one parts line',
);
const discountExplain = explainEntry(
  'discount',
  { on: { enum: ['labour', 'parts', 'total'] }, pct: number },
  ['on', 'pct', 'reason'],
  'one discount rule, on the order',
);

const rulesetResult = closed(
  {
    outputs: {
      type: 'object',
      description:
        'the declared outputs of the matching rules (or the default); lists and folds under `collect`',
      additionalProperties: true,
    },
  },
  ['outputs'],
);

const checklistResult = closed(
  {
    status: { enum: ['pass', 'fail', 'incomplete'] },
    score: { type: 'number', description: 'passed weight over applicable weight, 0–100' },
    blocking: listOf(string, 'critical items that failed'),
    items: listOf(
      closed({ id: string, status: itemStatus, reason: itemReason, severity, clause }, [
        'id',
        'status',
        'reason',
        'severity',
      ]),
      'each item, in document order',
    ),
  },
  ['status', 'score', 'blocking', 'items'],
);

const scorecardResult = closed(
  {
    score: number,
    grade: string,
    outcome: { type: 'object', description: 'the grade’s outcome fields', additionalProperties: true },
    gradeByScore: { type: 'string', description: 'the grade before vetoes' },
    criteria: listOf(
      closed({ id: string, points: number, weight: number, band: { type: ['string', 'null'] } }, [
        'id',
        'points',
        'weight',
        'band',
      ]),
    ),
    vetoed: listOf(string, 'the vetoes that matched'),
  },
  ['score', 'grade', 'outcome', 'gradeByScore', 'criteria', 'vetoed'],
);

/** The totals of every fee result (engine/kinds/fees/evaluate.ts `TOTALS`). */
const FEE_TOTALS = ['labour', 'parts', 'discount', 'tax', 'total', 'customer', 'manufacturer', 'internal'];

function totalsOf(value: Json, description: string): Json {
  return closed(Object.fromEntries(FEE_TOTALS.map((k) => [k, value])), FEE_TOTALS, description);
}

const feeLine = closed(
  {
    type: { enum: ['labour', 'parts'] },
    index: integer,
    input: { type: 'string', description: 'where the line was in the request (`/facts/labour/0`)' },
    opCode: string,
    partNo: string,
    payType: string,
    payer: string,
    hours: number,
    rate: number,
    qty: number,
    unitCost: number,
    markupPct: number,
    discountPct: number,
    rule: string,
    amount: { type: 'integer', description: 'in minor units' },
    formatted: string,
  },
  ['type', 'index', 'input', 'payType', 'payer', 'discountPct', 'rule', 'amount', 'formatted'],
);

const feesResult = closed(
  {
    currency: string,
    scale: integer,
    lines: listOf(feeLine),
    discounts: closed(
      {
        applied: listOf(
          closed({ id: string, on: { enum: ['labour', 'parts', 'total'] }, pct: number, payTypes: strings }, [
            'id',
            'on',
            'pct',
          ]),
        ),
        maxPct: number,
        capped: boolean,
      },
      ['applied', 'maxPct', 'capped'],
    ),
    taxPct: number,
    totals: totalsOf(integer, 'in minor units'),
    formatted: totalsOf(string, 'as money, with the currency'),
  },
  ['currency', 'scale', 'lines', 'discounts', 'taxPct', 'totals', 'formatted'],
);

const stageExplain = explainEntry(
  'stage',
  {},
  ['reason'],
  'one stage of a process: whether it applies, and its state',
);
const stepExplain = explainEntry(
  'step',
  { decisionId: string },
  ['reason'],
  'one step of a process (`stage.step`)',
);
const deadlineExplain = explainEntry('deadline', {}, ['reason'], 'one deadline of a process');

/** A map keyed by the document's ids (stage ids, step ids, deadline ids). */
function byId(value: Json, description: string): Json {
  return { type: 'object', description, additionalProperties: value };
}

const stepView = closed(
  {
    state: { enum: ['done', 'pending', 'blocked', 'not-applicable'] },
    standard: string,
    attempts: integer,
    decisionId: { type: 'string', description: 'the latest accepted decision for the step' },
    reason: {
      type: 'string',
      description: 'why it is blocked, or why its latest attempt did not complete it',
    },
    code: { type: 'string', description: 'the refusal a submission would get now (blocked steps)' },
  },
  ['state', 'standard', 'attempts'],
);

const deadlineView = closed(
  {
    state: { enum: ['waiting', 'open', 'met', 'met-late', 'overdue'] },
    due: string,
    metAt: string,
    late: { type: 'string', description: 'ISO 8601 duration' },
    lateMinutes: integer,
  },
  ['state'],
);

const processResult = closed(
  {
    stage: {
      type: ['string', 'null'],
      description: 'the current stage; null when every applicable stage is done',
    },
    complete: boolean,
    stages: byId(
      closed(
        {
          state: { enum: ['done', 'current', 'pending', 'not-applicable'] },
          steps: byId(stepView, 'by step id'),
          reason: { type: 'string', description: 'why the current stage is not done' },
        },
        ['state', 'steps'],
      ),
      'by stage id, in stage order',
    ),
    deadlines: byId(deadlineView, 'by deadline id'),
    overdue: listOf(
      closed({ deadline: string, title: string, due: string, late: string, lateMinutes: integer }, [
        'deadline',
        'due',
        'late',
        'lateMinutes',
      ]),
      'the deadlines overdue at `at`',
    ),
    next: listOf(
      {
        anyOf: [
          closed({ step: string, standard: string, title: string }, ['step', 'standard']),
          closed({ event: string, title: string }, ['event']),
        ],
      },
      'what may be done now',
    ),
    refused: listOf(
      closed({ decisionId: string, step: string, code: string, message: string }, [
        'decisionId',
        'step',
        'code',
        'message',
      ]),
      'decisions of the history that were not taken, with the refusal code',
    ),
  },
  ['stage', 'complete', 'stages', 'deadlines', 'overdue', 'next', 'refused'],
);

/** Words by code: `{code: text}`. */
const wordsByCode: Json = { type: 'object', additionalProperties: string };

const labels = closed(
  {
    lang: { enum: ['zh', 'en'], description: 'the language of the words (`?lang`, default zh)' },
    values: {
      type: 'object',
      description:
        'the document’s `labels:` for the values in this result: output (or fact, grade, payer) name → value → text',
      additionalProperties: wordsByCode,
    },
    codes: closed(
      {
        kind: wordsByCode,
        status: wordsByCode,
        reason: wordsByCode,
        severity: wordsByCode,
        state: wordsByCode,
        deadline: wordsByCode,
      },
      [],
      'the catalogue’s words for the engine codes in this result: the kind, checklist and item statuses, item reasons, severities, process and deadline states',
    ),
  },
  ['lang', 'values', 'codes'],
  'words for the codes of the result, in one language; the result itself keeps the codes',
);

/** Per kind: its result schema and the explain entries it gives (component names). */
const KINDS: Record<string, { result: Json; explain: Record<string, string> }> = {
  ruleset: { result: rulesetResult, explain: { rule: 'RuleExplain' } },
  checklist: { result: checklistResult, explain: { item: 'ChecklistItemExplain' } },
  scorecard: {
    result: scorecardResult,
    explain: { band: 'BandExplain', veto: 'VetoExplain', grade: 'GradeExplain' },
  },
  fees: {
    result: feesResult,
    explain: { rate: 'RateExplain', markup: 'MarkupExplain', discount: 'DiscountExplain' },
  },
  process: {
    result: processResult,
    explain: { stage: 'StageExplain', step: 'StepExplain', deadline: 'DeadlineExplain' },
  },
};

/** The kinds whose results are described (a test holds it to the engine's registry). */
export const describedKinds: readonly string[] = Object.keys(KINDS);

function capitalised(kind: string): string {
  return kind[0]?.toUpperCase() + kind.slice(1);
}

function envelopeOf(kind: string, explain: Record<string, string>): Json {
  const entries = Object.values(explain);
  return closed(
    {
      decisionId: {
        type: 'string',
        format: 'uuid',
        description:
          'the decision record (UUIDv7), present once it is committed; absent with NORMA_RECORDS=off',
      },
      standard: ref('StandardRef'),
      at:
        kind === 'process'
          ? { type: 'string', description: 'an ISO date-time, or a date (the end of that day)' }
          : { type: 'string', format: 'date' },
      kind: { const: kind },
      result: ref(`${capitalised(kind)}Result`),
      matched: listOf(ref('Matched')),
      explain: listOf(
        entries.length === 1 ? ref(entries[0] as string) : taggedUnion('type', explain),
        'present with `explain: true`: every element considered and why it applied or not',
      ),
      labels: ref('Labels'),
    },
    ['standard', 'at', 'kind', 'result', 'matched'],
    `the result of evaluating a ${kind}`,
  );
}

/** The components of results: the envelope (one of the kinds'), each kind's result and explain entries. */
export function resultComponents(): Record<string, Json> {
  const out: Record<string, Json> = {
    Envelope: {
      description: 'the result of one evaluation; `kind` says which shape `result` has',
      ...taggedUnion('kind', Object.fromEntries(describedKinds.map((k) => [k, `${capitalised(k)}Envelope`]))),
    },
    Labels: labels,
    StandardRef: closed({ id: string, version: string, digest: string }, ['id', 'version', 'digest']),
    Matched: matched,
    ConditionExplain: conditionExplain,
    RuleExplain: ruleExplain,
    ChecklistItemExplain: checklistItemExplain,
    BandExplain: bandExplain,
    VetoExplain: vetoExplain,
    GradeExplain: gradeExplain,
    RateExplain: rateExplain,
    MarkupExplain: markupExplain,
    DiscountExplain: discountExplain,
    StageExplain: stageExplain,
    StepExplain: stepExplain,
    DeadlineExplain: deadlineExplain,
  };
  for (const [kind, { result, explain }] of Object.entries(KINDS)) {
    out[`${capitalised(kind)}Envelope`] = envelopeOf(kind, explain);
    out[`${capitalised(kind)}Result`] = result;
  }
  return out;
}
