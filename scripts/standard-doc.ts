/**
 * Generates docs/standard.md (the clause → documents table and a page per document) and the
 * sample inputs in docs/examples/ from the bundled standard's own `clause` fields and tests, so
 * the documentation cannot drift from the documents. Run: `node --import tsx scripts/standard-doc.ts`.
 * tests/standard/ checks that the files on disk equal what this script would write.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { bundledStandardsDir, type CompiledDocument, loadStandards, textOf } from '../engine/index.ts';
import { REGULATIONS, type RegulationRow } from './regulations.ts';
import { REVIEW_ITEMS } from './review-items.ts';

/** The outline of the source standard (§1.1–§8.5), with the Chinese section titles. */
export const OUTLINE: ReadonlyArray<readonly [string, string]> = [
  ['§1.1', '服务人员资质审核'],
  ['§1.2', '服务信息登记与确认'],
  ['§1.3', '服务流程启动与预约'],
  ['§1.4', '服务资料准备与传递'],
  ['§2.1', '服务现场安全检查'],
  ['§2.2', '服务项目实施与操作'],
  ['§2.3', '服务过程中的沟通与记录'],
  ['§2.4', '服务过程中质量控制'],
  ['§2.5', '服务完成后现场确认与交付'],
  ['§3.1', '服务完成后客户回访'],
  ['§3.2', '服务满意度调查与评估'],
  ['§3.3', '服务问题反馈与处理'],
  ['§3.4', '服务记录的归档与存档'],
  ['§3.5', '服务信息的系统化管理'],
  ['§4.1', '服务标准制定与修订'],
  ['§4.2', '服务流程的标准化操作'],
  ['§4.3', '服务人员培训与考核'],
  ['§4.4', '服务流程的监督与审计'],
  ['§4.5', '服务流程的持续改进机制'],
  ['§5.1', '服务风险识别与评估'],
  ['§5.2', '服务应急预案制定与演练'],
  ['§5.3', '服务突发事件处理流程'],
  ['§5.4', '服务风险责任划分与追究'],
  ['§5.5', '服务风险防控措施落实'],
  ['§6.1', '服务记录的规范填写与保存'],
  ['§6.2', '服务档案的分类与管理'],
  ['§6.3', '服务档案的调阅与查阅'],
  ['§6.4', '服务档案的归档与销毁'],
  ['§6.5', '服务档案的电子化管理'],
  ['§7.1', '服务费用的核算与收取'],
  ['§7.2', '服务费用的结算流程'],
  ['§7.3', '服务费用的账务处理与记录'],
  ['§7.4', '服务费用的审核与审批'],
  ['§7.5', '服务费用的审计与监督'],
  ['§8.1', '服务考核指标与标准'],
  ['§8.2', '服务考核的实施与执行'],
  ['§8.3', '服务考核结果的反馈与通报'],
  ['§8.4', '服务考核的奖惩措施'],
  ['§8.5', '服务考核的持续优化与改进'],
];

/** The lists of a document whose entries carry an `id` and may cite a clause, by kind. */
const ELEMENT_LISTS = ['rules', 'criteria', 'vetoes', 'labourRate', 'partsMarkupPct'] as const;

interface Citation {
  doc: string;
  /** Element ids (rule, item as `section.item`, criterion, …) citing the clause. */
  elements: string[];
}

/** What the generator writes: file paths relative to the repository, and their text. */
export type GeneratedFiles = Map<string, string>;

function clausesOf(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
}

function records(value: unknown): Array<Record<string, unknown>> {
  return Array.isArray(value)
    ? value.filter((v): v is Record<string, unknown> => v !== null && typeof v === 'object')
    : [];
}

/**
 * Every `[elementId, clauses]` of a document below its header. An element without its own
 * `clause` cites what encloses it (its section, then the document), as evaluation reports it.
 */
function elementClauses(data: Record<string, unknown>): Array<[string, string[]]> {
  const header = clausesOf(data.clause);
  const own = (el: Record<string, unknown>, outer: string[]) => {
    const c = clausesOf(el.clause);
    return c.length > 0 ? c : outer;
  };
  const out: Array<[string, string[]]> = [];
  const discounts = data.discounts as Record<string, unknown> | undefined;
  const lists = [...ELEMENT_LISTS.map((l) => data[l]), discounts?.rules];
  for (const list of lists) {
    for (const el of records(list)) if (typeof el.id === 'string') out.push([el.id, own(el, header)]);
  }
  for (const section of records(data.sections)) {
    const outer = own(section, header);
    for (const item of records(section.items)) {
      out.push([`${String(section.id)}.${String(item.id)}`, own(item, outer)]);
    }
  }
  return out;
}

