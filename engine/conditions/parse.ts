import type { DiagnosticCode } from '../codes.ts';
import { type Diagnostic, error, type Position } from '../diagnostics.ts';
import { elementScope, type ResolvedPath, type Scope } from '../facts/scope.ts';
import { enumValues } from '../facts/types.ts';
import { unitMismatch } from '../facts/units.ts';
/** What parsing conditions needs from the document being checked. */
import type { Lang } from '../i18n/lang.ts';
import { escapePointer, positionOf, type SourceMap } from '../load/yaml.ts';
import { didYouMean } from '../util/suggest.ts';
import { inlineValue, quoted, quotedList } from '../util/text.ts';
import type { Cond, Operand, Origin } from './ast.ts';
import { MAX_OFFSET_DAYS, MAX_OFFSET_HOURS, MAX_OFFSET_YEARS, parseDateValue } from './dates.ts';
import { categoryText, factOperandProblem } from './operand-types.ts';
import { type OperatorName, operatorNames, operatorSpecs } from './operators.ts';
import { regexProblem, shortened } from './regex.ts';

export interface ParseContext {
  file: string;
  map: SourceMap;
  diagnostics: Diagnostic[];
  /** Ids number every node of a document, so explain output can point back to it. */
  nextId: () => number;
  /** The document's declared language (`lang:`, default zh): what its plain-string text is in. */
  lang?: Lang;
  /**
   * The document was checked clean before (engine/load/verified.ts): checks that depend on its
   * text alone and can only warn (dead weight) said nothing then, and are skipped.
   */
  checkedBefore?: boolean;
  /** What such skippable checks said on this load, kept with the document's entry to be said again. */
  skipped?: Diagnostic[];
}

/** Creates a parse context for one document. */
export function parseContext(file: string, map: SourceMap, diagnostics: Diagnostic[] = []): ParseContext {
  let id = 0;
  // Every field set here, so that every context has one shape (contexts are read everywhere).
  return { file, map, diagnostics, nextId: () => id++, lang: 'zh', checkedBefore: false, skipped: [] };
}

const QUANTIFIERS = new Set(['some', 'every', 'none']);
const PATH = /^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)*$/;
/** `$at+30d`, `$at-7d`, `$at+1y`: the evaluation date shifted by days or calendar years. */
const AT_SHIFT = /^\$at([+-])(\d{1,5})([dy])$/;

/** Parses a condition mapping (`when`, `expect`, …) into the common condition tree. */
export function parseCondition(raw: unknown, pointer: string, scope: Scope, ctx: ParseContext): Cond {
  const origin = originAt(ctx, pointer);
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) {
    report(
      ctx,
      'cond_not_mapping',
      'a condition must be a mapping of fact paths to values or operators',
      pointer,
      {
        hint: 'e.g. `when: { estimateTotal: { greaterThan: 5000 } }`',
      },
    );
    return { type: 'all', id: ctx.nextId(), items: [], origin };
  }
  const items: Cond[] = [];
  for (const [key, value] of Object.entries(raw)) {
    const at = `${pointer}/${escapePointer(key)}`;
    if (key === 'all' || key === 'any') {
      if (!Array.isArray(value)) {
        report(ctx, 'cond_group_not_list', `\`${key}\` takes a list of conditions`, at, {
          hint: `write \`${key}: [ {…}, {…} ]\``,
        });
        continue;
      }
      if (value.length === 0) {
        report(ctx, 'cond_group_empty', `\`${key}\` needs at least one condition`, at, {
          hint: key === 'any' ? 'an empty `any` could never hold: remove it' : 'remove the empty `all`',
        });
        continue;
      }
      items.push({
        type: key,
        id: ctx.nextId(),
        items: value.map((v, i) => parseCondition(v, `${at}/${i}`, scope, ctx)),
        origin: originAt(ctx, at),
      });
    } else if (key === 'not') {
      items.push({
        type: 'not',
        id: ctx.nextId(),
        item: parseCondition(value, at, scope, ctx),
        origin: originAt(ctx, at),
      });
    } else {
      items.push(parseFactEntry(key, value, at, scope, ctx));
    }
  }
  if (items.length === 1 && items[0]) return items[0];
  return { type: 'all', id: ctx.nextId(), items, origin };
}

