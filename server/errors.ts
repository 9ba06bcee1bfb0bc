import type { Context, ErrorHandler, NotFoundHandler } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { type Diagnostic, type DiagnosticCode, NormaError } from '../engine/index.ts';
import { boundedError } from './bounded.ts';
import { type AppEnv, clientGone } from './context.ts';
import type { Logger } from './log.ts';

/**
 * Every error code the server answers with, and its HTTP status: the one place where engine codes
 * meet HTTP. Codes not listed are the engine's input problems (an `eval_…` conflict, a kind's own
 * `…_invalid`), answered 422.
 */
export const statusOfCode: Readonly<Record<string, ContentfulStatusCode>> = {
  body_malformed: 400,
  body_not_utf8: 400,
  query_invalid: 400,
  records_cursor_invalid: 400,
  records_filter_invalid: 400,
  auth_required: 401,
  auth_forbidden: 403,
  scope_missing: 403,
  authoring_off: 403,
  route_unknown: 404,
  decision_unknown: 404,
  hold_unknown: 404,
  case_unknown: 404,
  // A step the process does not allow now (allowedStep): the case is in the wrong state for it.
  step_unknown: 409,
  step_out_of_order: 409,
  step_not_allowed: 409,
  stage_not_applicable: 409,
  evidence_unknown: 404,
  decision_source_missing: 409,
  decision_source_mismatch: 409,
  standard_unknown: 404,
  version_unknown: 404,
  draft_exists: 409,
  lock_standard_withheld: 503,
  body_too_large: 413,
  batch_too_large: 413,
  input_too_large: 413,
  content_type_unsupported: 415,
  charset_unsupported: 415,
  evidence_type_unsupported: 415,
  evidence_type_mismatch: 415,
  body_invalid: 422,
  body_too_deep: 422,
  body_too_wide: 422,
  facts_invalid: 422,
  answers_invalid: 422,
  at_invalid: 422,
  version_not_in_force: 422,
  internal: 500,
  not_implemented: 501,
  records_off: 501,
  records_unavailable: 503,
  records_unreachable: 503,
  eval_timeout: 503,
};

/** The HTTP status of an error code. */
export function statusOf(code: string): ContentfulStatusCode {
  return statusOfCode[code] ?? 422;
}

/** Answers a NormaError in docs/api.md's shape, with the status of its code, bounded in size. */
export function errorResponse(c: Context<AppEnv>, err: NormaError): Response {
  return c.json(boundedError(err), statusOf(err.code));
}

/** Shorthand for a server-side NormaError. */
export function httpError(code: DiagnosticCode, message: string, details: Diagnostic[] = []): NormaError {
  return new NormaError(code, message, details);
}

/**
 * The single error handler: NormaErrors become their status, Hono's own exceptions keep theirs,
 * and anything else is a bug: logged with its stack, answered 500 with only the request id.
 */
export function onError(logger: Logger): ErrorHandler<AppEnv> {
  return (err, c) => {
    if (clientGone(c)) {
      // Not a bug: the client closed the connection mid-body. The request log says so.
      c.set('aborted', true);
      return c.body(null, 400);
    }
    if (err instanceof NormaError) return errorResponse(c, err);
    if (err instanceof HTTPException && err.status < 500) {
      const code = err.status === 413 ? 'body_too_large' : 'body_malformed';
      return errorResponse(c, httpError(code, err.message.toLowerCase() || 'bad request'));
    }
    const requestId = c.get('requestId');
    logger.log('error', 'unhandled error', {
      requestId,
      method: c.req.method,
      path: c.req.path,
      error: String(err),
      stack: err instanceof Error ? err.stack : undefined,
    });
    return c.json(
      {
        error: {
          code: 'internal',
          message: `an unexpected error occurred; it is logged under request id ${requestId}`,
          requestId,
        },
      },
      500,
    );
  };
}

/** Unknown paths and methods: a 404 in the same error shape. */
export const notFound: NotFoundHandler<AppEnv> = (c) =>
  errorResponse(
    c,
    httpError('route_unknown', `no route ${c.req.method} \`${c.req.path}\``, [
      {
        code: 'route_unknown',
        message: 'see GET /openapi.json for every route',
        severity: 'error',
      },
    ]),
  );