/** clause → the documents (latest versions) and elements that cite it. */
export function citations(docs: CompiledDocument[]): Map<string, Citation[]> {
  const byClause = new Map<string, Citation[]>();
  const cite = (clause: string, doc: string): Citation => {
    const list = byClause.get(clause) ?? [];
    let c = list.find((x) => x.doc === doc);
    if (!c) {
      c = { doc, elements: [] };
      list.push(c);
      byClause.set(clause, list);
    }
    return c;
  };
  for (const doc of docs) {
    for (const clause of clausesOf(doc.clause)) cite(clause, doc.id);
    for (const [id, clauses] of elementClauses(doc.data)) {
      for (const clause of new Set(clauses)) {
        const c = cite(clause, doc.id);
        if (!c.elements.includes(id)) c.elements.push(id);
      }
    }
  }
  return byClause;
}

function latestVersions(dir: string): { latest: CompiledDocument[]; all: Map<string, CompiledDocument[]> } {
  const index = loadStandards(dir);
  const all = index.documents;
  const latest = [...all.values()]
    .map((versions) => versions[versions.length - 1])
    .filter((d): d is CompiledDocument => d !== undefined)
    .sort((a, b) => a.id.localeCompare(b.id));
  return { latest, all };
}

/** GitHub's anchor for a `### <id>` heading: dots dropped. */
function anchor(id: string): string {
  return id.replaceAll('.', '');
}

function cell(c: Citation): string {
  const who = `[\`${c.doc}\`](#${anchor(c.doc)})`;
  if (c.elements.length === 0) return who;
  const shown = c.elements.slice(0, 6).map((e) => `\`${e}\``);
  const more = c.elements.length > 6 ? `, +${c.elements.length - 6}` : '';
  return `${who}: ${shown.join(', ')}${more}`;
}

const CHECKED: Record<RegulationRow['checked'], string> = {
  text: '原文 (text)',
  secondary: '转引 (secondary)',
  cited: '未核 (as cited)',
};

/**
 * The regulations table; an entry naming a document or element the latest versions do not have
 * is an error, so a renamed rule cannot leave the table pointing at nothing.
 */
function regulationRows(latest: CompiledDocument[]): string[] {
  const byId = new Map(latest.map((d) => [d.id, d]));
  return REGULATIONS.map((row) => {
    const cells = Object.entries(row.encodedBy).map(([id, elements]) => {
      const doc = byId.get(id);
      if (!doc)
        throw new Error(`scripts/regulations.ts: ${row.source} ${row.article}: no document \`${id}\``);
      const known = new Set(elementClauses(doc.data).map(([el]) => el));
      const unknown = elements.filter((e) => !known.has(e));
      if (unknown.length > 0) {
        throw new Error(
          `scripts/regulations.ts: ${row.source} ${row.article}: \`${id}\` has no ${unknown.join(', ')}`,
        );
      }
      return cell({ doc: id, elements });
    });
    return `| ${row.source} | ${row.article} | ${row.subject} | ${cells.join('<br>')} | ${CHECKED[row.checked]} |`;
  });
}

/**
 * The review items table; a fixed item must name versions that exist and whose `change` names
 * the item, so the table cannot claim a fix the history does not show.
 */
function reviewRows(all: Map<string, CompiledDocument[]>): string[] {
  return REVIEW_ITEMS.map((row) => {
    const where = (row.versions ?? []).map((v) => {
      const [id, version] = v.split('@') as [string, string];
      const doc = all.get(id)?.find((d) => d.version === version);
      if (!doc) throw new Error(`scripts/review-items.ts: ${row.item}: no version ${v}`);
      if (!new RegExp(`\\b${row.item}\\b`).test(doc.change ?? ''))
        throw new Error(`scripts/review-items.ts: ${row.item}: the change of ${v} does not name it`);
      return `[\`${v}\`](#${anchor(id)})`;
    });
    const cell = [where.join(', '), row.note].filter((t) => t.length > 0).join(': ');
    return `| ${row.item} | ${row.subject} | ${row.status} | ${cell} |`;
  });
}

interface DocTest {
  name?: string;
  facts?: unknown;
  answers?: unknown;
  history?: unknown;
  at?: string;
}

