import { once } from 'node:events';
import type { ServerResponse } from 'node:http';
import type { OpenAIErrorBody } from './openai-error.js';

/** Headers of an OpenAI-style event stream. */
export const SSE_HEADERS = {
  'content-type': 'text/event-stream; charset=utf-8',
  'cache-control': 'no-cache',
  connection: 'keep-alive',
  'x-accel-buffering': 'no',
} as const;

/** One event exactly as OpenAI frames it: `data: <json>` and a blank line. */
export function sseEvent(payload: unknown): string {
  return `data: ${JSON.stringify(payload)}\n\n`;
}

/** The terminator OpenAI sends after the last chunk of a complete answer. */
export const SSE_DONE = 'data: [DONE]\n\n';

/** Writes with backpressure; gives up quietly when the client is gone. */
async function write(res: ServerResponse, text: string): Promise<boolean> {
  if (res.destroyed || res.writableEnded) return false;
  if (res.write(text)) return true;
  const closed = once(res, 'close').then(() => false);
  const drained = once(res, 'drain').then(() => true);
  return Promise.race([closed, drained]);
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
  toErrorBody: (err: unknown) => OpenAIErrorBody,
  isToken?: (value: T) => boolean,
): Promise<SseOutcome> {
  let chunks = 0;
  let firstTokenAt: number | undefined;
  const timing = () => (firstTokenAt === undefined ? {} : { firstTokenAt });
  const burst = burstWriter(res);
  try {
    let next = first;
    while (!next.done) {
      chunks += 1;
      burst.hold();
      const writing = write(res, sseEvent(next.value)); // hands the text over synchronously
      if (firstTokenAt === undefined && isToken?.(next.value) === true) {
        burst.flushNow();
        firstTokenAt = performance.now();
      }
      const written = await writing;
      if (!written) {
        await rest.return?.();
        const error = new Error('client disconnected');
        return { ok: false, chunks, error, clientGone: true, ...timing() };
      }
      next = await rest.next();
    }
    await write(res, SSE_DONE);
    return { ok: true, chunks, ...timing() };
  } catch (error) {
    const clientGone = res.destroyed;
    await write(res, sseEvent(toErrorBody(error)));
    return { ok: false, chunks, error, clientGone, ...timing() };
  } finally {
    burst.flushNow();
    if (!res.writableEnded) res.end();
  }
}
