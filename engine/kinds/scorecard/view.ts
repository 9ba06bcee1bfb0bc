/**
 * A scorecard on paper: its criteria, bands and grades, and the report of an evaluation.
 * Read defensively from the document's plain data, so a report never depends on compiled internals.
 */
import type { CompiledDocument } from '../../document.ts';
import type { Envelope } from '../../evaluate.ts';
import { type ReportLang, textIn } from '../../i18n/report-words.ts';
import { describeCondition } from '../../render/describe.ts';
import { textFor, thenText, valueLabel } from '../../render/views.ts';
import { listAt, mapAt } from '../common.ts';
import type { ReportPart } from '../kind.ts';

/** A scorecard's criteria, bands and grades, for the document summary. */
export function scorecardView(doc: CompiledDocument, lang: ReportLang = 'zh') {
  return {
    criteria: listAt(doc.data.criteria).map((raw) => {
      const c = mapAt(raw);
      return {
        id: String(c.id),
        title: textIn(c.title, lang) ?? String(c.id),
        weight: c.weight,
        bands: listAt(c.bands).map((b) => ({
          when: describeCondition(mapAt(b).when, undefined, lang),
          points: mapAt(b).points,
        })),
      };
    }),
    vetoes: listAt(doc.data.vetoes).map((raw) => ({
      id: String(mapAt(raw).id),
      when: describeCondition(mapAt(raw).when, undefined, lang),
      grade: mapAt(raw).grade,
    })),
    grades: listAt(doc.data.grades).map((raw) => ({
      grade: mapAt(raw).grade,
      min: mapAt(raw).min,
      outcome: thenText(mapAt(raw).outcome),
    })),
  };
}

/** A scorecard evaluation: each criterion's points with its title, the grade and vetoes. */
export function scorecardReportView(doc: CompiledDocument, envelope: Envelope, lang: ReportLang = 'zh') {
  const result = mapAt(envelope.result);
  const criteria = new Map(listAt(doc.data.criteria).map((c) => [String(mapAt(c).id), mapAt(c)]));
  const vetoes = new Map(listAt(doc.data.vetoes).map((v) => [String(mapAt(v).id), mapAt(v)]));
  return {
    score: result.score,
    grade: result.grade,
    gradeLabel: valueLabel(doc, 'grade', result.grade, lang),
    outcome: Object.entries(mapAt(result.outcome)).map(([name, value]) => ({
      name,
      value,
      label: valueLabel(doc, name, value, lang),
    })),
    criteria: listAt(result.criteria).map((raw) => {
      const c = mapAt(raw);
      const declared = criteria.get(String(c.id)) ?? {};
      return {
        id: String(c.id),
        title: textIn(declared.title, lang) ?? String(c.id),
        points: c.points,
        weight: c.weight,
        weighted:
          typeof c.points === 'number' && typeof c.weight === 'number' ? (c.points * c.weight) / 100 : '',
      };
    }),
    vetoed: listAt(result.vetoed).map((id) => {
      const v = vetoes.get(String(id)) ?? {};
      return {
        id: String(id),
        title: textFor(doc, v.title, lang),
        grade: v.grade,
        when: describeCondition(v.when, envelope.at, lang),
      };
    }),
  };
}

/** A scorecard's reports: its summary, and the report of an evaluation. */
export const scorecardReport: { blank: ReportPart; evaluated: ReportPart } = {
  blank: {
    template: 'document-summary',
    view: (doc, _evaluation, lang) => ({ isScorecard: true, scorecard: scorecardView(doc, lang) }),
  },
  evaluated: {
    template: 'scorecard-report',
    view: (doc, evaluation, lang) =>
      evaluation ? { report: scorecardReportView(doc, evaluation.envelope, lang) } : {},
  },
};