/** A process's sample: its first test as a case file (docs/kinds/process.md), for `--history`. */
function caseExample(doc: CompiledDocument, test: DocTest, files: GeneratedFiles): string {
  const file = `docs/examples/${doc.id}.case.json`;
  const kase = {
    process: { id: doc.id, version: doc.version },
    subject: 'example',
    facts: test.facts ?? {},
    history: test.history,
  };
  files.set(file, `${JSON.stringify(kase, null, 2)}\n`);
  // The case file names the version; the date is pinned as for any other sample.
  return `npx norma eval ${doc.id} --history ${file} --at ${exampleDate(doc, test)}   # ${test.name ?? 'sample case'}`;
}

/** The sample input of a document: its first authored test, written as fact (and answer) files. */
function example(doc: CompiledDocument, files: GeneratedFiles): string {
  const test = (Array.isArray(doc.data.tests) ? doc.data.tests[0] : undefined) as DocTest | undefined;
  if (test?.history !== undefined) return caseExample(doc, test, files);
  const facts = `docs/examples/${doc.id}.facts.json`;
  files.set(facts, `${JSON.stringify(test?.facts ?? {}, null, 2)}\n`);
  let command = `npx norma eval ${doc.id} --facts ${facts}`;
  if (test?.answers !== undefined) {
    const answers = `docs/examples/${doc.id}.answers.json`;
    files.set(answers, `${JSON.stringify(test.answers, null, 2)}\n`);
    command += ` --answers ${answers}`;
  }
  command += ` --version ${doc.version} --at ${exampleDate(doc, test)}`;
  return `${command}   # ${test?.name ?? 'sample input'}`;
}

/**
 * The evaluation date of a sample: its test's `at`, else the version's effective date. Always
 * given, with the version, so that a sample decides the same on any day it is tried: without
 * them, today's date would choose the version in force and age the dates in the sample.
 */
function exampleDate(doc: CompiledDocument, test: DocTest | undefined): string {
  return test?.at ?? doc.effective ?? doc.approved?.at ?? '2026-12-02';
}

function firstParagraph(text: string | undefined): string {
  return (text ?? '')
    .split('\n\n')
    .map((p) => p.replace(/\s+/g, ' ').trim())
    .join('\n\n');
}

/** A document's text Chinese first, English second: `中文 (English)` for a title, two paragraphs for a description. */
function bothLanguages(text: unknown, joiner: string): string {
  const [zh, en] = [textOf(text, 'zh'), textOf(text, 'en')];
  if (zh === en) return zh;
  return joiner === ' ' ? `${zh} (${en})` : `${zh}${joiner}${en}`;
}

function documentSection(doc: CompiledDocument, versions: CompiledDocument[], files: GeneratedFiles): string {
  const history = versions
    .map((v) => `${v.version} (effective ${v.effective ?? '—'}${v.change ? `: ${v.change}` : ''})`)
    .join('; ');
  const tests = Array.isArray(doc.data.tests) ? doc.data.tests.length : 0;
  const invariants = Array.isArray(doc.data.invariants) ? doc.data.invariants.length : 0;
  return [
    `### ${doc.id}`,
    '',
    `**${bothLanguages(doc.data.title, ' ')}**  `,
    `kind \`${doc.kind}\`, clauses ${clausesOf(doc.clause).join(' ')}, owner ${doc.owner ?? '—'}, ` +
      `file \`${doc.file}\`, ${tests} tests, ${invariants} invariants  `,
    `versions: ${history}`,
    '',
    firstParagraph(bothLanguages(doc.data.description, '\n\n')),
    '',
    '```sh',
    example(doc, files),
    '```',
    '',
  ].join('\n');
}

