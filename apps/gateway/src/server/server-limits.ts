/**
 * What the gateway allows a client before it cuts the connection or refuses the request. Every
 * limit is also in the README's security section.
 */
export interface ServerLimits {
  /** Longest wait for a request's whole header section. Default 30000 ms. */
  headersTimeoutMs?: number;
  /**
   * Longest wait for a whole request, headers and body (a body trickled one byte at a time is
   * cut: 408). Default 60000 ms. CLI `--request-timeout`.
   */
  requestTimeoutMs?: number;
  /**
   * A connection on which nothing moves for this long is closed: a connection that never sends
   * a request, or an answer (not a stream) the client stops reading. A request waiting for
   * Bedrock is governed by the transport's deadlines instead. Default 60000 ms.
   */
  idleTimeoutMs?: number;
  /** How long an idle keep-alive connection waits for its next request. Default 5000 ms. */
  keepAliveTimeoutMs?: number;
  /**
   * A stream whose client stops reading (its socket buffers full) for this long is ended, its
   * upstream call aborted and its socket closed. Default 30000 ms.
   */
  writeTimeoutMs?: number;
  /** Deepest nesting of arrays and objects in a request body. Default 64. */
  maxJsonDepth?: number;
  /** Largest header section in bytes (431 above it). Default 16384 (Node's). */
  maxHeaderBytes?: number;
}

export const SERVER_LIMIT_DEFAULTS: Required<ServerLimits> = {
  headersTimeoutMs: 30_000,
  requestTimeoutMs: 60_000,
  idleTimeoutMs: 60_000,
  keepAliveTimeoutMs: 5_000,
  writeTimeoutMs: 30_000,
  maxJsonDepth: 64,
  maxHeaderBytes: 16_384,
};

/** The limits with defaults filled in; a header timeout never exceeds the request timeout. */
export function resolveLimits(limits: ServerLimits = {}): Required<ServerLimits> {
  const out = { ...SERVER_LIMIT_DEFAULTS };
  for (const [key, value] of Object.entries(limits) as [keyof ServerLimits, number][]) {
    if (value !== undefined) out[key] = value;
  }
  out.headersTimeoutMs = Math.min(out.headersTimeoutMs, out.requestTimeoutMs);
  return out;
}
