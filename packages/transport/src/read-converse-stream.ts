import type { Readable } from 'node:stream';
import { finished } from 'node:stream';
import type { ConverseStreamOutput } from '@aws-sdk/client-bedrock-runtime';
import { ConverseStreamDecoder } from './decode-converse-stream.js';

const DONE: IteratorReturnResult<undefined> = { done: true, value: undefined };

/** Decoded events that may wait for the reader before the body is paused. */
const READ_AHEAD_EVENTS = 32;

/** An async iterator whose pending (and every later) read can be made to fail at once. */
export interface InterruptibleIterator<T> extends AsyncIterator<T> {
  /** Fails the read under way (or else the next one) with `error`, events read or not; then ends. */
  interrupt(error: unknown): void;
}

/**
 * The events of a ConverseStream body that is a Node `Readable` (the HTTP/1.1 or HTTP/2 response
 * of the SDK's handler), as `decodeConverseStream` decodes them, read straight from the stream in
 * flowing mode: each chunk is decoded as its `'data'` arrives and hands its first event to the
 * waiting read at once (no `'readable'` turn, `read()` call or tick per chunk). Each event costs
 * one promise, instead of the `Readable`'s own async iterator and a generator layer on top of it.
 *
 * Same outcomes as `decodeConverseStream(body)`: the events of every complete frame in order,
 * then the first failure (a failed frame, an error of the body, a body that ended inside a frame
 * or closed before its end). Backpressure holds: the stream is paused once 32 decoded events wait
 * for the reader (nothing more is read ahead) and resumed when a read finds none. `return()` stops reading and destroys a body not yet ended; `interrupt(error)` fails the
 * pending read at once (an attempt halted by a deadline or an abort).
 */
export function readConverseStream(body: Readable): InterruptibleIterator<ConverseStreamOutput> {
  const decoder = new ConverseStreamDecoder();
  let queue: ConverseStreamOutput[] = [];
  let head = 0;
  /** The failure to throw once the queued events are read. */
  let failure: { error: unknown } | undefined;
  let ended = false;
  let closed = false;
  // One waiting read at a time (reads do not overlap): its settlers.
  let settle: ((result: IteratorResult<ConverseStreamOutput>) => void) | undefined;
  let fail: ((err: unknown) => void) | undefined;

  /** The next event from what was decoded; `undefined` when it must wait. */
  const take = (): IteratorResult<ConverseStreamOutput> | undefined => {
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
    if (!ended) return undefined;
    release();
    decoder.end();
    return DONE;
  };

  /** Settles the waiting read, if any, when it can be. */
  const wake = (): void => {
    const resolve = settle;
    const reject = fail;
    if (resolve === undefined || reject === undefined) return;
    try {
      const result = take();
      if (result === undefined) return;
      settle = undefined;
      fail = undefined;
      resolve(result);
    } catch (err) {
      settle = undefined;
      fail = undefined;
      reject(err);
    }
  };

  const onData = (chunk: Uint8Array): void => {
    // Nothing is decoded after a failure: it is what the reader gets once the events before it are read.
    if (failure !== undefined || closed) return;
    try {
      decoder.push(chunk, queue);
    } catch (err) {
      failure = { error: err };
    }
    wake();
    // Many events wait for the reader (or a failure does): read no further until they are
    // taken. A few may wait without a pause (a burst of frames in one chunk), which spares the
    // pause, then the resume and its tick, on every such burst.
    if (queue.length - head >= READ_AHEAD_EVENTS || failure !== undefined) body.pause();
  };
  body.on('data', onData);
  const stopWatching = finished(body, (err) => {
    if (err) failure ??= { error: err };
    else ended = true;
    wake();
  });
  function release(): void {
    if (closed) return;
    closed = true;
    body.off('data', onData);
    body.pause();
    stopWatching();
  }

  const next = (): Promise<IteratorResult<ConverseStreamOutput>> => {
    try {
      const ready = take();
      if (ready !== undefined) return Promise.resolve(ready);
    } catch (err) {
      return Promise.reject(err);
    }
    // Nothing decoded is waiting: let the body flow again.
    if (body.isPaused()) body.resume();
    return new Promise((resolve, reject) => {
      settle = resolve;
      fail = reject;
    });
  };

  return {
    next,
    interrupt(error) {
      if (closed) return;
      queue = [];
      head = 0;
      failure = { error };
      wake();
    },
    async return() {
      const unfinished = !ended && !closed;
      release();
      queue = [];
      head = 0;
      if (unfinished) body.destroy();
      // A read still waiting ends now.
      wake();
      return DONE;
    },
  };
}
