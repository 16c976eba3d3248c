/**
 * An async generator over `events`, as `async function* () { for await (const e of events)
 * yield* chunksOf(e); yield* chunksOfTheEnd(); }` behaves, without a generator's promises and
 * queued turns per item: `onEvent` adds the items one event makes to `out`, `onEnd` those of the
 * end, and each `next()` costs one promise reaction on the source's own `next()` (none when the
 * items of an earlier event are waiting).
 *
 * The same outcomes as that generator: nothing is read before the first `next()`; an error of
 * the source rejects that `next()` and ends the iteration; an error of `onEvent` or `onEnd` does
 * too, after closing the source (`return()`, as `for await` does on a throw); `return()` closes
 * the source and ends the iteration; calls that overlap run one after the other.
 */
export declare function eventsToChunks<E, C>(events: AsyncIterable<E>, onEvent: (event: E, out: C[]) => void, onEnd: (out: C[]) => void): AsyncGenerator<C, void, undefined>;
