/** @jsxImportSource hono/jsx */
/**
 * The frame of every page: language, title, the stylesheet and font from this server, a skip
 * link, the navigation with the language switch, and the page's own client module if it has one.
 */
import type { Child } from 'hono/jsx';
import { type Lang, type MessageKey, message } from '../messages.ts';

/** What every page is rendered with. */
export interface PageContext {
  lang: Lang;
  /** The request URL (for the language switch, which keeps the rest of the query). */
  url: URL;
  /** Whether editing and approving are enabled on this server. */
  authoring: boolean;
  /** The date pages are shown at (today unless `?at=`). */
  at: string;
  /** The signed-in session's CSRF token, when the server has tokens (client modules send it). */
  csrf?: string;
}

/** A message in the page's language. */
export function tr(page: PageContext, key: MessageKey, vars?: Record<string, string | number>): string {
  return message(page.lang, key, vars);
}

/** A link to a path in the page's language (the cookie keeps it; the query says so for sharing). */
export function href(path: string, query: Record<string, string | undefined> = {}): string {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) if (v !== undefined && v !== '') params.set(k, v);
  const q = params.toString();
  return q ? `${path}?${q}` : path;
}

export function Layout(props: {
  page: PageContext;
  title: string;
  /** A client module in web/static/ (`editor` → /static/editor.js). */
  script?: string;
  /** Data the client module reads (JSON in a non-executable script element). */
  data?: unknown;
  children: Child;
}) {
  const { page } = props;
  const other: Lang = page.lang === 'zh' ? 'en' : 'zh';
  const switchUrl = new URL(page.url);
  switchUrl.searchParams.set('lang', other);
  return (
    <html lang={page.lang === 'zh' ? 'zh-CN' : 'en'}>
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{`${props.title} · ${tr(page, 'app.name')}`}</title>
        <link rel="icon" href="data:," />
        {page.csrf ? <meta name="csrf-token" content={page.csrf} /> : null}
        <link rel="stylesheet" href="/static/fonts/noto-sans-sc-400.css" />
        <link rel="stylesheet" href="/static/app.css" />
        {props.script ? <script type="module" src={`/static/${props.script}.js`} /> : null}
      </head>
      <body>
        <a class="skip" href="#main">
          {tr(page, 'app.skip')}
        </a>
        <header class="top">
          <nav aria-label={tr(page, 'app.name')}>
            <a class="brand" href="/">
              {tr(page, 'app.name')}
            </a>
            <a href="/">{tr(page, 'nav.standards')}</a>
            <a href="/records">{tr(page, 'nav.records')}</a>
            <a href="/cases">{tr(page, 'nav.cases')}</a>
            <a
              class="lang"
              href={`${switchUrl.pathname}${switchUrl.search}`}
              lang={other === 'zh' ? 'zh-CN' : 'en'}
              title={tr(page, 'nav.languageLabel')}
            >
              {tr(page, 'nav.language')}
            </a>
            {page.csrf ? (
              <form method="post" action="/signout" class="signout">
                <input type="hidden" name="csrf" value={page.csrf} />
                <button type="submit" class="link">
                  {tr(page, 'signin.out')}
                </button>
              </form>
            ) : null}
          </nav>
        </header>
        <main id="main">{props.children}</main>
        {props.data === undefined ? null : (
          <script
            type="application/json"
            id="page-data"
            // Data, never run: `<` is escaped so no text in it can close the element.
            dangerouslySetInnerHTML={{ __html: JSON.stringify(props.data).replace(/</g, '\\u003c') }}
          />
        )}
      </body>
    </html>
  );
}
