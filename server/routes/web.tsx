/** @jsxImportSource hono/jsx */
/**
 * The web app under `/`: server-rendered pages over the same engine as the API, and their static
 * files. Pages read the index directly; their client modules use the HTTP API like any other
 * system. Every page carries a strict CSP: scripts, styles and fonts from this server only.
 */
import type { Context, Hono, MiddlewareHandler } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import {
  type CompiledDocument,
  caseReasons,
  type DocumentReport,
  diffVersions,
  diffView,
  findVersion,
  historyOf,
  isIsoDate,
  type Lang,
  NormaError,
  type StandardsIndex,
  testDocument,
  textOf,
  today,
} from '../../engine/index.ts';
import { DRAFT_RECORDED_DEFAULT } from '../../records/draft-recorded-diff.ts';
import { purge } from '../../records/purge.ts';
import type { RecordsService } from '../../records/service.ts';
import { chooseLang, LANG_COOKIE } from '../../web/lang.ts';
import { message } from '../../web/messages.ts';
import { CasePage, type CaseTitles } from '../../web/pages/case.tsx';
import { type CaseRow, type CaseSearch, CasesPage } from '../../web/pages/cases.tsx';
import { ChecklistPage } from '../../web/pages/checklist.tsx';
import { DiffPage } from '../../web/pages/diff.tsx';
import { DocumentPage } from '../../web/pages/document.tsx';
import { AuthoringOffPage, EditorPage } from '../../web/pages/editor.tsx';
import type { PageContext } from '../../web/pages/layout.tsx';
import { NotFoundPage } from '../../web/pages/not-found.tsx';
import {
  RecordPage,
  RecordsSearchPage,
  RecordsUnavailablePage,
  VerifyPage,
} from '../../web/pages/records.tsx';
import { HoldsPage, PurgePage } from '../../web/pages/records-admin.tsx';
import { SignInPage } from '../../web/pages/signin.tsx';
import { StandardsPage } from '../../web/pages/standards.tsx';
import { staticFile } from '../../web/static.ts';
import { draftText, namesOf, nextVersion, operators } from '../../web/views/draft.ts';
import { searchOf } from '../../web/views/records.ts';
import { standardsView } from '../../web/views/standards.ts';
import { accessControlled, callerOf, grantsOf, OPEN_CALLER } from '../auth.ts';
import { limitBody } from '../body.ts';
import type { AppEnv, ServerContext } from '../context.ts';
import { type Caller, mayDo } from '../scopes.ts';
import { csrfMatches, SESSION_COOKIE } from '../session.ts';
import { caseFilterOf } from './cases.ts';
import { filterOf } from './records.ts';
import type { RouteModule } from './route.ts';

/** The policy of every page: nothing inline, nothing from elsewhere, never framed. */
export const PAGE_CSP =
  "default-src 'self'; script-src 'self'; style-src 'self'; font-src 'self'; img-src 'self' data:; " +
  "connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

const PAGE_HEADERS = {
  'Content-Security-Policy': PAGE_CSP,
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'same-origin',
  'Cache-Control': 'no-store',
};

/** Whether a Hono route path is one of the web app's pages or static files (not API). */
export function isWebPage(path: string): boolean {
  return (
    path === '/' ||
    path === '/signin' ||
    path === '/signout' ||
    path === '/records' ||
    path === '/cases' ||
    /^\/(standards|static|records|cases)\//.test(path)
  );
}

/** The generated inputs a diff page compares the versions on: enough to show a change, fast to answer. */
const DIFF_PAGE_RUNS = 300;
const SEED = 20261128;

