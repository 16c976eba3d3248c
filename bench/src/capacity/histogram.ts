/** Percentiles of a distribution of durations, in milliseconds. */
export interface Percentiles {
  n: number;
  p50: number;
  p90: number;
  p99: number;
  max: number;
  mean: number;
}

const BUCKET_MS = 0.02;
const BUCKETS = 250_000; // 0 .. 5 s in 20 µs steps; longer samples go to the last bucket

/**
 * A fixed-resolution histogram of durations (20 µs buckets up to 5 s): millions of samples
 * (every inter-token gap of 1,000 streams) in constant memory.
 */
export class Histogram {
  private readonly counts = new Uint32Array(BUCKETS);
  private n = 0;
  private sum = 0;
  private max = 0;

  record(ms: number): void {
    const i = Math.min(BUCKETS - 1, Math.max(0, Math.floor(ms / BUCKET_MS)));
    this.counts[i] = (this.counts[i] ?? 0) + 1;
    this.n += 1;
    this.sum += ms;
    if (ms > this.max) this.max = ms;
  }

  /** The upper edge of the bucket holding quantile `q`, capped by the largest sample. */
  quantile(q: number): number {
    if (this.n === 0) return Number.NaN;
    const rank = Math.ceil(q * this.n);
    let seen = 0;
    for (let i = 0; i < BUCKETS; i += 1) {
      seen += this.counts[i] ?? 0;
      if (seen >= rank) return Math.min(this.max, (i + 1) * BUCKET_MS);
    }
    return this.max;
  }

  summary(): Percentiles {
    return {
      n: this.n,
      p50: this.quantile(0.5),
      p90: this.quantile(0.9),
      p99: this.quantile(0.99),
      max: this.n === 0 ? Number.NaN : this.max,
      mean: this.n === 0 ? Number.NaN : this.sum / this.n,
    };
  }
}
