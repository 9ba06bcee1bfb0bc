import type { Context, MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import type { DiagnosticCode, NormaError } from '../engine/index.ts';
import { type AppEnv, incomingOf } from './context.ts';
import { errorResponse, httpError } from './errors.ts';
import {
  MAX_BODY_DEPTH,
  MAX_LIST_ELEMENTS,
  MAX_MEMBER_NAMES,
  MAX_OBJECT_MEMBERS,
  type ShapeProblem,
  shapeProblem,
} from './json-shape.ts';

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
  checkJsonShape(text);
  try {
    return JSON.parse(text);
  } catch (e) {
    throw httpError('body_malformed', `the body is not valid JSON: ${(e as Error).message}`);
  }
}

const shapeMessages: Record<ShapeProblem['limit'], [DiagnosticCode, string, string]> = {
  depth: [
    'body_too_deep',
    `the body nests objects and arrays deeper than ${MAX_BODY_DEPTH} levels`,
    'send flatter facts',
  ],
  members: [
    'body_too_wide',
    `the body has an object of more than ${MAX_OBJECT_MEMBERS} members`,
    'no standard declares that many facts or items',
  ],
  elements: [
    'body_too_wide',
    `the body has a list of more than ${MAX_LIST_ELEMENTS} elements`,
    'send at most that many lines or inputs in one request',
  ],
  names: [
    'body_too_wide',
    `the body uses more than ${MAX_MEMBER_NAMES} different field names`,
    'no standard declares that many facts or items',
  ],
};

/**
 * Throws `body_too_deep` or `body_too_wide` (422) when a JSON text (or JSON Lines) nests deeper
 * than `MAX_BODY_DEPTH`, has an object of more than `MAX_OBJECT_MEMBERS` members, or uses more
 * than `MAX_MEMBER_NAMES` different names.
 */
export function checkJsonShape(text: string, lines = false): void {
  const problem = shapeProblem(text, { lines });
  if (problem === undefined) return;
  const [code, message, hint] = shapeMessages[problem.limit];
  throw httpError(code, message, [
    { code, message: `the limit is passed at offset ${problem.offset}`, severity: 'error', hint },
  ]);
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
        message: 'a byte sequence is not UTF-8 (it would read as U+FFFD)',
        severity: 'error',
        hint: 'send the body encoded as UTF-8',
      },
    ]);
  }
}

// Fatal: a byte that is not UTF-8 is an error, not U+FFFD. The byte-order mark is dropped.
const utf8 = new TextDecoder('utf-8', { fatal: true });

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
