/**
 * An async iterable whose source `open` makes on the first `next()` and which is then read
 * directly: each event reaches the reader with one promise reaction instead of passing through an
 * async generator's `yield*` (its promises and queued turns, once per event and per layer).
 *
 * It behaves as `async function* () { try { yield* await open(); } catch (e) { throw mapError(e); } }`:
 * nothing runs before the first `next()`; a failure of `open` or of the source rejects that
 * `next()` (as `mapError` rewrites it) and ends the iteration; `return()` closes the source at once
 * (the upstream call behind it is released), or, before the first `next()`, ends it without
 * opening anything. Like a generator's, calls are not meant to overlap (a reader awaits each).
 */
export function openLazily<T>(
  open: () => Promise<AsyncIterable<T>>,
  mapError?: (err: unknown) => unknown,
): AsyncIterable<T> {
  return {
    [Symbol.asyncIterator](): AsyncIterator<T> {
      let source: AsyncIterator<T> | undefined;
      let ended = false;
      const finished: IteratorReturnResult<undefined> = { done: true, value: undefined };
      const fail = (err: unknown): never => {
        ended = true;
        throw mapError === undefined ? err : mapError(err);
      };
      // Without a mapping the source's own promise is handed on: nothing added per event.
      const read = (from: AsyncIterator<T>): Promise<IteratorResult<T>> =>
        mapError === undefined ? from.next() : from.next().then(undefined, fail);
      return {
        next(): Promise<IteratorResult<T>> {
          if (ended) return Promise.resolve(finished);
          if (source !== undefined) return read(source);
          return open().then(async (iterable) => {
            source = iterable[Symbol.asyncIterator]();
            // Closed while opening: the source is released, never read.
            if (ended) {
              await source.return?.();
              return finished;
            }
            return read(source);
          }, fail);
        },
        async return(): Promise<IteratorResult<T>> {
          if (ended) return finished;
          ended = true;
          try {
            await source?.return?.();
          } catch (err) {
            throw mapError === undefined ? err : mapError(err);
          }
          return finished;
        },
      };
    },
  };
}
