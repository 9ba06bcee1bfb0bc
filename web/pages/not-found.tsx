/** @jsxImportSource hono/jsx */
/** The page for a standard or version that does not exist. */
import { Layout, type PageContext, tr } from './layout.tsx';

export function NotFoundPage(props: { page: PageContext; message: string; title?: string }) {
  const title = props.title ?? tr(props.page, 'error.notFound');
  return (
    <Layout page={props.page} title={title}>
      <h1>{title}</h1>
      <p>{props.message}</p>
      <p>
        <a href="/">{tr(props.page, 'nav.standards')}</a>
      </p>
    </Layout>
  );
}
