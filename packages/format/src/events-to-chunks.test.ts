import { describe, expect, it } from 'vitest';
import { eventsToChunks } from './events-to-chunks.js';

/*
 * eventsToChunks must behave as the async generator it replaces; each case runs both and
 * compares what a reader sees and what happened to the source.
 */

/** A source of numbers that records reads and closing; throws at `failAt`. */
function source(count: number, failAt?: number, returnFails = false) {
  const log: string[] = [];
  const iterable: AsyncIterable<number> = {
    [Symbol.asyncIterator]() {
      log.push('open');
      let i = 0;
      return {
        async next() {
          if (i === failAt) throw new Error(`source failed at ${i}`);
          if (i >= count) return { done: true, value: undefined };
          log.push(`read ${i}`);
          i += 1;
          return { done: false, value: i - 1 };
        },
        async return() {
          log.push('return');
          if (returnFails) throw new Error('closing the source failed');
          return { done: true, value: undefined };
        },
      };
    },
  };
  return { iterable, log };
}

/** Event n makes n % 3 chunks (none for 0, 3, ...); event `throwAt` throws; the end adds 'end'. */
const onEvent =
  (throwAt?: number) =>
  (n: number, out: string[]): void => {
    if (n === throwAt) throw new Error(`bad event ${n}`);
    for (let k = 0; k < n % 3; k++) out.push(`${n}.${k}`);
  };
const onEnd = (out: string[]): void => {
  out.push('end');
};

/** The async generator eventsToChunks stands for. */
async function* reference(
  events: AsyncIterable<number>,
  each: (n: number, out: string[]) => void,
): AsyncGenerator<string, void, undefined> {
  for await (const n of events) {
    const out: string[] = [];
    each(n, out);
    yield* out;
  }
  const out: string[] = [];
  onEnd(out);
  yield* out;
}

/** Reads `take` items (all when undefined), then returns; what the reader saw, in order. */
async function read(gen: AsyncGenerator<string, void, undefined>, take?: number) {
  const seen: string[] = [];
  try {
    for (let n = 0; take === undefined || n < take; n++) {
      const next = await gen.next();
      if (next.done === true) break;
      seen.push(next.value);
    }
    if (take !== undefined) await gen.return();
    seen.push(`after: ${JSON.stringify(await gen.next())}`);
  } catch (err) {
    seen.push(`error: ${(err as Error).message}`);
    seen.push(`after: ${JSON.stringify(await gen.next())}`);
  }
  return seen;
}

async function both(
  count: number,
  options: { failAt?: number; throwAt?: number; take?: number; returnFails?: boolean },
) {
  const a = source(count, options.failAt, options.returnFails);
  const b = source(count, options.failAt, options.returnFails);
  const ours = await read(
    eventsToChunks(a.iterable, onEvent(options.throwAt), onEnd),
    options.take,
  );
  const theirs = await read(reference(b.iterable, onEvent(options.throwAt)), options.take);
  return { ours, theirs, oursLog: a.log, theirsLog: b.log };
}

describe('eventsToChunks (an async generator without its cost per item)', () => {
  it.each([
    ['every event and the end', { count: 8 }],
    ['an empty source', { count: 0 }],
    ['a source that fails part-way', { count: 8, failAt: 5 }],
    ['an event that throws (the source is closed)', { count: 8, throwAt: 4 }],
    [
      'an event that throws and closing the source fails (the event error wins)',
      { count: 8, throwAt: 4, returnFails: true },
    ],
    ['a reader that returns early (the source is closed)', { count: 8, take: 3 }],
    ['a reader that returns before reading', { count: 8, take: 0 }],
  ])('reads as the generator does: %s', async (_, { count, ...options }) => {
    const { ours, theirs, oursLog, theirsLog } = await both(count, options);
    expect(ours).toEqual(theirs);
    expect(oursLog).toEqual(theirsLog);
  });

  it('reads nothing before the first next()', async () => {
    const a = source(3);
    const gen = eventsToChunks(a.iterable, onEvent(), onEnd);
    expect(a.log).toEqual([]);
    expect(await gen.next()).toEqual({ done: false, value: '1.0' });
    expect(a.log).toEqual(['open', 'read 0', 'read 1']);
  });

  it('overlapping next() calls get the items in order', async () => {
    const a = source(6);
    const gen = eventsToChunks(a.iterable, onEvent(), onEnd);
    const results = await Promise.all(Array.from({ length: 8 }, () => gen.next()));
    expect(results.map((r) => (r.done === true ? 'done' : r.value))).toEqual([
      '1.0',
      '2.0',
      '2.1',
      '4.0',
      '5.0',
      '5.1',
      'end',
      'done',
    ]);
  });
});
