import type { IncomingMessage } from 'node:http';
import type { Context } from 'hono';
import type { StandardsIndex } from '../engine/index.ts';
import type { RecordsService } from '../records/service.ts';
import type { StandardsHolder } from './holder.ts';
import type { Logger } from './log.ts';
import type { ServerOptions } from './options.ts';
import type { Caller } from './scopes.ts';

/** What every route may use: the served index, the options and the logger. */
export interface ServerContext {
  holder: StandardsHolder;
  options: ServerOptions;
  logger: Logger;
  /** Decision records; absent with `NORMA_RECORDS=off`. */
  records?: RecordsService;
}

/** Hono's per-request variables. */
export interface AppEnv {
  Variables: {
    requestId: string;
    /** Who is calling `/v1/`: a token's name and scopes, or the open caller. */
    caller?: Caller;
    /** The index this request started on: a reload during the request does not change it. */
    index: StandardsIndex;
    /** The standard the request is about, for the request log. */
    standard?: { id: string; version?: string };
    /** Set when the client hung up before its request was read: logged as such, never a 500. */
    aborted?: boolean;
  };
}

/** What @hono/node-server passes as `c.env`: the Node request behind the Web one. */
interface NodeBindings {
  incoming?: IncomingMessage;
}

/**
 * The Node request under @hono/node-server, or undefined elsewhere (`app.request` in tests). Its
 * headers are a plain object: reading them builds nothing.
 */
export function incomingOf(c: Context): IncomingMessage | undefined {
  return (c.env as NodeBindings | undefined)?.incoming;
}

/** Whether the client hung up before its whole request arrived: no answer can reach it. */
export function clientGone(c: Context): boolean {
  const incoming = incomingOf(c);
  return (
    incoming !== undefined &&
    !incoming.complete &&
    (incoming.destroyed || incoming.socket?.destroyed === true)
  );
}
