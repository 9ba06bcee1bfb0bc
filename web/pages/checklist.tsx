/** @jsxImportSource hono/jsx */
/**
 * Filling a checklist for a work order (web/client/checklist.ts): job details first, then the
 * sections in order, each item with touch-sized answers, N/A where the job makes it so, measured
 * values with their unit, evidence references; the live status and score, why it fails, submit.
 */
import { type CompiledDocument, labelOf } from '../../engine/index.ts';
import { textIn } from '../lang.ts';
import { messagesFor } from '../messages.ts';
import { valueText } from '../views/decision-table.ts';
import { href, Layout, type PageContext, tr } from './layout.tsx';
import { isMapping, label, SeverityBadge } from './parts.tsx';

interface FactField {
  name: string;
  description: string;
  kind: 'enum' | 'boolean' | 'number' | 'text';
  choices: string[];
  /** The document's `labels:` for the choices, in the page's language. */
  words: Record<string, string>;
  fallback?: string | number | boolean;
}

interface ItemField {
  key: string;
  text: string;
  severity: string;
  answer: string;
  unit?: string;
  choices: string[];
  /** The document's `labels:` for the choices, in the page's language. */
  words: Record<string, string>;
  evidence: string;
}

/** What the client module reads from the page. */
export interface ChecklistData {
  id: string;
  version: string;
  items: { key: string; text: string; answer: string }[];
  facts: { name: string; kind: FactField['kind'] }[];
  messages: Record<string, string>;
}

/** The facts a person can set on the page: enums, booleans, numbers and text (not objects or lists). */
function factFields(doc: CompiledDocument, lang: PageContext['lang']): FactField[] {
  const declared = isMapping(doc.data.facts) ? doc.data.facts : {};
  const out: FactField[] = [];
  for (const [name, raw] of Object.entries(declared)) {
    if (!isMapping(raw)) continue;
    const type = raw.type;
    const kind = Array.isArray(raw.enum)
      ? 'enum'
      : type === 'boolean'
        ? 'boolean'
        : type === 'number' || type === 'integer'
          ? 'number'
          : type === 'string'
            ? 'text'
            : undefined;
    if (!kind) continue;
    const fallback = raw.default;
    out.push({
      name,
      description: textIn(lang, raw.description ?? name),
      kind,
      choices: Array.isArray(raw.enum) ? raw.enum.map(String) : [],
      words: wordsOf(doc, lang, name, Array.isArray(raw.enum) ? raw.enum : []),
      ...(typeof fallback === 'string' || typeof fallback === 'number' || typeof fallback === 'boolean'
        ? { fallback }
        : {}),
    });
  }
  return out;
}

/** The words `labels:` gives a name's values in a language (only the values that have one). */
function wordsOf(doc: CompiledDocument, lang: PageContext['lang'], name: string, values: unknown[]) {
  const out: Record<string, string> = {};
  for (const v of values) {
    const word = labelOf(doc.labels, lang, name, v);
    if (word !== undefined) out[String(v)] = word;
  }
  return out;
}

function sectionsOf(doc: CompiledDocument, lang: PageContext['lang']) {
  const sections = (Array.isArray(doc.data.sections) ? doc.data.sections : []).filter(isMapping);
  return sections.map((s) => ({
    id: String(s.id),
    title: textIn(lang, s.title),
    sequential: s.order === 'sequential',
    items: (Array.isArray(s.items) ? s.items : []).filter(isMapping).map(
      (item): ItemField => ({
        key: `${String(s.id)}.${String(item.id)}`,
        text: textIn(lang, item.text),
        severity: String(item.severity ?? 'major'),
        answer: String(item.answer ?? 'boolean'),
        ...(item.unit !== undefined ? { unit: valueText(item.unit) } : {}),
        choices: Array.isArray(item.choices)
          ? item.choices.map((c) => (isMapping(c) ? String(c.id ?? c.value) : String(c)))
          : [],
        words: wordsOf(
          doc,
          lang,
          `${String(s.id)}.${String(item.id)}`,
          Array.isArray(item.choices) ? item.choices : [],
        ),
        evidence: String(item.evidence ?? 'none'),
      }),
    ),
  }));
}

