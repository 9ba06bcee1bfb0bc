/**
 * Printable reports: a document alone (a checklist's blank form, or a summary of any other kind)
 * or an evaluation of it (filled checklist, scorecard report, fee statement, decision report), and
 * the diff reports. All HTML escapes its input; all of it prints on A4.
 */
import type { DiffReport } from '../diff/report.ts';
import { diffView } from '../diff/report.ts';
import type { CompiledDocument } from '../document.ts';
import type { Envelope } from '../evaluate.ts';
import { renderTemplate } from './templates.ts';
import {
  checklistFormView,
  checklistReportView,
  factsView,
  feeStatementView,
  feesView,
  headerView,
  rulesView,
  scorecardReportView,
  scorecardView,
} from './views.ts';

/** An evaluation to report on: its envelope and the request it answered. */
export interface ReportEvaluation {
  envelope: Envelope;
  facts?: unknown;
  answers?: unknown;
}

/** The template a report uses: by kind, and whether there is an evaluation. */
export function reportTemplateOf(kind: string, evaluated: boolean): string {
  if (!evaluated) return kind === 'checklist' ? 'checklist-form' : 'document-summary';
  switch (kind) {
    case 'checklist':
      return 'checklist-report';
    case 'scorecard':
      return 'scorecard-report';
    case 'fees':
      return 'fee-statement';
    default:
      return 'document-summary';
  }
}

/** Renders a document's report as HTML: blank without an evaluation, filled with one. */
export function renderReport(doc: CompiledDocument, evaluation?: ReportEvaluation): string {
  const template = reportTemplateOf(doc.kind, evaluation !== undefined);
  return renderTemplate(template, reportView(doc, template, evaluation));
}

function reportView(doc: CompiledDocument, template: string, evaluation: ReportEvaluation | undefined) {
  const base = {
    header: headerView(doc),
    facts: factsView(doc),
    ...(evaluation ? { evaluation: evaluationView(evaluation) } : {}),
  };
  switch (template) {
    case 'checklist-form':
      return { ...base, sections: checklistFormView(doc) };
    case 'checklist-report':
      return {
        ...base,
        report: checklistReportView(doc, (evaluation as ReportEvaluation).envelope, evaluation?.answers),
      };
    case 'scorecard-report':
      return { ...base, report: scorecardReportView(doc, (evaluation as ReportEvaluation).envelope) };
    case 'fee-statement':
      return { ...base, report: feeStatementView(doc, (evaluation as ReportEvaluation).envelope) };
    default:
      return {
        ...base,
        isRuleset: doc.kind === 'ruleset',
        isScorecard: doc.kind === 'scorecard',
        isFees: doc.kind === 'fees',
        ...(doc.kind === 'ruleset' ? { ruleset: rulesView(doc) } : {}),
        ...(doc.kind === 'scorecard' ? { scorecard: scorecardView(doc) } : {}),
        ...(doc.kind === 'fees' ? { fees: feesView(doc) } : {}),
      };
  }
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
