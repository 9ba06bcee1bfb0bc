/**
 * Which language a caller asked for, from an Accept-Language header, a `?lang=` value or a
 * `--lang` flag (the last two are one-tag headers): the best of zh and en by q-value, Chinese
 * when neither is named. Parsing is bounded: a header longer than MAX_HEADER characters is read
 * only up to there, and at most MAX_RANGES ranges are considered, so no header costs more.
 */
import { DEFAULT_LANG, type Lang } from './lang.ts';

/** The characters of a header read at most (real ones are under 100). */
export const MAX_HEADER = 512;
/** The language ranges read at most. */
export const MAX_RANGES = 16;

const Q = /^q=(0(?:\.\d{0,3})?|1(?:\.0{0,3})?)$/;

/** The language a header, query value or flag asks for; zh when it names neither zh nor en. */
export function negotiate(asked: string | undefined | null): Lang {
  if (typeof asked !== 'string' || asked === '') return DEFAULT_LANG;
  let best: { lang: Lang; q: number } | undefined;
  const ranges = asked.slice(0, MAX_HEADER).split(',', MAX_RANGES);
  for (const range of ranges) {
    const [tag = '', ...params] = range.trim().toLowerCase().split(';');
    const lang = langOfTag(tag.trim());
    if (lang === undefined) continue;
    const q = qualityOf(params);
    // q=0 means "not this one"; on a tie the range written first wins.
    if (q > 0 && (best === undefined || q > best.q)) best = { lang, q };
  }
  return best?.lang ?? DEFAULT_LANG;
}

/** zh, zh-CN, zh-Hans, … → zh; en, en-US, … → en; anything else (`*`, fr, zhx) → none. */
function langOfTag(tag: string): Lang | undefined {
  if (tag === 'zh' || tag.startsWith('zh-')) return 'zh';
  if (tag === 'en' || tag.startsWith('en-')) return 'en';
  return undefined;
}

/** The q-value of a range (1 when absent; 0 when malformed, so a broken range never wins). */
function qualityOf(params: readonly string[]): number {
  for (const p of params) {
    const param = p.trim();
    if (!param.startsWith('q=')) continue;
    const m = Q.exec(param);
    return m ? Number(m[1]) : 0;
  }
  return 1;
}
