/**
 * Printable reports: a document alone (a checklist's blank form, or a summary of any other kind)
 * or an evaluation of it (filled checklist, scorecard report, 结算清单 and the internal pricing
 * statement, decision report), and the diff reports. All HTML escapes its input; all of it
 * prints on A4 with the document id, version and page numbers on every page, in Chinese or
 * English (`lang`), with the Chinese font it needs (`fonts`).
 */
import type { DiffReport } from '../diff/report.ts';
import { diffView } from '../diff/report.ts';
import type { CompiledDocument } from '../document.ts';
import { type ReportLang, reportLabel } from '../i18n/report-words.ts';
import type { ReportEvaluation } from '../kinds/kind.ts';
import { kinds } from '../kinds/registry.ts';
import { wordDiffView } from './diff-words.ts';
import { type FontMode, fontFaceCss } from './fonts.ts';
import { headingOf, type ReportHeading, signaturesOf } from './heading.ts';
import { renderTemplate } from './templates.ts';
import { factsView, headerView } from './views.ts';
import { warrantyView } from './warranty.ts';

export type { ReportLang } from '../i18n/report-words.ts';
export type { ReportEvaluation } from '../kinds/kind.ts';
export type { FontMode } from './fonts.ts';
export type { Repairer, ReportHeading } from './heading.ts';

/** How a report is rendered: its language, heading, and how it carries its font. */
export interface RenderOptions {
  /** The language of headings, labels and words for codes: `zh` (default) or `en`. */
  lang?: ReportLang;
  /** The identifying fields and the repairer (engine/render/heading.ts). */
  heading?: ReportHeading;
  /** What the evaluation was about, for the work order or VIN when the heading does not say. */
  subject?: { type: string; id: string } | null;
  /** `link` (served by norma: HTTP), `embed` (a file that prints anywhere: CLI), `none` (default). */
  fonts?: FontMode;
  /** Which of a fees evaluation's statements: the customer's 结算清单 (default) or the internal one. */
  statement?: 'customer' | 'internal';
}

/** The template a report uses: the kind's, for the document alone or for an evaluation. */
export function reportTemplateOf(kind: string, evaluated: boolean): string {
  const module = Object.hasOwn(kinds, kind) ? kinds[kind] : undefined;
  return module ? module.report[evaluated ? 'evaluated' : 'blank'].template : 'document-summary';
}

/** The signature lines each report has when its document declares none. */
const DEFAULT_SIGNATURES: Record<string, readonly string[]> = {
  'checklist-form': ['technician', 'inspector', 'service-manager'],
  'checklist-report': ['technician', 'inspector', 'service-manager'],
  'scorecard-report': ['assessor', 'reviewer', 'assessee'],
  'fee-statement': ['advisor', 'cashier'],
  settlement: ['customer', 'advisor', 'repairer'],
  'case-file': ['advisor', 'technician', 'inspector', 'customer', 'archivist'],
};

/** Renders a document's report as HTML: blank without an evaluation, filled with one. */
export function renderReport(
  doc: CompiledDocument,
  evaluation?: ReportEvaluation,
  options: RenderOptions = {},
): string {
  const part = doc.module.report[evaluation ? 'evaluated' : 'blank'];
  // The customer's statement is a 结算清单, printed in the customer's language when known.
  const internal = options.statement === 'internal';
  const template = part.template === 'fee-statement' && !internal ? 'settlement' : part.template;
  const lang =
    options.lang ?? (template === 'settlement' ? options.heading?.customerLang : undefined) ?? 'zh';
  const framed = frame(doc, lang, template, options, evaluation);
  return finish(
    template,
    {
      ...framed,
      facts: factsView(doc),
      ...(evaluation ? { evaluation: evaluationView(evaluation) } : {}),
      ...(template === 'settlement'
        ? { warranty: warrantyView(framed.heading.warranty, framed.heading.work, lang) }
        : {}),
      ...part.view(doc, evaluation, lang),
    },
    options.fonts,
  );
}

/**
 * What every document report receives beyond its kind's view: the language, the header, the
 * heading, the signature lines and the page furniture.
 */
export function frame(
  doc: CompiledDocument,
  lang: ReportLang,
  template: string,
  options: RenderOptions,
  evaluation?: ReportEvaluation,
) {
  const header = headerView(doc, lang);
  return {
    lang,
    header,
    heading: headingOf(options.heading, evaluation?.facts, options.subject),
    signatures: signaturesOf(doc.data, DEFAULT_SIGNATURES[template] ?? [], lang),
    page: {
      // Every printed page's running head, in the report's language as the header is.
      title: header.title,
      id: `${doc.id} ${doc.version}`,
      extra: evaluation ? `${reportLabel('evaluatedAt', lang)} ${evaluation.envelope.at}` : '',
    },
  };
}

/** Renders a template and declares the font subsets its text needs. */
export function finish(template: string, view: Record<string, unknown>, fonts: FontMode = 'none'): string {
  const first = renderTemplate(template, { ...view, fontCss: '' });
  if (fonts === 'none') return first;
  return renderTemplate(template, { ...view, fontCss: fontFaceCss(first, fonts) });
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

/** Renders a diff report as Markdown or HTML; HTML shows changed words marked. */
export function renderDiff(
  report: DiffReport,
  format: 'md' | 'html',
  inputsName?: string,
  options: Pick<RenderOptions, 'lang' | 'fonts'> = {},
): string {
  const lang = options.lang ?? 'zh';
  const view = wordDiffView(diffView(report, inputsName));
  if (format === 'md') return renderTemplate('diff-md', { ...view, lang });
  return finish(
    'diff-html',
    {
      ...view,
      lang,
      page: {
        title: reportLabel('diffTitle', lang),
        id: `${view.id} ${view.from.version} → ${view.to.version}`,
        extra: '',
      },
    },
    options.fonts,
  );
}
