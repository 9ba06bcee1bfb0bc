import type { Cond } from '../../conditions/ast.ts';
import { type ParseContext, report } from '../../conditions/parse.ts';
import type { Scope } from '../../facts/scope.ts';
import { checkUniqueIds, humanAt, listAt, mapAt, numberAt, textAt, whenAt } from '../common.ts';
import { type ListElement, warnDeadWeight } from '../dead.ts';
import { type CompileInput, type CondSet, condSet } from '../kind.ts';
import { type AnswerType, answerTypes, type Choice, expectText, parseExpect } from './answer.ts';

export type Severity = 'critical' | 'major' | 'minor';
export type EvidenceKind = 'none' | 'photo' | 'signature' | 'note';

/** One item, ready to judge: its key, what it asks, and where its conditions sit in the set. */
export interface CompiledItem {
  /** `section.item`, the key answers use and results report. */
  key: string;
  section: string;
  text: string;
  severity: Severity;
  answer: AnswerType;
  unit?: string;
  choices?: Choice[];
  evidence: EvidenceKind;
  weight: number;
  clause?: string | string[];
  /** Index of the item's `when` in the condition set (over the facts). */
  whenIndex: number;
  /** Index of the item's `expect` in the condition set (over the answers). */
  expectIndex: number;
  /** `expect` as a reader sees it, for messages. */
  expectText: string;
  line: number;
  col: number;
}

export interface CompiledSection {
  id: string;
  title?: string;
  sequential: boolean;
  items: CompiledItem[];
}

/** A checklist ready to evaluate: one condition set holding every `when`, then every `expect`. */
export interface CompiledChecklist {
  sections: CompiledSection[];
  items: CompiledItem[];
  byKey: Map<string, CompiledItem>;
  minScore: number;
  set: CondSet;
  /**
   * The names of the scope of the conditions: the declared facts, then every item key. The
   * scope of an evaluation is a copy of this template (evaluate.ts), so that it has one layout
   * for every submission; built by JSON.parse, which keeps an object of many keys in V8's fast
   * mode where adding keys one by one turns it into a dictionary past a dozen.
   */
  scopeTemplate: Record<string, undefined>;
}

const severities: readonly Severity[] = ['critical', 'major', 'minor'];
const evidenceKinds: readonly EvidenceKind[] = ['none', 'photo', 'signature', 'note'];

/** Checks a checklist beyond its schema and compiles it. */
export function compileChecklist({ data, ctx, facts }: CompileInput): CompiledChecklist {
  const rawSections = listAt(data.sections);
  checkUniqueIds(rawSections, '/sections', ctx, 'checklist_duplicate_id', 'section');
  // The set holds every `when` first, then every `expect`: item n's expect sits at total + n.
  const total = rawSections.reduce((n: number, raw) => n + listAt(mapAt(raw).items).length, 0);
  const whens: Cond[] = [];
  const expects: Cond[] = [];
  const applicability: ListElement[] = [];
  const sections = rawSections.map((raw, s): CompiledSection => {
    const section = mapAt(raw);
    const pointer = `/sections/${s}`;
    const id = textAt(section.id) ?? `#${s + 1}`;
    const rawItems = listAt(section.items);
    checkUniqueIds(rawItems, `${pointer}/items`, ctx, 'checklist_duplicate_id', 'item');
    const clause = clauseOf(section.clause) ?? clauseOf(data.clause);
    const items = rawItems.map((rawItem, i) => {
      const item = compileItem(mapAt(rawItem), `${pointer}/items/${i}`, id, facts.scope, ctx);
      const compiled: CompiledItem = {
        ...item.item,
        ...(item.item.clause === undefined && clause !== undefined ? { clause } : {}),
        whenIndex: whens.length,
        expectIndex: total + expects.length,
      };
      whens.push(item.when);
      expects.push(item.expect);
      applicability.push({
        when: item.when,
        pointer: `${pointer}/items/${i}`,
        label: `item \`${compiled.key}\``,
      });
      return compiled;
    });
    return {
      id,
      ...(humanAt(section.title, ctx) ? { title: humanAt(section.title, ctx) as string } : {}),
      sequential: section.order === 'sequential',
      items,
    };
  });
  // Once for all items: an item's `when` that excludes every value can never apply.
  warnDeadWeight(applicability, 'every', facts.declared, ctx);
  const items = sections.flatMap((sec) => sec.items);
  return {
    sections,
    items,
    byKey: new Map(items.map((item) => [item.key, item])),
    minScore: numberAt(mapAt(data.pass).minScore) ?? 100,
    set: condSet([...whens, ...expects]),
    scopeTemplate: scopeTemplateOf([...Object.keys(facts.declared), ...items.map((i) => i.key)]),
  };
}

