import { performance } from 'node:perf_hooks';

/** How busy the event loop was lately; see `loopBusyMeter`. */
export interface LoopBusyMeter {
  /** The share of the last window (0 to 1) the event loop spent running callbacks. */
  readonly busy: number;
  stop(): void;
}

/**
 * Samples the event loop's utilization (Node's `performance.eventLoopUtilization`: time spent
 * running callbacks over time elapsed) every `windowMs`. A loop near 1 has no idle time left: its
 * turns lengthen, and new connections wait (Node accepts one per turn).
 */
export function loopBusyMeter(windowMs = 500): LoopBusyMeter {
  let last = performance.eventLoopUtilization();
  let busy = 0;
  const timer = setInterval(() => {
    const now = performance.eventLoopUtilization();
    busy = performance.eventLoopUtilization(now, last).utilization;
    last = now;
  }, windowMs);
  timer.unref();
  return {
    get busy() {
      return busy;
    },
    stop: () => clearInterval(timer),
  };
}
