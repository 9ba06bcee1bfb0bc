/** @jsxImportSource hono/jsx */
/** Signing in with a token, when the server has NORMA_TOKENS: once, then a session cookie. */
import { Layout, type PageContext, tr } from './layout.tsx';

export function SignInPage(props: { page: PageContext; next: string; failed: boolean }) {
  const { page } = props;
  return (
    <Layout page={page} title={tr(page, 'signin.title')}>
      <h1>{tr(page, 'signin.title')}</h1>
      <p>{tr(page, 'signin.intro')}</p>
      {props.failed ? (
        <p class="warn" role="alert">
          {tr(page, 'signin.failed')}
        </p>
      ) : null}
      <form method="post" action="/signin" class="panel signin">
        <input type="hidden" name="next" value={props.next} />
        <div class="field">
          <label for="token">{tr(page, 'signin.token')}</label>
          <input id="token" name="token" type="password" required autocomplete="current-password" />
        </div>
        <button type="submit">{tr(page, 'signin.submit')}</button>
      </form>
    </Layout>
  );
}
