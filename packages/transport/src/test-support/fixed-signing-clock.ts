import { afterAll, beforeAll, vi } from 'vitest';

/**
 * Fixes `Date` (only `Date`: timers stay real) at `at` for the whole test file, so that two
 * clients signing the same request get the same SigV4 date and their signatures can be
 * compared. Call once at the top level of a test file.
 */
export function fixSigningClock(at = '2026-12-05T03:00:00Z'): void {
  let clock: ReturnType<typeof vi.useFakeTimers> | undefined;
  beforeAll(() => {
    clock = vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date(at));
  });
  afterAll(() => {
    clock?.useRealTimers();
  });
}
