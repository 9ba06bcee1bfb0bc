import { isDateTime } from '../../conditions/dates.ts';
import { type Diagnostic, error, NormaError } from '../../diagnostics.ts';
import { isClean, readInput } from '../../facts/input.ts';
import { escapePointer } from '../../load/yaml.ts';
import { DetailCollector } from '../../util/details.ts';
import { didYouMean } from '../../util/suggest.ts';
import type { PreparedInput, RawRequest } from '../kind.ts';
import { answerProblem, isMapping } from './answer.ts';
import type { CompiledChecklist, CompiledItem } from './compile.ts';

/** A checked answer to one item. */
export interface Answer {
  value: unknown;
  by?: string;
  /** When the item was done: an ISO date-time. */
  at?: string;
  /** References to the evidence (file names, ids); empty when none was given. */
  evidence: string[];
}

/** Checked answers by item key (`section.item`). */
export type Answers = Map<string, Answer>;

const answerFields = ['value', 'by', 'at', 'evidence'];

/**
 * Checks a submission's answers against the checklist: every key names an item, every value fits
 * its answer type, `at` is a date-time, evidence is a list of references. All problems are
 * collected into one `answers_invalid` error, each with the path `/answers/<key>`.
 */
export function prepareChecklist(
  cl: CompiledChecklist,
  request: RawRequest,
  facts: Record<string, unknown>,
): PreparedInput | NormaError {
  // Absent answers are none; `answers: null` is not an object.
  const raw = request.answers === undefined ? {} : request.answers;
  if (!isMapping(raw)) {
    return invalid([
      error('answer_shape', 'answers must be an object keyed by `section.item`', {
        path: '/answers',
        hint: 'e.g. {"ppe.goggles": {"value": true}}',
      }),
    ]);
  }
  const details = new DetailCollector();
  const answers: Answers = new Map();
  for (const key of Object.keys(raw)) {
    // Each answer is read before its item looks at it: numbers finite, nesting bounded. When one
    // is not, the whole submission is walked as facts/input.ts walks it, for every such problem
    // and nothing else, exactly as when all answers were read before any was checked.
    if (!isReadable(raw[key])) {
      const unreadable = new DetailCollector();
      readInput(raw, '/answers', 'none', unreadable);
      return invalid(unreadable);
    }
    const item = cl.byKey.get(key);
    if (!item) {
      details.add(() =>
        error('answer_unknown_item', `no item \`${key}\` in this checklist`, {
          path: pathOf(key),
          hint:
            didYouMean(key, cl.byKey.keys()) ?? `items are named \`section.item\`, e.g. \`${firstKey(cl)}\``,
        }),
      );
      continue;
    }
    const answer = checkAnswer(item, key, raw[key], details);
    if (answer) answers.set(key, answer);
  }
  if (details.count > 0) return invalid(details);
  return { facts, extra: answers };
}

/**
 * Whether an answer is readable (facts/input.ts `isClean` at the answer's level). The usual
 * answer, a plain object of `value`, `by`, `at` and `evidence` holding plain values and a list of
 * texts, is checked by name; anything else by `isClean`'s generic walk, which was a fifth of a
 * checklist's request time when it read every answer that way.
 */
function isReadable(answer: unknown): boolean {
  if (answer === null || typeof answer !== 'object') return isClean(answer, ANSWER_LEVEL);
  const a = answer as Record<string, unknown>;
  // One pass over the keys the generic walk would see. `for…in` lists the enumerable keys, own and
  // inherited; an inherited one (a polluted prototype, an object of another class) or any other
  // own key leaves the proof to the generic walk, which reads own keys only; an object without
  // enumerable keys is readable to both. (Checking the prototype and then the four names by
  // `propertyIsEnumerable` was a fifth of a checklist's request time.)
  for (const key in a) {
    if (!Object.hasOwn(a, key)) return isClean(answer, ANSWER_LEVEL);
    const v = a[key];
    if (key === 'value' || key === 'by' || key === 'at') {
      if (!isPlainReadable(v) && !isClean(v, ANSWER_LEVEL + 1)) return false;
    } else if (key === 'evidence') {
      if (!isClean(v, ANSWER_LEVEL + 1)) return false;
    } else {
      return isClean(answer, ANSWER_LEVEL);
    }
  }
  return true;
}

/** The nesting level of an answer in a request (the answers object is level 1). */
const ANSWER_LEVEL = 2;

function isPlainReadable(v: unknown): boolean {
  return typeof v === 'number' ? Number.isFinite(v) : v === null || typeof v !== 'object';
}

/**
 * Checks one answer. Runs for every answered item of every request, so it creates no closures
 * and builds an item's path only when there is a problem to report.
 */
