/**
 * The Node HTTP server's guards against slow and numerous clients: header and request timeouts
 * (checked often enough to matter), an idle keep-alive timeout, and a connection cap that keeps a
 * few places for health checks, so probes still answer while slow clients hold every other place.
 */
import {
  createServer,
  type IncomingMessage,
  type RequestListener,
  type Server,
  type ServerResponse,
} from 'node:http';
import type { Socket } from 'node:net';
import type { Logger } from './log.ts';
import type { ConnectionLimits } from './options.ts';

/** Connections let in past the cap, for `/healthz` and `/readyz` only. */
export const HEALTH_RESERVE = 16;
/** How long a connection let in past the cap may take to send its request line and headers. */
export const RESERVE_HEADERS_MS = 2000;
/** The paths a connection past the cap may ask for. */
const HEALTH_PATHS = new Set(['/healthz', '/readyz']);

/** The `createServer` options that make Node enforce the timeouts. */
export function timeoutOptions(limits: ConnectionLimits) {
  return {
    headersTimeout: limits.headersTimeoutMs,
    requestTimeout: limits.requestTimeoutMs,
    // Node checks both timeouts only this often (default 30 s): a slow client would otherwise
    // keep its connection for up to 30 s past its timeout.
    connectionsCheckingInterval: Math.max(50, Math.min(1000, Math.floor(limits.headersTimeoutMs / 4))),
  };
}

/**
 * A `createServer` for @hono/node-server's `serve` that counts connections: up to
 * `maxConnections` are served normally; the next `HEALTH_RESERVE` may only ask for a health route
 * (anything else answers 503 `server_busy`), must send their headers within
 * `RESERVE_HEADERS_MS`, and are closed after one answer. A connection arriving when the reserve is
 * full too takes the place of the oldest reserve connection still silent (slow clients are the
 * ones that stay silent; a probe sends its request at once), or is dropped when none is.
 */
export function guardedServerFactory(limits: ConnectionLimits, logger: Logger): typeof createServer {
  const factory = (options: object, listener: RequestListener): Server => {
    const gate = new ConnectionGate(limits.maxConnections, logger);
    const server = createServer(options, (req, res) => {
      if (gate.admit(req, res)) listener(req, res);
    });
    server.keepAliveTimeout = limits.keepAliveTimeoutMs;
    server.on('connection', (socket: Socket) => gate.opened(socket));
    return server;
  };
  return factory as typeof createServer;
}

/** Counts the open connections and knows which were let in past the cap. */
class ConnectionGate {
  #open = 0;
  #full = false;
  /** Reserve connections that have not sent a request yet, oldest first, with their deadline. */
  readonly #silent = new Map<Socket, NodeJS.Timeout>();
  /** Reserve connections whose one request is being answered. */
  readonly #answering = new WeakSet<Socket>();

  constructor(
    readonly max: number,
    readonly logger: Logger,
  ) {}

  /** A new connection: past the cap it joins the reserve, and is cut if its request does not come soon. */
  opened(socket: Socket): void {
    this.#open++;
    socket.once('close', () => this.#closed(socket));
    if (this.#open <= this.max) return;
    this.#reportFull();
    if (this.#open > this.max + HEALTH_RESERVE) {
      const oldest = this.#silent.keys().next().value;
      if (oldest === undefined) return void socket.destroy();
      this.#forget(oldest);
      oldest.destroy();
    }
    this.#silent.set(
      socket,
      setTimeout(() => socket.destroy(), RESERVE_HEADERS_MS),
    );
  }

  /** Whether a request goes on to the app; a reserve connection asking for more is answered 503 here. */
  admit(req: IncomingMessage, res: ServerResponse): boolean {
    const socket = req.socket;
    if (!this.#silent.has(socket) && !this.#answering.has(socket)) return true;
    this.#forget(socket);
    this.#answering.add(socket);
    // One answer per reserve place: the place is free again as soon as it is sent.
    res.shouldKeepAlive = false;
    if (HEALTH_PATHS.has((req.url ?? '').split('?')[0] ?? '')) return true;
    res.writeHead(503, { 'content-type': 'application/json', 'retry-after': '1', connection: 'close' });
    res.end(this.#busyBody());
    req.resume();
    return false;
  }

  #closed(socket: Socket): void {
    this.#open--;
    this.#forget(socket);
    if (this.#full && this.#open < this.max) {
      this.#full = false;
      this.logger.log('info', 'connections back under the limit', { maxConnections: this.max });
    }
  }

  #forget(socket: Socket): void {
    clearTimeout(this.#silent.get(socket));
    this.#silent.delete(socket);
  }

  #reportFull(): void {
    if (this.#full) return;
    this.#full = true;
    this.logger.log('warn', 'connection limit reached: only health checks are answered on new connections', {
      maxConnections: this.max,
    });
  }

  #busyBody(): string {
    return JSON.stringify({
      error: {
        code: 'server_busy',
        message: `the server is at its limit of ${this.max} open connections`,
        details: [
          {
            code: 'server_busy',
            message: 'only /healthz and /readyz are answered on connections past the limit',
            severity: 'error',
            hint: 'retry shortly, or raise NORMA_MAX_CONNECTIONS on the server',
          },
        ],
      },
    });
  }
}
