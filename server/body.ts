import type { Context, MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import type { NormaError } from '../engine/index.ts';
import { type AppEnv, incomingOf } from './context.ts';
import { MAX_BODY_DEPTH, tooDeepAt } from './depth.ts';
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
  return async (c, next) => unsupportedType(c, accepted) ?? unsupportedCharset(c) ?? limit(c, next);
}

/** The 415 answer when the Content-Type names a charset other than UTF-8, else undefined. */
function unsupportedCharset(c: Context<AppEnv>): Response | undefined {
  const charset = /;\s*charset\s*=\s*"?([^";\s]*)/i
    .exec(c.req.header('content-type') ?? '')?.[1]
    ?.toLowerCase();
  if (charset === undefined || charset === 'utf-8' || charset === 'utf8') return undefined;
  return errorResponse(
    c,
    httpError('charset_unsupported', `a body in charset \`${charset}\` is not accepted: bodies are UTF-8`, [
      {
        code: 'charset_unsupported',
        message: 'the only charset read is utf-8',
        severity: 'error',
        hint: 'encode the body as UTF-8 and send `charset=utf-8`, or no charset',
      },
    ]),
  );
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

/** Reads the body as JSON: UTF-8, nested at most `MAX_BODY_DEPTH` deep, else a coded error. */
export async function readJson(c: Context<AppEnv>): Promise<unknown> {
  const text = await readText(c);
  checkDepth(text);
  try {
    return JSON.parse(text);
  } catch (e) {
    throw httpError('body_malformed', `the body is not valid JSON: ${(e as Error).message}`);
  }
}

/** Throws `body_too_deep` (422) when a JSON text (or JSON Lines) nests deeper than `MAX_BODY_DEPTH`. */
export function checkDepth(text: string): void {
  const deep = tooDeepAt(text);
  if (deep >= 0) {
    throw httpError(
      'body_too_deep',
      `the body nests objects and arrays deeper than ${MAX_BODY_DEPTH} levels`,
      [
        {
          code: 'body_too_deep',
          message: `level ${MAX_BODY_DEPTH + 1} starts at offset ${deep}`,
          severity: 'error',
          hint: `no request needs more than ${MAX_BODY_DEPTH} levels: send flatter facts`,
        },
      ],
    );
  }
}

/**
 * Reads the body as UTF-8 text, without a leading byte-order mark; bytes that are not UTF-8 are
 * `body_not_utf8` (400), never replaced by U+FFFD.
 */
export async function readText(c: Context<AppEnv>): Promise<string> {
  const bytes = (await readDeclaredBody(c)) ?? new Uint8Array(await c.req.arrayBuffer());
  try {
    return utf8.decode(bytes);
  } catch {
    throw httpError('body_not_utf8', 'the body is not valid UTF-8', [
      {
        code: 'body_not_utf8',
        message: `byte ${firstBadByte(bytes)} does not continue a UTF-8 character`,
        severity: 'error',
        hint: 'send the body encoded as UTF-8',
      },
    ]);
  }
}

// Fatal: a byte that is not UTF-8 is an error, not U+FFFD. The byte-order mark is dropped.
const utf8 = new TextDecoder('utf-8', { fatal: true });

/** The offset of the first byte where `bytes` stops being UTF-8 (found only once it is known bad). */
function firstBadByte(bytes: Uint8Array): number {
  let lo = 0;
  let hi = bytes.length;
  // The longest valid prefix, to within one character: halve the window until it is found.
  while (hi - lo > 4) {
    const mid = (lo + hi) >>> 1;
    if (validPrefix(bytes, mid)) lo = mid;
    else hi = mid;
  }
  for (let end = hi; end > lo; end--) if (validPrefix(bytes, end)) return end;
  return lo;
}

const streaming = new TextDecoder('utf-8', { fatal: true });

function validPrefix(bytes: Uint8Array, end: number): boolean {
  try {
    // Streaming mode: a character cut at `end` is not an error, only a bad byte before it is.
    streaming.decode(bytes.subarray(0, end), { stream: true });
    streaming.decode();
    return true;
  } catch {
    return false;
  }
}

/**
 * On Node, a body with a declared length (already checked against the limit by `limitBody`) is
 * read straight from the IncomingMessage: going through `c.req.text()` builds a Web `Request` and
 * a stream reader, several times the cost of the evaluation itself. Streamed bodies, and requests
 * not served by Node, return undefined and take the standard path, which enforces the limit. A
 * client that hangs up before the end rejects it (see `clientGone`).
 */
function readDeclaredBody(c: Context<AppEnv>): Promise<Uint8Array> | undefined {
  const incoming = incomingOf(c);
  if (incoming === undefined || declaredLength(c) === undefined || incoming.readableEnded) return undefined;
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
    incoming.once('end', () => resolve(chunks.length === 1 ? (chunks[0] as Buffer) : Buffer.concat(chunks)));
    incoming.once('error', reject);
    incoming.once('close', () => {
      if (!incoming.complete)
        reject(new Error('the client closed the connection before the end of the body'));
    });
  });
}
