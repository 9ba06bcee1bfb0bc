/**
 * A minimal Language Server Protocol client over stdio: Content-Length framed JSON-RPC 2.0, enough
 * to drive yaml-language-server the way an editor does (requests, notifications, the server's own
 * requests answered from a handler) without depending on an editor's client library.
 */
import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process';

/** A JSON-RPC message as it travels in either direction. */
interface Message {
  jsonrpc: '2.0';
  id?: number | string;
  method?: string;
  params?: unknown;
  result?: unknown;
  error?: { code: number; message: string };
}

/** Answers a request the server sends to the client (`workspace/configuration`, …). */
export type ServerRequestHandler = (method: string, params: unknown) => unknown;

type Listener = (params: unknown) => void;

const headerEnd = Buffer.from('\r\n\r\n');

/** One language server child process and the client end of its stdio connection. */
export class LspClient {
  private readonly child: ChildProcessWithoutNullStreams;
  private buffer = Buffer.alloc(0);
  private nextId = 1;
  private readonly pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
  private readonly listeners = new Map<string, Listener[]>();
  private exited = false;
  /** What the server wrote on standard error, for a failing test's message. */
  stderr = '';

  constructor(command: string, args: string[], onServerRequest: ServerRequestHandler) {
    this.child = spawn(command, args, { stdio: ['pipe', 'pipe', 'pipe'] });
    this.child.stdout.on('data', (chunk: Buffer) => this.receive(chunk, onServerRequest));
    this.child.stderr.on('data', (chunk: Buffer) => {
      this.stderr += chunk.toString('utf8');
    });
    this.child.on('exit', () => {
      this.exited = true;
      for (const { reject } of this.pending.values()) reject(new Error(`server exited: ${this.stderr}`));
      this.pending.clear();
    });
  }

  /** Sends a request and resolves with its result, or rejects after `timeoutMs`. */
  request(method: string, params: unknown, timeoutMs = 10_000): Promise<unknown> {
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(id);
        reject(new Error(`no answer to ${method} within ${timeoutMs} ms; stderr: ${this.stderr}`));
      }, timeoutMs);
      this.pending.set(id, {
        resolve: (v) => {
          clearTimeout(timer);
          resolve(v);
        },
        reject: (e) => {
          clearTimeout(timer);
          reject(e);
        },
      });
      this.send({ jsonrpc: '2.0', id, method, params });
    });
  }

  /** Sends a notification (no answer expected). */
  notify(method: string, params: unknown): void {
    this.send({ jsonrpc: '2.0', method, params });
  }

  /** Calls `listener` with the params of every notification of `method` the server sends. */
  on(method: string, listener: Listener): void {
    this.listeners.set(method, [...(this.listeners.get(method) ?? []), listener]);
  }

  /** Ends the server: politely (shutdown, exit) if it answers quickly, else by SIGKILL. */
  async close(): Promise<void> {
    if (this.exited) return;
    const gone = new Promise<void>((resolve) => this.child.once('exit', () => resolve()));
    try {
      await this.request('shutdown', null, 2_000);
      this.notify('exit', null);
    } catch {
      // A server that does not answer shutdown is killed below.
    }
    const timer = setTimeout(() => this.child.kill('SIGKILL'), 2_000);
    await gone;
    clearTimeout(timer);
  }

  private send(message: Message): void {
    if (this.exited) return;
    const body = Buffer.from(JSON.stringify(message), 'utf8');
    this.child.stdin.write(`Content-Length: ${body.length}\r\n\r\n`);
    this.child.stdin.write(body);
  }

  /** Splits the byte stream into framed messages; a frame may arrive in pieces or several at once. */
  private receive(chunk: Buffer, onServerRequest: ServerRequestHandler): void {
    this.buffer = Buffer.concat([this.buffer, chunk]);
    for (;;) {
      const end = this.buffer.indexOf(headerEnd);
      if (end < 0) return;
      const header = this.buffer.subarray(0, end).toString('ascii');
      const length = Number(/Content-Length: *(\d+)/i.exec(header)?.[1]);
      if (!Number.isFinite(length)) throw new Error(`bad LSP header: ${header}`);
      const start = end + headerEnd.length;
      if (this.buffer.length < start + length) return;
      const message = JSON.parse(this.buffer.subarray(start, start + length).toString('utf8')) as Message;
      this.buffer = this.buffer.subarray(start + length);
      this.dispatch(message, onServerRequest);
    }
  }

  private dispatch(message: Message, onServerRequest: ServerRequestHandler): void {
    if (message.method !== undefined && message.id !== undefined) {
      // The server asks the client something; every request must be answered or the server waits.
      this.send({
        jsonrpc: '2.0',
        id: message.id,
        result: onServerRequest(message.method, message.params) ?? null,
      });
    } else if (message.method !== undefined) {
      for (const listener of this.listeners.get(message.method) ?? []) listener(message.params);
    } else if (typeof message.id === 'number') {
      const waiting = this.pending.get(message.id);
      this.pending.delete(message.id);
      if (message.error) waiting?.reject(new Error(`${message.error.code}: ${message.error.message}`));
      else waiting?.resolve(message.result);
    }
  }
}
