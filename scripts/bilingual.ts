/**
 * Converts a document's `中文 (English)` texts into `{zh, en}` and prints the new YAML, comments
 * and layout kept: every human-text field (`title`, `text`, `description`, `message`) outside
 * fact and output declarations, tests and invariants, whose text is Chinese followed by one
 * English parenthesis at the end. Anything else is left as written (a plain string stays valid:
 * it is in the document's `lang`). With `--version` (and `--effective`, `--approved-by`,
 * `--approved-at`, `--change`) it also writes the header of a new version, ready to save as
 * `<version>.yaml` beside the old one. Run:
 *   node --import tsx scripts/bilingual.ts checklists/delivery.vehicle/1.2.0.yaml --version 1.3.0 …
 */
import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { isMap, isPair, isScalar, parseDocument, visit } from 'yaml';

/** The fields that hold text for people. */
const TEXT_KEYS = new Set(['title', 'text', 'description', 'message']);
/** Parts of a document whose `title`/`description` are JSON Schema annotations or test data, not Text. */
const SKIPPED = new Set(['facts', 'outputs', 'tests', 'invariants', 'labels', 'default']);

const CJK = /[\u3400-\u9fff\uf900-\ufaff]/;

/**
 * `中文 (English)` as `{zh, en}`: the Chinese before one final parenthesis of English (no Chinese
 * in it, at least one letter, no nested parentheses). Undefined when the text is not of that form.
 */
export function splitBilingual(text: string): { zh: string; en: string } | undefined {
  const m = /^([\s\S]*?\S)\s*[(（]([^()（）]+)[)）]\s*$/.exec(text);
  if (!m) return undefined;
  const zh = (m[1] as string).trim();
  const en = (m[2] as string).trim();
  if (!CJK.test(zh) || CJK.test(en) || !/[A-Za-z]/.test(en)) return undefined;
  return { zh, en };
}

/** What a new version's header says. */
export interface Publication {
  version: string;
  effective?: string;
  approvedBy?: string;
  approvedAt?: string;
  change?: string;
}

/**
 * The document's YAML with its bilingual texts split, and (given a publication) its header
 * bumped. Only the converted values' own text is rewritten, so every other line (comments,
 * layout, flow lists) stays byte for byte as it was.
 */
export function convert(source: string, publish?: Publication): { yaml: string; converted: number } {
  const doc = parseDocument(source);
  const edits: Edit[] = [];
  visit(doc, {
    Pair(_, pair, path) {
      if (!isScalar(pair.key) || !TEXT_KEYS.has(String(pair.key.value))) return;
      if (path.some((node) => isPair(node) && isScalar(node.key) && SKIPPED.has(String(node.key.value))))
        return;
      const value = pair.value;
      if (!isScalar(value) || typeof value.value !== 'string' || !value.range) return;
      const split = splitBilingual(value.value);
      if (!split) return;
      edits.push({
        from: value.range[0],
        to: value.range[1],
        text: `{ zh: ${flow(split.zh)}, en: ${flow(split.en)} }`,
      });
    },
  });
  const converted = edits.length;
  if (publish) edits.push(...headerEdits(doc, source, publish));
  return { yaml: applyEdits(source, edits), converted };
}

interface Edit {
  from: number;
  to: number;
  text: string;
}

/** Applies edits (none overlapping) from the last to the first, so offsets stay right. */
function applyEdits(source: string, edits: readonly Edit[]): string {
  let out = source;
  for (const e of [...edits].sort((a, b) => b.from - a.from)) {
    // A block scalar's range takes its final line break: keep it.
    const replaced = out.slice(e.from, e.to);
    out = out.slice(0, e.from) + e.text + (replaced.endsWith('\n') ? '\n' : '') + out.slice(e.to);
  }
  return out;
}

/** A string as a flow-context YAML scalar: plain when it can be, else double-quoted. */
export function flow(text: string): string {
  const plain =
    text !== '' &&
    text === text.trim() &&
    !/[,:{}[\]#&*!|>'"%@`\n]/.test(text) &&
    !/^[-?]/.test(text) &&
    !/^(true|false|null|~|yes|no|on|off|[-+.\d][\d._eE+-]*)$/i.test(text);
  return plain ? text : JSON.stringify(text);
}

/** The header of a new approved version: `version`, `status`, `effective`, `approved`, `change`. */
function headerEdits(doc: ReturnType<typeof parseDocument>, source: string, p: Publication): Edit[] {
  const wanted: [string, string | undefined][] = [
    ['version', p.version],
    ['status', 'approved'],
    ['effective', p.effective],
    [
      'approved',
      p.approvedBy && p.approvedAt ? `{ by: ${flow(p.approvedBy)}, at: ${p.approvedAt} }` : undefined,
    ],
    ['change', p.change === undefined ? undefined : JSON.stringify(p.change)],
  ];
  const edits: Edit[] = [];
  const top = isMap(doc.contents) ? doc.contents.items : [];
  let after = 0;
  for (const [key, text] of wanted) {
    const pair = top.find((x) => isScalar(x.key) && x.key.value === key);
    const node = pair?.value as { range?: [number, number, number] } | undefined;
    if (node?.range) after = Math.max(after, source.indexOf('\n', node.range[1] - 1) + 1);
    if (text === undefined) continue;
    if (node?.range) edits.push({ from: node.range[0], to: node.range[1], text });
    else edits.push({ from: after, to: after, text: `${key}: ${text}\n` });
  }
  return edits;
}

function main(argv: string[]): void {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      version: { type: 'string' },
      effective: { type: 'string' },
      'approved-by': { type: 'string' },
      'approved-at': { type: 'string' },
      change: { type: 'string' },
    },
  });
  const file = positionals[0];
  if (!file) throw new Error('give the YAML file to convert');
  const publish = values.version
    ? {
        version: values.version,
        ...(values.effective ? { effective: values.effective } : {}),
        ...(values['approved-by'] ? { approvedBy: values['approved-by'] } : {}),
        ...(values['approved-at'] ? { approvedAt: values['approved-at'] } : {}),
        ...(values.change ? { change: values.change } : {}),
      }
    : undefined;
  const { yaml, converted } = convert(readFileSync(file, 'utf8'), publish);
  process.stdout.write(yaml);
  process.stderr.write(`${converted} text${converted === 1 ? '' : 's'} made {zh, en}\n`);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) main(process.argv.slice(2));
