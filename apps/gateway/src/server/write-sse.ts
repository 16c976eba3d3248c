import type { ServerResponse } from 'node:http';
import type { OpenAIErrorBody } from './openai-error.js';

/**
 * Headers of an OpenAI-style event stream. No `Connection` header: Node answers what the client
 * asked (`Connection: close` closes the socket after the stream, HTTP/1.0 is not kept alive).
 */
export const SSE_HEADERS = {
  'content-type': 'text/event-stream; charset=utf-8',
  'cache-control': 'no-cache',
  'x-accel-buffering': 'no',
} as const;

/** One event exactly as OpenAI frames it: `data: <json>` and a blank line. */
export function sseEvent(payload: unknown): string {
  return `data: ${JSON.stringify(payload)}\n\n`;
}

/** The terminator OpenAI sends after the last chunk of a complete answer. */
export const SSE_DONE = 'data: [DONE]\n\n';

/** Thrown into the upstream side when a client stops reading for longer than the deadline. */
export class ClientStoppedReadingError extends Error {
  constructor(readonly writeTimeoutMs: number) {
    super(`The client read nothing for ${writeTimeoutMs} ms; the stream was ended.`);
    this.name = 'ClientStoppedReadingError';
  }
}

/**
 * Writes with backpressure; gives up quietly when the client is gone. A client that does not
 * drain its socket within `writeTimeoutMs` has its socket destroyed (the caller's `close`
 * listener then aborts the upstream call): an unread stream holds nothing for long.
 */
async function write(
  res: ServerResponse,
  text: string,
  writeTimeoutMs: number,
  flushHeld: () => void = () => {},
): Promise<true | 'gone' | 'stalled'> {
  if (res.destroyed || res.writableEnded) return 'gone';
  if (res.write(text)) return true;
  // A corked response answers false once the burst it holds passes its high-water mark, but its
  // 'drain' only ever follows the socket's: a socket that takes the whole burst never drains, and
  // waiting for it would hang (seen on Node 22 and 24). So send what is held, then wait only when
  // the socket itself is full.
  flushHeld();
  const socket = res.socket;
  if (socket === null || res.destroyed) return 'gone';
  if (!socket.writableNeedDrain) return true;
  return new Promise((resolve) => {
    const settle = (ok: true | 'gone' | 'stalled') => {
      clearTimeout(timer);
      res.off('drain', onDrain);
      res.off('close', onClose);
      resolve(ok);
    };
    const onDrain = () => settle(true);
    const onClose = () => settle('gone');
    const timer = setTimeout(() => {
      settle('stalled');
      res.destroy();
    }, writeTimeoutMs);
    res.once('drain', onDrain);
    res.once('close', onClose);
  });
}

/** Options of `writeSse`. */
export interface SseOptions<T> {
  /** The error event a failure part-way becomes. */
  toErrorBody: (err: unknown) => OpenAIErrorBody;
  /** Which values carry a token (the first one is flushed at once). Default: none. */
  isToken?: (value: T) => boolean;
  /** How long a write may wait for a client that reads nothing. Default 30000 ms. */
  writeTimeoutMs?: number;
  /**
   * Called the moment the client is found gone or stalled, before the source is closed: the
   * place to abort the upstream call.
   */
  onClientGone?: (error: Error) => void;
}

/** How a stream ended, for logs. */
export type SseOutcome = (
  | { ok: true; chunks: number }
  | { ok: false; chunks: number; error: unknown; clientGone: boolean }
) & {
  /** `performance.now()` when the first chunk `isToken` accepts was handed to the socket. */
  firstTokenAt?: number;
};

/**
 * Coalesces the writes of one burst: chunks produced in the same turn of the event loop (one
 * upstream read often carries many events) leave in one `writev` at its end, instead of one
 * system call and one wake-up of the client each. `flushNow` sends what is held at once.
 */
function burstWriter(res: ServerResponse) {
  let held = false;
  const release = () => {
    if (!held) return;
    held = false;
    res.uncork();
  };
  return {
    hold(): void {
      if (held || res.destroyed) return;
      held = true;
      res.cork();
      setImmediate(release);
    },
    flushNow: release,
  };
}

/**
 * Streams chunks as server-sent events. A complete stream ends with `data: [DONE]`; a stream
 * that fails part-way ends with one `data: {"error": ...}` event and no `[DONE]`, so no client
 * mistakes a broken answer for a finished one. The caller has already written the headers.
 *
 * Chunks that arrive together are written together (see `burstWriter`), except the first one
 * `isToken` accepts: it leaves the moment it is written, so coalescing never delays the time to
 * first token.
 */
export async function writeSse<T>(
  res: ServerResponse,
  first: IteratorResult<T>,
  rest: AsyncIterator<T>,
  options: SseOptions<T>,
): Promise<SseOutcome> {
  const { toErrorBody, isToken, writeTimeoutMs = 30_000 } = options;
  let chunks = 0;
  let firstTokenAt: number | undefined;
  const timing = () => (firstTokenAt === undefined ? {} : { firstTokenAt });
  const burst = burstWriter(res);
  try {
    let next = first;
    while (!next.done) {
      chunks += 1;
      burst.hold();
      // hands the text over synchronously
      const writing = write(res, sseEvent(next.value), writeTimeoutMs, burst.flushNow);
      if (firstTokenAt === undefined && isToken?.(next.value) === true) {
        burst.flushNow();
        firstTokenAt = performance.now();
      }
      const written = await writing;
      if (written !== true) {
        const error =
          written === 'stalled'
            ? new ClientStoppedReadingError(writeTimeoutMs)
            : new Error('The client closed the connection.');
        options.onClientGone?.(error);
        await rest.return?.();
        return { ok: false, chunks, error, clientGone: true, ...timing() };
      }
      next = await rest.next();
    }
    await write(res, SSE_DONE, writeTimeoutMs);
    return { ok: true, chunks, ...timing() };
  } catch (error) {
    const clientGone = res.destroyed;
    await write(res, sseEvent(toErrorBody(error)), writeTimeoutMs);
    return { ok: false, chunks, error, clientGone, ...timing() };
  } finally {
    burst.flushNow();
    if (!res.writableEnded) res.end();
  }
}
