/**
 * A diff as an auditor reads it: text shown as text (never JSON with quotes and `\n`), the words
 * that changed between two texts marked (`<del>` in the old, `<ins>` in the new), and added or
 * removed structures (a test, an item) as their fields, one per line, rather than raw JSON.
 */
import type { DiffView, SampleView } from '../diff/report.ts';
import { handlebars } from '../packages.ts';

const escapeHtml = (text: string): string => handlebars().Utils.escapeExpression(text);
type Safe = InstanceType<ReturnType<typeof handlebars>['SafeString']>;
const safe = (html: string): Safe => new (handlebars().SafeString)(html);

/** The longest texts compared word by word; longer ones are shown whole, old struck out. */
const MAX_TOKENS = 1500;

/** The diff view with each change's before and after as marked-up HTML and as plain text. */
export function wordDiffView(view: DiffView) {
  const behaviour = view.behaviour;
  return {
    ...view,
    ...(behaviour
      ? {
          behaviour: {
            ...behaviour,
            generated: readableSample(behaviour.generated),
            ...(behaviour.real
              ? { real: { ...readableSample(behaviour.real), name: behaviour.real.name } }
              : {}),
          },
        }
      : {}),
    groups: view.groups.map((g, n) => ({
      ...g,
      // The fourth group is the document's own tests (engine/diff/report.ts diffView).
      key: n === 3 ? 'checks' : g.class,
      changes: g.changes.map((c) => {
        const raw = c as typeof c & { fromValue?: unknown; toValue?: unknown };
        const from = 'fromValue' in raw ? raw.fromValue : c.from;
        const to = 'toValue' in raw ? raw.toValue : c.to;
        const marked = markChange(c.op, from, to);
        return {
          ...c,
          before: marked.before,
          after: marked.after,
          fromText: plainText(from),
          toText: plainText(to),
        };
      }),
    })),
  };
}

/** A sample's examples as their fields (`estimateTotal: 25000; payType: customer`), not JSON. */
function readableSample<S extends SampleView>(sample: S): S {
  return {
    ...sample,
    transitions: sample.transitions.map((t) => ({ ...t, example: plainText(parsed(t.example)) })),
  };
}

function parsed(json: string): unknown {
  try {
    return JSON.parse(json);
  } catch {
    return json;
  }
}

/** Before and after of one change as HTML: changed words marked when both are text. */
export function markChange(op: string, from: unknown, to: unknown): { before: Safe; after: Safe } {
  if (op === 'changed' && typeof from === 'string' && typeof to === 'string') {
    const [before, after] = wordDiff(from, to);
    return { before: safe(before), after: safe(after) };
  }
  return {
    before: safe(
      from === undefined
        ? ''
        : op === 'changed' || op === 'removed'
          ? `<del>${valueHtml(from)}</del>`
          : valueHtml(from),
    ),
    after: safe(
      to === undefined
        ? ''
        : op === 'changed' || op === 'added'
          ? `<ins>${valueHtml(to)}</ins>`
          : valueHtml(to),
    ),
  };
}

/** Words, single CJK characters, runs of spaces and single other characters. */
export function tokens(text: string): string[] {
  return text.match(/[\p{L}\p{N}_]+(?<![\p{Script=Han}])|[\p{Script=Han}]|\s+|[^\s]/gu) ?? [];
}

/** The old and the new text as HTML, words only in the old `<del>`, only in the new `<ins>`. */
export function wordDiff(from: string, to: string): [string, string] {
  const a = splitHan(tokens(from));
  const b = splitHan(tokens(to));
  if (a.length > MAX_TOKENS || b.length > MAX_TOKENS)
    return [`<del>${textHtml(from)}</del>`, `<ins>${textHtml(to)}</ins>`];
  const keep = lcs(a, b);
  return [marked(a, keep.a, 'del'), marked(b, keep.b, 'ins')];
}

