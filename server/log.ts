import { randomUUID } from 'node:crypto';
import type { Context, MiddlewareHandler } from 'hono';
import { routePath } from 'hono/route';
import type { AppEnv } from './context.ts';

type Level = 'info' | 'warn' | 'error';

/** Structured logging: one JSON object per line. */
export interface Logger {
  log(level: Level, msg: string, fields?: Record<string, unknown>): void;
}

/**
 * A sink that gathers the lines written during one turn of the event loop and hands them to
 * `write` as one string when the turn ends: one system call per tick under load instead of one per
 * request (a write per line cost 15–28 µs per request). Lines keep their order; `flush` writes what
 * is pending at once (at exit, and for tests).
 */
export function bufferedLines(
  write: (text: string) => void,
  schedule: (flush: () => void) => void = setImmediate,
): { write: (line: string) => void; flush: () => void } {
  let pending: string[] = [];
  let scheduled = false;
  const flush = () => {
    scheduled = false;
    if (pending.length === 0) return;
    const text = pending.length === 1 ? (pending[0] as string) : pending.join('');
    pending = [];
    write(text);
  };
  return {
    write(line) {
      pending.push(line);
      if (!scheduled) {
        scheduled = true;
        schedule(flush);
      }
    },
    flush,
  };
}

/** Standard output, buffered by tick; what is pending is written when the process exits. */
function stdoutSink(): (line: string) => void {
  const sink = bufferedLines((text) => process.stdout.write(text));
  // Writes to a file or a pipe are synchronous on Linux, so an exit does not lose the last lines.
  process.once('exit', sink.flush);
  return sink.write;
}

/** A logger writing JSON lines to a sink (standard output, buffered by tick, by default). */
export function jsonLogger(write: (line: string) => void = stdoutSink()): Logger {
  return {
    log(level, msg, fields) {
      // The fields are serialised as they are and appended: no merged copy per line. A field named
      // like a leading key comes later in the line, so it wins on parsing, as a spread would.
      const head = `{"time":"${new Date().toISOString()}","level":"${level}","msg":${JSON.stringify(msg)}`;
      const rest = fields === undefined ? '{}' : JSON.stringify(fields, clipStrings);
      write(escapeSeparators(`${head}${rest === '{}' ? '}' : `,${rest.slice(1)}`}\n`));
    },
  };
}

/** The longest string a log field keeps (a path or a message built from a request), in characters. */
export const MAX_LOG_STRING = 2000;

/** A JSON.stringify replacer: strings longer than `MAX_LOG_STRING` are cut, saying so. */
function clipStrings(_key: string, value: unknown): unknown {
  if (typeof value !== 'string' || value.length <= MAX_LOG_STRING) return value;
  return `${value.slice(0, MAX_LOG_STRING)}… (${value.length - MAX_LOG_STRING} more characters)`;
}

// JSON.stringify escapes C0 controls, quotes and backslashes, but leaves DEL, the C1 controls
// (NEL among them) and U+2028/U+2029 raw; log readers and terminals may take them as line
// breaks or commands. They only occur inside strings here, where `\uXXXX` means the same.
const UNSAFE = /[\u007f-\u009f\u2028\u2029]/g;

/** A JSON line with every character a reader could take for a line break or a control escaped. */
function escapeSeparators(line: string): string {
  return line.replace(UNSAFE, (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`);
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
 * it ends: method, route, status, duration, the standard when the route named one, the caller's
 * token name, and the decision recorded.
 */
export function requestLog(logger: Logger): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const started = performance.now();
    const given = c.req.header('x-request-id');
    const requestId = given && GOOD_ID.test(given) ? given : randomUUID();
    c.set('requestId', requestId);
    // Set before the response exists: set after, Hono would rebuild the finished response (on
    // Node, a full Web Response with a stream body) just to add one header.
    c.header('X-Request-Id', requestId);
    await next();
    const status = c.res.status;
    const fields: Record<string, unknown> = {
      requestId,
      method: c.req.method,
      route: routeOf(c),
      path: c.req.path,
      status,
      durationMs: Math.round((performance.now() - started) * 100) / 100,
    };
    const standard = c.get('standard');
    if (standard) {
      fields.standard = standard.id;
      fields.version = standard.version ?? null;
    }
    const caller = c.get('caller')?.name;
    if (caller) fields.caller = caller;
    const decisionId = c.get('decisionId');
    if (decisionId) fields.decisionId = decisionId;
    if (c.get('aborted')) {
      delete fields.status;
      logger.log(
        'info',
        'request aborted: the client closed the connection before sending the whole body',
        fields,
      );
      return;
    }
    logger.log(status === 500 ? 'error' : status > 500 ? 'warn' : 'info', 'request', fields);
  };
}

/** The route pattern that answered, or null when none did (a 404, or middleware answered). */
function routeOf(c: Context<AppEnv>): string | null {
  const route = routePath(c, -1);
  return route === '*' || route === '/*' || route === '' ? null : route;
}
