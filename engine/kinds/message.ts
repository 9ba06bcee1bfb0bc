/**
 * `message` templates: text with `{{path}}` placeholders over the facts and outputs, and nothing
 * else. Handlebars parses them (so its syntax errors read as before), but they are checked here
 * and rendered here: helpers (`{{log x}}` writes to stdout), blocks, partials and lookups are
 * refused at load, so no template can fail, log or reach a prototype at evaluation.
 */
import { type ParseContext, report } from '../conditions/parse.ts';
import { langs } from '../i18n/lang.ts';
import { isText, wording } from '../i18n/text.ts';
import { handlebars } from '../packages.ts';

/** A compiled message; its syntax is checked at load, never at evaluation. */
export type MessageFn = (context: Record<string, unknown>) => string;

/** Text, or the path of a placeholder. */
export type Part = string | readonly string[];

/** A plain path: names joined by dots, as fact paths are written. */
const PLAIN_PATH = /^[A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z_][A-Za-z0-9_]*)*$/;

const HINT =
  'a message takes text and placeholders such as {{estimateTotal}} or {{vehicle.plate}}, nothing else';

/**
 * Compiles a `message` template, reporting a syntax error or an unsupported construct as a
 * diagnostic. A `{zh, en}` message has each wording checked (at `/message/zh`, `/message/en`) and
 * renders in the document's language, so a result says the same whatever language was asked.
 */
export function compileMessage(src: unknown, pointer: string, ctx: ParseContext): MessageFn | undefined {
  if (typeof src === 'string') return compileWording(src, pointer, ctx);
  if (!isText(src)) return undefined;
  const lang = ctx.lang ?? 'zh';
  const shown = wording(src, lang, lang)?.lang;
  let chosen: MessageFn | undefined;
  for (const l of langs) {
    const w = (src as Record<string, unknown>)[l];
    if (typeof w !== 'string') continue;
    const fn = compileWording(w, `${pointer}/${l}`, ctx);
    if (l === shown) chosen = fn;
  }
  return chosen;
}

function compileWording(src: string, pointer: string, ctx: ParseContext): MessageFn | undefined {
  const parts = quickParts(src) ?? parsedParts(src, pointer, ctx);
  return parts ? (context) => render(parts, context) : undefined;
}

/** A name Handlebars reads as something other than a path (a literal, `this`, `else`). */
const NOT_A_NAME = new Set(['true', 'false', 'null', 'undefined', 'this', 'else']);
/** `{{name}}` or `{{ a.b }}`: a plain path with ASCII spaces at most around it. */
const QUICK_PLACEHOLDER = /\{\{ *([A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z_][A-Za-z0-9_]*)*) *\}\}/g;

/**
 * The parts of a message made only of text and plain `{{path}}` placeholders, as Handlebars would
 * give them, without loading Handlebars; undefined for anything else (a brace or a backslash in
 * the text, a literal, a comment, a block: Handlebars reads those and reports what is wrong).
 * Held to Handlebars on generated templates in message.test.ts.
 */
export function quickParts(src: string): Part[] | undefined {
  if (src.includes('\\')) return undefined;
  const parts: Part[] = [];
  let last = 0;
  for (const m of src.matchAll(QUICK_PLACEHOLDER)) {
    if (!addText(src.slice(last, m.index), parts)) return undefined;
    const path = (m[1] as string).split('.');
    if (path.some((name) => NOT_A_NAME.has(name))) return undefined;
    parts.push(path);
    last = m.index + m[0].length;
  }
  return addText(src.slice(last), parts) ? parts : undefined;
}

/** Adds text without braces (Handlebars would read a `{{` or a `}}}` in it); false for other text. */
function addText(text: string, parts: Part[]): boolean {
  if (text.includes('{') || text.includes('}')) return false;
  if (text !== '') parts.push(text);
  return true;
}

