/**
 * The report templates (`templates/*.hbs`): one Handlebars environment of norma's own, with its
 * helpers, every template also registered as a partial (`{{> print-css}}`), compiled once.
 * HTML templates escape everything (`{{x}}`); Markdown templates escape through `{{md x}}`.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { formatValue } from '../diff/report.ts';
import { codeWord, isLabelKey, reportLabel } from '../i18n/catalogue.ts';
import { reportLangOf } from '../i18n/report-words.ts';
import { handlebars } from '../packages.ts';
import { describeCondition } from './describe.ts';
import { valueHtml } from './diff-words.ts';

/** Where the bundled templates live. */
export const templatesDir = fileURLToPath(new URL('../../templates/', import.meta.url));

type Template = (context: unknown) => string;

type HelperOptions = { hash?: Record<string, unknown>; data?: { root?: { lang?: unknown } } };
const langOf = (options: HelperOptions) => reportLangOf(options.data?.root?.lang);

/** The compiled templates, by name; empty until the first report (Handlebars loads then). */
const compiled = new Map<string, Template>();
let loaded = false;

/** norma's own Handlebars environment with its helpers. */
function environment(): ReturnType<ReturnType<typeof handlebars>['create']> {
  const hb = handlebars().create();
  hb.registerHelper('eq', (a: unknown, b: unknown) => a === b);
  hb.registerHelper('or', (...args: unknown[]) => args.slice(0, -1).some(Boolean));
  hb.registerHelper('inc', (n: unknown) => (typeof n === 'number' ? n + 1 : n));
  hb.registerHelper('show', (v: unknown) => (v === undefined ? '' : formatValue(v)));
  hb.registerHelper('json', (v: unknown) => JSON.stringify(v, null, 2) ?? '');
  // Any value as its fields, one per line: what a person reads instead of JSON.
  hb.registerHelper('readable', (v: unknown) => new hb.SafeString(valueHtml(v)));
  hb.registerHelper('condition', (v: unknown, options: HelperOptions) =>
    describeCondition(v, undefined, langOf(options)),
  );
  hb.registerHelper('join', (v: unknown, sep: unknown) =>
    Array.isArray(v)
      ? v.map(String).join(typeof sep === 'string' ? sep : ', ')
      : v === undefined
        ? ''
        : String(v),
  );
  hb.registerHelper('md', (v: unknown) => escapeMarkdown(v === undefined ? '' : String(v)));

  // `{{l "key"}}`: a label in the report's language; `{{l "taxNote" pct=13}}` fills placeholders.
  hb.registerHelper('l', (key: unknown, options: HelperOptions) => {
    if (typeof key !== 'string' || !isLabelKey(key)) throw new Error(`no report label \`${String(key)}\``);
    return reportLabel(key, langOf(options), options.hash);
  });
  // `{{w "status" code}}`: a code of a vocabulary as a word in the report's language.
  hb.registerHelper('w', (vocabulary: unknown, code: unknown, options: HelperOptions) =>
    codeWord(String(vocabulary), code, langOf(options)),
  );
  // A CSS string literal for `content:` in the print styles (`{{{cssString x}}}`): quotes,
  // backslashes and `<` escaped, so no text can end the string or the style element.
  hb.registerHelper('cssString', (v: unknown) => cssString(v === undefined ? '' : String(v)));
  // The page counter in the report's language: `"第 " counter(page) " 页 / 共 " counter(pages) " 页"`.
  hb.registerHelper('pageCounter', (options: HelperOptions) =>
    reportLabel('page', langOf(options))
      .split(/(\{page\}|\{pages\})/)
      .filter((part) => part !== '')
      .map((part) =>
        part === '{page}' ? 'counter(page)' : part === '{pages}' ? 'counter(pages)' : cssString(part),
      )
      .join(' '),
  );
  // A dotted path with break opportunities after its separators, never inside a name.
  hb.registerHelper(
    'breakable',
    (v: unknown) =>
      new hb.SafeString(
        hb.Utils.escapeExpression(v === undefined ? '' : String(v)).replace(/([.\]/])/g, '$1<wbr>'),
      ),
  );
  return hb;
}

/** Text as a CSS string literal. */
export function cssString(text: string): string {
  return `"${text.replace(/[\\"<>\n\r]/g, (c) => `\\${c.codePointAt(0)?.toString(16)} `)}"`;
}

/** Text safe inside Markdown (and inside a table cell): no markup, no raw HTML, one line. */
export function escapeMarkdown(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/([\\`*_[\]|#])/g, '\\$1')
    .replace(/\r?\n/g, ' ');
}

function loadAll(): void {
  if (loaded) return;
  const hb = environment();
  for (const file of readdirSync(templatesDir).sort()) {
    if (!file.endsWith('.hbs')) continue;
    const name = file.slice(0, -'.hbs'.length);
    const source = readFileSync(join(templatesDir, file), 'utf8');
    hb.registerPartial(name, source);
    // Markdown is not HTML: its templates escape with the `md` helper instead.
    const markdown = name.endsWith('-md');
    compiled.set(name, hb.compile(source, { strict: false, noEscape: markdown }));
  }
  loaded = true;
}

/** The names of the bundled templates. */
export function templateNames(): string[] {
  loadAll();
  return [...compiled.keys()];
}

/** Renders a bundled template with a view. */
export function renderTemplate(name: string, view: unknown): string {
  loadAll();
  const template = compiled.get(name);
  if (!template) throw new Error(`no template \`${name}\` in ${templatesDir}`);
  return template(view);
}
