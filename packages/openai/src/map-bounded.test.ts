import { describe, expect, it } from 'vitest';
import { mapBounded } from './map-bounded.js';

const tick = () => new Promise((resolve) => setImmediate(resolve));

describe('mapBounded', () => {
  it('keeps input order and never runs more than the limit at once', async () => {
    let running = 0;
    let peak = 0;
    const out = await mapBounded([5, 1, 4, 2, 3, 0], 2, undefined, async (n) => {
      running += 1;
      peak = Math.max(peak, running);
      for (let i = 0; i < n; i++) await tick();
      running -= 1;
      return n * 10;
    });
    expect(out).toEqual([50, 10, 40, 20, 30, 0]);
    expect(peak).toBe(2);
  });

  it('the first failure aborts the calls in flight, starts no more, and is what it throws', async () => {
    const started: number[] = [];
    const aborted: number[] = [];
    const failure = new Error('call 1 failed');
    const result = mapBounded([0, 1, 2, 3, 4], 2, undefined, async (n, signal) => {
      started.push(n);
      if (n === 1) throw failure;
      await new Promise<void>((_, reject) =>
        signal.addEventListener('abort', () => {
          aborted.push(n);
          reject(new Error(`aborted ${n}`));
        }),
      );
      return n;
    });
    await expect(result).rejects.toBe(failure);
    expect(started).toEqual([0, 1]);
    expect(aborted).toEqual([0]);
  });

  it("the caller's abort reaches every call", async () => {
    const controller = new AbortController();
    const result = mapBounded([0, 1], 4, controller.signal, (_n, signal) => {
      return new Promise<number>((_, reject) =>
        signal.addEventListener('abort', () => reject(signal.reason)),
      );
    });
    controller.abort(new Error('client gone'));
    await expect(result).rejects.toThrow('client gone');
  });
});