/** The pages and static files; not part of /openapi.json, which describes the API. */
export const webRoutes: RouteModule = {
  paths: {},
  mount(app, ctx) {
    const reports = new ReportCache();
    app.get('/static/*', async (c) => {
      const file = await staticFile(c.req.path.slice('/static/'.length));
      if (!file) return c.text('not found', 404);
      return c.body(file.body as Uint8Array<ArrayBuffer>, 200, {
        'Content-Type': file.type,
        'Cache-Control': file.cache,
        'X-Content-Type-Options': 'nosniff',
      });
    });
    signInRoutes(app, ctx);
    app.get('/', (c) => {
      const page = pageOf(c, ctx);
      const query = c.req.query('q') ?? '';
      const chapters = standardsView(c.get('index'), page.at, query);
      return html(c, <StandardsPage page={page} chapters={chapters} query={query} />);
    });
    app.get('/standards/:id', (c) =>
      orNotFound(c, ctx, async (page) => {
        const doc = documentOf(c, page);
        const history = historyOf(c.get('index'), doc.id, page.at);
        const report = await reports.of(doc);
        return html(c, <DocumentPage page={page} doc={doc} history={history} report={report} />);
      }),
    );
    app.get('/standards/:id/diff', (c) =>
      orNotFound(c, ctx, async (page) => {
        const index = c.get('index');
        const id = c.req.param('id');
        const history = historyOf(index, id, page.at);
        const versions = history.versions.filter((v) => !v.withheld).map((v) => v.version);
        const to = c.req.query('to') ?? history.inForce ?? versions.at(-1) ?? '';
        const from = c.req.query('from') ?? versions[Math.max(0, versions.indexOf(to) - 1)] ?? to;
        const report = diffVersions(index, id, from, to, { runs: DIFF_PAGE_RUNS, seed: SEED });
        const view = diffView(report);
        return html(
          c,
          <DiffPage page={page} report={report} view={view} title={history.title} versions={versions} />,
        );
      }),
    );
    app.get('/standards/:id/edit', (c) =>
      orNotFound(c, ctx, (page) => {
        if (!page.authoring) return html(c, <AuthoringOffPage page={page} />, 403);
        const index = c.get('index');
        const id = c.req.param('id');
        const history = historyOf(index, id, page.at);
        const latest =
          index.documents.get(id)?.at(-1) ?? findVersion(index, id, history.versions.at(-1)?.version ?? '');
        const version = nextVersion(history.versions.map((v) => v.version));
        const names = namesOf(latest);
        const data = {
          id,
          folder: latest.file.split('/')[0] ?? 'rules',
          inForce: history.inForce ?? null,
          facts: names.facts,
          outputs: names.outputs,
          operators: operators(),
          today: today(),
          recordedLast: ctx.records ? DRAFT_RECORDED_DEFAULT : null,
        };
        return html(
          c,
          <EditorPage page={page} title={history.title} text={draftText(latest, version)} data={data} />,
        );
      }),
    );
    app.get('/standards/:id/fill', (c) =>
      orNotFound(c, ctx, (page) => {
        const doc = documentOf(c, page);
        if (doc.kind !== 'checklist') {
          return html(
            c,
            <NotFoundPage page={page} message={message(page.lang, 'checklist.notAChecklist')} />,
            404,
          );
        }
        return html(c, <ChecklistPage page={page} doc={doc} workOrder={c.req.query('wo') ?? ''} />);
      }),
    );
    recordsPages(app, ctx);
    casePages(app, ctx);
  },
};

/** A work order's case: its stages, what is done, blocked, overdue, and the next step. */
function casePages(app: Hono<AppEnv>, ctx: ServerContext): void {
  app.get('/cases', async (c) => {
    const page = pageOf(c, ctx);
    const a = recordsAccess(c, ctx, page);
    if (!a.records) return a.refused;
    const search = caseSearchOf(c);
    const after = c.req.query('after');
    let filter: ReturnType<typeof caseFilterOf>;
    try {
      filter = caseFilterOf(c);
    } catch (e) {
      if (!(e instanceof NormaError)) throw e;
      return html(c, <CasesPage page={page} search={search} cases={[]} paged={false} problem={e.message} />);
    }
    const found = await a.records.cases.list(filter, { limit: RECORDS_PAGE, ...(after ? { after } : {}) });
    const now = new Date().toISOString();
    const titles = new Map<string, CaseTitles | undefined>();
    const rows = found.items.map((k): CaseRow => {
      const key = `${k.process.id}@${k.process.version}`;
      if (!titles.has(key))
        titles.set(key, titlesOf(c.get('index'), k.process.id, k.process.version, page.lang));
      const t = titles.get(key);
      return {
        caseId: k.caseId,
        subject: k.subject,
        process: { id: k.process.id, version: k.process.version, title: t?.process ?? k.process.id },
        stage: k.stage === null ? null : (t?.stages[k.stage]?.title ?? k.stage),
        openedAt: k.openedAt,
        nextDue: k.nextDue,
        overdue: k.nextDue !== null && k.nextDue < now,
      };
    });
    return html(
      c,
      <CasesPage page={page} search={search} cases={rows} next={found.next} paged={Boolean(after)} />,
    );
  });
  app.get('/cases/:caseId', async (c) => {
    const page = pageOf(c, ctx);
    const caller = accessControlled(ctx.options) ? ctx.sessions.of(c)?.caller : OPEN_CALLER;
    if (!ctx.records) return html(c, <RecordsUnavailablePage page={page} reason="off" />, 503);
    if (!caller || !mayDo(caller, 'read')) {
      return html(c, <RecordsUnavailablePage page={page} reason="forbidden" />, 403);
    }
    const id = c.req.param('caseId');
    const index = c.get('index');
    let kase: Awaited<ReturnType<typeof ctx.records.cases.view>>;
    try {
      kase = await ctx.records.cases.view(index, id);
    } catch (e) {
      if (!(e instanceof NormaError) || e.code !== 'case_unknown') throw e;
      return html(c, <NotFoundPage page={page} message={message(page.lang, 'case.unknown', { id })} />, 404);
    }
    const doc = findVersion(index, kase.process.id, kase.process.version);
    const reasons = caseReasons(doc, { facts: kase.facts, history: kase.history }, page.lang);
    return html(
      c,
      <CasePage page={page} kase={kase} titles={caseTitles(doc, page.lang)} reasons={reasons} />,
    );
  });
}

