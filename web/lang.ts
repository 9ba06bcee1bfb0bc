/**
 * Which language a page is in: `?lang=` (remembered in a cookie), else the cookie, else the
 * browser's Accept-Language, else Chinese. And how bilingual document text is shown.
 */
import type { Lang } from './messages.ts';

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
  return value === 'zh' || value === 'en' ? value : undefined;
}

/** The preferred of zh and en by q-value; Chinese when neither is named. */
export function fromAcceptLanguage(header: string): Lang {
  let best: { lang: Lang; q: number } | undefined;
  for (const part of header.split(',')) {
    const [tag = '', ...params] = part.trim().toLowerCase().split(';');
    const lang = tag.startsWith('zh') ? 'zh' : tag.startsWith('en') ? 'en' : undefined;
    if (!lang) continue;
    const q = Number(params.find((p) => p.trim().startsWith('q='))?.split('=')[1] ?? 1);
    if (!best || q > best.q) best = { lang, q: Number.isFinite(q) ? q : 0 };
  }
  return best?.lang ?? 'zh';
}

/**
 * Document text in a language. A `{zh, en}` mapping gives the one asked for (or the other); a
 * plain string is shown as written, since it is in the document's own language.
 */
export function textIn(lang: Lang, value: unknown): string {
  if (typeof value === 'string') return value;
  if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
    const v = value as Record<string, unknown>;
    const chosen = v[lang] ?? v[lang === 'zh' ? 'en' : 'zh'];
    if (typeof chosen === 'string') return chosen;
  }
  return value === undefined || value === null ? '' : String(value);
}
