/** Runs the tasks given to it with at most `limit` of them in flight at any time. */
export type ConcurrencyLimit = <T>(task: () => Promise<T>) => Promise<T>;

/**
 * A FIFO limiter for a handful of long subprocess-bound tasks (npm installs, `pnpm pack`):
 * vitest's own `maxConcurrency` would bound every concurrent test of the project alike,
 * while each check here wants its own bound. A task's failure is its caller's; the slot is
 * freed either way.
 */
export function concurrencyLimit(limit: number): ConcurrencyLimit {
  if (!Number.isInteger(limit) || limit < 1) {
    throw new RangeError(`concurrency limit must be a positive integer, got ${limit}`);
  }
  let running = 0;
  const waiting: Array<() => void> = [];
  const release = (): void => {
    running--;
    waiting.shift()?.();
  };
  return async (task) => {
    if (running >= limit) await new Promise<void>((resolve) => waiting.push(resolve));
    running++;
    try {
      return await task();
    } finally {
      release();
    }
  };
}
