import type { DiagnosticCode } from './codes.ts';
import { codeSummary } from './i18n/catalogue.ts';
import type { Lang } from './i18n/lang.ts';

/** A problem found in a document or an input: data first, text only when printed. */
export interface Diagnostic {
  code: DiagnosticCode;
  message: string;
  severity: 'error' | 'warning';
  file?: string;
  line?: number;
  col?: number;
  /** JSON pointer into the document or the input, e.g. `/rules/1/when/estimateTotal`. */
  path?: string;
  hint?: string;
}

/** A position in a source text, 1-based. */
export interface Position {
  line: number;
  col: number;
}

/** Optional fields of a diagnostic; undefined ones are dropped. */
export type DiagnosticExtra = { [K in keyof Diagnostic]?: Diagnostic[K] | undefined };

/** Builds an error diagnostic, dropping the optional fields that are undefined. */
export function error(code: DiagnosticCode, message: string, extra: DiagnosticExtra = {}): Diagnostic {
  return build(code, message, 'error', extra);
}

/** Builds a warning diagnostic. */
export function warning(code: DiagnosticCode, message: string, extra: DiagnosticExtra = {}): Diagnostic {
  return build(code, message, 'warning', extra);
}

/**
 * `{code, message, severity, ...extra}` without the fields that are undefined, built in one pass:
 * a hostile file yields tens of thousands of diagnostics, and a spread then `Object.entries` per
 * diagnostic was a third of their cost.
 */
function build(
  code: DiagnosticCode,
  message: string,
  severity: Diagnostic['severity'],
  extra: DiagnosticExtra,
): Diagnostic {
  const out: Record<string, unknown> = { code, message, severity };
  for (const key in extra) {
    const value = extra[key as keyof DiagnosticExtra];
    if (value !== undefined) out[key] = value;
    else if (key === 'code' || key === 'message' || key === 'severity') delete out[key];
  }
  return out as unknown as Diagnostic;
}

/** Sorts by file, then position, then code, so output is stable and reads top to bottom. */
export function sortDiagnostics(list: readonly Diagnostic[]): Diagnostic[] {
  return [...list].sort(
    (a, b) =>
      (a.file ?? '').localeCompare(b.file ?? '') ||
      (a.line ?? 0) - (b.line ?? 0) ||
      (a.col ?? 0) - (b.col ?? 0) ||
      a.code.localeCompare(b.code) ||
      a.message.localeCompare(b.message),
  );
}

/** True when any diagnostic is an error (warnings do not fail). */
export function hasErrors(list: readonly Diagnostic[]): boolean {
  return list.some((d) => d.severity === 'error');
}

/**
 * One line per diagnostic, `file:line:col code message`, with the hint indented below; in a
 * language, the code's one-line summary from the catalogue comes before the (English) detail:
 * `file:line:col code 摘要：message`.
 */
export function formatDiagnosticsText(list: readonly Diagnostic[], lang?: Lang): string {
  return list
    .map((d) => {
      const where = d.file ? `${d.file}:${d.line ?? 1}:${d.col ?? 1} ` : d.path ? `${d.path} ` : '';
      const level = d.severity === 'warning' ? 'warning ' : '';
      const summary = lang === undefined ? '' : `${codeSummary(d.code, lang)}${lang === 'zh' ? '：' : ': '}`;
      const head = `${where}${level}${d.code} ${summary}${d.message}`;
      return d.hint ? `${head}\n  hint: ${d.hint}` : head;
    })
    .join('\n');
}

/** Diagnostics as JSON gives them in a language: each with its code's `summary`; `message` stays. */
export function withSummaries(list: readonly Diagnostic[], lang: Lang): (Diagnostic & { summary: string })[] {
  return list.map((d) => ({ ...d, summary: codeSummary(d.code, lang) }));
}

/** Raised by engine entry points with a list of diagnostics; carries the docs/api.md error shape. */
export class NormaError extends Error {
  constructor(
    readonly code: DiagnosticCode,
    message: string,
    readonly details: Diagnostic[] = [],
  ) {
    super(message);
    this.name = 'NormaError';
  }

  /** The error envelope of docs/api.md. */
  toJSON(): { error: { code: DiagnosticCode; message: string; details?: Diagnostic[] } } {
    return {
      error: {
        code: this.code,
        message: this.message,
        ...(this.details.length > 0 ? { details: this.details } : {}),
      },
    };
  }
}
