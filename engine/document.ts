import { checkNeverAtLoad } from './assurance/never.ts';
import { checkTestsAtLoad } from './assurance/tests-at-load.ts';
import { type ParseContext, parseCondition, parseContext, report } from './conditions/parse.ts';
import { type Diagnostic, error, hasErrors, sortDiagnostics, warning } from './diagnostics.ts';
import { checkFactDefaults } from './facts/default-checks.ts';
import { badPatternAt, compileFacts, type FactModel } from './facts/model.ts';
import { scopeOf } from './facts/scope.ts';
import type { FactSchema } from './facts/types.ts';
import { warnMissingUnits } from './facts/units.ts';
import { compileLabels, type LabelTable, type LabelTargets, NO_LABELS } from './i18n/labels.ts';
import type { Lang } from './i18n/lang.ts';
import { isText } from './i18n/text.ts';
import { humanAt, mapAt, textAt } from './kinds/common.ts';
import {
  type ConditionCode,
  collectingSets,
  generateSets,
  type KindModule,
  recordSets,
  treeRelease,
} from './kinds/kind.ts';
import { kinds } from './kinds/registry.ts';
import { documentDigest } from './load/digest.ts';
import { withData } from './load/kept-data.ts';
import { withSource } from './load/kept-text.ts';
import { keepMap } from './load/positions.ts';
import { compactStrings, stringCompactor } from './load/strings.ts';
import type { VerifiedDocuments } from './load/verified.ts';
import { loadYaml, type SourceMap } from './load/yaml.ts';
import { excusable } from './lock/later.ts';
import { quoted } from './util/text.ts';
import { checkReview } from './validate/review.ts';
import { validateSchema } from './validate/schema.ts';

export type DocumentStatus = 'draft' | 'approved' | 'retired';

/** A document that passed every check, compiled once and ready to evaluate many times. */
export interface CompiledDocument {
  kind: string;
  id: string;
  version: string;
  status: DocumentStatus;
  effective?: string;
  /** The title in the document's language (`lang`); the data keeps `{zh, en}` for `textOf`. */
  title: string;
  description?: string;
  /** The language the document's plain-string text is in (`lang:`, default zh). */
  lang: Lang;
  /** The `labels:` table, resolved per language. */
  labels: LabelTable;
  clause?: string | string[];
  owner?: string;
  change?: string;
  approved?: { by: string; at: string };
  /** The last periodic review of this version (engine/validate/review.ts). */
  reviewed?: { by: string; at: string };
  /** `sha256:` of the canonical JSON without lifecycle fields: formatting, comments and retiring do not change it. */
  digest: string;
  file: string;
  /** The YAML text as written (kept as UTF-8 where that is smaller: engine/load/kept-text.ts). */
  readonly source: string;
  /** The document as plain data. */
  data: Record<string, unknown>;
  map: SourceMap;
  facts: FactModel;
  compiled: unknown;
  module: KindModule<unknown>;
  /** Warnings found while checking (errors prevent compilation). */
  warnings: Diagnostic[];
}

/** The outcome of checking one document: the compiled document when there is no error. */
export interface CompileResult {
  document?: CompiledDocument;
  /** Compiled despite errors that only checks added later raise: servable if locked unchanged. */
  provisional?: CompiledDocument;
  diagnostics: Diagnostic[];
}

/** Where a document must say it is: its id and version as given by its path. */
export interface ExpectedIdentity {
  id: string;
  version: string;
  /** The folder the file lies in (`rules`, `checklists`), when loaded from a standards directory. */
  folder?: string;
}

/** How to compile. */
export interface CompileOptions {
  /**
   * How conditions run on the fast path: `closures` (the default: checking, validation, editor
   * drafts, the CLI) or `generated` JavaScript source (documents loaded to be served: faster, and
   * worth its compile time only for a document evaluated many times).
   */
  code?: ConditionCode;
  /**
   * Documents this build checked clean before (engine/load/verified.ts): the same text in the
   * same place skips the checks that would say the same again, and a clean one is added.
   */
  verified?: VerifiedDocuments;
}

