/**
 * One deadline shared by every step of a long test, so that the whole test is bounded and not
 * only each step: `timeout(cap)` is the time a step may take, at most `cap` and never past the
 * deadline; it throws once the budget is spent.
 */
export interface TimeBudget {
  timeout(capMs: number): number;
  spentMs(): number;
}

export function createTimeBudget(totalMs: number, now: () => number = Date.now): TimeBudget {
  const start = now();
  return {
    timeout(capMs) {
      const left = start + totalMs - now();
      if (left <= 0) throw new Error(`the test's time budget of ${totalMs} ms is spent`);
      return Math.min(capMs, left);
    },
    spentMs: () => now() - start,
  };
}
