/**
 * The checks of a process against the standards it names, once a standards directory is indexed:
 * every step's standard exists; what completes the step is something that standard's results have
 * (a checklist has `status`, a ruleset its declared outputs) and a value they can take; and the
 * input mapping names facts the standard declares, with values that fit them. Each version of the
 * named standard is checked: a case may meet any version that comes into force.
 */
import { schemaAt } from '../../assurance/boundaries.ts';
import { type Diagnostic, error } from '../../diagnostics.ts';
import type { CompiledDocument } from '../../document.ts';
import { enumValues, type FactSchema } from '../../facts/types.ts';
import { positionOf } from '../../load/yaml.ts';
import { didYouMean } from '../../util/suggest.ts';
import { child } from '../common.ts';
import type { CompiledProcess, CompiledStep } from './compile.ts';
import { describe } from './completion.ts';

type Documents = ReadonlyMap<string, readonly CompiledDocument[]>;

/** Every problem of a process's links to other standards. */
export function checkProcessLinks(doc: CompiledDocument, documents: Documents): Diagnostic[] {
  const process = doc.compiled as CompiledProcess;
  const out: Diagnostic[] = [];
  const at = (pointer: string, prefer: 'key' | 'value' = 'value') => ({
    file: doc.file,
    ...positionOf(doc.map, pointer, prefer),
    path: pointer,
  });
  for (const step of process.steps.values()) {
    const pointer = `/stages/${step.stageIndex}/steps/${step.index}`;
    const versions = (documents.get(step.standard) ?? []).filter((d) => d.status !== 'retired');
    if (versions.length === 0) {
      out.push(
        error(
          'process_standard_unknown',
          `step \`${step.key}\` needs \`${step.standard}\`, which is not in this directory`,
          {
            ...at(`${pointer}/standard`),
            hint:
              didYouMean(step.standard, documents.keys()) ??
              'name the id of a standard under rules/ or checklists/',
          },
        ),
      );
      continue;
    }
    // One diagnostic per problem, naming the first version it concerns.
    const seen = new Set<string>();
    for (const target of versions) {
      for (const d of stepProblems(doc, step, target, pointer, at)) {
        if (seen.has(`${d.code}|${d.path}`)) continue;
        seen.add(`${d.code}|${d.path}`);
        out.push(d);
      }
    }
  }
  return out;
}

