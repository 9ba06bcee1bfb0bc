/** @jsxImportSource hono/jsx */
/**
 * The cases list: work-order cases by process, stage and overdue (the same listing as
 * `GET /v1/cases`), in keyset pages, each linking its case page. It shows where a case stands,
 * never its facts: the personal data a case may hold stays on no list.
 */
import { href, Layout, type PageContext, tr } from './layout.tsx';
import { LocalTime, SearchSummary } from './parts.tsx';
import { RecordsNav } from './records.tsx';

/** One listed case, as the page shows it. */
export interface CaseRow {
  caseId: string;
  subject: { type: string; id: string };
  process: { id: string; version: string; title: string };
  /** The current stage's title, null once complete. */
  stage: string | null;
  openedAt: string;
  nextDue: string | null;
  overdue: boolean;
}

/** The search the page keeps in its links. */
export interface CaseSearch {
  process?: string;
  stage?: string;
  overdue?: 'true';
}

export function casesLink(search: CaseSearch, extra: Record<string, string> = {}): string {
  return href('/cases', { ...search, ...extra });
}

export function CasesPage(props: {
  page: PageContext;
  search: CaseSearch;
  cases: CaseRow[];
  next?: string | undefined;
  paged: boolean;
  problem?: string | undefined;
}) {
  const { page, search, cases } = props;
  return (
    <Layout page={page} title={tr(page, 'cases.title')}>
      <h1>{tr(page, 'cases.title')}</h1>
      <p>{tr(page, 'cases.intro')}</p>
      <RecordsNav page={page} />
      <search>
        <form class="records-search" method="get" action="/cases">
          <p class="field">
            <label for="c-process">{tr(page, 'cases.process')}</label>
            <input id="c-process" name="process" value={search.process ?? ''} />
          </p>
          <p class="field">
            <label for="c-stage">{tr(page, 'cases.stage')}</label>
            <input id="c-stage" name="stage" value={search.stage ?? ''} />
          </p>
          <p class="field">
            <label class="check">
              <input id="c-overdue" type="checkbox" name="overdue" value="true" checked={!!search.overdue} />{' '}
              {tr(page, 'cases.overdue')}
            </label>
          </p>
          <p>
            <button type="submit">{tr(page, 'cases.search')}</button>
          </p>
        </form>
      </search>
      <SearchSummary page={page} prefix="cases" problem={props.problem} n={cases.length} />
      {cases.length > 0 ? (
        <div class="scroll" tabindex={0}>
          <table class="cases">
            <thead>
              <tr>
                <th scope="col">{tr(page, 'cases.col.subject')}</th>
                <th scope="col">{tr(page, 'cases.col.process')}</th>
                <th scope="col">{tr(page, 'cases.col.stage')}</th>
                <th scope="col">{tr(page, 'cases.col.nextDue')}</th>
                <th scope="col">{tr(page, 'cases.col.openedAt')}</th>
              </tr>
            </thead>
            <tbody>
              {cases.map((k) => (
                <tr data-case={k.caseId}>
                  <td>
                    <a
                      href={href(`/cases/${k.caseId}`)}
                    >{`${subjectLabel(page, k.subject.type)} ${k.subject.id}`}</a>
                  </td>
                  <td>
                    {k.process.title} <code>{`${k.process.id} ${k.process.version}`}</code>
                  </td>
                  <td>
                    {k.stage === null ? (
                      <span class="badge state-done">{tr(page, 'cases.complete')}</span>
                    ) : (
                      k.stage
                    )}
                  </td>
                  <td>
                    <LocalTime at={k.nextDue ?? undefined} />{' '}
                    {k.overdue ? <span class="badge state-blocked">{tr(page, 'cases.late')}</span> : null}
                  </td>
                  <td>
                    <LocalTime at={k.openedAt} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      <p class="actions">
        {props.paged ? <a href={casesLink(search)}>{tr(page, 'cases.first')}</a> : null}
        {props.next ? (
          <>
            {props.paged ? ' · ' : ''}
            <a id="next-page" rel="next" href={casesLink(search, { after: props.next })}>
              {tr(page, 'cases.next')}
            </a>
          </>
        ) : null}
      </p>
    </Layout>
  );
}

function subjectLabel(page: PageContext, type: string): string {
  return type === 'work-order' || type === 'vehicle' ? tr(page, `records.subject.${type}`) : type;
}
