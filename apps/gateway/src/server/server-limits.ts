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
  /**
   * Requests that call Bedrock answered at once (`POST` to chat completions, Responses and
   * embeddings, streamed or not: each holds upstream sockets, one per choice of `n`, and memory
   * until its answer ends). Past it a new one is answered at once with 503 `server_busy` and
   * `Retry-After: 1`, before anything is opened upstream, instead of joining those already held. `/healthz`, `/readyz`,
   * `/metrics` and the `GET` routes are never refused.
   *
   * Why it matters beyond memory: Node (libuv 1.45 and later) accepts one new connection per turn
   * of the event loop, and a turn runs every ready callback. Past what one core relays, turns
   * last hundreds of milliseconds, so new connections wait in the kernel's accept queue (up to
   * `LISTEN_BACKLOG`) for 15 s and more, `/healthz` included, while open streams get their bytes
   * within a turn. A cap at what the core holds keeps the turns short; a refused call costs a
   * fraction of an admitted one. Default 1024. `0` = no cap. CLI `--max-in-flight`, env
   * `BEDROCK_BRIDGE_MAX_IN_FLIGHT`.
   */
  maxInFlight?: number;
  /**
   * Refuse new requests that call Bedrock (503 `server_busy`, `Retry-After: 1`, at once) while
   * the event loop was busy more than this share (0 to 1) of the last half second: a cap that
   * follows what the core actually holds instead of a count. Near 1 the loop has no idle time,
   * its turns lengthen and new connections wait (see `maxInFlight`). Default 0: off. CLI
   * `--max-loop-busy`, env `BEDROCK_BRIDGE_MAX_LOOP_BUSY`.
   */
  maxLoopBusy?: number;
}

export const SERVER_LIMIT_DEFAULTS: Required<ServerLimits> = {
  headersTimeoutMs: 30_000,
  requestTimeoutMs: 60_000,
  idleTimeoutMs: 60_000,
  keepAliveTimeoutMs: 5_000,
  writeTimeoutMs: 30_000,
  maxJsonDepth: 64,
  maxHeaderBytes: 16_384,
  maxInFlight: 1024,
  maxLoopBusy: 0,
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