/** One `path: value` or `path: { operator: value, … }` entry of a condition. */
function parseFactEntry(key: string, value: unknown, pointer: string, scope: Scope, ctx: ParseContext): Cond {
  const origin = originAt(ctx, pointer, 'key');
  if (!(scope.paths ?? PATH).test(key)) {
    report(ctx, 'ref_invalid_path', `\`${key}\` is not a fact path`, pointer, {
      prefer: 'key',
      hint: 'paths are names joined by dots, e.g. `vehicle.mileageKm`',
    });
    return { type: 'all', id: ctx.nextId(), items: [], origin };
  }
  const path = pathOf(key);
  const resolved = scope.resolve(path);
  if (!resolved.ok) {
    report(ctx, resolved.code, resolved.message, pointer, { prefer: 'key', ...hintOf(resolved.hint) });
    return { type: 'all', id: ctx.nextId(), items: [], origin };
  }
  if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
    return parseOperators(path, resolved, value as Record<string, unknown>, pointer, scope, ctx);
  }
  if (Array.isArray(value)) {
    report(ctx, 'op_value_shape', `\`${key}\` cannot equal a list`, pointer, {
      hint: `to allow several values write \`${key}: { in: [${value.map(inlineValue).join(', ')}] }\``,
    });
    return { type: 'all', id: ctx.nextId(), items: [], origin };
  }
  return parseTest(path, resolved, 'equal', value, pointer, scope, ctx, origin);
}

/**
 * An operator mapping on one fact path; several operators must all hold. Exported for kinds
 * whose conditions test one implicit value (a checklist item's `expect` on its answer).
 */
export function parseOperators(
  path: string[],
  resolved: ResolvedPath,
  ops: Record<string, unknown>,
  pointer: string,
  scope: Scope,
  ctx: ParseContext,
): Cond {
  const items: Cond[] = [];
  const keys = Object.keys(ops);
  if (keys.length === 0) {
    report(ctx, 'op_missing', `no operator given for \`${path.join('.')}\``, pointer, {
      hint: 'e.g. `{ greaterThan: 5000 }`, or a plain value to test equality',
    });
  }
  for (const op of keys) {
    const at = `${pointer}/${escapePointer(op)}`;
    const value = ops[op];
    if (QUANTIFIERS.has(op)) {
      items.push(parseQuantifier(path, resolved, op as 'some' | 'every' | 'none', value, at, ctx));
      continue;
    }
    if (!(operatorNames as readonly string[]).includes(op)) {
      const hint = didYouMean(op, [...operatorNames, ...QUANTIFIERS]);
      report(ctx, 'op_unknown', `unknown operator \`${op}\``, at, {
        prefer: 'key',
        hint: hint ?? `operators: ${operatorNames.join(', ')}, some, every, none`,
      });
      continue;
    }
    items.push(
      parseTest(path, resolved, op as OperatorName, value, at, scope, ctx, originAt(ctx, at, 'key')),
    );
  }
  if (items.length === 1 && items[0]) return items[0];
  return { type: 'all', id: ctx.nextId(), items, origin: originAt(ctx, pointer, 'key') };
}

function parseQuantifier(
  path: string[],
  resolved: ResolvedPath,
  q: 'some' | 'every' | 'none',
  value: unknown,
  pointer: string,
  ctx: ParseContext,
): Cond {
  const origin = originAt(ctx, pointer, 'key');
  if (resolved.category !== 'array' && resolved.category !== 'any') {
    report(
      ctx,
      'op_type_mismatch',
      `\`${q}\` needs a list, and \`${path.join('.')}\` is ${categoryText(resolved.category)}`,
      pointer,
      {
        prefer: 'key',
        hint: `${q} tests each element of a list of objects`,
      },
    );
  }
  const item = parseCondition(value, pointer, elementScope(resolved.schema), ctx);
  return { type: 'quantifier', id: ctx.nextId(), q, path, item, origin };
}

function parseTest(
  path: string[],
  resolved: ResolvedPath,
  op: OperatorName,
  raw: unknown,
  pointer: string,
  scope: Scope,
  ctx: ParseContext,
  origin: Origin,
): Cond {
  const spec = operatorSpecs[op];
  const name = path.join('.');
  const id = ctx.nextId();
  if (!spec.fits.includes(resolved.category)) {
    const fitting = operatorNames.filter((o) => operatorSpecs[o].fits.includes(resolved.category));
    report(
      ctx,
      'op_type_mismatch',
      `\`${op}\` does not apply to \`${name}\`, which is ${categoryText(resolved.category)}`,
      pointer,
      {
        prefer: 'key',
        hint: `operators for ${categoryText(resolved.category)}: ${fitting.join(', ')}`,
      },
    );
  }
  const operand = parseOperand(op, raw, { name, resolved }, pointer, scope, ctx);
  return { type: 'test', id, path, op, operand, origin };
}

