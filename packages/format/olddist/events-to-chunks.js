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
export function eventsToChunks(events, onEvent, onEnd) {
    const finished = { done: true, value: undefined };
    let source;
    let queue = [];
    let head = 0;
    /** No more items: the events ended (and `onEnd` ran), failed, or the iteration was closed. */
    let done = false;
    /** The call under way, while a read of the source is pending (overlapping calls wait for it). */
    let pending;
    const closeSource = async () => {
        const from = source;
        source = undefined;
        await from?.return?.();
    };
    const step = () => {
        if (head < queue.length) {
            const value = queue[head];
            head += 1;
            if (head === queue.length) {
                queue = [];
                head = 0;
            }
            return { done: false, value };
        }
        if (done)
            return finished;
        source ??= events[Symbol.asyncIterator]();
        const read = source.next().then(onRead, onFailure);
        pending = read;
        return read;
    };
    const onRead = (next) => {
        pending = undefined;
        try {
            if (next.done === true) {
                done = true;
                source = undefined;
                onEnd(queue);
            }
            else {
                onEvent(next.value, queue);
            }
        }
        catch (err) {
            done = true;
            queue = [];
            head = 0;
            // As `for await` does when its body throws: the source is closed, then the error thrown
            // (the body's error, even when closing fails too).
            const thrown = () => {
                throw err;
            };
            return closeSource().then(thrown, thrown);
        }
        return step();
    };
    const onFailure = (err) => {
        pending = undefined;
        done = true;
        source = undefined;
        queue = [];
        head = 0;
        throw err;
    };
    const settled = (p) => p.then(() => undefined, () => undefined);
    const generator = {
        next() {
            if (pending !== undefined)
                return settled(pending).then(() => generator.next());
            try {
                const result = step();
                return result instanceof Promise ? result : Promise.resolve(result);
            }
            catch (err) {
                return Promise.reject(err);
            }
        },
        async return() {
            if (pending !== undefined)
                await settled(pending);
            done = true;
            queue = [];
            head = 0;
            await closeSource();
            return finished;
        },
        async throw(err) {
            if (pending !== undefined)
                await settled(pending);
            done = true;
            queue = [];
            head = 0;
            await closeSource();
            throw err;
        },
        [Symbol.asyncIterator]() {
            return generator;
        },
    };
    return generator;
}
