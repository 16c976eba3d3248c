import type { ServerResponse } from 'node:http';

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
function write(
  res: ServerResponse,
  chunk: string | Uint8Array,
  writeTimeoutMs: number,
  flushHeld: () => void = () => {},
): true | 'gone' | Promise<true | 'gone' | 'stalled'> {
  if (res.destroyed || res.writableEnded) return 'gone';
  // Text is encoded by the socket's own write (no bytes made per event here).
  if (res.write(chunk)) return true;
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
export interface SseOptions {
  /** How long a write may wait for a client that reads nothing. Default 30000 ms. */
  writeTimeoutMs?: number;
  /**
   * Whether the bytes just read carry the first token: they leave at once instead of with their
   * burst. Default: never.
   */
  firstToken?: () => boolean;
  /**
   * Called the moment the client is found gone or stalled, before the stream is cancelled: the
   * place to abort the upstream call.
   */
  onClientGone?: (error: Error) => void;
}

/**
 * Responses holding a burst until the end of this turn of the event loop, released together by
 * one `setImmediate` (one per turn for every stream, not one per stream and event).
 */
const heldUntilTurnEnds: (() => void)[] = [];

function releaseHeld(): void {
  // Releases queued while releasing (none expected) wait for the next turn.
  const now = heldUntilTurnEnds.splice(0);
  for (const release of now) release();
}

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
      if (heldUntilTurnEnds.push(release) === 1) setImmediate(releaseHeld);
    },
    flushNow: release,
  };
}

/**
 * What `writeSse` reads: the handler's event text (`takeSseTextSource`), or any other source of
 * framed events with the same two methods.
 */
export interface SseChunks {
  /** The next framed event(s), or `undefined` at the end. */
  read(): Promise<string | Uint8Array | undefined>;
  /** Stops the stream (the upstream call is aborted). */
  cancel(reason: unknown): Promise<void>;
}

/** A web `ReadableStream` of framed events read as `SseChunks`; `release` unlocks it. */
function fromReadableStream(body: ReadableStream<Uint8Array>): SseChunks & { release(): void } {
  const reader = body.getReader();
  return {
    read: () => reader.read().then((next) => (next.done ? undefined : next.value)),
    cancel: (reason) => reader.cancel(reason),
    release: () => reader.releaseLock(),
  };
}

/**
 * Writes the OpenAI handler's event stream (server-sent events already framed, ending with
 * `[DONE]` or an error event: its text source, or a `Response.body`) to a Node response whose head
 * is written, with backpressure: the next event is read from the handler only when the socket
 * took the last one. A client that is gone, or that reads nothing for `writeTimeoutMs`, gets the
 * stream cancelled (which aborts the upstream call).
 *
 * Bytes that arrive together are written together (see `burstWriter`), except the first token:
 * it leaves the moment it is written, so coalescing never delays the time to first token.
 */
export async function writeSse(
  res: ServerResponse,
  body: ReadableStream<Uint8Array> | SseChunks,
  options: SseOptions = {},
): Promise<void> {
  const { writeTimeoutMs = 30_000 } = options;
  const web = 'getReader' in body ? fromReadableStream(body) : undefined;
  const source: SseChunks = web ?? (body as SseChunks);
  const burst = burstWriter(res);
  try {
    for (;;) {
      const chunk = await source.read();
      if (chunk === undefined) return;
      burst.hold();
      // hands the chunk over synchronously; waits only when the socket is full
      const writing = write(res, chunk, writeTimeoutMs, burst.flushNow);
      if (options.firstToken?.() === true) burst.flushNow();
      const written = writing === true ? writing : await writing;
      if (written !== true) {
        const error =
          written === 'stalled'
            ? new ClientStoppedReadingError(writeTimeoutMs)
            : new Error('The client closed the connection.');
        options.onClientGone?.(error);
        await source.cancel(error);
        return;
      }
    }
  } finally {
    web?.release();
    burst.flushNow();
    if (!res.writableEnded) res.end();
  }
}
