/** What a watched stream does around its inner stream; made at the first `next()`. */
export interface StreamWatch<T> {
  /** The inner stream, iterated once. A throw here is a failure of the stream. */
  source(): AsyncIterable<T>;
  /** Each event, before it is handed over. A throw here closes the inner stream and fails. */
  event(value: T): void;
  /** After the last event, when the inner stream ended by itself. Default: nothing. */
  end?(): void;
  /** A failure (of the inner stream, of a hook, or thrown in by the reader). Default: nothing. */
  fail?(err: unknown): void;
  /** Once, last, however the stream stopped (not when it never started). */
  close(): void;
}

const DONE: IteratorReturnResult<undefined> = { value: undefined, done: true };

/**
 * `source()`'s events as they are, with `watch`'s hooks around them, without an async generator:
 * an event costs one promise reaction on the inner `next()`. It behaves as the generator
 *
 *     const w = begin();
 *     try { for await (const v of w.source()) { w.event(v); yield v; } w.end?.(); }
 *     catch (err) { w.fail?.(err); throw err; }
 *     finally { w.close(); }
 *
 * (`watched-stream.test.ts` holds the two together): `begin` runs at the first `next()`, and a
 * throw from it ends the stream with no hook; `return()` before it starts nothing; `return()` or
 * `throw()` at an event closes the inner stream first (for `throw()` quietly); calls that
 * overlap run one after the other; the errors are the inner ones, unchanged.
 */
export function watchedStream<T>(begin: () => StreamWatch<T>): AsyncIterableIterator<T> {
  return new WatchedStream(begin);
}

class WatchedStream<T> implements AsyncIterableIterator<T> {
  #begin: (() => StreamWatch<T>) | undefined;
  #watch: StreamWatch<T> | undefined;
  #inner: AsyncIterator<T> | undefined;
  #done = false;
  /** The call under way: overlapping calls wait for it, in the order they were made. */
  #pending: Promise<unknown> | undefined;
  /** Calls waiting or running behind another one. */
  #queued = 0;

  constructor(begin: () => StreamWatch<T>) {
    this.#begin = begin;
  }

  [Symbol.asyncIterator](): this {
    return this;
  }

  next(): Promise<IteratorResult<T, undefined>> {
    if (this.#pending !== undefined) return this.#enqueue(() => this.#next());
    return this.#next();
  }

  return(value?: unknown): Promise<IteratorResult<T, undefined>> {
    return this.#enqueue(() => this.#return(value));
  }

  throw(err: unknown): Promise<IteratorResult<T, undefined>> {
    return this.#enqueue(() => this.#throw(err));
  }

  /** `op` once the call under way (if any) settled; later calls wait for it in turn. */
  #enqueue<R>(op: () => Promise<R>): Promise<R> {
    const before = this.#pending;
    this.#queued += 1;
    const p = before === undefined ? op() : settled(before).then(op);
    this.#pending = p;
    const clear = (): void => {
      this.#queued -= 1;
      if (this.#pending === p) this.#pending = undefined;
    };
    p.then(clear, clear);
    return p;
  }

  #next(): Promise<IteratorResult<T, undefined>> {
    if (this.#done) return Promise.resolve(DONE);
    let inner = this.#inner;
    if (inner === undefined) {
      // The first `next()`: the hooks, then the inner stream.
      const begin = this.#begin as () => StreamWatch<T>;
      this.#begin = undefined;
      try {
        this.#watch = begin();
      } catch (err) {
        this.#done = true;
        return Promise.reject(err);
      }
      try {
        inner = this.#watch.source()[Symbol.asyncIterator]();
      } catch (err) {
        return this.#failed(err);
      }
      this.#inner = inner;
    }
    let read: Promise<IteratorResult<T>>;
    try {
      read = inner.next();
    } catch (err) {
      return this.#failed(err);
    }
    const out = Promise.resolve(read).then(this.#onNext, this.#onFailure);
    // Alone, the read is the call under way until its event is handed over (`#onNext`).
    if (this.#queued === 0) this.#pending = out;
    return out;
  }

  readonly #onNext = (r: IteratorResult<T>): IteratorResult<T, undefined> | Promise<never> => {
    if (this.#queued === 0) this.#pending = undefined;
    if (Object(r) !== r)
      return this.#failed(new TypeError(`Iterator result ${r} is not an object`));
    if (r.done === true) {
      this.#done = true;
      try {
        this.#watch?.end?.();
      } catch (err) {
        return this.#failedEnded(err);
      }
      this.#closeWatch();
      return DONE;
    }
    const value = r.value;
    try {
      (this.#watch as StreamWatch<T>).event(value);
    } catch (err) {
      const aborting = this.#abort(err);
      // Alone, the abort is the call under way (queued, the queue's own call covers it).
      if (this.#queued === 0) {
        this.#pending = aborting;
        const clear = (): void => {
          if (this.#pending === aborting) this.#pending = undefined;
        };
        aborting.then(clear, clear);
      }
      return aborting;
    }
    return { value, done: false };
  };

  readonly #onFailure = (err: unknown): Promise<never> => {
    if (this.#queued === 0) this.#pending = undefined;
    return this.#failed(err);
  };

  /** The inner stream failed (it is not closed): `fail`, then `close`, then the error. */
  #failed(err: unknown): Promise<never> {
    this.#done = true;
    return this.#failedEnded(err);
  }

  #failedEnded(err: unknown): Promise<never> {
    try {
      this.#watch?.fail?.(err);
    } catch (failure) {
      return this.#closing(failure);
    }
    return this.#closing(err);
  }

  /** `close`, then `err` (or `close`'s own error). */
  #closing(err: unknown): Promise<never> {
    try {
      this.#closeWatch();
    } catch (closeError) {
      return Promise.reject(closeError);
    }
    return Promise.reject(err);
  }

  #closeWatch(): void {
    const watch = this.#watch;
    this.#watch = undefined;
    watch?.close();
  }

  /** A failure at an event: the inner stream closed quietly, then as `#failed`. */
  async #abort(err: unknown): Promise<never> {
    this.#done = true;
    const inner = this.#inner as AsyncIterator<T>;
    try {
      const close = inner.return;
      if (close != null) await close.call(inner);
    } catch {
      // A throw at an event wins over the inner stream's failure to close (as in `for await`).
    }
    return this.#failedEnded(err);
  }

  async #return(value: unknown): Promise<IteratorResult<T, undefined>> {
    if (this.#done || this.#inner === undefined) {
      // Not started (or over): nothing to release.
      this.#done = true;
      this.#begin = undefined;
      return { value: (await value) as undefined, done: true };
    }
    let awaited: unknown;
    try {
      awaited = await value;
    } catch (err) {
      return this.#abort(err);
    }
    this.#done = true;
    const inner = this.#inner;
    try {
      const close = inner.return;
      if (close != null) {
        const r = await close.call(inner);
        if (Object(r) !== r) throw new TypeError(`Iterator result ${r} is not an object`);
      }
    } catch (err) {
      return this.#failedEnded(err);
    }
    this.#closeWatch();
    return { value: awaited as undefined, done: true };
  }

  async #throw(err: unknown): Promise<IteratorResult<T, undefined>> {
    if (this.#done || this.#inner === undefined) {
      this.#done = true;
      this.#begin = undefined;
      throw err;
    }
    return this.#abort(err);
  }
}

/** `p` settled either way (a read under way that a later call waits for). */
function settled(p: Promise<unknown>): Promise<void> {
  return p.then(
    () => undefined,
    () => undefined,
  );
}
