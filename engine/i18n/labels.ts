/**
 * A document's `labels:` table (words for the codes of its outputs, facts and answers), checked
 * at load against what the document can produce, and resolved once per language at compile time:
 * an evaluation then looks its values up in a map, with no text work per request.
 */
import { type ParseContext, report } from '../conditions/parse.ts';
import { escapePointer } from '../load/yaml.ts';
import { didYouMean } from '../util/suggest.ts';
import { quoted } from '../util/text.ts';
import { ENGINE_LABEL_GROUPS, type EngineLabelGroup } from './catalogue.ts';
import { type Lang, langs } from './lang.ts';
import { messages } from './messages.ts';
import { isText, textOf } from './text.ts';

/** Labels by language: name → value → text. */
export type LabelTable = Readonly<Record<Lang, ReadonlyMap<string, ReadonlyMap<string, string>>>>;

/** What a `labels:` table may name: each name with the values it takes (undefined: any value). */
export type LabelTargets = ReadonlyMap<string, readonly string[] | undefined>;

/** A table with no labels. */
export const NO_LABELS: LabelTable = { zh: new Map(), en: new Map() };

/**
 * Checks a `labels:` table against the names and values the document has, reporting
 * `label_unknown` at the name or value that matches none, and resolves it per language.
 */
export function compileLabels(raw: unknown, targets: LabelTargets, ctx: ParseContext): LabelTable {
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) return NO_LABELS;
  const documentLang = ctx.lang ?? 'zh';
  const out: Record<Lang, Map<string, Map<string, string>>> = { zh: new Map(), en: new Map() };
  for (const [name, values] of Object.entries(raw as Record<string, unknown>)) {
    const pointer = `/labels/${escapePointer(name)}`;
    if (!targets.has(name)) {
      report(
        ctx,
        'label_unknown',
        `labels name ${quoted(name)}, which is no output, fact or answer here`,
        pointer,
        {
          hint:
            didYouMean(name, [...targets.keys()]) ??
            `names that take labels: ${[...targets.keys()].join(', ') || 'none (declare an enum)'}`,
          prefer: 'key',
        },
      );
      continue;
    }
    if (values === null || typeof values !== 'object' || Array.isArray(values)) continue;
    const allowed = targets.get(name);
    for (const [value, text] of Object.entries(values as Record<string, unknown>)) {
      if (allowed !== undefined && !allowed.includes(value)) {
        report(
          ctx,
          'label_unknown',
          `${quoted(name)} never takes the value ${quoted(value)}`,
          `${pointer}/${escapePointer(value)}`,
          {
            hint: didYouMean(value, allowed) ?? `its values: ${allowed.join(', ')}`,
            prefer: 'key',
          },
        );
        continue;
      }
      if (!isText(text)) continue;
      for (const lang of langs) {
        let byValue = out[lang].get(name);
        if (!byValue) {
          byValue = new Map();
          out[lang].set(name, byValue);
        }
        byValue.set(value, textOf(text, lang, documentLang));
      }
    }
  }
  return out;
}

/** The labels an envelope carries: the document's for values in the result, the engine's for its codes. */
export interface EnvelopeLabels {
  lang: Lang;
  values: Record<string, Record<string, string>>;
  codes: Partial<Record<EngineLabelGroup, Record<string, string>>>;
}

/** Where a kind reports the codes of a result: a document name's value, or an engine code. */
export interface LabelSink {
  value(name: string, value: unknown): void;
  code(group: EngineLabelGroup, code: unknown): void;
}

/** The engine's labels by language, group and code, made once from the catalogue. */
const ENGINE: Record<Lang, Record<EngineLabelGroup, ReadonlyMap<string, string>>> = (() => {
  const byLang = {} as Record<Lang, Record<EngineLabelGroup, ReadonlyMap<string, string>>>;
  for (const lang of langs) {
    const groups = {} as Record<EngineLabelGroup, ReadonlyMap<string, string>>;
    for (const [group, prefix] of Object.entries(ENGINE_LABEL_GROUPS) as [EngineLabelGroup, string][]) {
      const map = new Map<string, string>();
      for (const [key, text] of Object.entries(messages[lang])) {
        if (key.startsWith(prefix)) map.set(key.slice(prefix.length), text);
      }
      groups[group] = map;
    }
    byLang[lang] = groups;
  }
  return byLang;
})();

/** The catalogue's word for each kind, as the `codes.kind` of a result: made once, shared (never changed). */
const KIND_CODES: Record<Lang, Map<string, Readonly<Record<string, string>>>> = {
  zh: new Map(),
  en: new Map(),
};

function kindCodes(kind: string, lang: Lang): Readonly<Record<string, string>> | undefined {
  let known = KIND_CODES[lang].get(kind);
  if (known === undefined) {
    const text = ENGINE[lang].kind.get(kind);
    if (text === undefined) return undefined;
    known = Object.freeze({ [kind]: text });
    KIND_CODES[lang].set(kind, known);
  }
  return known;
}

/** Collects the labels of one result: lookups in maps made at compile time, nothing else. */
class Collector implements LabelSink {
  readonly values: Record<string, Record<string, string>> = {};
  readonly codes: Partial<Record<EngineLabelGroup, Record<string, string>>> = {};

  constructor(
    private readonly own: ReadonlyMap<string, ReadonlyMap<string, string>>,
    private readonly engine: Record<EngineLabelGroup, ReadonlyMap<string, string>>,
  ) {}

  value(name: string, value: unknown): void {
    if (this.own.size === 0) return;
    if (typeof value !== 'string' && typeof value !== 'number' && typeof value !== 'boolean') return;
    const key = typeof value === 'string' ? value : String(value);
    const text = this.own.get(name)?.get(key);
    if (text === undefined) return;
    let group = this.values[name];
    if (group === undefined) {
      group = {};
      this.values[name] = group;
    }
    group[key] = text;
  }

  code(group: EngineLabelGroup, code: unknown): void {
    if (typeof code !== 'string') return;
    const text = this.engine[group].get(code);
    if (text === undefined) return;
    let known = this.codes[group];
    if (known === undefined) {
      known = {};
      this.codes[group] = known;
    }
    known[code] = text;
  }
}

/**
 * The labels of one result in `lang`: `visit` reports the result's codes (the kind's
 * `labelsIn`), each looked up in the document's table or the catalogue; codes with no label are
 * left out. Always the document's `kind`.
 */
export function labelsFor(
  table: LabelTable,
  kind: string,
  lang: Lang,
  visit: ((sink: LabelSink) => void) | undefined,
): EnvelopeLabels {
  const collector = new Collector(table[lang], ENGINE[lang]);
  const kindText = kindCodes(kind, lang);
  if (kindText !== undefined) collector.codes.kind = kindText as Record<string, string>;
  visit?.(collector);
  return { lang, values: collector.values, codes: collector.codes };
}

/** The label of one value in a language, for reports and pages: undefined when there is none. */
export function labelOf(table: LabelTable, lang: Lang, name: string, value: unknown): string | undefined {
  return table[lang].get(name)?.get(String(value));
}
