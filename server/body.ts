import type { Context, MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import type { NormaError } from '../engine/index.ts';
import { type AppEnv, incomingOf } from './context.ts';
import { errorResponse, httpError } from './errors.ts';

/** The media types a body may have, by what the route reads. */
export const mediaTypes = {
  json: ['application/json'],
  yaml: ['application/yaml', 'application/x-yaml', 'text/yaml', 'text/x-yaml', 'text/plain'],
} as const;

/**
 * A route's body checks as one middleware: 415 unless the media type is one of `accepted`, then
 * 413 over `maxBytes` (see `limitBody`). One middleware, not two: each costs the request a step.
 */
export function acceptBody(accepted: readonly string[], maxBytes: number): MiddlewareHandler<AppEnv> {
  const limit = limitBody(maxBytes);
  return async (c, next) => unsupportedType(c, accepted) ?? limit(c, next);
}

/** The 415 answer when the body's media type is not one of `accepted`, else undefined. */
function unsupportedType(c: Context<AppEnv>, accepted: readonly string[]): Response | undefined {
  const given = (c.req.header('content-type') ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
  const ok = accepted.includes(given) || (accepted.includes('application/json') && given.endsWith('+json'));
  if (ok) return undefined;
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

/**
 * Answers 413 for a body over `maxBytes`: at once from Content-Length, or while streaming a body
 * without one, never reading more than the limit.
 *
 * On Node the declared length is read from the IncomingMessage: Node's parser then delivers exactly
 * that many bytes, and nothing builds a Web `Request` (hono's `bodyLimit` would, by touching
 * `c.req.raw.body`: the larger part of a small request's cost). Streamed bodies, and requests not
 * served by Node (`app.request` in tests), go through `bodyLimit`, which counts while it reads.
 */
export function limitBody(maxBytes: number): MiddlewareHandler<AppEnv> {
  const tooLarge = (c: Context<AppEnv>) => errorResponse(c, bodyTooLarge(maxBytes));
  const streaming = bodyLimit({ maxSize: maxBytes, onError: (c) => tooLarge(c as Context<AppEnv>) });
  return async (c, next) => {
    const declared = declaredLength(c);
    if (declared === undefined) return streaming(c, next);
    if (declared > maxBytes) return tooLarge(c);
    await next();
  };
}

function bodyTooLarge(maxBytes: number): NormaError {
  return httpError('body_too_large', `the body is larger than the limit of ${maxBytes} bytes`, [
    {
      code: 'body_too_large',
      message: `limit: ${maxBytes} bytes`,
      severity: 'error',
      hint: 'send less, or raise NORMA_BODY_LIMIT on the server',
    },
  ]);
}

/**
 * The body length a Node request declares, when it is the whole truth: Content-Length without
 * Transfer-Encoding (with both, the body is chunked and the length is ignored).
 */
function declaredLength(c: Context<AppEnv>): number | undefined {
  const headers = incomingOf(c)?.headers;
  if (headers === undefined || headers['transfer-encoding'] !== undefined) return undefined;
  const length = headers['content-length'];
  return length === undefined ? undefined : Number(length);
}

/** Reads the body as JSON; malformed JSON is `body_malformed` (400). */
export async function readJson(c: Context<AppEnv>): Promise<unknown> {
  const text = (await readDeclaredBody(c)) ?? (await c.req.text());
  try {
    return JSON.parse(text);
  } catch (e) {
    throw httpError('body_malformed', `the body is not valid JSON: ${(e as Error).message}`);
  }
}

/**
 * On Node, a body with a declared length (already checked against the limit by `limitBody`) is
 * read straight from the IncomingMessage: going through `c.req.text()` builds a Web `Request` and
 * a stream reader, several times the cost of the evaluation itself. Streamed bodies, and requests
 * not served by Node, return undefined and take the standard path, which enforces the limit.
 */
function readDeclaredBody(c: Context<AppEnv>): Promise<string> | undefined {
  const incoming = incomingOf(c);
  if (incoming === undefined || declaredLength(c) === undefined || incoming.readableEnded) return undefined;
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
    incoming.once('end', () => {
      const text = (chunks.length === 1 ? (chunks[0] as Buffer) : Buffer.concat(chunks)).toString('utf8');
      // A byte-order mark is not JSON; the Web decoder behind `c.req.text()` drops it too.
      resolve(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
    });
    incoming.once('error', reject);
  });
}
