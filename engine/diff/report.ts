/**
 * A diff report: the semantic diff of two versions and, when asked, their behavioural diff, with
 * a view of it that the text formatter and the Markdown and HTML templates share.
 */
import type { StandardsIndex } from '../standards/directory.ts';
import { findVersion } from '../standards/evaluate.ts';
import {
  type BehaviouralDiff,
  type BehaviourOptions,
  type BehaviourSample,
  behaviouralDiff,
} from './behaviour.ts';
import type { ChangeClass } from './classify.ts';
import type { Projection } from './projection.ts';
import { type Change, type SemanticDiff, semanticDiff } from './semantic.ts';

/** What `norma diff` and `GET /v1/standards/{id}/diff` report. */
export interface DiffReport {
  semantic: SemanticDiff;
  behaviour?: BehaviouralDiff;
}

export interface DiffOptions extends BehaviourOptions {
  /** Skip the behavioural diff (the semantic diff alone is instant). */
  behaviour?: boolean;
  /** Where the real inputs came from, for the report. */
  inputsName?: string;
}

/** Diffs two versions of a standard by id: `version_unknown` when either does not exist. */
export function diffVersions(
  index: StandardsIndex,
  id: string,
  fromVersion: string,
  toVersion: string,
  options: DiffOptions = {},
): DiffReport {
  const find = (v: string) => findVersion(index, id, v);
  const from = find(fromVersion);
  const to = find(toVersion);
  return {
    semantic: semanticDiff(from, to),
    ...(options.behaviour === false ? {} : { behaviour: behaviouralDiff(from, to, options) }),
  };
}

const CLASS_TITLES: Record<ChangeClass, string> = {
  outcome: 'changes outcomes',
  input: 'changes what is accepted as input',
  wording: 'wording only',
};

/** A change as a reader sees it: one line of text and its parts. */
export interface ChangeView {
  op: Change['op'];
  path: string;
  line: string;
  from?: string;
  to?: string;
  /** The values themselves, for renderers that show structure and changed words (reports). */
  fromValue?: unknown;
  toValue?: unknown;
}

/** The report arranged for people: changes grouped by class, shares as percentages. */
export interface DiffView {
  id: string;
  kind: string;
  from: SemanticDiff['from'];
  to: SemanticDiff['to'];
  total: number;
  counts: Record<ChangeClass, number>;
  groups: { class: ChangeClass; title: string; changes: ChangeView[] }[];
  behaviour?: {
    at: string;
    seed: number;
    runs: number;
    generated: SampleView;
    real?: SampleView & { name: string };
  };
}

export interface SampleView {
  total: number;
  changed: number;
  percent: string;
  invalidForBoth: number;
  transitions: {
    label: string;
    count: number;
    percent: string;
    example: string;
    from: string;
    to: string;
    line?: number;
  }[];
}

/** Arranges a diff report for the text formatter and the templates. */
export function diffView(report: DiffReport, inputsName = 'inputs'): DiffView {
  const { semantic, behaviour } = report;
  // The document's own tests are wording too, but shown apart so they do not bury the prose.
  const isCheck = (c: Change) => /^(tests|invariants)[[.]/.test(c.path);
  const groups = (['outcome', 'input', 'wording'] as const).map((c) => ({
    class: c,
    title: CLASS_TITLES[c],
    changes: semantic.changes.filter((x) => x.class === c && !isCheck(x)).map(changeView),
  }));
  const checks = semantic.changes.filter((x) => x.class === 'wording' && isCheck(x));
  if (checks.length > 0) {
    groups.push({
      class: 'wording',
      title: "the document's own tests (wording only)",
      changes: checks.map(changeView),
    });
  }
  return {
    id: semantic.id,
    kind: semantic.kind,
    from: semantic.from,
    to: semantic.to,
    total: semantic.changes.length,
    counts: semantic.counts,
    groups,
    ...(behaviour
      ? {
          behaviour: {
            at: behaviour.at,
            seed: behaviour.seed,
            runs: behaviour.runs,
            generated: sampleView(behaviour.generated),
            ...(behaviour.real ? { real: { ...sampleView(behaviour.real), name: inputsName } } : {}),
          },
        }
      : {}),
  };
}

/** One change as a line: `rules[manager-over-5000].when.estimateTotal.greaterThan: 5000 → 8000`. */
export function changeLine(c: Change): string {
  switch (c.op) {
    case 'changed':
      return `${c.path}: ${formatValue(c.from)} → ${formatValue(c.to)}`;
    case 'added':
      return `${c.path} added: ${formatValue(c.to)}`;
    case 'removed':
      return `${c.path} removed (was ${formatValue(c.from)})`;
    case 'moved':
      return `${c.path} moved: position ${c.fromPosition} → ${c.toPosition}`;
    case 'renamed':
      return `${c.path} renamed from ${formatValue(c.from)}`;
  }
}

function changeView(c: Change): ChangeView {
  return {
    op: c.op,
    path: c.path,
    line: changeLine(c),
    ...(c.from !== undefined ? { from: formatValue(c.from) } : {}),
    ...(c.to !== undefined ? { to: formatValue(c.to) } : {}),
    ...(c.from !== undefined ? { fromValue: c.from } : {}),
    ...(c.to !== undefined ? { toValue: c.to } : {}),
    ...(c.op === 'moved'
      ? {
          from: `position ${c.fromPosition}`,
          to: `position ${c.toPosition}`,
          fromValue: `position ${c.fromPosition}`,
          toValue: `position ${c.toPosition}`,
        }
      : {}),
  };
}

function sampleView(s: BehaviourSample): SampleView {
  return {
    total: s.total,
    changed: s.changed,
    percent: percent(s.share),
    invalidForBoth: s.invalidForBoth,
    transitions: s.transitions.map((t) => ({
      label: t.label,
      count: t.count,
      percent: percent(t.share),
      example: JSON.stringify(t.example.input),
      from: projectionText(t.example.from),
      to: projectionText(t.example.to),
      ...(t.example.line !== undefined ? { line: t.example.line } : {}),
    })),
  };
}

/** A share as people read it: `12.4 %`. */
export function percent(share: number): string {
  return `${(share * 100).toFixed(1)} %`;
}

function projectionText(p: Projection): string {
  if ('error' in p) return p.error;
  return Object.entries(p.fields)
    .map(([k, v]) => `${k}: ${formatValue(v)}`)
    .join(', ');
}

/** A value on one line: plain text as it is, everything else (and text with edges) as JSON. */
export function formatValue(v: unknown): string {
  if (typeof v === 'string' && v !== '' && v.trim() === v && !v.includes('\n')) return v;
  return JSON.stringify(v) ?? 'undefined';
}
