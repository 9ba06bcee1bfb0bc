import type { DiagnosticCode } from '../codes.ts';
import { alwaysTrue, type Cond } from '../conditions/ast.ts';
import { type ParseContext, parseCondition, report } from '../conditions/parse.ts';
import type { Scope } from '../facts/scope.ts';
import type { Lang } from '../i18n/lang.ts';
import { isText, textOf } from '../i18n/text.ts';
import { escapePointer, positionOf } from '../load/yaml.ts';

export { compileMessage, type MessageFn } from './message.ts';

/** The value as a list, or empty when it is not one (schema errors are reported elsewhere). */
export function listAt(v: unknown): unknown[] {
  return Array.isArray(v) ? v : [];
}

/** The value as a mapping, or empty when it is not one. */
export function mapAt(v: unknown): Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {};
}

/** The value when it is text. */
export function textAt(v: unknown): string | undefined {
  return typeof v === 'string' ? v : undefined;
}

/**
 * Human text (`title`, `text`, `description`, …) in the document's own language, as results and
 * messages carry it: a plain string as written, a `{zh, en}` by the document's `lang`; undefined
 * when there is none.
 */
export function humanAt(v: unknown, ctx: { lang?: Lang }): string | undefined {
  return isText(v) ? textOf(v, ctx.lang ?? 'zh', ctx.lang ?? 'zh') : undefined;
}

/** The value when it is a finite number. */
export function numberAt(v: unknown): number | undefined {
  return typeof v === 'number' && Number.isFinite(v) ? v : undefined;
}

/** Parses an optional `when` (absent: always holds) at `pointer`. */
export function whenAt(raw: unknown, pointer: string, scope: Scope, ctx: ParseContext): Cond {
  if (raw === undefined) {
    const pos = positionOf(ctx.map, pointer.slice(0, pointer.lastIndexOf('/')));
    return alwaysTrue({ pointer, line: pos.line, col: pos.col }, ctx.nextId());
  }
  return parseCondition(raw, pointer, scope, ctx);
}

/** Reports every id that appears twice in a list of elements with `id` fields. */
export function checkUniqueIds(
  list: unknown[],
  pointer: string,
  ctx: ParseContext,
  code: DiagnosticCode,
  what: string,
): void {
  const seen = new Map<string, number>();
  list.forEach((el, i) => {
    const id = textAt(mapAt(el).id);
    if (id === undefined) return;
    const first = seen.get(id);
    if (first !== undefined) {
      report(ctx, code, `${what} id \`${id}\` is used twice`, `${pointer}/${i}/id`, {
        hint: `the first is at ${pointer}/${first}; ids must be unique so results and diffs can name them`,
      });
    } else seen.set(id, i);
  });
}

/** A pointer to a child key. */
export function child(pointer: string, key: string | number): string {
  return `${pointer}/${typeof key === 'number' ? key : escapePointer(key)}`;
}
