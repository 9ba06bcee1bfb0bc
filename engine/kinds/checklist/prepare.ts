import { parseDateValue } from '../../conditions/dates.ts';
import { type Diagnostic, error, NormaError } from '../../diagnostics.ts';
import { escapePointer } from '../../load/yaml.ts';
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
  const raw = request.answers ?? {};
  if (!isMapping(raw)) {
    return invalid([
      error('answer_shape', 'answers must be an object keyed by `section.item`', {
        path: '/answers',
        hint: 'e.g. {"ppe.goggles": {"value": true}}',
      }),
    ]);
  }
  const details: Diagnostic[] = [];
  const answers: Answers = new Map();
  for (const [key, value] of Object.entries(raw)) {
    const path = `/answers/${escapePointer(key)}`;
    const item = cl.byKey.get(key);
    if (!item) {
      details.push(
        error('answer_unknown_item', `no item \`${key}\` in this checklist`, {
          path,
          hint:
            didYouMean(key, cl.byKey.keys()) ?? `items are named \`section.item\`, e.g. \`${firstKey(cl)}\``,
        }),
      );
      continue;
    }
    const answer = checkAnswer(item, value, path, details);
    if (answer) answers.set(key, answer);
  }
  if (details.length > 0) return invalid(details);
  return { facts, extra: answers };
}

function checkAnswer(
  item: CompiledItem,
  raw: unknown,
  path: string,
  details: Diagnostic[],
): Answer | undefined {
  const before = details.length;
  const shape = (message: string, hint?: string) =>
    details.push(error('answer_shape', message, { path, ...(hint ? { hint } : {}) }));
  if (!isMapping(raw)) {
    shape(`the answer to \`${item.key}\` must be an object`, `write {"value": …, "by"?, "at"?, "evidence"?}`);
    return undefined;
  }
  for (const field of Object.keys(raw)) {
    if (!answerFields.includes(field)) {
      shape(
        `unknown field \`${field}\` in the answer to \`${item.key}\``,
        didYouMean(field, answerFields) ?? `fields: ${answerFields.join(', ')}`,
      );
    }
  }
  if (!Object.hasOwn(raw, 'value')) {
    shape(`the answer to \`${item.key}\` has no \`value\``, 'leave an item out to mark it unanswered');
  } else {
    const problem = answerProblem(raw.value, item.answer, item.choices);
    if (problem) {
      const hint =
        problem.code === 'answer_choice' && typeof raw.value === 'string'
          ? didYouMean(raw.value, (item.choices ?? []).map(String))
          : `\`${item.key}\` takes a ${item.answer} answer${item.unit ? ` in ${item.unit}` : ''}`;
      details.push(
        error(problem.code, `\`${item.key}\`: ${problem.message}`, { path, ...(hint ? { hint } : {}) }),
      );
    }
  }
  if (raw.by !== undefined && typeof raw.by !== 'string') shape(`\`by\` of \`${item.key}\` must be text`);
  if (raw.at !== undefined && parseDateValue(raw.at)?.ms === undefined) {
    details.push(
      error(
        'answer_at_invalid',
        `\`at\` of \`${item.key}\` must be an ISO date-time, not ${JSON.stringify(raw.at)}`,
        {
          path,
          hint: 'e.g. 2026-03-01T09:12:00+08:00',
        },
      ),
    );
  }
  const evidence = raw.evidence ?? [];
  if (!Array.isArray(evidence) || !evidence.every((e) => typeof e === 'string')) {
    shape(`\`evidence\` of \`${item.key}\` must be a list of references`, 'e.g. ["photo-81.jpg"]');
  }
  if (details.length > before) return undefined;
  return {
    value: raw.value,
    ...(typeof raw.by === 'string' ? { by: raw.by } : {}),
    ...(typeof raw.at === 'string' ? { at: raw.at } : {}),
    evidence: evidence as string[],
  };
}

function invalid(details: Diagnostic[]): NormaError {
  return new NormaError(
    'answers_invalid',
    `answers do not fit the checklist (${details.length} problem${details.length === 1 ? '' : 's'})`,
    details,
  );
}

function firstKey(cl: CompiledChecklist): string {
  return cl.items[0]?.key ?? 'section.item';
}