/** Loads, validates and compiles one document from its YAML text. */
export function compileDocument(
  text: string,
  file: string,
  expected?: ExpectedIdentity,
  options: CompileOptions = {},
): CompileResult {
  const key = options.verified?.keyOf({
    text,
    file,
    expected,
    ...(options.code ? { code: options.code } : {}),
  });
  // The digest of this very text checked clean by this build: its pure checks are skipped.
  const known = key === undefined ? undefined : options.verified?.digestOf(key);
  const loaded = loadYaml(text, file);
  if (hasErrors(loaded.diagnostics))
    return { diagnostics: capDiagnostics(sortDiagnostics(loaded.diagnostics)) };
  const compactor = stringCompactor(text);
  const data = compactStrings(loaded.data, text, compactor);
  if (data === null || typeof data !== 'object' || Array.isArray(data)) {
    return {
      diagnostics: [
        error('yaml_not_mapping', 'a document is a mapping that starts with `kind:`', {
          file,
          line: 1,
          col: 1,
          hint: 'see docs/dsl.md for the shape of each kind',
        }),
      ],
    };
  }
  const doc = data as Record<string, unknown>;
  const kind = textAt(doc.kind);
  const module = kind !== undefined && Object.hasOwn(kinds, kind) ? kinds[kind] : undefined;
  // Not a spread: a large file can have more schema errors than a call takes arguments.
  // A known document's skipped checks say again what they said when it was recorded.
  const diagnostics: Diagnostic[] =
    key !== undefined && known !== undefined
      ? [...(options.verified?.warningsOf(key) ?? [])]
      : validateSchema(module ? module.schema : 'header', doc, file, loaded.map);
  const ctx = parseContext(file, loaded.map, diagnostics);
  ctx.lang = doc.lang === 'en' ? 'en' : 'zh';
  ctx.checkedBefore = known !== undefined;
  // What the checks a known document skips say, kept with its entry.
  const skipped = ctx.skipped ?? [];
  // (A loop, as above: a large file's schema errors can outnumber a call's arguments.)
  if (!known) for (const d of diagnostics) skipped.push(d);
  const skippableAround = (check: () => void) => {
    const before = diagnostics.length;
    check();
    for (let i = before; i < diagnostics.length; i++) skipped.push(diagnostics[i] as Diagnostic);
  };
  checkHeader(doc, ctx, expected, module);
  checkReview(doc, ctx);
  const facts = compileFactsAt(doc.facts, ctx, diagnostics);
  if (!known)
    skippableAround(() => {
      checkFactDefaults(facts.declared, ctx);
      warnMissingUnits(doc, ctx);
    });
  // Run even when known: the conditions it parses number the kind's after them.
  checkInvariantConditions(doc, facts, ctx);
  if (!module && typeof doc.kind === 'string' && !diagnostics.some((d) => d.path === '/kind')) {
    // Never drop a file silently: a kind the schema allows but no module implements is an error.
    report(
      ctx,
      'kind_unsupported',
      `kind ${quoted(doc.kind)} is not supported by this version of norma`,
      '/kind',
      {
        hint: `supported kinds: ${Object.keys(kinds).join(', ')}`,
      },
    );
  }
  const made = module
    ? collectingSets(() => module.compile({ data: doc, file, map: loaded.map, facts, ctx }))
    : undefined;
  const compiled = made?.value;
  if (module && made && !known) skippableAround(() => checkNeverAtLoad(doc, module, compiled, ctx));
  const labels =
    module && made && doc.labels !== undefined
      ? compileLabels(doc.labels, labelTargetsOf(module, compiled, facts), ctx)
      : NO_LABELS;
  if (module && !hasErrors(diagnostics) && !known)
    skippableAround(() => checkTestsAtLoad({ data: doc, facts, module, compiled }, ctx));
  const sorted = capDiagnostics(sortDiagnostics(diagnostics));
  // Compiling asked where every rule is; the document keeps the positions, not that lookup index,
  // nor (through the map) the text.
  keepMap(loaded.map, compactor);
  if (!module || !made) return { diagnostics: sorted };
  recordSets(compiled, made.sets);
  const digest = known ?? documentDigest(doc);
  // Recorded only without an error: an error (which the review date can lift as days pass, and
  // no check makes appear as they pass) would have kept the tests at load and the dead-weight
  // check from running at all. The warnings of the checks that always run are said by them again.
  if (key !== undefined && !known && !hasErrors(sorted)) options.verified?.add(key, digest, skipped);
  const document: CompiledDocument = withData(
    withSource<Omit<CompiledDocument, 'source' | 'data'>>(
      {
        kind: module.kind,
        id: doc.id as string,
        version: doc.version as string,
        status: doc.status as DocumentStatus,
        ...optional(doc, ['effective', 'owner', 'change']),
        ...(isText(doc.description) ? { description: humanAt(doc.description, ctx) as string } : {}),
        title: humanAt(doc.title, ctx) ?? '',
        lang: ctx.lang,
        labels,
        ...(doc.clause !== undefined ? { clause: doc.clause as string | string[] } : {}),
        ...(doc.approved !== undefined ? { approved: doc.approved as { by: string; at: string } } : {}),
        ...(doc.reviewed !== undefined ? { reviewed: doc.reviewed as { by: string; at: string } } : {}),
        digest,
        file,
        map: loaded.map,
        facts,
        compiled,
        module,
        // Messages built from the text's slices would keep the whole text alive.
        warnings: compactor && sorted.length > 0 ? compactStrings(sorted, text, compactor) : sorted,
      },
      text,
    ),
    doc,
  );
  // Generated only for a document that compiled: one with errors is never evaluated.
  if (options.code === 'generated' && !hasErrors(sorted)) {
    generateSets(made.sets, treeRelease(module, made.sets, recompiler(document, expected)));
    facts.useGeneratedCheck();
  }
  if (!hasErrors(sorted)) return { document, diagnostics: sorted };
  // Served only if its lock entry vouches for it (engine/lock/later.ts).
  return excusable(sorted) ? { provisional: document, diagnostics: sorted } : { diagnostics: sorted };
}