/** The search of the cases page, as its links keep it. */
function caseSearchOf(c: Context<AppEnv>): CaseSearch {
  const search: CaseSearch = {};
  for (const name of ['process', 'stage'] as const) {
    const v = c.req.query(name)?.trim();
    if (v) search[name] = v;
  }
  if (c.req.query('overdue') === 'true') search.overdue = 'true';
  return search;
}

/** A served process version's titles; a version no longer served lists by ids. */
function titlesOf(index: StandardsIndex, id: string, version: string, lang: Lang): CaseTitles | undefined {
  try {
    return caseTitles(findVersion(index, id, version), lang);
  } catch (e) {
    if (e instanceof NormaError) return undefined;
    throw e;
  }
}

/** The titles of a process's stages and steps, from its document. */
function caseTitles(doc: CompiledDocument, lang: Lang): CaseTitles {
  const stages = (doc.data.stages ?? []) as {
    id: string;
    title?: unknown;
    steps?: { id: string; title?: unknown }[];
  }[];
  // A title is a plain string or `{zh, en}`: the page's language, else the id.
  const titleOf = (title: unknown, id: string) => textOf(title, lang, doc.lang) || id;
  const events = (doc.data.events ?? {}) as Record<string, { title?: unknown } | null>;
  const deadlines = (doc.data.deadlines ?? []) as { id: string; title?: unknown }[];
  return {
    events: Object.fromEntries(Object.entries(events).map(([type, e]) => [type, titleOf(e?.title, type)])),
    deadlines: Object.fromEntries(deadlines.map((d) => [d.id, titleOf(d.title, d.id)])),
    process: textOf(doc.data.title, lang, doc.lang) || doc.title,
    stages: Object.fromEntries(
      stages.map((st) => [
        st.id,
        {
          title: titleOf(st.title, st.id),
          steps: Object.fromEntries((st.steps ?? []).map((step) => [step.id, titleOf(step.title, step.id)])),
        },
      ]),
    ),
  };
}

/**
 * The auditor's pages, read from the records store through RecordsService: records are shown
 * masked unless the signed-in caller may see personal data (`records:personal`), as the API does.
 */
