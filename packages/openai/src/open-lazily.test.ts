import { describe, expect, it } from 'vitest';
import { openLazily } from './open-lazily.js';

/** A source that records what was asked of it; `fail` throws at that index. */
function recordedSource(values: number[], fail?: { at: number; error: Error }) {
  const log: string[] = [];
  async function* source(): AsyncGenerator<number> {
    try {
      for (const [i, value] of values.entries()) {
        if (fail !== undefined && i === fail.at) throw fail.error;
        log.push(`yield ${value}`);
        yield value;
      }
    } finally {
      log.push('closed');
    }
  }
  return { log, source };
}

describe('openLazily', () => {
  it('opens nothing before the first next(), then hands on every event and the end', async () => {
    const { log, source } = recordedSource([1, 2, 3]);
    let opened = 0;
    const events = openLazily(async () => {
      opened += 1;
      return source();
    });
    const iterator = events[Symbol.asyncIterator]();
    expect(opened).toBe(0);
    const seen: number[] = [];
    for (;;) {
      const next = await iterator.next();
      if (next.done === true) break;
      seen.push(next.value);
    }
    expect(seen).toEqual([1, 2, 3]);
    expect(opened).toBe(1);
    expect(log).toEqual(['yield 1', 'yield 2', 'yield 3', 'closed']);
    expect(await iterator.next()).toEqual({ done: true, value: undefined });
  });

  it('maps a failure of the opening and of the source, and ends after it', async () => {
    const mapped = (err: unknown) => new Error(`mapped: ${(err as Error).message}`);
    const failingOpen = openLazily<number>(async () => {
      throw new Error('no model');
    }, mapped)[Symbol.asyncIterator]();
    await expect(failingOpen.next()).rejects.toThrow('mapped: no model');
    expect(await failingOpen.next()).toEqual({ done: true, value: undefined });

    const { source } = recordedSource([1, 2], { at: 1, error: new Error('cut') });
    const failing = openLazily(async () => source(), mapped)[Symbol.asyncIterator]();
    expect(await failing.next()).toEqual({ done: false, value: 1 });
    await expect(failing.next()).rejects.toThrow('mapped: cut');
    expect(await failing.next()).toEqual({ done: true, value: undefined });
  });

  it('return() closes the source at once, and before the first next() opens nothing', async () => {
    const { log, source } = recordedSource([1, 2, 3]);
    const iterator = openLazily(async () => source())[Symbol.asyncIterator]();
    expect(await iterator.next()).toEqual({ done: false, value: 1 });
    expect(await iterator.return?.()).toEqual({ done: true, value: undefined });
    expect(log).toEqual(['yield 1', 'closed']);
    expect(await iterator.next()).toEqual({ done: true, value: undefined });

    let opened = 0;
    const unopened = openLazily(async () => {
      opened += 1;
      return source();
    })[Symbol.asyncIterator]();
    expect(await unopened.return?.()).toEqual({ done: true, value: undefined });
    expect(await unopened.next()).toEqual({ done: true, value: undefined });
    expect(opened).toBe(0);
  });

  it('a source opened after return() was called is closed without being read', async () => {
    const { log, source } = recordedSource([1, 2]);
    let release = () => {};
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    const iterator = openLazily(async () => {
      await gate;
      return source();
    })[Symbol.asyncIterator]();
    const first = iterator.next();
    await iterator.return?.();
    release();
    expect(await first).toEqual({ done: true, value: undefined });
    // The generator never started, so nothing was yielded.
    expect(log).toEqual([]);
  });
});
