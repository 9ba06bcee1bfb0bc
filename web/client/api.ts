/** The HTTP API as the pages' client modules use it: the same routes as any other system. */

export interface ApiError {
  code: string;
  message: string;
  details?: { message: string; line?: number }[];
}

/** A JSON answer with its status; the body is whatever the route answers (checked by the caller). */
export async function send(
  method: string,
  path: string,
  body: string,
  type: 'application/json' | 'application/yaml',
): Promise<{ status: number; body: Record<string, unknown> }> {
  // Signed in with a session (servers with tokens): state-changing calls carry its CSRF token.
  const csrf = document.querySelector<HTMLMetaElement>('meta[name="csrf-token"]')?.content;
  const headers: Record<string, string> = { 'content-type': type, ...(csrf ? { 'x-csrf-token': csrf } : {}) };
  const res = await fetch(path, { method, headers, body, credentials: 'same-origin' });
  const parsed = (await res.json().catch(() => ({}))) as Record<string, unknown>;
  return { status: res.status, body: parsed };
}

/** Uploads a file as the request body, with its own media type (and the session's CSRF token). */
export async function upload(
  path: string,
  file: Blob,
): Promise<{ status: number; body: Record<string, unknown> }> {
  const csrf = document.querySelector<HTMLMetaElement>('meta[name="csrf-token"]')?.content;
  const headers: Record<string, string> = {
    'content-type': file.type,
    ...(csrf ? { 'x-csrf-token': csrf } : {}),
  };
  const res = await fetch(path, { method: 'POST', headers, body: file, credentials: 'same-origin' });
  const parsed = (await res.json().catch(() => ({}))) as Record<string, unknown>;
  return { status: res.status, body: parsed };
}

/** The error of an answer, if it is one. */
export function errorOf(body: Record<string, unknown>): ApiError | undefined {
  const e = body.error as ApiError | undefined;
  return e && typeof e.code === 'string' ? e : undefined;
}

/** The data a page embeds for its module. */
export function pageData<T>(): T {
  const el = document.getElementById('page-data');
  return JSON.parse(el?.textContent ?? '{}') as T;
}

/** A message from the page's catalogue with `{name}` placeholders filled. */
export function say(
  messages: Record<string, string>,
  key: string,
  vars: Record<string, string | number> = {},
): string {
  return (messages[key] ?? key).replace(/\{(\w+)\}/g, (whole, name: string) =>
    name in vars ? String(vars[name]) : whole,
  );
}

/** Replaces an element's content with text lines (never HTML from a response). */
export function showLines(el: Element | null, lines: { text: string; cls?: string }[]): void {
  if (!el) return;
  el.replaceChildren(
    ...lines.map((l) => {
      const p = document.createElement('p');
      p.textContent = l.text;
      if (l.cls) p.className = l.cls;
      return p;
    }),
  );
}
