import { randomUUID } from 'node:crypto';
import type { MiddlewareHandler } from 'hono';
import { routePath } from 'hono/route';
import type { AppEnv } from './context.ts';

type Level = 'info' | 'warn' | 'error';

/** Structured logging: one JSON object per line. */
export interface Logger {
  log(level: Level, msg: string, fields?: Record<string, unknown>): void;
}

/** A logger writing JSON lines to a sink (stdout by default). */
export function jsonLogger(write: (line: string) => void = (l) => process.stdout.write(l)): Logger {
  return {
    log(level, msg, fields = {}) {
      write(`${JSON.stringify({ time: new Date().toISOString(), level, msg, ...fields })}\n`);
    },
  };
}

/** A logger that keeps its records, for tests. */
export function memoryLogger(): Logger & { records: Record<string, unknown>[] } {
  const records: Record<string, unknown>[] = [];
  return {
    records,
    log(level, msg, fields = {}) {
      records.push({ level, msg, ...fields });
    },
  };
}

const GOOD_ID = /^[\w.:-]{1,128}$/;

/**
 * Gives every request an id (the caller's `X-Request-Id` when it is sane) and logs one line when
 * it ends: method, route, status, duration, and the standard when the route named one.
 */
export function requestLog(logger: Logger): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const started = performance.now();
    const given = c.req.header('x-request-id');
    const requestId = given && GOOD_ID.test(given) ? given : randomUUID();
    c.set('requestId', requestId);
    await next();
    c.header('X-Request-Id', requestId);
    const route = routePath(c, -1);
    const standard = c.get('standard');
    const status = c.res.status;
    logger.log(status === 500 ? 'error' : status > 500 ? 'warn' : 'info', 'request', {
      requestId,
      method: c.req.method,
      route: route === '*' || route === '/*' || route === '' ? null : route,
      path: c.req.path,
      status,
      durationMs: Math.round((performance.now() - started) * 100) / 100,
      ...(standard ? { standard: standard.id, version: standard.version ?? null } : {}),
    });
  };
}
