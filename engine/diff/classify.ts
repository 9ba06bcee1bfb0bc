/**
 * Classifies a change for the reader: does it change outcomes, what is accepted as input, or only
 * the wording? Decided by where the change sits in the document (its keys, ids left out).
 */

/** `outcome`: results can differ; `input`: what is accepted as input; `wording`: text only. */
export type ChangeClass = 'outcome' | 'input' | 'wording';

// Header fields that describe or certify a version without changing what it decides. `status`
// and `effective` are not here: they decide which version applies at a date.
// `lang` and `labels` say which words a text or a code is read in, `signatures` who signs the
// printed form and `reviewed` when it was last confirmed; they decide nothing.
const HEADER_WORDING = new Set([
  'title',
  'description',
  'clause',
  'owner',
  'change',
  'approved',
  '$schema',
  'lang',
  'labels',
  'signatures',
  'reviewed',
]);

// Fields that are text for people wherever they appear (outside conditions and results).
const WORDING = new Set(['title', 'description', 'message', 'text', 'clause', 'note', 'unit', 'label']);

// Schema annotations inside fact and output declarations.
const ANNOTATIONS = new Set(['title', 'description', 'examples', '$comment']);

// Parts of an element whose contents are decisions or values, never wording, whatever the keys
// inside are called (a fact may well be named `text`).
const DECISIONS = new Set(['when', 'expect', 'then', 'default', 'outcome', 'pass']);

// Checklist item fields that change which answers are accepted.
const ANSWER_INPUT = new Set(['answer', 'choices']);

/** The class of a change at `keys` (the path's field names, ids and indexes left out). */
export function classify(path: readonly string[]): ChangeClass {
  const keys = withoutLanguage(path);
  const [top, ...rest] = keys;
  if (top === undefined) return 'outcome';
  if (keys.length === 1 && HEADER_WORDING.has(top)) return 'wording';
  if (top === 'approved' || top === 'labels' || top === 'signatures' || top === 'reviewed') return 'wording';
  // A document's own tests and invariants check it; they decide nothing.
  if (top === 'tests' || top === 'invariants') return 'wording';
  if (top === 'facts') return isAnnotation(rest) ? 'wording' : 'input';
  if (top === 'outputs') return isAnnotation(rest) ? 'wording' : 'outcome';
  const decision = keys.findIndex((k) => DECISIONS.has(k));
  const last = keys[keys.length - 1] as string;
  if (decision >= 0 && decision < keys.length - 1) return 'outcome';
  if (ANSWER_INPUT.has(last) && keys.includes('items')) return 'input';
  if (WORDING.has(last) && keys.length > 1) return 'wording';
  return 'outcome';
}

/**
 * A path into one language of a bilingual text (`title/en`) as the path of the text (`title`):
 * a wording changed in either language is a change of that text, and so is a string becoming
 * `{zh, en}`.
 */
function withoutLanguage(keys: readonly string[]): readonly string[] {
  const last = keys[keys.length - 1];
  const before = keys[keys.length - 2];
  if (
    (last === 'zh' || last === 'en') &&
    before !== undefined &&
    (WORDING.has(before) || HEADER_WORDING.has(before))
  ) {
    return keys.slice(0, -1);
  }
  return keys;
}

/** Whether the path inside a declaration ends at an annotation (not at a property of that name). */
function isAnnotation(rest: readonly string[]): boolean {
  const last = rest[rest.length - 1];
  const before = rest[rest.length - 2];
  return rest.length >= 2 && last !== undefined && ANNOTATIONS.has(last) && before !== 'properties';
}
