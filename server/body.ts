import type { Context, MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import type { AppEnv } from './context.ts';
import { errorResponse, httpError } from './errors.ts';

/** The media types a body may have, by what the route reads. */
export const mediaTypes = {
  json: ['application/json'],
  yaml: ['application/yaml', 'application/x-yaml', 'text/yaml', 'text/x-yaml', 'text/plain'],
} as const;

/** Answers 415 unless the body's media type is one of `accepted` (`+json` counts as JSON). */
export function requireContentType(accepted: readonly string[]): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const given = (c.req.header('content-type') ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
    const ok = accepted.includes(given) || (accepted.includes('application/json') && given.endsWith('+json'));
    if (!ok) {
      return errorResponse(
        c,
        httpError(
          'content_type_unsupported',
          given ? `a body of type \`${given}\` is not accepted here` : 'the request has no Content-Type',
          [
            {
              code: 'content_type_unsupported',
              message: `send one of: ${accepted.join(', ')}`,
              severity: 'error',
              hint: `add the header \`Content-Type: ${accepted[0]}\``,
            },
          ],
        ),
      );
    }
    await next();
  };
}

/**
 * Answers 413 for a body over `maxBytes`: at once from Content-Length, or while streaming a body
 * without one, never reading more than the limit.
 */
export function limitBody(maxBytes: number): MiddlewareHandler<AppEnv> {
  return bodyLimit({
    maxSize: maxBytes,
    onError: (c) =>
      errorResponse(
        c as Context<AppEnv>,
        httpError('body_too_large', `the body is larger than the limit of ${maxBytes} bytes`, [
          {
            code: 'body_too_large',
            message: `limit: ${maxBytes} bytes`,
            severity: 'error',
            hint: 'send less, or raise NORMA_BODY_LIMIT on the server',
          },
        ]),
      ),
  });
}

/** Reads the body as JSON; malformed JSON is `body_malformed` (400). */
export async function readJson(c: Context<AppEnv>): Promise<unknown> {
  const text = await c.req.text();
  try {
    return JSON.parse(text);
  } catch (e) {
    throw httpError('body_malformed', `the body is not valid JSON: ${(e as Error).message}`);
  }
}