/** The parts Handlebars reads, each unsupported construct reported; undefined after a problem. */
export function parsedParts(src: string, pointer: string, ctx: ParseContext): Part[] | undefined {
  let program: hbs.AST.Program;
  try {
    program = handlebars().parse(src);
  } catch (e) {
    report(
      ctx,
      'message_invalid',
      `message template does not parse: ${templateError((e as Error).message)}`,
      pointer,
      { hint: 'placeholders are written {{factName}}' },
    );
    return undefined;
  }
  const parts: Part[] = [];
  let ok = true;
  for (const node of program.body) {
    const problem = addPart(node, parts);
    if (problem === undefined) continue;
    ok = false;
    const { line, column } = node.loc.start;
    report(
      ctx,
      'message_unsupported',
      `${problem} (line ${line}, column ${column + 1} of the message)`,
      pointer,
      {
        hint: HINT,
      },
    );
  }
  return ok ? parts : undefined;
}

/** Adds a statement's part; what is wrong with it when it is not text, a comment or a placeholder. */
function addPart(node: hbs.AST.Statement, parts: Part[]): string | undefined {
  switch (node.type) {
    case 'ContentStatement':
      // `value` is the text after whitespace control (`{{~x}}`) and `\{{` escapes are applied.
      parts.push((node as hbs.AST.ContentStatement).value);
      return undefined;
    case 'CommentStatement':
      return undefined;
    case 'MustacheStatement':
      return addPlaceholder(node as hbs.AST.MustacheStatement, parts);
    case 'BlockStatement':
      return `blocks such as \`{{#${blockName(node as hbs.AST.BlockStatement)}}}\` are not supported`;
    case 'PartialStatement':
    case 'PartialBlockStatement':
      return 'partials (`{{> name}}`) are not supported';
    default:
      return 'decorators (`{{* name}}`) are not supported';
  }
}

function addPlaceholder(node: hbs.AST.MustacheStatement, parts: Part[]): string | undefined {
  const path = node.path;
  if (path.type !== 'PathExpression') {
    return `\`{{${literalText(path)}}}\` is a literal, not a placeholder`;
  }
  const p = path as hbs.AST.PathExpression;
  if (node.params.length > 0 || (node.hash?.pairs.length ?? 0) > 0) {
    return `helpers such as \`{{${p.original} …}}\` are not supported`;
  }
  if (
    p.data ||
    p.depth > 0 ||
    !PLAIN_PATH.test(p.original) ||
    p.original.startsWith('this.') ||
    p.original === 'this'
  ) {
    return `\`{{${p.original}}}\` is not a plain path (names joined by dots)`;
  }
  parts.push(p.parts);
  return undefined;
}

function blockName(node: hbs.AST.BlockStatement): string {
  return node.path.type === 'PathExpression' ? node.path.original : '…';
}

function literalText(node: hbs.AST.Literal | hbs.AST.PathExpression): string {
  const value = (node as { value?: unknown }).value;
  return typeof value === 'string' ? JSON.stringify(value) : String(value);
}

/** The message for a context: own properties only, missing ones print nothing. */
function render(parts: readonly Part[], context: Record<string, unknown>): string {
  let out = '';
  for (const part of parts) out += typeof part === 'string' ? part : text(lookup(context, part));
  return out;
}

function lookup(context: Record<string, unknown>, path: readonly string[]): unknown {
  let v: unknown = context;
  for (const name of path) {
    if (v === null || typeof v !== 'object' || !Object.hasOwn(v, name)) return undefined;
    v = (v as Record<string, unknown>)[name];
  }
  return v;
}

/** A value as message text: nothing for a missing value, JSON for a list or an object. */
function text(v: unknown): string {
  if (v === undefined || v === null) return '';
  // Inputs nest at most 32 levels (facts/input.ts), so this cannot overflow the stack.
  if (typeof v === 'object') return JSON.stringify(v);
  return String(v);
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