function checkAnswer(
  item: CompiledItem,
  key: string,
  raw: unknown,
  details: DetailCollector,
): Answer | undefined {
  const before = details.count;
  if (!isMapping(raw)) {
    shape(
      details,
      key,
      `the answer to \`${item.key}\` must be an object`,
      `write {"value": …, "by"?, "at"?, "evidence"?}`,
    );
    return undefined;
  }
  for (const field in raw) {
    if (!isAnswerField(field) && Object.hasOwn(raw, field)) {
      shape(
        details,
        key,
        `unknown field \`${field}\` in the answer to \`${item.key}\``,
        didYouMean(field, answerFields) ?? `fields: ${answerFields.join(', ')}`,
      );
    }
  }
  if (!Object.hasOwn(raw, 'value')) {
    shape(
      details,
      key,
      `the answer to \`${item.key}\` has no \`value\``,
      'leave an item out to mark it unanswered',
    );
  } else {
    const problem = answerProblem(raw.value, item.answer, item.choices);
    if (problem) {
      const value = raw.value;
      details.add(() => {
        const hint =
          problem.code === 'answer_choice' && typeof value === 'string'
            ? didYouMean(value, (item.choices ?? []).map(String))
            : `\`${item.key}\` takes a ${item.answer} answer${item.unit ? ` in ${item.unit}` : ''}`;
        return error(problem.code, `\`${item.key}\`: ${problem.message}`, {
          path: pathOf(key),
          ...(hint ? { hint } : {}),
        });
      });
    }
  }
  if (raw.by !== undefined && typeof raw.by !== 'string') {
    shape(details, key, `\`by\` of \`${item.key}\` must be text`);
  }
  if (raw.at !== undefined && !isAnswerTime(raw.at)) {
    details.add(() =>
      error(
        'answer_at_invalid',
        `\`at\` of \`${item.key}\` must be an ISO date-time, not ${JSON.stringify(raw.at)}`,
        {
          path: pathOf(key),
          hint: 'e.g. 2026-03-01T09:12:00+08:00',
        },
      ),
    );
  }
  const evidence = raw.evidence ?? noEvidence();
  if (!isReferenceList(evidence)) {
    shape(
      details,
      key,
      `\`evidence\` of \`${item.key}\` must be a list of references`,
      'e.g. ["photo-81.jpg"]',
    );
  }
  if (details.count > before) return undefined;
  return answerOf(raw.value, raw.by, raw.at, evidence as string[]);
}

/**
 * `isDateTime`, remembering the last good text: the answers of one submission nearly always carry
 * the same few times (one per visit to the car), and a full date-time parse per answer was half
 * of a checklist's request time. A pure check of a string, so the memo cannot change a result.
 */
function isAnswerTime(at: unknown): boolean {
  if (at === lastGoodTime) return true;
  if (!isDateTime(at)) return false;
  lastGoodTime = at as string;
  return true;
}

let lastGoodTime: string | undefined;

/** The answer with its fields in the order explain shows them: value, by, at, evidence. */
function answerOf(value: unknown, by: unknown, at: unknown, evidence: string[]): Answer {
  if (typeof by === 'string') {
    return typeof at === 'string' ? { value, by, at, evidence } : { value, by, evidence };
  }
  return typeof at === 'string' ? { value, at, evidence } : { value, evidence };
}

/** A fresh empty list per answer: callers may keep or change an answer's evidence. */
function noEvidence(): string[] {
  return [];
}

function isReferenceList(v: unknown): boolean {
  if (!Array.isArray(v)) return false;
  for (const e of v) if (typeof e !== 'string') return false;
  return true;
}

/** One of `answerFields`, compared directly: this runs for every field of every answer. */
function isAnswerField(field: string): boolean {
  return field === 'value' || field === 'by' || field === 'at' || field === 'evidence';
}

/** Adds an `answer_shape` problem of the answer to `key`. */
function shape(details: DetailCollector, key: string, message: string, hint?: string): void {
  details.add(() => error('answer_shape', message, { path: pathOf(key), ...(hint ? { hint } : {}) }));
}

function pathOf(key: string): string {
  return `/answers/${escapePointer(key)}`;
}

function invalid(details: Diagnostic[] | DetailCollector): NormaError {
  const count = Array.isArray(details) ? details.length : details.count;
  return new NormaError(
    'answers_invalid',
    `answers do not fit the checklist (${count} problem${count === 1 ? '' : 's'})`,
    Array.isArray(details) ? details : details.list(),
  );
}

function firstKey(cl: CompiledChecklist): string {
  return cl.items[0]?.key ?? 'section.item';
}
