/**
 * Printable reports: a document alone (a checklist's blank form, or a summary of any other kind)
 * or an evaluation of it (filled checklist, scorecard report, fee statement, decision report), and
 * the diff reports. All HTML escapes its input; all of it prints on A4.
 */
import type { DiffReport } from '../diff/report.ts';
import { diffView } from '../diff/report.ts';
import type { CompiledDocument } from '../document.ts';
import type { Lang } from '../i18n/lang.ts';
import type { ReportEvaluation } from '../kinds/kind.ts';
import { kinds } from '../kinds/registry.ts';
import { renderTemplate } from './templates.ts';
import { factsView, headerView } from './views.ts';

export type { ReportEvaluation } from '../kinds/kind.ts';

/** The template a report uses: the kind's, for the document alone or for an evaluation. */
export function reportTemplateOf(kind: string, evaluated: boolean): string {
  const module = Object.hasOwn(kinds, kind) ? kinds[kind] : undefined;
  return module ? module.report[evaluated ? 'evaluated' : 'blank'].template : 'document-summary';
}

/**
 * Renders a document's report as HTML: blank without an evaluation, filled with one; its human
 * text in `lang` (the document's language when absent), which templates read as `lang` (and
 * through the `t` helper for headings).
 */
export function renderReport(doc: CompiledDocument, evaluation?: ReportEvaluation, lang?: Lang): string {
  const part = doc.module.report[evaluation ? 'evaluated' : 'blank'];
  const shown = lang ?? doc.lang;
  return renderTemplate(part.template, {
    lang: shown,
    header: headerView(doc, shown),
    facts: factsView(doc),
    ...(evaluation ? { evaluation: evaluationView(evaluation) } : {}),
    ...part.view(doc, evaluation, shown),
  });
}

function evaluationView(evaluation: ReportEvaluation) {
  const { envelope } = evaluation;
  const result = envelope.result as Record<string, unknown> | undefined;
  const outputs =
    result && typeof result.outputs === 'object' && result.outputs !== null ? result.outputs : undefined;
  return {
    at: envelope.at,
    digest: envelope.standard.digest,
    version: envelope.standard.version,
    facts: Object.entries((evaluation.facts ?? {}) as Record<string, unknown>).map(([name, value]) => ({
      name,
      value,
    })),
    outputs: Object.entries((outputs ?? {}) as Record<string, unknown>).map(([name, value]) => ({
      name,
      value,
    })),
    matched: envelope.matched,
    result: envelope.result,
  };
}

/** Renders a diff report as Markdown or HTML. */
export function renderDiff(report: DiffReport, format: 'md' | 'html', inputsName?: string): string {
  return renderTemplate(format === 'md' ? 'diff-md' : 'diff-html', diffView(report, inputsName));
}
