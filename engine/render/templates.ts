/**
 * The report templates (`templates/*.hbs`): one Handlebars environment of norma's own, with its
 * helpers, every template also registered as a partial (`{{> print-css}}`), compiled once.
 * HTML templates escape everything (`{{x}}`); Markdown templates escape through `{{md x}}`.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Handlebars from 'handlebars';
import { formatValue } from '../diff/report.ts';
import { isMessageKey, t } from '../i18n/catalogue.ts';
import { describeCondition } from './describe.ts';

/** Where the bundled templates live. */
export const templatesDir = fileURLToPath(new URL('../../templates/', import.meta.url));

type Template = (context: unknown) => string;

const hb = Handlebars.create();
const compiled = new Map<string, Template>();
let loaded = false;

hb.registerHelper('eq', (a: unknown, b: unknown) => a === b);
hb.registerHelper('or', (...args: unknown[]) => args.slice(0, -1).some(Boolean));
hb.registerHelper('inc', (n: unknown) => (typeof n === 'number' ? n + 1 : n));
hb.registerHelper('show', (v: unknown) => (v === undefined ? '' : formatValue(v)));
hb.registerHelper('json', (v: unknown) => JSON.stringify(v, null, 2) ?? '');
hb.registerHelper('condition', (v: unknown) => describeCondition(v));
hb.registerHelper('join', (v: unknown, sep: unknown) =>
  Array.isArray(v)
    ? v.map(String).join(typeof sep === 'string' ? sep : ', ')
    : v === undefined
      ? ''
      : String(v),
);
// `{{t "report.item"}}`: a heading from the catalogue in the report's language (the view's `lang`).
hb.registerHelper('t', (key: unknown, options: { data?: { root?: { lang?: unknown } } }) => {
  const lang = options?.data?.root?.lang === 'en' ? 'en' : 'zh';
  return typeof key === 'string' && isMessageKey(key) ? t(key, lang) : String(key);
});
hb.registerHelper('md', (v: unknown) => escapeMarkdown(v === undefined ? '' : String(v)));

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
