/**
 * The diff report (`GET|POST /v1/standards/{id}/diff`, JSON): the semantic diff, change by change
 * (engine/diff/semantic.ts), and the behavioural diff (engine/diff/behaviour.ts).
 */
import { closed, type Json, listOf, ref, taggedUnion } from './helpers.ts';

const string: Json = { type: 'string' };
const integer: Json = { type: 'integer' };
const share: Json = { type: 'number', minimum: 0, maximum: 1, description: 'a share of all inputs, 0–1' };
const value: Json = { description: 'a value of the document (any JSON)' };

/** The fields every change has; `op` says which others it has. */
function change(op: string, extra: Json, required: string[], description: string): Json {
  return closed(
    {
      op: { const: op },
      path: { type: 'string', examples: ['rules[manager-over-5000].when.estimateTotal.greaterThan'] },
      class: { enum: ['outcome', 'input', 'wording'], description: 'what the change means for the reader' },
      ...extra,
    },
    ['op', 'path', 'class', ...required],
    description,
  );
}

const versionInfo = closed(
  {
    version: string,
    digest: string,
    status: { enum: ['draft', 'approved', 'retired'] },
    effective: { type: 'string', format: 'date' },
  },
  ['version', 'digest', 'status'],
);

const projection: Json = {
  description: 'an outcome: its decisive fields, or the error code the evaluation ended with',
  oneOf: [
    closed({ fields: { type: 'object', additionalProperties: true } }, ['fields']),
    closed({ error: string }, ['error']),
  ],
};

const diffInput = closed(
  {
    facts: { type: 'object', additionalProperties: true },
    answers: { type: 'object', additionalProperties: true },
    history: { type: 'array', description: 'a process’s case history (decisions and events)' },
    at: { type: 'string', description: 'a process: the instant the case was evaluated at' },
  },
  ['facts'],
  'a request as both versions received it',
);

const transition = closed(
  {
    label: { type: 'string', examples: ['approver: service-manager → service-advisor'] },
    count: integer,
    share,
    example: closed(
      {
        input: diffInput,
        from: projection,
        to: projection,
        line: { type: 'integer', description: 'for real inputs: which one (1-based)' },
      },
      ['input', 'from', 'to'],
      'the smallest input found with this transition',
    ),
  },
  ['label', 'count', 'share', 'example'],
);

const sample = closed(
  {
    total: integer,
    changed: integer,
    share,
    invalidForBoth: { type: 'integer', description: 'inputs neither version accepts' },
    transitions: listOf(ref('DiffTransition')),
  },
  ['total', 'changed', 'share', 'invalidForBoth', 'transitions'],
);

/** The diff components, by name. */
export function diffComponents(): Record<string, Json> {
  return {
    DiffReport: closed(
      {
        semantic: ref('SemanticDiff'),
        behaviour: {
          ...ref('BehaviouralDiff'),
          description: 'absent with `runs=0` (and no real inputs)',
        },
      },
      ['semantic'],
    ),
    SemanticDiff: closed(
      {
        id: string,
        kind: string,
        from: versionInfo,
        to: versionInfo,
        changes: listOf(ref('Change'), 'every change, in document order'),
        counts: closed({ outcome: integer, input: integer, wording: integer }, [
          'outcome',
          'input',
          'wording',
        ]),
      },
      ['id', 'kind', 'from', 'to', 'changes', 'counts'],
    ),
    Change: {
      description: 'one difference between the versions; `op` says which fields it has',
      ...taggedUnion('op', {
        added: 'ChangeAdded',
        removed: 'ChangeRemoved',
        changed: 'ChangeChanged',
        moved: 'ChangeMoved',
        renamed: 'ChangeRenamed',
      }),
    },
    ChangeAdded: change('added', { to: value }, ['to'], 'a field or element added (`to`: its value)'),
    ChangeRemoved: change(
      'removed',
      { from: value },
      ['from'],
      'a field or element removed (`from`: its value)',
    ),
    ChangeChanged: change('changed', { from: value, to: value }, ['from', 'to'], 'a value changed'),
    ChangeMoved: change(
      'moved',
      { fromPosition: integer, toPosition: integer },
      ['fromPosition', 'toPosition'],
      'an element moved in a list where order matters (1-based positions)',
    ),
    ChangeRenamed: change(
      'renamed',
      {
        from: { type: 'string', description: 'the old id' },
        to: { type: 'string', description: 'the new id' },
      },
      ['from', 'to'],
      'an element keyed by id whose id changed, the rest alike',
    ),
    BehaviouralDiff: closed(
      {
        at: { type: 'string', format: 'date' },
        seed: integer,
        runs: integer,
        generated: ref('BehaviourSample'),
        real: ref('BehaviourSample'),
      },
      ['at', 'seed', 'runs', 'generated'],
      'both versions evaluated on the same inputs: how often, and how, the outcome changes',
    ),
    BehaviourSample: sample,
    DiffTransition: transition,
  };
}
