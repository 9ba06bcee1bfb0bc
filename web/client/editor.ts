/**
 * The editor page: CodeMirror 6 with YAML, the engine's diagnostics at their lines as you type
 * (debounced, via POST /v1/validate), completion of the document's facts and outputs and of the
 * operators, running the draft's tests, saving it as a draft and approving it.
 */
import { autocompletion, type CompletionContext, type CompletionResult } from '@codemirror/autocomplete';
import { yaml } from '@codemirror/lang-yaml';
import { type Diagnostic, linter, lintGutter } from '@codemirror/lint';
import { basicSetup, EditorView } from 'codemirror';
import type { EditorData } from '../views/editor-data.ts';
import { errorOf, pageData, say, send, showLines } from './api.ts';

interface ServerDiagnostic {
  code: string;
  message: string;
  severity?: 'error' | 'warning' | 'info';
  line?: number;
  col?: number;
  hint?: string;
}

const data = pageData<EditorData>();
const t = (key: string, vars?: Record<string, string | number>) => say(data.messages, key, vars);
const textarea = document.getElementById('source') as HTMLTextAreaElement | null;
const host = document.getElementById('editor');
let savedVersion: string | undefined;

/** The version the text declares, for the file name the server checks it under. */
function versionOf(text: string): string {
  return /^version:\s*["']?([^"'\s#]+)/m.exec(text)?.[1] ?? 'draft';
}

/** The engine's diagnostics of the text, as CodeMirror's, and listed beside the editor. */
async function check(view: EditorView): Promise<Diagnostic[]> {
  const text = view.state.doc.toString();
  const file = `${data.folder}/${data.id}/${versionOf(text)}.yaml`;
  const status = document.getElementById('diagnostics-status');
  if (status) status.textContent = t('editor.checking');
  const res = await send('POST', `/v1/validate?file=${encodeURIComponent(file)}`, text, 'application/yaml');
  if (view.state.doc.toString() !== text) return [];
  const list = (res.body.diagnostics as ServerDiagnostic[] | undefined) ?? [];
  render(list);
  return list.map((d) => {
    const line = view.state.doc.line(Math.min(Math.max(d.line ?? 1, 1), view.state.doc.lines));
    const from = Math.min(line.from + Math.max((d.col ?? 1) - 1, 0), line.to);
    return {
      from,
      to: Math.max(line.to, from),
      severity: d.severity ?? 'error',
      message: d.hint ? `${d.message} (${d.hint})` : d.message,
      source: d.code,
    };
  });
}

function render(list: ServerDiagnostic[]): void {
  const status = document.getElementById('diagnostics-status');
  const errors = list.filter((d) => (d.severity ?? 'error') === 'error');
  if (status)
    status.textContent = errors.length === 0 ? t('editor.valid') : t('editor.errors', { n: errors.length });
  const ul = document.getElementById('diagnostics');
  ul?.replaceChildren(
    ...list.map((d) => {
      const li = document.createElement('li');
      li.className = d.severity ?? 'error';
      li.dataset.line = String(d.line ?? '');
      li.dataset.code = d.code;
      const where = d.line ? `${t('editor.line', { line: d.line })}: ` : '';
      li.textContent = `${where}${d.message}${d.hint ? ` (${d.hint})` : ''} [${d.code}]`;
      return li;
    }),
  );
}

/** Facts and outputs after a key position or `fact:`; operators inside a condition's mapping. */
function complete(context: CompletionContext): CompletionResult | null {
  const word = context.matchBefore(/[\w.$-]*/);
  if (!word || (word.from === word.to && !context.explicit)) return null;
  return {
    from: word.from,
    options: [
      ...data.facts.map((label) => ({ label, type: 'variable', detail: 'fact' })),
      ...data.outputs.map((label) => ({ label, type: 'property', detail: 'output' })),
      ...data.operators.map((label) => ({ label, type: 'keyword', detail: 'operator' })),
    ],
    validFor: /^[\w.$-]*$/,
  };
}

/**
 * The editor lives in a shadow root: CodeMirror's styles then go into constructed style sheets,
 * which the page's CSP (`style-src 'self'`, no inline styles) allows, instead of a <style> element.
 */
function shadowHost(): ShadowRoot | undefined {
  if (!host) return undefined;
  const box = document.createElement('div');
  box.className = 'cm-host';
  host.append(box);
  return box.attachShadow({ mode: 'open' });
}

const root = shadowHost();
const labelText = document.getElementById('source-label')?.textContent?.trim() ?? 'YAML';
const view =
  root && textarea
    ? new EditorView({
        doc: textarea.value,
        root,
        parent: root,
        extensions: [
          basicSetup,
          yaml(),
          lintGutter(),
          linter(check, { delay: 150 }),
          autocompletion({ override: [complete] }),
          // A label across the shadow boundary cannot be referenced by id: its text is given instead.
          EditorView.contentAttributes.of({ 'aria-label': labelText, tabindex: '0' }),
          EditorView.theme({
            '&': { height: '36rem', fontSize: '0.95rem' },
            '.cm-scroller': { fontFamily: 'ui-monospace, Menlo, Consolas, monospace, "Noto Sans SC"' },
          }),
        ],
      })
    : undefined;
if (view && textarea) {
  textarea.hidden = true;
  textarea.setAttribute('aria-hidden', 'true');
}

const text = () => view?.state.doc.toString() ?? textarea?.value ?? '';
const results = document.getElementById('results');

document.getElementById('run-tests')?.addEventListener('click', async () => {
  const res = await send(
    'POST',
    `/v1/standards/${encodeURIComponent(data.id)}/drafts/check`,
    text(),
    'application/yaml',
  );
  const error = errorOf(res.body);
  if (error)
    return showLines(results, [{ text: t('editor.failed', { message: error.message }), cls: 'warn' }]);
  if (res.body.valid !== true) {
    render((res.body.diagnostics as ServerDiagnostic[]) ?? []);
    return showLines(results, [
      { text: t('editor.failed', { message: t('editor.diagnostics') }), cls: 'warn' },
    ]);
  }
  const tests = res.body.tests as {
    total: number;
    passed: number;
    failures: { name: string; message: string }[];
  };
  const against = res.body.against as
    | { version: string; changes: number; runs: number; changed: number; lines: string[] }
    | undefined;
  showLines(results, [
    {
      text: t('editor.testsPassed', { passed: tests.passed, total: tests.total }),
      cls: tests.failures.length === 0 ? 'ok' : 'warn',
    },
    ...tests.failures.map((f) => ({
      text: `${t('editor.testFailed', { name: f.name })}: ${f.message}`,
      cls: 'warn',
    })),
    against
      ? {
          text: t('editor.diffAgainst', {
            v: against.version,
            n: against.changes,
            changed: against.changed,
            runs: against.runs,
          }),
        }
      : { text: t('editor.noInForce') },
    ...(against?.lines ?? []).map((line) => ({ text: line, cls: 'note' })),
  ]);
});

/** An outcome as one line: `approver=service-manager`, `status=fail`. */
function outcomeText(outcome: Record<string, unknown>): string {
  const text = Object.entries(outcome).map(
    ([k, v]) => `${k}=${typeof v === 'string' ? v : JSON.stringify(v)}`,
  );
  return text.length > 0 ? text.join(', ') : '—';
}

interface ChangedDecision {
  decisionId: string;
  recordedAt: string;
  subject: { type: string; id: string } | null;
  version: string;
  from: Record<string, unknown>;
  to: Record<string, unknown>;
}

/** The unsaved draft on the latest recorded decisions: each one it would change, linked to its record. */
document.getElementById('diff-recorded')?.addEventListener('click', async () => {
  const out = document.getElementById('recorded-results');
  const res = await send(
    'POST',
    `/v1/standards/${encodeURIComponent(data.id)}/drafts/diff/recorded`,
    text(),
    'application/yaml',
  );
  const error = errorOf(res.body);
  if (error) return showLines(out, [{ text: t('editor.failed', { message: error.message }), cls: 'warn' }]);
  if (res.body.valid !== true) {
    render((res.body.diagnostics as ServerDiagnostic[]) ?? []);
    return showLines(out, [{ text: t('editor.failed', { message: t('editor.diagnostics') }), cls: 'warn' }]);
  }
  const { examined, changed } = res.body as { examined: number; changed: number };
  const decisions = (res.body.decisions as ChangedDecision[]) ?? [];
  showLines(out, [
    { text: t('editor.recordedSummary', { examined, changed }), cls: changed === 0 ? 'ok' : 'warn' },
    ...(changed === 0 ? [{ text: t('editor.recordedNone') }] : []),
  ]);
  if (!out || decisions.length === 0) return;
  const list = document.createElement('ul');
  list.id = 'recorded-changes';
  for (const d of decisions) {
    const li = document.createElement('li');
    li.dataset.decision = d.decisionId;
    const link = document.createElement('a');
    link.href = `/records/${encodeURIComponent(d.decisionId)}`;
    link.textContent = d.subject ? `${d.subject.id}` : d.decisionId;
    li.append(
      link,
      ` · ${t('editor.recordedChange', { v: d.version, from: outcomeText(d.from), to: outcomeText(d.to) })}`,
    );
    list.append(li);
  }
  out.append(list);
});

document.getElementById('save')?.addEventListener('click', async () => {
  const res = await send(
    'POST',
    `/v1/standards/${encodeURIComponent(data.id)}/drafts`,
    text(),
    'application/yaml',
  );
  const error = errorOf(res.body);
  if (error)
    return showLines(results, [{ text: t('editor.failed', { message: error.message }), cls: 'warn' }]);
  const saved = res.body.saved as { version: string; file: string } | undefined;
  if (!saved) {
    render((res.body.diagnostics as ServerDiagnostic[]) ?? []);
    return showLines(results, [
      { text: t('editor.failed', { message: t('editor.diagnostics') }), cls: 'warn' },
    ]);
  }
  savedVersion = saved.version;
  showLines(results, [{ text: t('editor.saved', { v: saved.version, file: saved.file }), cls: 'ok' }]);
  const panel = document.getElementById('approve-panel');
  if (panel) panel.hidden = false;
});

document.getElementById('approve')?.addEventListener('submit', async (event) => {
  event.preventDefault();
  const form = event.target as HTMLFormElement;
  const out = document.getElementById('approve-result');
  if (!savedVersion) return;
  const fields = new FormData(form);
  const body = JSON.stringify({
    effective: String(fields.get('effective') ?? ''),
    by: String(fields.get('by') ?? ''),
  });
  const path = `/v1/standards/${encodeURIComponent(data.id)}/versions/${encodeURIComponent(savedVersion)}/approve`;
  const res = await send('POST', path, body, 'application/json');
  const error = errorOf(res.body);
  if (error) return showLines(out, [{ text: t('editor.failed', { message: error.message }), cls: 'warn' }]);
  const done = res.body as { version: string; effective: string };
  showLines(out, [{ text: t('editor.approved', { v: done.version, effective: done.effective }), cls: 'ok' }]);
  const link = document.createElement('a');
  link.href = `/standards/${encodeURIComponent(data.id)}?v=${encodeURIComponent(done.version)}`;
  link.textContent = `${data.id} ${done.version}`;
  out?.append(link);
});