export function ChecklistPage(props: { page: PageContext; doc: CompiledDocument; workOrder: string }) {
  const { page, doc } = props;
  const title = textIn(page.lang, doc.data.title ?? doc.title);
  const facts = factFields(doc, page.lang);
  const sections = sectionsOf(doc, page.lang);
  const data: ChecklistData = {
    id: doc.id,
    version: doc.version,
    items: sections.flatMap((s) => s.items.map((i) => ({ key: i.key, text: i.text, answer: i.answer }))),
    facts: facts.map((f) => ({ name: f.name, kind: f.kind })),
    messages: messagesFor(page.lang, ['checklist.', 'result.', 'reason.', 'severity.']),
  };
  return (
    <Layout page={page} title={tr(page, 'checklist.title', { title })} script="checklist" data={data}>
      <h1>{tr(page, 'checklist.title', { title })}</h1>
      <p>
        <a href={href(`/standards/${encodeURIComponent(doc.id)}`, { v: doc.version })}>
          {doc.id} · {tr(page, 'doc.version', { v: doc.version })}
        </a>
      </p>
      <p>{tr(page, 'checklist.intro')}</p>
      <form class="fill" id="checklist" novalidate>
        <fieldset>
          <legend>{tr(page, 'checklist.facts')}</legend>
          <div class="field">
            <label for="work-order">{tr(page, 'checklist.workOrder')}</label>
            <input id="work-order" name="workOrder" required value={props.workOrder} autocomplete="off" />
          </div>
          <div class="field">
            <label for="answered-by">{tr(page, 'checklist.by')}</label>
            <input id="answered-by" name="by" autocomplete="off" />
          </div>
          {facts.map((f) => (
            <div class="field">
              {f.kind === 'boolean' ? (
                <label class="check">
                  <input type="checkbox" data-fact={f.name} checked={f.fallback === true} /> {f.description}
                </label>
              ) : (
                <>
                  <label for={`fact-${f.name}`}>{f.description}</label>
                  {f.kind === 'enum' ? (
                    <select id={`fact-${f.name}`} data-fact={f.name}>
                      {f.choices.map((c) => (
                        <option value={c} selected={c === f.fallback}>
                          {f.words[c] ?? c}
                        </option>
                      ))}
                    </select>
                  ) : (
                    <input
                      id={`fact-${f.name}`}
                      data-fact={f.name}
                      type={f.kind === 'number' ? 'number' : 'text'}
                      step="any"
                      value={f.fallback === undefined ? '' : String(f.fallback)}
                    />
                  )}
                </>
              )}
            </div>
          ))}
        </fieldset>
        <section class="summary" aria-labelledby="summary-title">
          <h2 id="summary-title" class="sr-only">
            {tr(page, 'checklist.status')}
          </h2>
          <p class="big" id="status" role="status" aria-live="polite">
            {tr(page, 'checklist.status')}: {tr(page, 'result.incomplete')}
          </p>
          <div id="why-block" hidden>
            <h3>{tr(page, 'checklist.why')}</h3>
            <ul class="why" id="why" />
          </div>
        </section>
        {sections.map((s, n) => (
          <fieldset data-section={s.id}>
            <legend>
              {tr(page, 'doc.section', { n: n + 1 })}: {s.title}
              {s.sequential ? ` · ${tr(page, 'doc.sequential')}` : ''}
            </legend>
            {s.items.map((item) => (
              <ItemControl page={page} item={item} />
            ))}
          </fieldset>
        ))}
        <p>
          <button type="submit" id="submit">
            {tr(page, 'checklist.submit')}
          </button>
        </p>
        <div id="submitted" role="status" aria-live="polite" />
        <p>
          <a id="submitted-record" href="/records" hidden>
            {tr(page, 'checklist.record')}
          </a>
        </p>
      </form>
    </Layout>
  );
}

function ItemControl({ page, item }: { page: PageContext; item: ItemField }) {
  const id = `item-${item.key.replace(/[^\w-]/g, '_')}`;
  return (
    <fieldset class="item" data-item={item.key}>
      <legend>
        <span id={`${id}-text`}>{item.text}</span> <SeverityBadge page={page} severity={item.severity} />{' '}
        <span class="badge status-missing" data-status>
          {tr(page, 'result.missing')}
        </span>
      </legend>
      <div class="control">
        {item.answer === 'boolean' ? (
          <div class="choices">
            <label>
              <input type="radio" name={item.key} value="true" data-answer /> {tr(page, 'answer.pass')}
            </label>
            <label>
              <input type="radio" name={item.key} value="false" data-answer /> {tr(page, 'answer.fail')}
            </label>
          </div>
        ) : item.answer === 'choice' ? (
          <select data-answer aria-labelledby={`${id}-text`}>
            <option value="">—</option>
            {item.choices.map((c) => (
              <option value={c}>{item.words[c] ?? c}</option>
            ))}
          </select>
        ) : (
          <label>
            <span class="sr-only">{item.text}</span>
            {item.answer === 'number'
              ? `${tr(page, 'checklist.measured')}${item.unit ? ` (${item.unit})` : ''} `
              : ''}
            <input
              data-answer
              type={item.answer === 'number' ? 'number' : item.answer === 'date' ? 'date' : 'text'}
              step="any"
              inputmode={item.answer === 'number' ? 'decimal' : undefined}
            />
          </label>
        )}
      </div>
      {/* Every kind of answer takes a photo: required where the item asks for one, else optional. */}
      <div class="extra photo">
        <label>
          {tr(page, item.evidence === 'photo' ? 'checklist.photo' : 'checklist.photoOptional')}{' '}
          <input data-photo type="file" accept="image/jpeg,image/png,image/webp" capture="environment" />
        </label>
        <span data-photo-status role="status" />
        <img data-photo-preview alt={tr(page, 'checklist.photoPreview', { item: item.text })} hidden />
      </div>
      {item.evidence !== 'none' && item.evidence !== 'photo' ? (
        <div class="extra">
          <label>
            {tr(page, 'checklist.evidenceRef')} · {label(page, 'evidence', item.evidence)}{' '}
            <input data-evidence type="text" />
          </label>
        </div>
      ) : null}
    </fieldset>
  );
}