function parseOperand(
  op: OperatorName,
  raw: unknown,
  tested: { name: string; resolved: ResolvedPath },
  pointer: string,
  scope: Scope,
  ctx: ParseContext,
): Operand {
  const { resolved } = tested;
  const shape = operatorSpecs[op].value;
  const bad = (message: string, hint?: string): Operand => {
    report(ctx, 'op_value_shape', message, pointer, hintOf(hint));
    return { kind: 'literal', value: raw };
  };
  if (isFactRef(raw) && shape !== 'list' && shape !== 'pair' && shape !== 'days' && shape !== 'regex') {
    const operand = parseFactRef(op, raw.fact, tested, pointer, scope, ctx);
    return raw.hours === undefined ? operand : withHours(op, operand, raw.hours, pointer, scope, ctx);
  }
  switch (shape) {
    case 'scalar': {
      if (raw !== null && typeof raw === 'object') return bad(`\`${op}\` takes a single value`);
      checkMember(raw, resolved, pointer, ctx);
      return { kind: 'literal', value: raw };
    }
    case 'number':
      if (typeof raw !== 'number') {
        const quoted = typeof raw === 'string' && raw.trim() !== '' && !Number.isNaN(Number(raw));
        return bad(
          `\`${op}\` takes a number, not ${describe(raw)}`,
          quoted ? `write the number without quotes: \`${op}: ${raw}\`` : 'e.g. `{ greaterThan: 5000 }`',
        );
      }
      return { kind: 'literal', value: raw };
    case 'list':
      if (!Array.isArray(raw))
        return bad(`\`${op}\` takes a list, not ${describe(raw)}`, `write \`${op}: [${inlineValue(raw)}]\``);
      raw.forEach((v, i) => {
        checkMember(v, resolved, `${pointer}/${i}`, ctx);
      });
      return { kind: 'literal', value: raw };
    case 'pair': {
      const [lo, hi] = Array.isArray(raw) ? raw : [];
      if (!Array.isArray(raw) || raw.length !== 2 || typeof lo !== 'number' || typeof hi !== 'number') {
        return bad('`between` takes a pair of numbers `[low, high]`', 'both ends are included');
      }
      if (lo > hi) return bad(`\`between\` needs low ≤ high, got [${lo}, ${hi}]`, `write [${hi}, ${lo}]`);
      return { kind: 'literal', value: raw };
    }
    case 'boolean':
      if (typeof raw !== 'boolean') return bad(`\`${op}\` takes true or false`);
      return { kind: 'literal', value: raw };
    case 'regex': {
      if (typeof raw !== 'string') return bad('`matches` takes a regular expression as text');
      // Compiled here, at load, once; the evaluators reuse the compiled expression (regex.ts).
      const problem = regexProblem(raw);
      if (problem) {
        report(
          ctx,
          'op_regex_invalid',
          `\`${shortened(raw)}\` is not a valid regular expression: ${problem.reason}`,
          pointer,
          { hint: problem.hint },
        );
      }
      return { kind: 'literal', value: raw };
    }
    case 'date': {
      const shift = typeof raw === 'string' ? AT_SHIFT.exec(raw) : null;
      const tooFar = shift
        ? offsetTooLarge(Number(shift[2]), shift[3] === 'y' ? 'years' : 'days')
        : undefined;
      if (tooFar) return bad(tooFar);
      const at = atOperand(raw);
      if (at) return at;
      if (parseDateValue(raw) === undefined) {
        return bad(
          `\`${op}\` takes an ISO date, \`$at\`, \`$at+30d\` or \`{ fact: path }\`, not ${describe(raw)}`,
          'e.g. 2026-03-01, or `$at+30d` for 30 days after the evaluation date',
        );
      }
      return { kind: 'literal', value: raw };
    }
    case 'days': {
      if (typeof raw !== 'number' || !Number.isInteger(raw) || raw < 0) {
        return bad(`\`${op}\` takes a whole number of ${op === 'olderThanYears' ? 'years' : 'days'} ≥ 0`);
      }
      const tooFar = offsetTooLarge(raw, op === 'olderThanYears' ? 'years' : 'days');
      if (tooFar) return bad(tooFar);
      if (op === 'withinDays') return { kind: 'window', days: raw };
      return op === 'olderThanYears'
        ? { kind: 'at', days: 0, years: -raw }
        : { kind: 'at', days: -raw, years: 0 };
    }
  }
}