function recordsPages(app: Hono<AppEnv>, ctx: ServerContext): void {
  const access = (c: Context<AppEnv>, page: PageContext) => recordsAccess(c, ctx, page);
  app.get('/records', async (c) => {
    const page = pageOf(c, ctx);
    const a = access(c, page);
    if (!a.records) return a.refused;
    const search = searchOf((name) => c.req.query(name));
    const after = c.req.query('after');
    let filter: ReturnType<typeof filterOf>;
    try {
      filter = filterOf(c);
    } catch (e) {
      if (!(e instanceof NormaError)) throw e;
      return html(
        c,
        <RecordsSearchPage page={page} search={search} records={[]} paged={false} problem={e.message} />,
      );
    }
    const found = await a.records.store.list(filter, { limit: RECORDS_PAGE, ...(after ? { after } : {}) });
    const shown = await Promise.all(found.items.map((r) => a.records.visible(c.get('index'), r, a.personal)));
    return html(
      c,
      <RecordsSearchPage
        page={page}
        search={search}
        records={shown}
        next={found.next}
        paged={Boolean(after)}
      />,
    );
  });
  app.get('/records/verify', async (c) => {
    const page = pageOf(c, ctx);
    const a = access(c, page);
    if (!a.records) return a.refused;
    return html(c, <VerifyPage page={page} report={await a.records.store.verify()} />);
  });
  app.get('/records/holds', async (c) => {
    const page = pageOf(c, ctx);
    const a = access(c, page);
    if (!a.records) return a.refused;
    const holds = await a.records.store.holds();
    return html(c, <HoldsPage page={page} holds={holds} mayHold={mayDo(a.caller, 'records:hold')} />);
  });
  app.get('/records/purge', async (c) => {
    const page = pageOf(c, ctx);
    const a = access(c, page);
    if (!a.records) return a.refused;
    const approvers = {
      admin: c.req.query('admin')?.trim() ?? '',
      manager: c.req.query('manager')?.trim() ?? '',
    };
    const log = await a.records.store.destructions();
    const destroyed = /^\d+$/.test(c.req.query('destroyed') ?? '')
      ? Number(c.req.query('destroyed'))
      : undefined;
    // As the API: a dry run is a purge's first half, so it needs records:purge (an open server never has it).
    if (!mayDo(a.caller, 'records:purge')) {
      return html(c, <PurgePage page={page} approvers={approvers} log={log} />, 403);
    }
    const approvals = [
      { name: approvers.admin, role: 'records-administrator' },
      { name: approvers.manager, role: 'after-sales-manager' },
    ].filter((x) => x.name !== '');
    const plan = await purge(c.get('index'), a.records.store, today(), approvals, true);
    return html(
      c,
      <PurgePage page={page} approvers={approvers} plan={plan} log={log} destroyed={destroyed} />,
    );
  });
  app.get('/records/:decisionId', async (c) => {
    const page = pageOf(c, ctx);
    const a = access(c, page);
    if (!a.records) return a.refused;
    const id = c.req.param('decisionId');
    const record = await a.records.store.get(id);
    if (!record)
      return html(
        c,
        <NotFoundPage page={page} message={message(page.lang, 'record.unknown', { id })} />,
        404,
      );
    return html(
      c,
      <RecordPage page={page} record={await a.records.visible(c.get('index'), record, a.personal)} />,
    );
  });
}

/** What the signed-in caller may do with records (every scope on an open server but purging). */
export type RecordsAccess =
  | { refused: Response; records?: undefined }
  | { records: RecordsService; caller: Caller; personal: boolean; refused?: undefined };

/**
 * The records service and the caller when it may read records (`records:read`), with whether it may
 * see personal data; else the page saying why not (recording off, or a token without the scope).
 */
export function recordsAccess(c: Context<AppEnv>, ctx: ServerContext, page: PageContext): RecordsAccess {
  const caller = accessControlled(ctx.options) ? ctx.sessions.of(c)?.caller : OPEN_CALLER;
  if (!ctx.records) return { refused: html(c, <RecordsUnavailablePage page={page} reason="off" />, 503) };
  if (!caller || !mayDo(caller, 'records:read')) {
    return { refused: html(c, <RecordsUnavailablePage page={page} reason="forbidden" />, 403) };
  }
  return { records: ctx.records, caller, personal: mayDo(caller, 'records:personal') };
}

/** Records per page of the search: a screenful, the rest behind the next-page link. */
const RECORDS_PAGE = 50;

/** The page context of a request; remembers a language chosen with `?lang=` in a cookie. */
function pageOf(c: Context<AppEnv>, ctx: ServerContext): PageContext {
  const { lang, remember } = chooseLang({
    query: c.req.query('lang'),
    cookie: getCookie(c, LANG_COOKIE),
    acceptLanguage: c.req.header('accept-language'),
  });
  if (remember) setCookie(c, LANG_COOKIE, lang, { path: '/', sameSite: 'Lax', maxAge: 365 * 86400 });
  const at = c.req.query('at');
  const session = accessControlled(ctx.options) ? ctx.sessions.of(c) : undefined;
  return {
    lang,
    url: new URL(c.req.url),
    authoring: ctx.options.authoring === true,
    at: at !== undefined && isIsoDate(at) ? at : today(),
    ...(session ? { csrf: session.csrf } : {}),
  };
}

/**
 * With tokens set (NORMA_TOKENS or NORMA_TOKENS_FILE), every page needs a session: a browser without one is sent to sign in
 * (and back). Static files stay open: they hold no standard's content.
 */
