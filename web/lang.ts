/**
 * Which language a page is in: `?lang=` (remembered in a cookie), else the cookie, else the
 * browser's Accept-Language, else Chinese. And how bilingual document text is shown.
 */
import { isLang, type Lang } from '../engine/i18n/lang.ts';
import { negotiate } from '../engine/i18n/negotiate.ts';
import { textOf } from '../engine/i18n/text.ts';

export const LANG_COOKIE = 'norma_lang';

/** What a request says about language. */
export interface LangHints {
  query?: string | undefined;
  cookie?: string | undefined;
  acceptLanguage?: string | undefined;
}

/** The page language, and whether the choice should be remembered (it came from `?lang=`). */
export function chooseLang(hints: LangHints): { lang: Lang; remember: boolean } {
  const asked = asLang(hints.query);
  if (asked) return { lang: asked, remember: true };
  const kept = asLang(hints.cookie);
  if (kept) return { lang: kept, remember: false };
  return { lang: fromAcceptLanguage(hints.acceptLanguage ?? ''), remember: false };
}

function asLang(value: string | undefined): Lang | undefined {
  return isLang(value) ? value : undefined;
}

/** The preferred of zh and en by q-value; Chinese when neither is named (engine/i18n/negotiate.ts). */
export function fromAcceptLanguage(header: string): Lang {
  return negotiate(header);
}

/**
 * Document text in a language. A `{zh, en}` mapping gives the one asked for (or the other); a
 * plain string is shown as written, since it is in the document's own language.
 */
export function textIn(lang: Lang, value: unknown): string {
  if (value === undefined || value === null) return '';
  return typeof value === 'object' ? textOf(value, lang) : String(value);
}
