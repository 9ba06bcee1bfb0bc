/**
 * What every report template receives: the header and the declared facts, and the helpers each
 * kind's view (`engine/kinds/<kind>/view.ts`) arranges its data with. Read defensively from the
 * document's plain data, so a report never depends on a kind's compiled internals.
 */
import type { CompiledDocument } from '../document.ts';
import { mapAt, textAt } from '../kinds/common.ts';
import { inlineValue } from '../util/text.ts';
import { type ReportLang, textIn } from './labels.ts';

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
