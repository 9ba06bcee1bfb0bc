/** @jsxImportSource hono/jsx */
/** The standard by chapter and clause, with a search over id, title and clause. */
import { textIn } from '../lang.ts';
import type { Chapter } from '../views/standards.ts';
import { href, Layout, type PageContext, tr } from './layout.tsx';
import { label, StatusBadge } from './parts.tsx';

export function StandardsPage(props: { page: PageContext; chapters: Chapter[]; query: string }) {
  const { page, chapters } = props;
  const count = chapters.reduce((n, c) => n + c.rows.length, 0);
  return (
    <Layout page={page} title={tr(page, 'standards.title')}>
      <h1>{tr(page, 'standards.title')}</h1>
      <p>{tr(page, 'standards.intro')}</p>
      <search>
        <form class="search" method="get" action="/">
          <label for="q">{tr(page, 'standards.search')}</label>
          <input id="q" name="q" type="search" value={props.query} />
          <button type="submit">{tr(page, 'standards.searchButton')}</button>
        </form>
      </search>
      <p class="count" aria-live="polite">
        {count === 0 ? tr(page, 'standards.none') : tr(page, 'standards.count', { n: count })}
      </p>
      {chapters.map((chapter) => (
        <section aria-labelledby={`chapter-${chapter.number || 'none'}`}>
          <h2 id={`chapter-${chapter.number || 'none'}`}>
            {chapter.number
              ? tr(page, 'standards.chapter', { n: chapter.number })
              : tr(page, 'standards.noChapter')}
          </h2>
          <div class="scroll" tabindex={0}>
            <table class="standards">
              <thead>
                <tr>
                  <th scope="col">{tr(page, 'col.clause')}</th>
                  <th scope="col">{tr(page, 'col.title')}</th>
                  <th scope="col">{tr(page, 'col.kind')}</th>
                  <th scope="col">{tr(page, 'col.inForce')}</th>
                  <th scope="col">{tr(page, 'col.status')}</th>
                  <th scope="col">{tr(page, 'col.owner')}</th>
                  <th scope="col">{tr(page, 'col.warnings')}</th>
                </tr>
              </thead>
              <tbody>
                {chapter.rows.map((row) => (
                  <tr data-id={row.id}>
                    <td>{row.clause}</td>
                    <td>
                      <a href={href(`/standards/${encodeURIComponent(row.id)}`)}>
                        {textIn(page.lang, row.title)}
                      </a>
                      <div class="id">{row.id}</div>
                    </td>
                    <td>{label(page, 'kind', row.kind)}</td>
                    <td>{row.inForce ?? tr(page, 'status.none')}</td>
                    <td>
                      <StatusBadge page={page} status={row.status} />
                      {row.draft ? (
                        <div class="note">{tr(page, 'status.draftPending', { v: row.draft })}</div>
                      ) : null}
                    </td>
                    <td>{row.owner}</td>
                    <td class={row.warnings > 0 ? 'warn' : ''}>{row.warnings}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </section>
      ))}
    </Layout>
  );
}