/** Renders docs/standard.md and the example inputs from a standards directory. */
export function generate(dir: string = bundledStandardsDir): GeneratedFiles {
  const files: GeneratedFiles = new Map();
  const { latest, all } = latestVersions(dir);
  const byClause = citations(latest);
  const rows = OUTLINE.map(([clause, title]) => {
    const cites = byClause.get(clause) ?? [];
    return `| ${clause} | ${title} | ${cites.length > 0 ? cites.map(cell).join('<br>') : '**not implemented**'} |`;
  });
  const sections = latest.map((doc) => documentSection(doc, all.get(doc.id) ?? [doc], files));
  const md = [
    '# The bundled after-sales service standard',
    '',
    '<!-- generated by scripts/standard-doc.ts from the documents; do not edit by hand -->',
    '',
    'norma ships with an encoding of 汽车售后服务规范流程(标准版) (the source text and its English',
    'outline are described in the project brief). Every clause of the outline, §1.1 to §8.5, is',
    'implemented by at least one document under `rules/` or `checklists/`, and each document cites',
    'its clauses in `clause` fields on the document and on its rules, items and criteria. The',
    'source text survives only for §1.1–§2.3; everything else is this standard’s own default,',
    'designed for a Chinese dealership and said so in each document’s `description`.',
    '',
    'Regenerate this page and `docs/examples/` with `node --import tsx scripts/standard-doc.ts`;',
    '`npx vitest run tests/standard` fails when they are out of date.',
    '',
    '## Clauses → documents',
    '',
    'Each cell names the documents (latest version) citing the clause and, after the colon, the',
    'rules, checklist items (`section.item`), criteria, vetoes or price rules that cite it (an',
    'element without its own `clause` cites its section’s or its document’s). A document listed',
    'without elements cites the clause in its header only.',
    '',
    '| clause | 标题 | documents: rules / items |',
    '|---|---|---|',
    ...rows,
    '',
    '## Regulations → rules',
    '',
    'The laws, regulations and national standards the documents encode, article by article, and',
    'the rules or checklist items that encode each (generated from `scripts/regulations.ts`). The',
    'last column says how the article was confirmed: against a published copy of the text (原文),',
    'against secondary sources quoting it (转引), or as the document cites it, without a check of the',
    'article number (未核). Where no regulation fixes a number, the document says it is this',
    'standard’s default.',
    '',
    '| 法规 (source) | 条款 (article) | 内容 (subject) | rules / items | 核对 (checked) |',
    '|---|---|---|---|---|',
    ...regulationRows(latest),
    '',
    '## Review items',
    '',
    'The dealership quality review of this standard (2026-12): what became of each item of its',
    'sections B and C (section A’s wrong outcomes and section D’s missing documents are fixed by',
    'the versions and documents whose `change`, description and tests name them). A fixed item',
    'names the versions whose `change` says so (generated from `scripts/review-items.ts`, which',
    'checks it); each comes with a test in the document that fails on the version before, and a',
    'test in `tests/standard/` where two documents meet.',
    '',
    '| item | 内容 (subject) | status | where / why |',
    '|---|---|---|---|',
    ...reviewRows(all),
    '',
    '## Trying it',
    '',
    '`npx norma validate` checks the whole standard; `npx norma test` runs every document’s tests',
    'and invariants. Each document below has a sample input in `docs/examples/` (its first test);',
    'evaluate it with the command shown. Each command pins the version (`--version`) and the',
    'evaluation date (`--at`: the test’s date, else the version’s effective date), so that it gives',
    'the same answer on any day: a sample with a dated answer (an extinguisher inspected on',
    '2026-02-20) would otherwise fail a month later. Without `--version`, `--at` also picks the',
    'version in force (try `approval.work-order`, `fees.work-order` or `safety.site` with',
    '`--at 2025-06-01` and `--at 2026-12-02`). tests/standard/docs-examples.test.ts runs every',
    'command below and checks its result against the test it comes from.',
    '',
    '## Documents',
    '',
    ...sections,
  ].join('\n');
  files.set('docs/standard.md', md);
  return files;
}

/** Writes the generated files under `root`. */
export function writeGenerated(files: GeneratedFiles, root: string): void {
  for (const [path, text] of files) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  }
}

/**
 * The content of a generated file regardless of layout: JSON as parsed data, Markdown with table
 * cells trimmed, so that the formatter (biome pads tables, wraps JSON arrays) changes nothing.
 */
export function normalized(path: string, text: string): string {
  if (path.endsWith('.json')) return JSON.stringify(JSON.parse(text));
  return text
    .split('\n')
    .map((line) =>
      line.startsWith('|')
        ? line
            .split('|')
            .map((c) => (/^\s*-+\s*$/.test(c) ? '---' : c.trim()))
            .join('|')
        : line,
    )
    .join('\n');
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const files = generate();
  writeGenerated(files, bundledStandardsDir);
  // The generated files are checked in: lay them out as the project's formatter would.
  execFileSync('npx', ['biome', 'format', '--write', 'docs/standard.md', 'docs/examples'], {
    cwd: bundledStandardsDir,
    stdio: 'ignore',
  });
  process.stdout.write(`wrote ${files.size} files\n`);
}