/**
 * How a served document's compiled value is made again, for the condition trees it let go of
 * (kind.ts `treeRelease`): its own text compiled again, on closures. Made here, not in
 * `compileDocument`: a function made there would keep that function's whole scope alive.
 */
function recompiler(document: CompiledDocument, expected: ExpectedIdentity | undefined): () => unknown {
  return () => {
    const again = compileDocument(document.source, document.file, expected);
    const compiled = (again.document ?? again.provisional)?.compiled;
    // The same text compiles the same way (only a review date can turn into an error, and only
    // with a clock set back): never undefined in practice, and never silently.
    if (compiled === undefined) throw new Error(`${document.file} no longer compiles`);
    return compiled;
  };
}

/** How many diagnostics one file reports; the rest are counted in one `diagnostics_truncated`. */
export const maxDiagnosticsPerFile = 100;

/**
 * The first diagnostics of a sorted list, and one more saying how many were left out: a file with
 * thousands of problems answers in kilobytes, and the first ones are what to fix first. The
 * count is an error when an error was left out, so the file fails as it would in full.
 */
function capDiagnostics(sorted: Diagnostic[]): Diagnostic[] {
  if (sorted.length <= maxDiagnosticsPerFile) return sorted;
  const kept = sorted.slice(0, maxDiagnosticsPerFile);
  const omitted = sorted.slice(maxDiagnosticsPerFile);
  const first = omitted[0] as Diagnostic;
  const extra = {
    ...(first.file !== undefined ? { file: first.file } : {}),
    ...(first.line !== undefined ? { line: first.line, col: first.col } : {}),
    hint: 'fix the problems shown and validate again to see the rest',
  };
  const message = `${omitted.length} more problem${omitted.length === 1 ? '' : 's'} in this file ${omitted.length === 1 ? 'is' : 'are'} not shown`;
  kept.push(
    hasErrors(omitted)
      ? error('diagnostics_truncated', message, extra)
      : warning('diagnostics_truncated', message, extra),
  );
  return kept;
}

function optional(doc: Record<string, unknown>, keys: string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const k of keys) if (typeof doc[k] === 'string') out[k] = doc[k];
  return out;
}

