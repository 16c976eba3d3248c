import type { ErrorKind } from '@bedrock-bridge/errors';

/** The retry policy after defaults. */
export interface RetryPolicy {
  baseDelayMs: number;
  maxDelayMs: number;
}

/** A chosen sleep before the next attempt and why. */
export interface RetryDelay {
  delayMs: number;
  source: 'retry-after' | 'backoff' | 'immediate';
}

/**
 * The sleep before attempt `failedAttempt + 1`. A stale connection retries at once (the next
 * attempt runs on a fresh client); a server's `Retry-After` is honoured, capped at `maxDelayMs`;
 * anything else gets full jitter: a uniform random delay in `[0, min(maxDelayMs, base * 2^(n-1)))`.
 */
export function retryDelay(
  failedAttempt: number,
  failure: { kind: ErrorKind; retryAfterMs?: number | undefined },
  policy: RetryPolicy,
  random: () => number = Math.random,
): RetryDelay {
  if (failure.kind === 'stale_connection') return { delayMs: 0, source: 'immediate' };
  const after = failure.retryAfterMs;
  if (after !== undefined && Number.isFinite(after) && after >= 0) {
    return { delayMs: Math.round(Math.min(after, policy.maxDelayMs)), source: 'retry-after' };
  }
  const exp = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** Math.max(0, failedAttempt - 1));
  return { delayMs: Math.floor(random() * exp), source: 'backoff' };
}