/** A `{ fact: path }` operand: the other fact must be declared and fit the operator like a literal. */
/** `$at`, `$at+30d`, `$at-1y` as an operand (the evaluation date moved by whole days or calendar years). */
export function atOperand(raw: unknown): Extract<Operand, { kind: 'at' }> | undefined {
  if (raw === '$at') return { kind: 'at', days: 0, years: 0 };
  const shift = typeof raw === 'string' ? AT_SHIFT.exec(raw) : null;
  if (!shift) return undefined;
  const n = Number(shift[2]) * (shift[1] === '-' ? -1 : 1);
  return shift[3] === 'y' ? { kind: 'at', days: 0, years: n } : { kind: 'at', days: n, years: 0 };
}

function parseFactRef(
  op: OperatorName,
  ref: string,
  tested: { name: string; resolved: ResolvedPath },
  pointer: string,
  scope: Scope,
  ctx: ParseContext,
): Operand {
  const path = pathOf(ref);
  if (!(scope.paths ?? PATH).test(ref)) {
    report(ctx, 'ref_invalid_path', `\`${ref}\` is not a fact path`, `${pointer}/fact`);
    return { kind: 'fact', path };
  }
  const other = scope.resolve(path);
  if (!other.ok) {
    report(ctx, other.code, other.message, `${pointer}/fact`, hintOf(other.hint));
    return { kind: 'fact', path };
  }
  const shape = operatorSpecs[op].value;
  const problem = factOperandProblem(op, shape, tested.name, tested.resolved, ref, other);
  if (problem) report(ctx, 'op_fact_mismatch', problem.message, `${pointer}/fact`, { hint: problem.hint });
  const units = problem ? undefined : unitMismatch(tested.name, tested.resolved, ref, other);
  if (units) report(ctx, 'unit_mismatch', units.message, `${pointer}/fact`, { hint: units.hint });
  return { kind: 'fact', path };
}

function checkMember(value: unknown, resolved: ResolvedPath, pointer: string, ctx: ParseContext): void {
  const allowed = resolved.schema ? enumValues(resolved.schema) : undefined;
  if (allowed && !allowed.includes(value)) {
    const hint = typeof value === 'string' ? didYouMean(value, allowed.map(String)) : undefined;
    report(
      ctx,
      'op_value_enum',
      `${quoted(value)} is not one of ${quotedList(allowed)}`,
      pointer,
      hintOf(hint),
    );
    return;
  }
  const c = resolved.category;
  const type = value === null ? 'null' : typeof value;
  const fits =
    c === 'any' ||
    c === 'enum' ||
    (c === 'number' && type === 'number') ||
    (c === 'string' && type === 'string') ||
    (c === 'boolean' && type === 'boolean') ||
    (c === 'date' && parseDateValue(value) !== undefined) ||
    c === 'array';
  if (!fits) {
    report(ctx, 'op_value_shape', `${describe(value)} does not fit ${categoryText(c)}`, pointer, {
      hint: c === 'date' ? 'dates are written 2026-03-01' : `give ${categoryText(c)}`,
    });
  }
}

function isFactRef(v: unknown): v is { fact: string; hours?: unknown } {
  if (v === null || typeof v !== 'object' || Array.isArray(v)) return false;
  const keys = Object.keys(v);
  if (typeof (v as { fact?: unknown }).fact !== 'string') return false;
  return keys.length === 1 || (keys.length === 2 && Object.hasOwn(v, 'hours'));
}

/**
 * `{ fact: path, hours: N }`: the other fact's instant N whole hours later (earlier when
 * negative), for deadlines such as "within 24 hours of receipt". Only the date operators take it,
 * and only on a fact declared `format: date-time`: a plain date has no instant to shift.
 */
