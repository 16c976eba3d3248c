import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Http2ServerRequest, Http2ServerResponse, ServerHttp2Session } from 'node:http2';
import type { Socket } from 'node:net';

/** One accepted TCP connection, whichever protocol it speaks. */
export interface Connection {
  id: number;
  socket: Socket;
  protocol: 'http1' | 'http2';
  session?: ServerHttp2Session;
  /** In TLS mode, the TCP socket under `socket` (a TLS socket): what a reset aborts. */
  rawSocket?: Socket;
}

/**
 * One request/response pair with the same surface over HTTP/1.1 and HTTP/2, plus the
 * transport-level moves the faults need.
 */
export class Exchange {
  readonly protocol: 'http1' | 'http2';
  readonly method: string;
  readonly url: string;
  readonly headers: Record<string, string>;
  #done = false;
  /** Called with the status when the response head is written. */
  onHead: ((status: number) => void) | undefined;

  constructor(
    readonly connection: Connection,
    private readonly req: IncomingMessage | Http2ServerRequest,
    private readonly res: ServerResponse | Http2ServerResponse,
  ) {
    this.protocol = connection.protocol;
    this.method = req.method ?? 'GET';
    this.url = req.url ?? '/';
    const headers: Record<string, string> = {};
    for (const [name, value] of Object.entries(req.headers)) {
      if (value === undefined) continue;
      headers[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : value;
    }
    this.headers = headers;
    res.on('close', () => {
      this.#done = true;
    });
    req.on('error', () => {});
    res.on('error', () => {});
  }

  /** True once the response finished or the peer went away. */
  get done(): boolean {
    return this.#done || this.connection.socket.destroyed;
  }

  /** Reads the whole request body. */
  readBody(): Promise<Buffer> {
    return new Promise((resolve, reject) => {
      const chunks: Buffer[] = [];
      this.req.on('data', (chunk: Buffer) => chunks.push(chunk));
      this.req.on('end', () => resolve(Buffer.concat(chunks)));
      this.req.on('error', reject);
      this.req.on('aborted', () => reject(new Error('request aborted by the client')));
    });
  }

  /** Calls `listener` once when the response ends or the connection goes away. */
  onClose(listener: () => void): void {
    this.res.once('close', listener);
  }

  writeHead(status: number, headers: Record<string, string>): void {
    if (this.done) return;
    this.onHead?.(status);
    // HTTP/1.1: say `Connection: keep-alive` ourselves, so Node adds no `Keep-Alive: timeout=N`
    // header (Bedrock sends none).
    const keep = this.protocol === 'http1' && !/close/i.test(this.headers.connection ?? '');
    this.res.writeHead(status, keep ? { connection: 'keep-alive', ...headers } : headers);
  }

  /** Writes a chunk and resolves once it was handed to the socket (or the exchange is over). */
  write(chunk: Uint8Array): Promise<void> {
    if (this.done) return Promise.resolve();
    return new Promise((resolve) => {
      const ok = (this.res.write as (c: Uint8Array, cb: () => void) => boolean).call(
        this.res,
        chunk,
        () => resolve(),
      );
      if (!ok && this.done) resolve();
    });
  }

  end(chunk?: Uint8Array): void {
    if (this.done) return;
    if (chunk) this.res.end(chunk);
    else this.res.end();
  }

  /** Sends a complete response. */
  respond(status: number, headers: Record<string, string>, body: string | Uint8Array): void {
    const bytes = typeof body === 'string' ? Buffer.from(body) : body;
    this.writeHead(status, { ...headers, 'content-length': String(bytes.byteLength) });
    this.end(bytes);
  }

  /** Closes the TCP connection cleanly (FIN) without finishing the response. */
  cut(): void {
    this.connection.socket.end();
  }

  /** Aborts the TCP connection (RST). */
  reset(): void {
    (this.connection.rawSocket ?? this.connection.socket).resetAndDestroy();
  }

  /** Drops the connection (HTTP/1.1 socket or HTTP/2 session) before any byte of answer. */
  drop(): void {
    if (this.connection.session) this.connection.session.destroy();
    this.connection.socket.destroy();
    this.connection.rawSocket?.destroy();
  }
}