function signInRoutes(app: Hono<AppEnv>, ctx: ServerContext): void {
  if (!accessControlled(ctx.options)) return;
  const grants = grantsOf(ctx.options);
  const guard: MiddlewareHandler<AppEnv> = async (c, next) => {
    if (ctx.sessions.of(c)) return next();
    return c.redirect(`/signin?next=${encodeURIComponent(c.req.path + new URL(c.req.url).search)}`, 303);
  };
  app.use('/', guard);
  app.use('/standards/*', guard);
  app.use('/records', guard);
  app.use('/records/*', guard);
  app.use('/cases', guard);
  app.use('/cases/*', guard);
  app.get('/signin', (c) => {
    const page = pageOf(c, ctx);
    return html(
      c,
      <SignInPage page={page} next={localPath(c.req.query('next'))} failed={c.req.query('failed') === '1'} />,
    );
  });
  app.post('/signin', limitBody(4096), async (c) => {
    const form = await c.req.parseBody();
    const next = localPath(typeof form.next === 'string' ? form.next : undefined);
    const token = typeof form.token === 'string' ? form.token.trim() : '';
    const caller = callerOf(grants, token);
    if (!caller) return c.redirect(`/signin?failed=1&next=${encodeURIComponent(next)}`, 303);
    const session = ctx.sessions.create(caller);
    setCookie(c, SESSION_COOKIE, session.id, {
      path: '/',
      httpOnly: true,
      sameSite: 'Strict',
      secure: new URL(c.req.url).protocol === 'https:',
      maxAge: Math.floor(ctx.sessions.ttlMs / 1000),
    });
    return c.redirect(next, 303);
  });
  app.post('/signout', limitBody(4096), async (c) => {
    const session = ctx.sessions.of(c);
    const form = await c.req.parseBody();
    // Signing out changes state too: only the page's own form (with the CSRF token) may.
    if (session && csrfMatches(session, typeof form.csrf === 'string' ? form.csrf : undefined)) {
      ctx.sessions.delete(session.id);
      deleteCookie(c, SESSION_COOKIE, { path: '/' });
    }
    return c.redirect('/signin', 303);
  });
}

/** A path on this server to go back to after signing in; anything else (`//evil`, a URL) is `/`. */
export function localPath(next: string | undefined): string {
  return next && /^\/(?![/\\])/.test(next) ? next : '/';
}

/** The version `?v=` names, else the one in force at the page's date, else the latest served. */
function documentOf(c: Context<AppEnv>, page: PageContext): CompiledDocument {
  const index = c.get('index');
  const id = c.req.param('id') ?? '';
  const v = c.req.query('v');
  if (v) return findVersion(index, id, v);
  const history = historyOf(index, id, page.at);
  const served = index.documents.get(id) ?? [];
  const chosen = served.find((d) => d.version === history.inForce) ?? served.at(-1);
  if (!chosen) return findVersion(index, id, history.versions.at(-1)?.version ?? '');
  return chosen;
}

function html(c: Context<AppEnv>, body: unknown, status: 200 | 403 | 404 | 503 = 200): Response {
  return c.html(`<!doctype html>${String(body)}`, status, PAGE_HEADERS);
}

/** Renders a page, or the not-found page for an unknown standard or version. */
async function orNotFound(
  c: Context<AppEnv>,
  ctx: ServerContext,
  render: (page: PageContext) => Promise<Response> | Response,
): Promise<Response> {
  const page = pageOf(c, ctx);
  try {
    return await render(page);
  } catch (e) {
    if (!(e instanceof NormaError)) throw e;
    const id = c.req.param('id') ?? '';
    // A version the lock withholds is shown as the API says it: listed, with why nothing decides.
    if (e.code === 'lock_standard_withheld') {
      return html(
        c,
        <NotFoundPage page={page} title={message(page.lang, 'status.withheld')} message={e.message} />,
        503,
      );
    }
    if (e.code !== 'standard_unknown' && e.code !== 'version_unknown') throw e;
    const text =
      e.code === 'standard_unknown'
        ? message(page.lang, 'error.unknownStandard', { id })
        : message(page.lang, 'error.unknownVersion', { id, v: c.req.query('v') ?? c.req.query('to') ?? '' });
    return html(c, <NotFoundPage page={page} message={text} />, 404);
  }
}

/** A document's test report, once per digest: the tests of a version never change. */
class ReportCache {
  readonly #reports = new Map<string, Promise<DocumentReport>>();
  of(doc: CompiledDocument): Promise<DocumentReport> {
    const key = `${doc.file}\u0000${doc.digest}`;
    let report = this.#reports.get(key);
    if (!report) {
      // A small bound: the cache holds one entry per version looked at, not per request.
      if (this.#reports.size > 500) this.#reports.clear();
      report = testDocument(doc, { runs: 100, seed: SEED });
      this.#reports.set(key, report);
      report.catch(() => this.#reports.delete(key));
    }
    return report;
  }
}
