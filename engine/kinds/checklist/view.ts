/**
 * A checklist on paper: the blank form, and the filled report of an evaluation.
 * Read defensively from the document's plain data, so a report never depends on compiled internals.
 */
import type { CompiledDocument } from '../../document.ts';
import type { Envelope } from '../../evaluate.ts';
import { codeWord, type ReportLang, textIn } from '../../i18n/report-words.ts';
import { describeCondition } from '../../render/describe.ts';
import { clauseText, codeLabel, valueLabel } from '../../render/views.ts';
import { listAt, mapAt, numberAt, textAt } from '../common.ts';
import type { ReportPart } from '../kind.ts';

/**
 * A checklist as a form: sections, items with how to answer, evidence and applicability; the
 * dates its conditions name resolved when the form is of an evaluation on `at`.
 */
export function checklistFormView(doc: CompiledDocument, lang: ReportLang = 'zh', at?: string) {
  return listAt(doc.data.sections).map((raw, s) => {
    const section = mapAt(raw);
    const id = textAt(section.id) ?? `#${s + 1}`;
    return {
      id,
      title: textIn(section.title, lang) ?? id,
      clause: clauseText(section.clause),
      sequential: section.order === 'sequential',
      items: listAt(section.items).map((rawItem, i) => {
        const item = mapAt(rawItem);
        const itemId = textAt(item.id) ?? `#${i + 1}`;
        const answer = textAt(item.answer) ?? 'boolean';
        const evidence = textAt(item.evidence) ?? 'none';
        return {
          key: `${id}.${itemId}`,
          number: `${s + 1}.${i + 1}`,
          text: textIn(item.text, lang) ?? itemId,
          severity: textAt(item.severity) ?? 'major',
          severityLabel: codeLabel('severity', textAt(item.severity) ?? 'major', lang),
          answer,
          isBoolean: answer === 'boolean',
          isChoice: answer === 'choice',
          // Each choice in the words of the document's `labels:` (by `section.item`), else as written.
          choices: listAt(item.choices).map(
            (c) =>
              valueLabel(doc, `${id}.${itemId}`, c, lang) ??
              (typeof c === 'string' ? c : (textIn(mapAt(c).label, lang) ?? String(mapAt(c).value ?? ''))),
          ),
          unit: textAt(item.unit),
          weight: numberAt(item.weight) ?? 1,
          evidence: evidence === 'none' ? undefined : evidence,
          applies: item.when === undefined ? undefined : describeCondition(item.when, at, lang),
          expect:
            item.expect === undefined ? undefined : describeCondition({ answer: item.expect }, at, lang),
          clause: clauseText(item.clause),
        };
      }),
    };
  });
}

/** A checklist evaluation: the form's items with their answers and judgements. */
export function checklistReportView(
  doc: CompiledDocument,
  envelope: Envelope,
  answers: unknown,
  lang: ReportLang = 'zh',
) {
  const result = mapAt(envelope.result);
  const judged = new Map(listAt(result.items).map((x) => [String(mapAt(x).id), mapAt(x)]));
  const given = mapAt(answers);
  const sections = checklistFormView(doc, lang, envelope.at).map((section) => ({
    ...section,
    items: section.items.map((item) => {
      const j = judged.get(item.key) ?? {};
      const a = mapAt(given[item.key]);
      return {
        ...item,
        status: textAt(j.status) ?? 'missing',
        statusLabel: codeLabel('status', textAt(j.status) ?? 'missing', lang),
        reason: textAt(j.reason),
        // An answer prints as a word (是 / 否), a number with its unit, a text as written.
        value:
          a.value === undefined
            ? undefined
            : typeof a.value === 'boolean'
              ? codeWord('answer', a.value, lang)
              : (valueLabel(doc, item.key, a.value, lang) ?? String(a.value)),
        by: textAt(a.by),
        // Date and time apart, so the column breaks between them and never inside either.
        at: textAt(a.at)?.replace('T', ' '),
        evidenceGiven: listAt(a.evidence).map(String),
      };
    }),
  }));
  return {
    status: textAt(result.status),
    statusLabel: codeLabel('status', result.status, lang),
    score: numberAt(result.score),
    blocking: listAt(result.blocking).map(String),
    sections,
  };
}

/** A checklist's reports: the blank form, and the filled report of an evaluation. */
export const checklistReport: { blank: ReportPart; evaluated: ReportPart } = {
  blank: {
    template: 'checklist-form',
    view: (doc, _evaluation, lang) => ({ sections: checklistFormView(doc, lang) }),
  },
  evaluated: {
    template: 'checklist-report',
    view: (doc, evaluation, lang) =>
      evaluation ? { report: checklistReportView(doc, evaluation.envelope, evaluation.answers, lang) } : {},
  },
};
