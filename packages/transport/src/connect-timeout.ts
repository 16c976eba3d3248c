import { type AgentOptions, type ClientRequestArgs, Agent as HttpAgent } from 'node:http';
import { Agent as HttpsAgent, type AgentOptions as HttpsAgentOptions } from 'node:https';
import { isIP, connect as netConnect } from 'node:net';
import type { Duplex } from 'node:stream';
import { connect as tlsConnect } from 'node:tls';
import { deadlineError } from './own-errors.js';

/** Code of the error a socket is destroyed with when it did not connect in time. */
export const CONNECT_TIMEOUT_CODE = 'BEDROCK_BRIDGE_CONNECT_TIMEOUT';

/**
 * Destroys `socket` with a `timeout` error unless it connects (TLS included) within `ms`, and turns
 * on TCP keep-alive probes once connected.
 */
export function armSocket<S extends Duplex>(socket: S, ms: number, keepAliveMsecs: number): S {
  const s = socket as unknown as {
    connecting?: boolean;
    encrypted?: boolean;
    setKeepAlive?: (enable: boolean, delay: number) => void;
    setNoDelay?: (noDelay: boolean) => void;
  };
  s.setKeepAlive?.(true, keepAliveMsecs);
  s.setNoDelay?.(true);
  if (s.connecting === false && s.encrypted !== true) return socket;
  const timer = setTimeout(() => {
    socket.destroy(
      deadlineError(`Could not connect within connectMs=${ms} ms`, CONNECT_TIMEOUT_CODE, ms),
    );
  }, ms);
  const clear = (): void => clearTimeout(timer);
  socket.once(s.encrypted === true ? 'secureConnect' : 'connect', clear);
  socket.once('close', clear);
  return socket;
}

/** An `http.Agent` whose sockets have a connect deadline and TCP keep-alive. */
export class DeadlineHttpAgent extends HttpAgent {
  readonly #connectMs: number;
  readonly #keepAliveMsecs: number;
  constructor(options: AgentOptions & { connectMs: number; keepAliveMsecs: number }) {
    super(options);
    this.#connectMs = options.connectMs;
    this.#keepAliveMsecs = options.keepAliveMsecs;
  }
  override createConnection(
    options: ClientRequestArgs,
    callback?: (err: Error | null, stream: Duplex) => void,
  ): Duplex | null | undefined {
    const socket = super.createConnection(options, callback);
    if (socket === null || socket === undefined) return socket;
    return armSocket(socket, this.#connectMs, this.#keepAliveMsecs);
  }
}

/** An `https.Agent` whose sockets have a connect (and TLS handshake) deadline and TCP keep-alive. */
export class DeadlineHttpsAgent extends HttpsAgent {
  readonly #connectMs: number;
  readonly #keepAliveMsecs: number;
  constructor(options: HttpsAgentOptions & { connectMs: number; keepAliveMsecs: number }) {
    super(options);
    this.#connectMs = options.connectMs;
    this.#keepAliveMsecs = options.keepAliveMsecs;
  }
  override createConnection(
    options: ClientRequestArgs,
    callback?: (err: Error | null, stream: Duplex) => void,
  ): Duplex | null | undefined {
    const socket = super.createConnection(options, callback);
    if (socket === null || socket === undefined) return socket;
    return armSocket(socket, this.#connectMs, this.#keepAliveMsecs);
  }
}

/** `createConnection` for `http2.connect`: plain (h2c) or TLS with ALPN `h2`, armed as above. */
export function h2SocketFactory(
  connectMs: number,
  keepAliveMsecs: number,
): (authority: URL) => Duplex {
  return (authority: URL): Duplex => {
    const tlsOn = authority.protocol === 'https:';
    const host = authority.hostname.replace(/^\[|\]$/g, '');
    const port = Number(authority.port) || (tlsOn ? 443 : 80);
    const socket = tlsOn
      ? tlsConnect({
          host,
          port,
          ALPNProtocols: ['h2'],
          ...(isIP(host) === 0 ? { servername: host } : {}),
        })
      : netConnect({ host, port });
    return armSocket(socket, connectMs, keepAliveMsecs);
  };
}