/** An object of these keys, each `undefined`, in fast mode (see `scopeTemplate`). */
function scopeTemplateOf(keys: readonly string[]): Record<string, undefined> {
  // `__proto__` would be an own key in the template and an inherited one in a copy: left out.
  const text = `{${keys
    .filter((k) => k !== '__proto__')
    .map((k) => `${JSON.stringify(k)}:null`)
    .join(',')}}`;
  const template = JSON.parse(text) as Record<string, unknown>;
  // Stores to keys it has keep its layout.
  for (const key in template) template[key] = undefined;
  return template as Record<string, undefined>;
}

type ItemParts = Omit<CompiledItem, 'whenIndex' | 'expectIndex'>;

function compileItem(
  raw: Record<string, unknown>,
  pointer: string,
  sectionId: string,
  facts: Scope,
  ctx: ParseContext,
): { item: ItemParts; when: Cond; expect: Cond } {
  const id = textAt(raw.id) ?? pointer.slice(pointer.lastIndexOf('/') + 1);
  const key = `${sectionId}.${id}`;
  const answer = oneOf(raw.answer, answerTypes, 'boolean');
  const choices = listAt(raw.choices).filter(
    (c): c is Choice => typeof c === 'string' || typeof c === 'number',
  );
  checkAnswerFields(raw, answer, choices, pointer, ctx);
  const unit = textAt(raw.unit);
  const clause = clauseOf(raw.clause);
  const pos = ctx.map.value.get(pointer) ?? { line: 1, col: 1 };
  const item: ItemParts = {
    key,
    section: sectionId,
    text: humanAt(raw.text, ctx) ?? key,
    severity: oneOf(raw.severity, severities, 'major'),
    answer,
    ...(unit !== undefined && answer === 'number' ? { unit } : {}),
    ...(answer === 'choice' ? { choices } : {}),
    evidence: oneOf(raw.evidence, evidenceKinds, 'none'),
    weight: numberAt(raw.weight) ?? 1,
    ...(clause !== undefined ? { clause } : {}),
    expectText: expectText(raw.expect, answer),
    line: pos.line,
    col: pos.col,
  };
  const when = whenAt(raw.when, `${pointer}/when`, facts, ctx);
  const expect = parseExpect(
    raw.expect,
    key,
    answer,
    answer === 'choice' ? choices : undefined,
    `${pointer}/expect`,
    facts,
    ctx,
  );
  return { item, when, expect };
}

/** `choices` belong to choice items and `unit` to number items; anything else is a mistake. */
function checkAnswerFields(
  raw: Record<string, unknown>,
  answer: AnswerType,
  choices: Choice[],
  pointer: string,
  ctx: ParseContext,
): void {
  if (answer === 'choice' && choices.length === 0) {
    report(ctx, 'checklist_choices_missing', 'a choice item needs its `choices`', `${pointer}/answer`, {
      hint: 'e.g. `choices: [ok, worn, replace]`',
    });
  }
  if (answer !== 'choice' && raw.choices !== undefined) {
    report(
      ctx,
      'checklist_choices_ignored',
      `\`choices\` only apply to \`answer: choice\` (this item's answer is ${answer})`,
      `${pointer}/choices`,
      { prefer: 'key', severity: 'warning', hint: 'add `answer: choice`, or remove `choices`' },
    );
  }
  if (answer !== 'number' && raw.unit !== undefined) {
    report(
      ctx,
      'checklist_unit_ignored',
      `\`unit\` only applies to \`answer: number\` (this item's answer is ${answer})`,
      `${pointer}/unit`,
      { prefer: 'key', severity: 'warning', hint: 'add `answer: number`, or remove `unit`' },
    );
  }
}

function oneOf<T extends string>(v: unknown, allowed: readonly T[], fallback: T): T {
  return typeof v === 'string' && (allowed as readonly string[]).includes(v) ? (v as T) : fallback;
}

function clauseOf(v: unknown): string | string[] | undefined {
  if (typeof v === 'string') return v;
  if (Array.isArray(v) && v.every((c) => typeof c === 'string')) return v as string[];
  return undefined;
}
