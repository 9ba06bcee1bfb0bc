/**
 * What every report template receives: the header and the declared facts, and the helpers each
 * kind's view (`engine/kinds/<kind>/view.ts`) arranges its data with. Read defensively from the
 * document's plain data, so a report never depends on a kind's compiled internals.
 */
import type { CompiledDocument } from '../document.ts';
import { type EngineLabelGroup, engineLabel } from '../i18n/catalogue.ts';
import { labelOf } from '../i18n/labels.ts';
import type { Lang } from '../i18n/lang.ts';
import { type ReportLang, textIn } from '../i18n/report-words.ts';
import { isText, textOf } from '../i18n/text.ts';
import { mapAt, textAt } from '../kinds/common.ts';
import { inlineValue } from '../util/text.ts';

/**
 * A document's human text (`title`, `text`, `description`, …) in `lang` (the document's own
 * language when none is asked), resolved for a template: undefined when there is none.
 */
export function textFor(doc: CompiledDocument, value: unknown, lang?: Lang): string | undefined {
  return isText(value) ? textOf(value, lang ?? doc.lang, doc.lang) : undefined;
}

/** The document's label of a value (`labels:`) in `lang`, or undefined. */
export function valueLabel(
  doc: CompiledDocument,
  name: string,
  value: unknown,
  lang?: Lang,
): string | undefined {
  return value === undefined ? undefined : labelOf(doc.labels, lang ?? doc.lang, name, value);
}

/** The catalogue's word for an engine code (a severity, a status), or undefined. */
export function codeLabel(group: EngineLabelGroup, code: unknown, lang: Lang): string | undefined {
  return typeof code === 'string' ? engineLabel(group, code, lang) : undefined;
}

/** The header every report starts with. */
export interface HeaderView {
  id: string;
  version: string;
  kind: string;
  title: string;
  status: string;
  effective?: string;
  clause?: string;
  owner?: string;
  change?: string;
  approvedBy?: string;
  approvedAt?: string;
  digest: string;
  description?: string;
  /** The language the report is in; the kind's word in it. */
  lang: Lang;
  kindLabel?: string;
}

/** The header of a document, its texts in the language when they are bilingual. */
export function headerView(doc: CompiledDocument, lang: ReportLang = 'zh'): HeaderView {
  return {
    id: doc.id,
    version: doc.version,
    kind: doc.kind,
    title: textIn(doc.data.title, lang) ?? doc.title,
    status: doc.status,
    digest: doc.digest,
    ...opt('effective', doc.effective),
    ...opt('clause', clauseText(doc.clause)),
    ...opt('owner', doc.owner),
    ...opt('change', doc.change),
    ...opt('approvedBy', doc.approved?.by),
    ...opt('approvedAt', doc.approved?.at === undefined ? undefined : String(doc.approved.at)),
    ...opt('description', textIn(doc.data.description, lang) ?? doc.description),
    lang,
    ...opt('kindLabel', codeLabel('kind', doc.kind, lang)),
  };
}

/** The declared facts as rows: name, type, description. */
export function factsView(doc: CompiledDocument): { name: string; type: string; description?: string }[] {
  return Object.entries(doc.facts.declared).map(([name, schema]) => ({
    name,
    type: typeText(schema as Record<string, unknown>),
    ...opt('description', textAt((schema as Record<string, unknown>).description)),
  }));
}

/** A mapping of outputs as one line: `approver: service-manager, level: 2`. */
export function thenText(v: unknown): string {
  return Object.entries(mapAt(v))
    .map(([k, x]) => `${k}: ${typeof x === 'string' ? x : JSON.stringify(x)}`)
    .join(', ');
}

/** A fact or output schema as a short type: `one of a, b`, `number (≥ 0)`. */
export function typeText(schema: Record<string, unknown>): string {
  if (Array.isArray(schema.enum)) return `one of ${schema.enum.map(inlineValue).join(', ')}`;
  const type = Array.isArray(schema.type) ? schema.type.join(' | ') : textAt(schema.type);
  const format = textAt(schema.format);
  const range = [
    schema.minimum !== undefined ? `≥ ${schema.minimum}` : '',
    schema.maximum !== undefined ? `≤ ${schema.maximum}` : '',
  ].filter(Boolean);
  const base = format ?? type ?? (schema.properties ? 'object' : 'any');
  const extra = [
    ...range,
    schema.default !== undefined ? `default ${JSON.stringify(schema.default)}` : '',
  ].filter(Boolean);
  return extra.length > 0 ? `${base} (${extra.join(', ')})` : base;
}

/** A clause or list of clauses as one text. */
export function clauseText(clause: unknown): string | undefined {
  if (Array.isArray(clause)) return clause.map(String).join(', ');
  return typeof clause === 'string' ? clause : undefined;
}

function opt<K extends string>(key: K, v: string | undefined): { [P in K]?: string } {
  return (v === undefined ? {} : { [key]: v }) as { [P in K]?: string };
}
