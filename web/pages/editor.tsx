/** @jsxImportSource hono/jsx */
/**
 * The editor: a new draft of a standard in CodeMirror (web/client/editor.ts), checked as it is
 * typed, its tests run, saved as a new draft file, and approved with an effective date. Without
 * JavaScript the YAML is in a plain text area.
 */
import { textIn } from '../lang.ts';
import { messagesFor } from '../messages.ts';
import type { EditorData } from '../views/editor-data.ts';
import { href, Layout, type PageContext, tr } from './layout.tsx';

export function EditorPage(props: {
  page: PageContext;
  title: string;
  text: string;
  data: Omit<EditorData, 'messages'>;
}) {
  const { page, data } = props;
  const heading = tr(page, 'editor.title', { id: data.id });
  const full: EditorData = { ...data, messages: messagesFor(page.lang, ['editor.', 'severity.', 'result.']) };
  return (
    <Layout page={page} title={heading} script="editor" data={full}>
      <h1>{heading}</h1>
      <p>
        <a href={href(`/standards/${encodeURIComponent(data.id)}`)}>{textIn(page.lang, props.title)}</a>
      </p>
      <p>{tr(page, 'editor.intro')}</p>
      <div class="editor-layout">
        <div>
          <label for="source" id="source-label">
            {tr(page, 'editor.label', { id: data.id })}
          </label>
          <div class="editor-host" id="editor">
            <textarea id="source" name="source" spellcheck={false}>
              {props.text}
            </textarea>
          </div>
          <noscript>
            <p>{tr(page, 'editor.needsJs')}</p>
          </noscript>
        </div>
        <div>
          <section class="panel" aria-labelledby="diagnostics-title">
            <h2 id="diagnostics-title">{tr(page, 'editor.diagnostics')}</h2>
            <p id="diagnostics-status" role="status" aria-live="polite">
              {tr(page, 'editor.checking')}
            </p>
            <ul class="diagnostics" id="diagnostics" />
          </section>
          <section class="panel" aria-labelledby="actions-title">
            <h2 id="actions-title">{tr(page, 'editor.runTests')}</h2>
            <p class="actions">
              <button type="button" id="run-tests" class="secondary">
                {tr(page, 'editor.runTests')}
              </button>
              <button type="button" id="save">
                {tr(page, 'editor.save')}
              </button>
            </p>
            <div id="results" role="status" aria-live="polite" />
          </section>
          {data.recordedLast !== null ? (
            <section class="panel" aria-labelledby="recorded-title">
              <h2 id="recorded-title">{tr(page, 'editor.recordedTitle')}</h2>
              <p>{tr(page, 'editor.recordedIntro', { n: data.recordedLast })}</p>
              <p class="actions">
                <button type="button" id="diff-recorded" class="secondary">
                  {tr(page, 'editor.recordedRun')}
                </button>
              </p>
              <div id="recorded-results" role="status" aria-live="polite" />
            </section>
          ) : null}
          <section class="panel" aria-labelledby="approve-title" id="approve-panel" hidden>
            <h2 id="approve-title">{tr(page, 'editor.approveTitle')}</h2>
            <form id="approve">
              <div class="field">
                <label for="approver">{tr(page, 'editor.approver')}</label>
                <input id="approver" name="by" required maxlength={100} autocomplete="name" />
              </div>
              <div class="field">
                <label for="effective">{tr(page, 'editor.effective')}</label>
                <input
                  id="effective"
                  name="effective"
                  type="date"
                  required
                  min={data.today}
                  value={data.today}
                />
              </div>
              <button type="submit">{tr(page, 'editor.approve')}</button>
            </form>
            <div id="approve-result" role="status" aria-live="polite" />
          </section>
        </div>
      </div>
    </Layout>
  );
}

export function AuthoringOffPage(props: { page: PageContext }) {
  return (
    <Layout page={props.page} title={tr(props.page, 'doc.edit')}>
      <h1>{tr(props.page, 'doc.edit')}</h1>
      <p>{tr(props.page, 'editor.off')}</p>
    </Layout>
  );
}
