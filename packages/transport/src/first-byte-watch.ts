/**
 * Stream attempts of one upstream still waiting for their first event. An upstream whose oldest
 * waiting attempt is far older than first events usually take (a blackholed region) is
 * "suspect": new calls go to the others first, long before its first-byte deadline fails the
 * waiting ones and opens its circuit.
 */
export class FirstByteWatch {
  readonly #waiting = new Set<{ start: number }>();

  /** Marks an attempt as waiting; the returned function marks its first event (or its end). */
  start(now: number): () => void {
    const mark = { start: now };
    this.#waiting.add(mark);
    return () => {
      this.#waiting.delete(mark);
    };
  }

  /** Age of the oldest waiting attempt, 0 when none waits. */
  oldestAge(now: number): number {
    let oldest = now;
    for (const mark of this.#waiting) if (mark.start < oldest) oldest = mark.start;
    return now - oldest;
  }
}

/** A moving average of how long first events take, over every upstream of a router. */
export class FirstByteAverage {
  #ewma: number | undefined;

  /** Records one first event after `ms`. */
  add(ms: number): void {
    this.#ewma = this.#ewma === undefined ? ms : this.#ewma * 0.9 + ms * 0.1;
  }

  /**
   * Past this age a waiting attempt makes its upstream suspect: ten times the usual first-byte
   * time, and never under `floorMs` (before any first event: `floorMs`).
   */
  suspectAfterMs(floorMs: number): number {
    return Math.max(floorMs, 10 * (this.#ewma ?? 0));
  }
}
