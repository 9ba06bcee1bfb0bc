/** The languages norma speaks: Chinese first, English second. */
export type Lang = 'zh' | 'en';

/** Every language, Chinese first (the default wherever nothing is said). */
export const langs: readonly Lang[] = ['zh', 'en'];

/** The language when nothing is asked for. */
export const DEFAULT_LANG: Lang = 'zh';

/** Whether a value names a language norma speaks. */
export function isLang(value: unknown): value is Lang {
  return value === 'zh' || value === 'en';
}

/** The other language: where a `{zh, en}` text falls back to. */
export function otherLang(lang: Lang): Lang {
  return lang === 'zh' ? 'en' : 'zh';
}
