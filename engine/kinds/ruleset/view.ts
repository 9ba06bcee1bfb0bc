/**
 * A ruleset on paper: its decision table, for the document summary.
 * Read defensively from the document's plain data, so a report never depends on compiled internals.
 */
import type { CompiledDocument } from '../../document.ts';
import { type ReportLang, textIn } from '../../i18n/report-words.ts';
import { describeCondition } from '../../render/describe.ts';
import { clauseText, thenText, typeText } from '../../render/views.ts';
import { listAt, mapAt, textAt } from '../common.ts';
import type { ReportPart } from '../kind.ts';

/** A ruleset's decision table (and its default), for the document summary. */
export function rulesView(doc: CompiledDocument, lang: ReportLang = 'zh', at?: string) {
  return {
    hit: textAt(doc.data.hit) ?? 'first',
    outputs: Object.entries(mapAt(doc.data.outputs)).map(([name, schema]) => ({
      name,
      type: typeText(mapAt(schema)),
    })),
    rules: listAt(doc.data.rules).map((raw, n) => {
      const r = mapAt(raw);
      return {
        number: n + 1,
        id: textAt(r.id) ?? `#${n + 1}`,
        title: textIn(r.title, lang),
        clause: clauseText(r.clause),
        when: describeCondition(r.when, at, lang),
        sets: thenText(r.then),
      };
    }),
    default: doc.data.default === undefined ? undefined : thenText(doc.data.default),
  };
}

const summary: ReportPart = {
  template: 'document-summary',
  view: (doc, evaluation, lang) => ({
    isRuleset: true,
    ruleset: rulesView(doc, lang, evaluation?.envelope.at),
  }),
};

/** A ruleset's reports: the summary with its decision table, with or without an evaluation. */
export const rulesetReport = { blank: summary, evaluated: summary };
