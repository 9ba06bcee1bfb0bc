/**
 * What every printed report served over HTTP shares: its headers (a static document: nothing in
 * it may run or be framed; it loads only norma's own font files, `font-src 'self'`), and how its
 * language is chosen: `?lang=zh|en`, else the request's Accept-Language, else Chinese.
 */
import type { Context } from 'hono';
import { negotiate, type ReportLang } from '../engine/index.ts';
import type { AppEnv } from './context.ts';
import { httpError } from './errors.ts';
import { queryParam } from './openapi/helpers.ts';

/** The headers of every HTML report. */
export const REPORT_HEADERS = {
  'Content-Type': 'text/html; charset=utf-8',
  'Content-Security-Policy': "default-src 'none'; style-src 'unsafe-inline'; img-src data:; font-src 'self'",
  'X-Content-Type-Options': 'nosniff',
  // A report's language may come from Accept-Language: caches keep one per language.
  Vary: 'Accept-Language',
};

/** `?lang=`: the language of a report's headings, labels and words. */
export const langParam = queryParam(
  'lang',
  'the language of the report: zh or en (default: the Accept-Language header, else zh)',
  { enum: ['zh', 'en'] },
);

/** The report's language: `?lang=` (anything but zh or en is 400 `query_invalid`), else Accept-Language. */
export function reportLangOf(c: Context<AppEnv>): ReportLang {
  const asked = c.req.query('lang');
  if (asked === 'zh' || asked === 'en') return asked;
  if (asked !== undefined) {
    const message = `unknown language \`${asked}\``;
    throw httpError('query_invalid', message, [
      { code: 'query_invalid', message, severity: 'error', path: 'lang', hint: 'lang is zh or en' },
    ]);
  }
  return negotiate(c.req.header('accept-language'));
}

/** Whether a report's language was chosen by the request (else a customer's own language may win). */
export function langAsked(c: Context<AppEnv>): boolean {
  return c.req.query('lang') !== undefined || c.req.header('accept-language') !== undefined;
}
