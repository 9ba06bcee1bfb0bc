/**
 * Human text in documents: a plain string (in the document's declared language) or a bilingual
 * `{zh, en}` mapping with at least one of the two. Everything a person reads goes through
 * `textOf`, so a page, a report and a diff show the same words for the same language.
 */
import { type Lang, otherLang } from './lang.ts';

/** Text as a document writes it. */
export type Text = string | { zh: string; en?: string } | { zh?: string; en: string };

/** Whether a value has the shape of Text (the schema checks it closed; this reads defensively). */
export function isText(value: unknown): value is Text {
  if (typeof value === 'string') return true;
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return false;
  const v = value as Record<string, unknown>;
  return typeof v.zh === 'string' || typeof v.en === 'string';
}

/**
 * The text in `lang`. A plain string is in `documentLang` and is the only wording there is, so it
 * is shown as written in either language; a `{zh, en}` gives the one asked for, else the other.
 * Anything else (a value the schema refused) reads as '' rather than `[object Object]`.
 */
export function textOf(text: unknown, lang: Lang, documentLang: Lang = 'zh'): string {
  return wording(text, lang, documentLang)?.text ?? '';
}

/**
 * The text in `lang` and the language it is actually in (for an HTML `lang` attribute when a
 * `{zh, en}` fell back, or a plain string was in the document's language); undefined for non-text.
 */
export function wording(
  text: unknown,
  lang: Lang,
  documentLang: Lang = 'zh',
): { text: string; lang: Lang } | undefined {
  if (typeof text === 'string') return { text, lang: documentLang };
  if (text === null || typeof text !== 'object' || Array.isArray(text)) return undefined;
  const v = text as Record<string, unknown>;
  const asked = v[lang];
  if (typeof asked === 'string') return { text: asked, lang };
  const other = v[otherLang(lang)];
  return typeof other === 'string' ? { text: other, lang: otherLang(lang) } : undefined;
}

/** Every wording of a text (one for a plain string, one or two for `{zh, en}`), for checks and searches. */
export function wordings(text: unknown): string[] {
  if (typeof text === 'string') return [text];
  if (text === null || typeof text !== 'object' || Array.isArray(text)) return [];
  const v = text as Record<string, unknown>;
  return [v.zh, v.en].filter((w): w is string => typeof w === 'string');
}
