/** Where a circuit stands. */
export type CircuitState = 'closed' | 'open' | 'half-open';

/** Options of a {@link CircuitBreaker}. */
export interface CircuitBreakerOptions {
  /** Consecutive failures that open the circuit. Integer >= 1. Default `3`. */
  failureThreshold?: number;
  /** First cool-down after the circuit opens. Default `10000`. */
  cooldownMs?: number;
  /** Ceiling of the cool-down, which doubles each time a half-open probe fails. Default `120000`. */
  maxCooldownMs?: number;
  /**
   * Router only: a stream attempt waiting this long for its first event (or ten times the usual
   * first-event time, when longer) makes its upstream go last for new calls until it answers.
   * Default `250`.
   */
  suspectAfterMs?: number;
  /**
   * Failure kinds that open the circuit at once, whatever `failureThreshold` says: a first-byte
   * timeout or an unreachable endpoint means the next calls would wait as long. Default
   * `['timeout', 'unreachable']`.
   */
  openAtOnce?: readonly string[];
  /** Clock, in milliseconds. Default `Date.now` (wall clock: cool-downs may be shared). */
  now?: () => number;
}

/** The breaker's defaults. */
export const CIRCUIT_DEFAULTS = {
  failureThreshold: 3,
  cooldownMs: 10_000,
  maxCooldownMs: 120_000,
  suspectAfterMs: 250,
  openAtOnce: ['timeout', 'unreachable'],
} as const;

/**
 * A circuit breaker for one upstream. Closed: calls pass and consecutive failures are counted;
 * at the threshold it opens for a cool-down. Open: calls are refused until the cool-down ends.
 * Half-open: one probe call passes at a time; its success closes the circuit, its failure opens
 * it again for twice as long (up to `maxCooldownMs`).
 */
export class CircuitBreaker {
  readonly #threshold: number;
  readonly #baseCooldownMs: number;
  readonly #maxCooldownMs: number;
  readonly #now: () => number;
  readonly #openAtOnce: ReadonlySet<string>;
  #failures = 0;
  #openUntil = 0;
  #cooldownMs: number;
  #opened = false;
  #probing = false;

  constructor(options: CircuitBreakerOptions = {}) {
    this.#threshold = options.failureThreshold ?? CIRCUIT_DEFAULTS.failureThreshold;
    this.#baseCooldownMs = options.cooldownMs ?? CIRCUIT_DEFAULTS.cooldownMs;
    this.#maxCooldownMs = Math.max(
      this.#baseCooldownMs,
      options.maxCooldownMs ?? CIRCUIT_DEFAULTS.maxCooldownMs,
    );
    this.#cooldownMs = this.#baseCooldownMs;
    this.#now = options.now ?? Date.now;
    this.#openAtOnce = new Set(options.openAtOnce ?? CIRCUIT_DEFAULTS.openAtOnce);
  }

  /** The state now (an open circuit whose cool-down has ended reads as half-open). */
  get state(): CircuitState {
    if (!this.#opened) return 'closed';
    return this.#now() >= this.#openUntil ? 'half-open' : 'open';
  }

  /** When the current cool-down ends (epoch ms); 0 when closed. */
  get openUntil(): number {
    return this.#opened ? this.#openUntil : 0;
  }

  /** Whether a call may go now, without taking the half-open probe slot. */
  get available(): boolean {
    const state = this.state;
    return state === 'closed' || (state === 'half-open' && !this.#probing);
  }

  /**
   * Takes permission for one call: `true` when closed, or when half-open and no probe is out
   * (this call becomes the probe). The caller then reports `success`, `failure` or `release`.
   */
  acquire(): boolean {
    const state = this.state;
    if (state === 'closed') return true;
    if (state === 'open' || this.#probing) return false;
    this.#probing = true;
    return true;
  }

  /**
   * The upstream answered: the count restarts, and a half-open probe closes the circuit. Only a
   * probe closes an open circuit: a call let through before it opened (or before a cool-down
   * learned from another process) says nothing about the upstream now.
   */
  success(): void {
    this.#failures = 0;
    if (this.#opened && !this.#probing) return;
    this.#opened = false;
    this.#probing = false;
    this.#cooldownMs = this.#baseCooldownMs;
  }

  /**
   * The upstream failed in a way that says it is unhealthy. Returns the cool-down started, in
   * milliseconds, when this failure opened (or re-opened) the circuit, else `undefined`.
   */
  failure(kind?: string): number | undefined {
    if (this.#opened) {
      const probe = this.#probing;
      this.#probing = false;
      // Failures of calls let through before the circuit opened do not extend it; a failed probe does.
      if (!probe) return undefined;
      this.#cooldownMs = Math.min(this.#maxCooldownMs, this.#cooldownMs * 2);
      return this.#open(this.#cooldownMs);
    }
    this.#failures += 1;
    const atOnce = kind !== undefined && this.#openAtOnce.has(kind);
    if (this.#failures < this.#threshold && !atOnce) return undefined;
    return this.#open(this.#cooldownMs);
  }

  /** The call ended without a verdict on the upstream (cancelled by its caller): frees the probe slot. */
  release(): void {
    this.#probing = false;
  }

  /** Opens the circuit until `until` (epoch ms) when that is later than now: a cool-down learned elsewhere. */
  coolUntil(until: number): void {
    if (until <= this.#now() || (this.#opened && until <= this.#openUntil)) return;
    this.#opened = true;
    this.#openUntil = until;
  }

  #open(ms: number): number {
    this.#opened = true;
    this.#openUntil = this.#now() + ms;
    this.#failures = 0;
    return ms;
  }
}
