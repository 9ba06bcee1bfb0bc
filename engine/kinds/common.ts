import Handlebars from 'handlebars';
import { alwaysTrue, type Cond } from '../conditions/ast.ts';
import { type ParseContext, parseCondition, report } from '../conditions/parse.ts';
import type { Scope } from '../facts/scope.ts';
import { escapePointer, positionOf } from '../load/yaml.ts';

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
  code: string,
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

/** A compiled Handlebars message; its syntax is checked at load, never at evaluation. */
export type MessageFn = (context: Record<string, unknown>) => string;

/** Compiles a `message` template, reporting a syntax error as a diagnostic. */
export function compileMessage(src: unknown, pointer: string, ctx: ParseContext): MessageFn | undefined {
  if (typeof src !== 'string') return undefined;
  try {
    Handlebars.parse(src);
  } catch (e) {
    report(
      ctx,
      'message_invalid',
      `message template does not parse: ${templateError((e as Error).message)}`,
      pointer,
      {
        hint: 'placeholders are written {{factName}}',
      },
    );
    return undefined;
  }
  // Messages are plain text (JSON, terminals); HTML reports escape them when they render.
  const template = Handlebars.compile(src, { noEscape: true, strict: false });
  return (context) => template(context);
}

/** Handlebars' parse error (a caret drawing and a list of tokens) as one readable line. */
function templateError(message: string): string {
  const lines = message.split('\n');
  const line = /line (\d+)/.exec(lines[0] ?? '')?.[1];
  const col = (lines[2]?.indexOf('^') ?? -1) + 1;
  const got = /got '([A-Z_]+)'/.exec(message)?.[1];
  const what =
    got === 'EOF'
      ? 'the text ends inside a `{{…}}` placeholder or an open block'
      : got === 'INVALID'
        ? 'a `{{…}}` placeholder is not closed with `}}`'
        : got
          ? `unexpected ${got.toLowerCase().replaceAll('_', ' ')}`
          : (lines.find((l) => l.trim() !== '') ?? message);
  return line && col > 0 ? `${what} (line ${line}, column ${col} of the message)` : what;
}

/** A pointer to a child key. */
export function child(pointer: string, key: string | number): string {
  return `${pointer}/${typeof key === 'number' ? key : escapePointer(key)}`;
}
