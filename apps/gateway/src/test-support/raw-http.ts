import { connect, type Socket } from 'node:net';

/** A response read off a raw socket, for requests no HTTP client would send. */
export interface RawResponse {
  status: number;
  headers: Record<string, string>;
  /** The body, de-chunked when `transfer-encoding: chunked`. */
  body: string;
  /** The server closed the connection (by the time `waitMs` ran out). */
  closed: boolean;
}

function dechunk(raw: string): string {
  let out = '';
  let rest = raw;
  for (;;) {
    const eol = rest.indexOf('\r\n');
    if (eol < 0) return out;
    const size = Number.parseInt(rest.slice(0, eol), 16);
    if (!Number.isFinite(size) || size === 0) return out;
    const start = eol + 2;
    out += Buffer.from(rest, 'latin1')
      .subarray(start, start + size)
      .toString('latin1');
    rest = rest.slice(start + size + 2);
  }
}

/** Parses what a raw socket received; `undefined` while the header section is incomplete. */
export function parseRaw(raw: string, closed: boolean): RawResponse | undefined {
  const end = raw.indexOf('\r\n\r\n');
  if (end < 0) return undefined;
  const [statusLine = '', ...lines] = raw.slice(0, end).split('\r\n');
  const headers: Record<string, string> = {};
  for (const line of lines) {
    const colon = line.indexOf(':');
    headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
  }
  const rawBody = raw.slice(end + 4);
  const body = headers['transfer-encoding'] === 'chunked' ? dechunk(rawBody) : rawBody;
  return {
    status: Number(statusLine.split(' ')[1]),
    headers,
    body: Buffer.from(body, 'latin1').toString('utf8'),
    closed,
  };
}

/**
 * Sends `request` (latin1 bytes, exactly as written) and collects what comes back until the
 * server closes the connection or `waitMs` passes. `onSocket` may keep writing (a slow body).
 */
export function rawExchange(
  url: string,
  request: string | Buffer,
  options: { waitMs?: number; onSocket?: (socket: Socket) => void } = {},
): Promise<{ raw: string; closed: boolean; socket: Socket }> {
  const { port, hostname } = new URL(url);
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), hostname);
    let raw = '';
    const timer = setTimeout(() => finish(false), options.waitMs ?? 5000);
    const finish = (closed: boolean) => {
      clearTimeout(timer);
      resolve({ raw, closed, socket });
    };
    socket.setEncoding('latin1');
    socket.on('data', (d: string) => {
      raw += d;
    });
    socket.on('close', () => finish(true));
    socket.on('error', (err: NodeJS.ErrnoException) => {
      if (err.code !== 'ECONNRESET' && err.code !== 'EPIPE') reject(err);
    });
    socket.on('connect', () => {
      socket.write(typeof request === 'string' ? Buffer.from(request, 'latin1') : request);
      options.onSocket?.(socket);
    });
  });
}

/** A whole HTTP/1.1 request with a JSON body and a correct Content-Length. */
export function jsonRequest(
  path: string,
  body: unknown,
  headers: Record<string, string> = {},
  version = '1.1',
): string {
  const text = Buffer.from(JSON.stringify(body), 'utf8').toString('latin1');
  const all: Record<string, string> = {
    host: '127.0.0.1',
    'content-type': 'application/json',
    'content-length': String(Buffer.byteLength(text, 'latin1')),
    ...headers,
  };
  const lines = Object.entries(all).map(([k, v]) => `${k}: ${v}`);
  return `POST ${path} HTTP/${version}\r\n${lines.join('\r\n')}\r\n\r\n${text}`;
}