function stepProblems(
  doc: CompiledDocument,
  step: CompiledStep,
  target: CompiledDocument,
  pointer: string,
  at: (pointer: string, prefer?: 'key' | 'value') => Record<string, unknown>,
): Diagnostic[] {
  const out: Diagnostic[] = [];
  const named = `\`${target.id}\` ${target.version} (a ${target.kind})`;
  if (target.kind === doc.kind) {
    out.push(
      error(
        'process_completion_unfit',
        `step \`${step.key}\` names ${named}: a step is done by a decision, not by another process`,
        {
          ...at(`${pointer}/standard`),
        },
      ),
    );
    return out;
  }
  const keys = target.module.outputs.keys(target.compiled);
  for (const c of step.completes) {
    const [top = '', sub] = c.path;
    const inside = keys[top];
    let problem: string | undefined;
    if (!Object.hasOwn(keys, top)) {
      problem = `the results of ${named} have no \`${top}\` (they have ${Object.keys(keys)
        .map((k) => `\`${k}\``)
        .join(', ')})`;
    } else if (inside && (sub === undefined || !inside.includes(sub))) {
      problem = `\`${top}\` of ${named} holds ${inside.map((k) => `\`${k}\``).join(', ')}, not ${sub === undefined ? 'a value' : `\`${sub}\``}`;
    } else {
      const ranks = target.module.outputs.ranks?.(target.compiled, c.written);
      const wanted =
        c.op === 'equals' || c.op === 'includes'
          ? [c.value]
          : c.op === 'in' && Array.isArray(c.value)
            ? c.value
            : [];
      // Lists (a `collect` output compared whole) are not ranked values.
      const scalars = wanted.filter((v) => typeof v !== 'object' || v === null);
      const impossible = ranks ? scalars.filter((v) => !ranks.includes(v)) : [];
      if (impossible.length > 0 && impossible.length === wanted.length) {
        problem = `\`${c.written}\` of ${named} is one of ${JSON.stringify(ranks)}, never ${describe(c)}: the step could never be done`;
      }
    }
    if (problem) {
      out.push(
        error('process_completion_unfit', `step \`${step.key}\`: ${problem}`, {
          ...at(c.pointer, 'key'),
          hint:
            didYouMean(sub ?? top, inside ?? Object.keys(keys)) ??
            'a checklist completes on `status`, a ruleset on `outputs.<name>`; see docs/kinds/README.md',
        }),
      );
    }
  }
  for (const m of step.input) {
    const where = child(`${pointer}/input`, m.target);
    const resolved = target.facts.scope.resolve(m.target.split('.'));
    if (!resolved.ok) {
      out.push(
        error(
          'process_input_unfit',
          `step \`${step.key}\` fills \`${m.target}\`, which ${named} does not declare`,
          {
            ...at(where, 'key'),
            hint:
              didYouMean(m.target, target.facts.scope.names()) ??
              `it declares ${target.facts.scope.names().join(', ') || 'no facts'}`,
          },
        ),
      );
      continue;
    }
    const want = schemaAt(target.facts.declared, m.target);
    const have = m.source === undefined ? undefined : schemaAt(doc.facts.declared, m.source);
    const misfit = want ? mismatch(have, want, m.value, m.source === undefined) : undefined;
    if (misfit) {
      out.push(
        error('process_input_unfit', `step \`${step.key}\`: \`${m.target}\` of ${named} ${misfit}`, {
          ...at(where),
          hint: 'map a case fact of the same type (and values), or give a `{ value: … }` that fits',
        }),
      );
    }
  }
  return out;
}

/** Why a case fact (or constant) does not fit the target's declaration, or undefined. */
function mismatch(
  have: FactSchema | undefined,
  want: FactSchema,
  value: unknown,
  constant: boolean,
  depth = 0,
): string | undefined {
  const allowed = enumValues(want);
  if (constant) {
    if (allowed && !allowed.some((a) => a === value))
      return `is one of ${JSON.stringify(allowed)}, not ${JSON.stringify(value)}`;
    if (want.type && typeOf(value) !== want.type && !(want.type === 'number' && typeOf(value) === 'integer'))
      return `is declared \`${String(want.type)}\`, not ${JSON.stringify(value)}`;
    return undefined;
  }
  if (!have) return undefined;
  const given = enumValues(have);
  if (allowed && given) {
    const extra = given.filter((g) => !allowed.includes(g));
    if (extra.length > 0)
      return `takes ${JSON.stringify(allowed)}, but the case fact may be ${JSON.stringify(extra)}`;
  }
  if (
    want.type &&
    have.type &&
    want.type !== have.type &&
    !(want.type === 'number' && have.type === 'integer')
  ) {
    return `is declared \`${String(want.type)}\`, the case fact \`${String(have.type)}\``;
  }
  // An object case fact into an object fact: the properties both declare must fit too.
  for (const [name, inner] of Object.entries(want.properties ?? {})) {
    const from = have.properties?.[name];
    const problem = from && depth < 8 ? mismatch(from, inner, undefined, false, depth + 1) : undefined;
    if (problem) return problem.startsWith('`') ? problem : `\`.${name}\` ${problem}`;
  }
  return undefined;
}

function typeOf(v: unknown): string {
  if (Array.isArray(v)) return 'array';
  if (v === null) return 'null';
  if (typeof v === 'number') return Number.isInteger(v) ? 'integer' : 'number';
  return typeof v;
}
