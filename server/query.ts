/**
 * Query parameters, checked in one place for every route: each route allows the query parameters
 * its OpenAPI description lists, and nothing else. An unknown or repeated parameter is
 * `query_invalid` (400), so a misspelt `?formt=md` is never silently ignored.
 */
import type { Context, Hono, MiddlewareHandler } from 'hono';
import { isLang, type Lang, negotiate } from '../engine/index.ts';
import type { AppEnv } from './context.ts';
import { httpError } from './errors.ts';
import type { Json, PathItems } from './openapi/helpers.ts';

/** Registers, before the handlers, a check of the query parameters of every operation in `paths`. */
export function checkQueries(app: Hono<AppEnv>, paths: PathItems): void {
  for (const [path, item] of Object.entries(paths)) {
    const honoPath = path.replace(/\{(\w+)\}/g, ':$1');
    for (const [method, operation] of Object.entries(item)) {
      app.on(method.toUpperCase(), honoPath, allowOnly(queryNames(operation)));
    }
  }
}

function queryNames(operation: Json): string[] {
  const parameters = (operation.parameters ?? []) as Json[];
  return parameters.filter((p) => p.in === 'query').map((p) => p.name as string);
}

/** A middleware answering `query_invalid` for a query parameter not in `allowed`, or given twice. */
export function allowOnly(allowed: readonly string[]): MiddlewareHandler<AppEnv> {
  const known = new Set(allowed);
  const list = allowed.length > 0 ? allowed.map((n) => `\`${n}\``).join(', ') : 'none';
  return async (c, next) => {
    const url = c.req.url;
    // Most requests have no query: nothing to parse.
    if (url.includes('?')) {
      const seen = new Set<string>();
      for (const name of new URL(url).searchParams.keys()) {
        if (!known.has(name))
          throw queryInvalid(`unknown query parameter \`${name}\``, `allowed here: ${list}`, name);
        if (seen.has(name))
          throw queryInvalid(`query parameter \`${name}\` is given twice`, 'give it once', name);
        seen.add(name);
      }
    }
    await next();
  };
}

/** `query_invalid` (400) for the query parameter `name`. */
export function queryError(name: string, message: string, hint?: string) {
  return httpError('query_invalid', message, [
    { code: 'query_invalid', message, severity: 'error', path: name, ...(hint ? { hint } : {}) },
  ]);
}

function queryInvalid(message: string, hint: string, name: string) {
  return httpError('query_invalid', message, [
    { code: 'query_invalid', message, severity: 'error', path: name, hint },
  ]);
}

/** The most items one keyset page holds, and how many when `limit` is not given. */
export const PAGE_MAX = 1000;
export const PAGE_DEFAULT = 100;

/** `?limit=`: a whole number from 1 to PAGE_MAX, PAGE_DEFAULT when absent; `query_invalid` otherwise. */
export function pageLimit(raw: string | undefined): number {
  if (raw === undefined) return PAGE_DEFAULT;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1 || n > PAGE_MAX) {
    throw queryError('limit', `\`limit\` is a whole number from 1 to ${PAGE_MAX}, not \`${raw}\``);
  }
  return n;
}

/**
 * The language of a JSON answer: `?lang=zh|en`, Chinese when absent; anything else is
 * `query_invalid`. Accept-Language is not read, so the same request always gets the same answer.
 */
export function langQuery(c: Context<AppEnv>): Lang {
  const lang = c.req.query('lang');
  if (lang === undefined) return 'zh';
  if (isLang(lang)) return lang;
  throw queryError(
    'lang',
    `\`lang\` must be zh or en, not ${JSON.stringify(lang.slice(0, 20))}`,
    'give ?lang=zh or ?lang=en',
  );
}

/**
 * The language of an HTML page or report: `?lang=zh|en` when given, else the browser's
 * Accept-Language (zh, zh-CN, zh-Hans → zh; en-* → en), else Chinese.
 */
export function htmlLangQuery(c: Context<AppEnv>): Lang {
  return c.req.query('lang') !== undefined ? langQuery(c) : negotiate(c.req.header('accept-language'));
}
