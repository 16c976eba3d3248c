import type { Readable } from 'node:stream';
import { finished } from 'node:stream';
import type { ConverseStreamOutput } from '@aws-sdk/client-bedrock-runtime';
import { ConverseStreamDecoder } from './decode-converse-stream.js';

const DONE: IteratorReturnResult<undefined> = { done: true, value: undefined };

/** An async iterator whose pending (and every later) read can be made to fail at once. */
export interface InterruptibleIterator<T> extends AsyncIterator<T> {
  /** Fails the read under way (or else the next one) with `error`, events read or not; then ends. */
  interrupt(error: unknown): void;
}

/**
 * The events of a ConverseStream body that is a Node `Readable` (the HTTP/1.1 or HTTP/2 response
 * of the SDK's handler), as `decodeConverseStream` decodes them, read straight from the stream:
 * `read()` when the next event is asked for, `'readable'` to wait. Each event costs one promise,
 * instead of the `Readable`'s own async iterator and a generator layer on top of it.
 *
 * Same outcomes as `decodeConverseStream(body)`: the events of every complete frame in order,
 * then the first failure (a failed frame, an error of the body, a body that ended inside a frame
 * or closed before its end). Nothing is read ahead of the reader but what the `Readable` itself
 * buffers (its backpressure holds). `return()` stops reading and destroys a body not yet ended;
 * `interrupt(error)` fails the pending read at once (an attempt halted by a deadline or an abort).
 */
export function readConverseStream(body: Readable): InterruptibleIterator<ConverseStreamOutput> {
  const decoder = new ConverseStreamDecoder();
  let queue: ConverseStreamOutput[] = [];
  let head = 0;
  /** The failure to throw once the queued events are read. */
  let failure: { error: unknown } | undefined;
  let ended = false;
  let closed = false;
  let wake: (() => void) | undefined;
  const poke = (): void => {
    const w = wake;
    wake = undefined;
    w?.();
  };
  body.on('readable', poke);
  const stopWatching = finished(body, (err) => {
    if (err) failure ??= { error: err };
    else ended = true;
    poke();
  });
  const release = (): void => {
    if (closed) return;
    closed = true;
    body.off('readable', poke);
    stopWatching();
  };

  /** The next event from what was read or is buffered; `undefined` when it must wait. */
  const take = (): IteratorResult<ConverseStreamOutput> | undefined => {
    for (;;) {
      if (head < queue.length) {
        const event = queue[head] as ConverseStreamOutput;
        head += 1;
        if (head === queue.length) {
          queue = [];
          head = 0;
        }
        return { done: false, value: event };
      }
      if (failure !== undefined) {
        const { error } = failure;
        failure = undefined;
        release();
        throw error;
      }
      if (closed) return DONE;
      const chunk: unknown = body.read();
      if (chunk !== null) {
        try {
          decoder.push(chunk as Uint8Array, queue);
        } catch (err) {
          failure = { error: err };
        }
        continue;
      }
      if (!ended) return undefined;
      release();
      decoder.end();
      return DONE;
    }
  };

  // One waiting read at a time (reads do not overlap): its settlers, and one function that
  // retries it, made once rather than per read.
  let settle: ((result: IteratorResult<ConverseStreamOutput>) => void) | undefined;
  let fail: ((err: unknown) => void) | undefined;
  const retry = (): void => {
    const resolve = settle;
    const reject = fail;
    if (resolve === undefined || reject === undefined) return;
    try {
      const result = take();
      if (result === undefined) {
        wake = retry;
        return;
      }
      settle = undefined;
      fail = undefined;
      resolve(result);
    } catch (err) {
      settle = undefined;
      fail = undefined;
      reject(err);
    }
  };

  const next = (): Promise<IteratorResult<ConverseStreamOutput>> => {
    try {
      const ready = take();
      if (ready !== undefined) return Promise.resolve(ready);
    } catch (err) {
      return Promise.reject(err);
    }
    return new Promise((resolve, reject) => {
      settle = resolve;
      fail = reject;
      wake = retry;
    });
  };

  return {
    next,
    interrupt(error) {
      if (closed) return;
      queue = [];
      head = 0;
      failure = { error };
      poke();
    },
    async return() {
      const unfinished = !ended && !closed;
      release();
      queue = [];
      head = 0;
      if (unfinished) body.destroy();
      // A read still waiting ends now.
      poke();
      return DONE;
    },
  };
}
