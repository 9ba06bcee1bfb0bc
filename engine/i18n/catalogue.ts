/**
 * norma's one message catalogue, in Chinese and English: the messages of pages and reports
 * (messages.ts), the summary of every diagnostic code (summaries.ts), and the engine-wide labels
 * of codes that appear in results (severities, statuses, item reasons, process states, kinds),
 * and the headings, labels and words of printed reports (report-words.ts, re-exported here).
 */
import type { DiagnosticCode } from '../codes.ts';
import type { Lang } from './lang.ts';
import { type MessageKey, messages } from './messages.ts';
import { summaries } from './summaries.ts';

export type { MessageKey } from './messages.ts';
export { codeWord, hasWord, isLabelKey, type ReportLang, reportLabel, textIn } from './report-words.ts';

/** A message in a language, with `{name}` placeholders filled from `vars`. */
export function t(key: MessageKey, lang: Lang, vars: Record<string, string | number> = {}): string {
  return messages[lang][key].replace(/\{(\w+)\}/g, (whole, name: string) =>
    name in vars ? String(vars[name]) : whole,
  );
}

/** `t` with the language first, as the web pages call it. */
export function message(lang: Lang, key: MessageKey, vars: Record<string, string | number> = {}): string {
  return t(key, lang, vars);
}

/** The messages a client module needs, in one language, to embed in its page. */
export function messagesFor(lang: Lang, prefixes: readonly string[]): Record<string, string> {
  const all = messages[lang];
  return Object.fromEntries(Object.entries(all).filter(([key]) => prefixes.some((p) => key.startsWith(p))));
}

/** Whether a string names a message key (labels built from engine codes, such as `reason.…`). */
export function isMessageKey(key: string): key is MessageKey {
  return Object.hasOwn(messages.zh, key);
}

/** The one-line summary of a diagnostic code; the code itself for one the catalogue does not know. */
export function codeSummary(code: string, lang: Lang): string {
  const pair = Object.hasOwn(summaries, code) ? summaries[code as DiagnosticCode] : undefined;
  return pair ? pair[lang === 'zh' ? 0 : 1] : code;
}

/**
 * The groups of engine-wide codes that results carry, and the catalogue prefix of each: a
 * checklist's `status` and item statuses (`result.`), item `reason`s, `severity`, a process's
 * stage and step states (`case.state.`), deadline states and the document `kind`.
 */
export const ENGINE_LABEL_GROUPS = {
  status: 'result.',
  reason: 'reason.',
  severity: 'severity.',
  state: 'case.state.',
  deadline: 'deadline.state.',
  kind: 'kind.',
} as const;

export type EngineLabelGroup = keyof typeof ENGINE_LABEL_GROUPS;

/** The label of an engine code in a group (`status` `pass` → 通过), or undefined when it has none. */
export function engineLabel(group: EngineLabelGroup, code: string, lang: Lang): string | undefined {
  const key = `${ENGINE_LABEL_GROUPS[group]}${code}`;
  return isMessageKey(key) ? messages[lang][key] : undefined;
}