function withHours(
  op: OperatorName,
  operand: Operand,
  hours: unknown,
  pointer: string,
  scope: Scope,
  ctx: ParseContext,
): Operand {
  if (operand.kind !== 'fact') return operand;
  const at = `${pointer}/hours`;
  if (operatorSpecs[op].value !== 'date') {
    report(ctx, 'op_value_shape', `\`hours\` shifts a date-time: \`${op}\` does not compare dates`, at, {
      hint: 'use `hours` with before, after, onOrBefore or onOrAfter',
    });
    return operand;
  }
  if (typeof hours !== 'number' || !Number.isInteger(hours) || Math.abs(hours) > MAX_OFFSET_HOURS) {
    report(
      ctx,
      'op_value_shape',
      `\`hours\` takes a whole number of hours up to ${MAX_OFFSET_HOURS} either way`,
      at,
    );
    return operand;
  }
  const other = scope.resolve(operand.path);
  if (other.ok && other.category !== 'any' && other.schema?.format !== 'date-time') {
    report(
      ctx,
      'op_value_shape',
      `\`hours\` needs a date-time: \`${operand.path.join('.')}\` is not declared \`format: date-time\``,
      at,
      { hint: 'declare the fact `type: string, format: date-time`, or shift a date with `$at±Nd`' },
    );
    return operand;
  }
  return { ...operand, hours };
}

function originAt(ctx: ParseContext, pointer: string, prefer: 'key' | 'value' = 'value'): Origin {
  return new OriginAt(pointer, ctx.map, prefer);
}

/**
 * An origin whose line and column are looked up in the source map when first read. Parsing makes
 * one per condition, and a tenth of loading went into finding their lines; only the reference
 * path (json-rules-engine events) and reports read them, most documents never. The map stays
 * with the compiled document, so the answer is the one parsing would have found.
 */
class OriginAt implements Origin {
  // Which position to prefer until it is looked up, then the position: as small as the plain
  // origin it stands for (a compiled document keeps one per condition).
  #at: 'key' | 'value' | Position;
  readonly #map: SourceMap;

  constructor(
    readonly pointer: string,
    map: SourceMap,
    prefer: 'key' | 'value',
  ) {
    this.#map = map;
    this.#at = prefer;
  }

  get line(): number {
    return this.#position().line;
  }

  get col(): number {
    return this.#position().col;
  }

  /** Written out as the plain origin it stands for. */
  toJSON(): Origin {
    return { pointer: this.pointer, line: this.line, col: this.col };
  }

  #position(): Position {
    if (typeof this.#at === 'string') this.#at = positionOf(this.#map, this.pointer, this.#at);
    return this.#at;
  }
}

/**
 * The names of a dotted fact path, one frozen list per path for every condition of every
 * document: a standard's conditions read the same few facts again and again (bounded: emptied
 * when full; the conditions keep theirs).
 */
function pathOf(dotted: string): string[] {
  let path = paths.get(dotted);
  if (path === undefined) {
    path = Object.freeze(dotted.split('.')) as string[];
    if (paths.size >= MAX_PATHS) paths.clear();
    paths.set(dotted, path);
  }
  return path;
}

const paths = new Map<string, string[]>();
const MAX_PATHS = 10_000;

/** Adds a located diagnostic at a pointer of the document being parsed. */
export function report(
  ctx: ParseContext,
  code: DiagnosticCode,
  message: string,
  pointer: string,
  extra: { hint?: string | undefined; prefer?: 'key' | 'value'; severity?: 'error' | 'warning' } = {},
): void {
  ctx.diagnostics.push(
    error(code, message, {
      severity: extra.severity ?? 'error',
      file: ctx.file,
      ...positionOf(ctx.map, pointer, extra.prefer ?? 'value'),
      path: pointer,
      ...(extra.hint ? { hint: extra.hint } : {}),
    }),
  );
}

function hintOf(hint: string | undefined): { hint?: string } {
  return hint ? { hint } : {};
}

/** Why an offset from `$at` is too large to stay a calendar date, or undefined when it fits. */
function offsetTooLarge(n: number, unit: 'days' | 'years'): string | undefined {
  const max = unit === 'years' ? MAX_OFFSET_YEARS : MAX_OFFSET_DAYS;
  return n > max ? `an offset from \`$at\` is at most ${max} ${unit}, not ${n}` : undefined;
}

function describe(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'a list';
  if (typeof v === 'object') return 'a mapping';
  if (typeof v === 'string') return `text \`${v}\``;
  return `${typeof v} \`${String(v)}\``;
}