// A run of Han characters matched as a "word" by \p{L} is split into characters: Chinese has no spaces.
function splitHan(list: string[]): string[] {
  return list.flatMap((t) => (/\p{Script=Han}/u.test(t) && t.length > 1 ? [...t] : [t]));
}

/** Which tokens of each side belong to the longest common subsequence. */
function lcs(a: string[], b: string[]): { a: boolean[]; b: boolean[] } {
  const n = a.length;
  const m = b.length;
  const table = Array.from({ length: n + 1 }, () => new Uint16Array(m + 1));
  for (let i = n - 1; i >= 0; i--) {
    const row = table[i] as Uint16Array;
    const next = table[i + 1] as Uint16Array;
    for (let j = m - 1; j >= 0; j--) {
      row[j] =
        a[i] === b[j] ? (next[j + 1] as number) + 1 : Math.max(next[j] as number, row[j + 1] as number);
    }
  }
  const keepA = new Array<boolean>(n).fill(false);
  const keepB = new Array<boolean>(m).fill(false);
  let i = 0;
  let j = 0;
  while (i < n && j < m) {
    if (a[i] === b[j]) {
      keepA[i++] = true;
      keepB[j++] = true;
    } else if ((table[i + 1]?.[j] as number) >= (table[i]?.[j + 1] as number)) i++;
    else j++;
  }
  return { a: keepA, b: keepB };
}

/** Tokens as HTML, runs of unkept ones wrapped in `tag`; a space between two changed words joins them. */
function marked(list: string[], kept: boolean[], tag: 'del' | 'ins'): string {
  const keep = kept.map(
    (k, i) => k && !(/^\s+$/.test(list[i] as string) && kept[i - 1] === false && kept[i + 1] === false),
  );
  let out = '';
  let run = '';
  const flush = () => {
    // Spaces at the edges of a run stay outside the mark: only words are marked.
    const [, lead = '', core = '', trail = ''] = /^(\s*)([\s\S]*?)(\s*)$/.exec(run) ?? [];
    out +=
      core === '' ? textHtml(run) : `${textHtml(lead)}<${tag}>${textHtml(core)}</${tag}>${textHtml(trail)}`;
    run = '';
  };
  list.forEach((t, k) => {
    if (keep[k]) {
      flush();
      out += textHtml(t);
    } else run += t;
  });
  flush();
  return out;
}

/** Text as HTML: escaped, its line breaks kept. */
function textHtml(text: string): string {
  return escapeHtml(text).replace(/\r?\n/g, '<br>');
}

/** Any value as HTML: text as text, lists and mappings as their entries, one per line. */
export function valueHtml(v: unknown): string {
  if (typeof v === 'string') return textHtml(v);
  if (Array.isArray(v)) {
    if (v.every((x) => x === null || typeof x !== 'object')) return escapeHtml(v.map(plainText).join(', '));
    return `<ol class="tree">${v.map((x) => `<li>${valueHtml(x)}</li>`).join('')}</ol>`;
  }
  if (v !== null && typeof v === 'object') {
    const entries = Object.entries(v as Record<string, unknown>);
    return `<ul class="tree">${entries.map(([k, x]) => `<li><span class="key">${escapeHtml(k)}:</span> ${valueHtml(x)}</li>`).join('')}</ul>`;
  }
  return escapeHtml(v === undefined ? '' : String(v));
}

/** Any value as one line of plain text: `name: x; facts: estimateTotal: 25000`. */
export function plainText(v: unknown): string {
  if (v === undefined) return '';
  if (typeof v === 'string') return v;
  if (Array.isArray(v)) return v.map(plainText).join(', ');
  if (v !== null && typeof v === 'object')
    return Object.entries(v as Record<string, unknown>)
      .map(([k, x]) => `${k}: ${x !== null && typeof x === 'object' ? `(${plainText(x)})` : plainText(x)}`)
      .join('; ');
  return String(v);
}
