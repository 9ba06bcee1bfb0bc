/**
 * A process on paper: its stages with their steps, the standards they need and what completes
 * them, and its deadlines. Read defensively from the document's plain data.
 */
import type { CompiledDocument } from '../../document.ts';
import { type ReportLang, textIn } from '../../i18n/report-words.ts';
import { describeCondition } from '../../render/describe.ts';
import { clauseText } from '../../render/views.ts';
import { listAt, mapAt, textAt } from '../common.ts';
import type { ReportPart } from '../kind.ts';

/** The stages and deadlines of a process, for the document summary. */
export function processView(doc: CompiledDocument, lang: ReportLang = 'zh', at?: string) {
  return {
    stages: listAt(doc.data.stages).map((raw, n) => {
      const s = mapAt(raw);
      const id = textAt(s.id) ?? `#${n + 1}`;
      return {
        number: n + 1,
        id,
        title: textIn(s.title, lang) ?? id,
        clause: clauseText(s.clause),
        applies: s.when === undefined ? undefined : describeCondition(s.when, at, lang),
        gate: [
          ...listAt(mapAt(s.gate).steps),
          ...listAt(mapAt(s.gate).events).map((e) => `event ${String(e)}`),
        ]
          .map(String)
          .join(', '),
        steps: listAt(s.steps).map((rawStep) => {
          const step = mapAt(rawStep);
          return {
            id: `${id}.${textAt(step.id) ?? ''}`,
            title: textIn(step.title, lang),
            standard: textAt(step.standard),
            completes: Object.entries(mapAt(step.completes))
              .map(([k, v]) => `${k}: ${JSON.stringify(v)}`)
              .join(', '),
            optional: step.optional === true,
          };
        }),
      };
    }),
    deadlines: listAt(doc.data.deadlines).map((raw) => {
      const d = mapAt(raw);
      return { id: textAt(d.id), title: textIn(d.title, lang), within: textAt(d.within) };
    }),
  };
}

const summary: ReportPart = {
  template: 'document-summary',
  view: (doc, evaluation, lang) => ({
    isProcess: true,
    process: processView(doc, lang, evaluation?.envelope.at),
  }),
};

/** A process's reports: the summary, with or without an evaluation. */
export const processReport = { blank: summary, evaluated: summary };