function checkHeader(
  doc: Record<string, unknown>,
  ctx: ParseContext,
  expected: ExpectedIdentity | undefined,
  module: KindModule<unknown> | undefined,
): void {
  if (doc.status === 'approved' && doc.approved === undefined) {
    report(ctx, 'approval_missing', 'an approved version must say who approved it and when', '/status', {
      hint: 'add `approved: { by: <name>, at: <date> }`, or set `status: draft`',
    });
  }
  if (!expected) return;
  if (typeof doc.id === 'string' && doc.id !== expected.id) {
    report(ctx, 'path_id_mismatch', `id \`${doc.id}\` does not match its folder \`${expected.id}\``, '/id', {
      hint: `rename the folder to \`${doc.id}\` or set \`id: ${expected.id}\``,
    });
  }
  if (typeof doc.version === 'string' && doc.version !== expected.version) {
    report(
      ctx,
      'path_version_mismatch',
      `version \`${doc.version}\` does not match its file name \`${expected.version}.yaml\``,
      '/version',
      {
        hint: `rename the file to \`${doc.version}.yaml\` or set \`version: ${expected.version}\``,
      },
    );
  }
  if (module && expected.folder) {
    const { kind, folder: want } = module;
    if (expected.folder !== want) {
      report(
        ctx,
        'path_kind_folder',
        `a ${kind} belongs under \`${want}/\`, not \`${expected.folder}/\``,
        '/kind',
        {
          hint: `move it to ${want}/${expected.id}/${expected.version}.yaml`,
        },
      );
    }
  }
}

function compileFactsAt(raw: unknown, ctx: ParseContext, schemaDiagnostics: Diagnostic[]): FactModel {
  const declared = mapAt(raw) as Record<string, FactSchema>;
  try {
    return compileFacts(declared);
  } catch (e) {
    // The schema check usually said precisely what is wrong; report only what it missed.
    if (!schemaDiagnostics.some((d) => d.path?.startsWith('/facts'))) {
      const pattern = badPatternAt(declared, '/facts');
      report(
        ctx,
        'facts_schema_invalid',
        `the fact declarations cannot be compiled: ${lowerFirst((e as Error).message)}`,
        pattern?.at ?? '/facts',
        {
          hint:
            pattern?.problem.hint ??
            'check the `pattern`, `format` and other JSON Schema keywords of the declarations',
        },
      );
    }
    // Conditions still resolve against the declarations, so they report no follow-on errors.
    return { ...compileFacts({}), declared, scope: scopeOf(declared) };
  }
}

function lowerFirst(s: string): string {
  return s.charAt(0).toLowerCase() + s.slice(1);
}

/**
 * What a `labels:` table may name: every fact declaring an `enum` (or a boolean), with its
 * values, and what the kind adds (a ruleset's outputs, a checklist's choice items).
 */
function labelTargetsOf(module: KindModule<unknown>, compiled: unknown, facts: FactModel): LabelTargets {
  const out = new Map<string, readonly string[] | undefined>();
  for (const [name, schema] of Object.entries(facts.declared)) {
    if (Array.isArray(schema?.enum)) out.set(name, schema.enum.map(String));
    else if (schema?.type === 'boolean') out.set(name, ['true', 'false']);
  }
  for (const [name, values] of module.labelTargets?.(compiled, facts) ?? []) out.set(name, values);
  return out;
}

/** `forall.when` conditions name facts: check them at load like any other condition. */
function checkInvariantConditions(doc: Record<string, unknown>, facts: FactModel, ctx: ParseContext): void {
  const list = Array.isArray(doc.invariants) ? doc.invariants : [];
  list.forEach((inv, i) => {
    const forall = mapAt(mapAt(inv).forall);
    if (forall.when !== undefined)
      parseCondition(forall.when, `/invariants/${i}/forall/when`, facts.scope, ctx);
    const monotone = mapAt(mapAt(inv).monotone);
    if (typeof monotone.fact === 'string') {
      const resolved = facts.scope.resolve(monotone.fact.split('.'));
      if (!resolved.ok) {
        report(ctx, resolved.code, resolved.message, `/invariants/${i}/monotone/fact`, {
          hint: resolved.hint,
        });
      }
    }
  });
}
